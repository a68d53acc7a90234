"""The naive baseline: what a typical Whoosh + jieba tutorial builds.

One Whoosh document per report, ``jieba.analyse.ChineseAnalyzer`` on title and body, one
writer in one process, facets counted by Whoosh ``groupedby`` (``FieldFacet`` with
``maptype=Count``) over the filtered results, snippets by ``hit.highlights``.

Decisions: reports are read with ``indexer.extract`` (the same clean text and metadata
nianbao indexes), so the comparison is about indexing and searching, not reading. Facet
counts are not disjunctive (a tutorial counts what the filtered search returns); the
query is parsed by ``MultifieldParser`` over title and body with Whoosh's default AND.

    python -m benchmarks.baseline_naive index OUT_DIR PATH...
    python -m benchmarks.baseline_naive search OUT_DIR QUERY
"""
import os
import sys

from whoosh import index as whoosh_index
from whoosh import sorting
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.qparser import MultifieldParser
from whoosh.query import And, Or, Term

from nianbao.indexer.extract import ExtractError, extract_paths
from nianbao.indexer.search import FACETS as ALL_FACETS

from .common import baseline_main

FACETS = [f for f in ALL_FACETS if f != "tables"]  # the tables facet needs the statistics


def make_schema():
    """Title and body with jieba's ChineseAnalyzer; one ID field per facet."""
    from jieba.analyse import ChineseAnalyzer

    analyzer = ChineseAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True), path=STORED,
        title=TEXT(analyzer=analyzer, stored=True), body=TEXT(analyzer=analyzer, stored=True),
        province=ID(stored=True), city=ID(stored=True), district=ID(stored=True),
        town=ID(stored=True), level=ID(stored=True), agency_type=ID(stored=True),
        agency=ID(stored=True), year=ID(stored=True), kind=ID(stored=True),
        section=KEYWORD(stored=True),
    )


def build(paths, index_dir):
    """Index every report under ``paths`` into a new index; return (reports, clean bytes)."""
    os.makedirs(index_dir, exist_ok=True)
    ix = whoosh_index.create_in(index_dir, make_schema())
    writer = ix.writer()
    reports = clean = 0
    for report in extract_paths(paths):
        if isinstance(report, ExtractError):
            continue
        reports += 1
        clean += len(report.text.encode("utf-8"))
        writer.add_document(
            id=str(reports), path=report.path, title=report.title or "", body=report.text,
            province=report.province or "", city=report.city or "", district=report.district or "",
            town=report.town or "", level=report.level or "", agency_type=report.agency_type or "",
            agency=report.agency or "", year=str(report.year or ""), kind=report.kind or "",
            section=" ".join(sorted({s.key for s in report.sections})),
        )
    writer.commit()
    return reports, clean


class NaiveSearch:
    """An open naive index: ``search(q, filters)`` returns top 10, snippets and facet counts."""

    def __init__(self, index_dir):
        self.ix = whoosh_index.open_dir(index_dir)
        self.searcher = self.ix.searcher()
        self.parser = MultifieldParser(["title", "body"], self.ix.schema)
        self.facets = sorting.Facets()
        for name in FACETS:
            self.facets.add_facet(name, sorting.FieldFacet(name, allow_overlap=name == "section",
                                                           maptype=sorting.Count))

    def search(self, q, filters=None):
        """Top 10 reports with up to 3 highlighted fragments each, total, facet counts."""
        query = self.parser.parse(q)
        clauses = [Or([Term(f, v) for v in values]) for f, values in (filters or {}).items()]
        results = self.searcher.search(query, limit=10, filter=And(clauses) if clauses else None,
                                       groupedby=self.facets)
        hits = [{"id": hit["id"], "title": hit["title"], "snippets": hit.highlights("body", top=3)}
                for hit in results[:10]]  # with groupedby, Whoosh keeps every hit in top_n
        facets = {name: sorted(results.groups(name).items(), key=lambda kv: -kv[1]) for name in FACETS}
        return {"total": len(results), "results": hits, "facets": facets}

    def close(self):
        """Release the searcher."""
        self.searcher.close()


def main(argv=None):
    """``index OUT PATH...`` or ``search OUT QUERY``; prints JSON."""
    baseline_main(argv if argv is not None else sys.argv[1:], build, NaiveSearch, "baseline_naive", "OUT")


if __name__ == "__main__":
    main()
