"""The search service over one index directory (see ``indexer.search`` for the contract).

- Terms are matched report-wide: each positive clause (see ``indexer.query``) gives the
  set of section documents it matches; a report matches when every positive clause
  matches one of its sections (those allowed by the ``section`` filter) and no negated
  clause matches any of its sections. So ``A B`` finds A and B in different sections.
- A report's matching sections are the section documents its positive clauses matched
  (for a ``title:`` term, every section: the title belongs to the whole report); with an
  empty query none are listed. The ``section`` facet counts exactly these.
- Matching and scoring run in numpy over arrays read from the Whoosh index once per
  generation (``indexer.matching``): bigram posting arrays give candidate sections,
  the section texts confirm them, so results equal a literal substring scan.
- Relevance: BM25F over the jieba words of the query (``indexer.matching``): a report
  scores its best matching section's body score plus a tenth of its other matching
  sections' scores, plus its title's score (boosted; more when the title contains a
  query term literally). ``sort="year"`` is newest first, then relevance. An empty
  query matches every report and sorts by year in both modes. Only the requested page
  is ordered in full (``numpy.argpartition`` for relevance).
- Facets are disjunctive; a ``section`` value's count is the number of reports the
  search would return with that value as the only section selection. Counting uses the
  arrays of ``indexer.facets`` (never Whoosh ``groupedby``).
- ``other_years``: reports with the same ``agency`` value and a different year, newest
  first (an agency's name is specific enough; place + agency type would mix bodies).
- One service object serves many threads: the per-generation arrays are shared and
  read-only (the posting cache has a lock), each thread keeps its own Whoosh searcher
  (Whoosh readers seek shared file objects). Every call reads ``store.current_generation``; when a build has published a new
  generation, the first caller reopens it while the others keep using the old one.
"""
import bisect
import json
import threading
import time

import numpy as np

from .. import analysis
from ..index import store
from ..index.schema import INDEX_FORMAT
from ..sections import TAXONOMY
from .catalog import REPORT_FACETS, SECTION_FACET, Catalog
from .matching import Matcher
from .query import parse
from .request import FACETS, SearchResponse, check_request
from .snippets import find_matches, lead_snippet, literal_pattern, make_snippets

SECTION_BONUS = 0.1


class _Generation:
    """One published index generation: its Whoosh index, arrays and per-thread searchers."""

    def __init__(self, index_dir):
        self.version = store.current_generation(index_dir)
        self.index = store.open_index(index_dir, INDEX_FORMAT)
        self._local = threading.local()
        self._searchers = []
        self._lock = threading.Lock()
        reader = self.searcher().reader()
        self.catalog = Catalog.load(reader)
        self.matcher = Matcher(reader, self.catalog)

    def searcher(self):
        """This thread's searcher (Whoosh searchers are not safe to share across threads)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self.index.searcher()
            self._local.searcher = searcher
            with self._lock:
                self._searchers.append(searcher)
        return searcher

    def close(self):
        """Close every searcher this generation opened."""
        with self._lock:
            for searcher in self._searchers:
                searcher.close()
            self._searchers.clear()


class SearchService:
    """Searches one index directory; thread-safe, follows rebuilds (see module docstring)."""

    def __init__(self, index_dir):
        self.index_dir = index_dir
        analysis.load()  # load the segmenter's dictionary now, not during the first query
        self._gen = _Generation(index_dir)
        self._reload = threading.Lock()
        self._old = []

    @property
    def report_count(self):
        """Number of reports in the live index."""
        return self._current().catalog.n_reports

    def _current(self):
        """The live generation, reopened first if a build has published a new one."""
        gen = self._gen
        if store.current_generation(self.index_dir) != gen.version and self._reload.acquire(False):
            try:
                if store.current_generation(self.index_dir) != gen.version:
                    self._old.append(gen)  # in-flight requests may still use it
                    self._gen = gen = _Generation(self.index_dir)
                    while len(self._old) > 1:
                        self._old.pop(0).close()
            except store.IndexNotFound:
                pass  # the new generation vanished mid-flip: keep serving the old one
            finally:
                self._reload.release()
        return self._gen

    def close(self):
        """Release the index files."""
        for gen in self._old + [self._gen]:
            gen.close()

    # --- search -----------------------------------------------------------------

    def search(self, request):
        """Run a SearchRequest; return a SearchResponse or raise QueryError."""
        started = time.perf_counter()
        filters = check_request(request)
        parsed = parse(request.q or "")
        gen = self._current()
        cat, searcher = gen.catalog, gen.searcher()

        # Which section docs may count, then report masks per clause.
        live = cat.live_docs()
        sec_ids = cat.section_ids(filters.get(SECTION_FACET, []))
        allowed = np.ones(len(cat.doc_report), dtype=bool)
        if SECTION_FACET in filters:
            allowed[:] = False
            allowed[live[np.isin(cat.doc_section[live], sec_ids)]] = True
        reader = searcher.reader()
        found = [_clause_docs(gen, reader, c) for c in parsed.positive]
        clause_docs = [docs for docs, _ in found] or [live]
        if not found:  # an empty query: every section matches, so the section filter still applies
            found = [(live, live[:0])]
        matched = np.ones(cat.n_reports, dtype=bool)
        for docs, edges in found:
            reports = cat.reports_of(docs[allowed[docs]])
            if SECTION_FACET not in filters:  # a boundary match selects no section
                reports |= cat.reports_of(edges)
            matched &= reports
        excluded = np.zeros(cat.n_reports, dtype=bool)
        for docs, edges in (_clause_docs(gen, reader, c) for c in parsed.negative):
            excluded |= cat.reports_of(docs) | cat.reports_of(edges)
        matched &= ~excluded
        hit_docs = np.zeros(len(cat.doc_report), dtype=bool)
        if parsed.positive:
            for docs in clause_docs:
                hit_docs[docs] = True
            hit_docs &= allowed

        masks = {f: cat.value_mask(f, filters[f]) for f in REPORT_FACETS if f in filters}
        final = matched.copy()
        for m in masks.values():
            final &= m
        facets = self._facets(cat, filters, matched, masks, clause_docs, excluded,
                              request.facet_size)

        scores = self._scores(gen, reader, parsed, final, hit_docs)
        start = (request.page - 1) * request.per_page
        page = _page(np.flatnonzero(final), scores, cat.rep_year, start, request.per_page,
                     by_year=not parsed.positive or request.sort == "year")
        pattern = literal_pattern(parsed.literals())
        results = [self._result(gen, searcher, int(o), float(scores[o]), pattern, allowed,
                                hit_docs) for o in page]
        took = round((time.perf_counter() - started) * 1000, 1)
        return SearchResponse(int(final.sum()), request.page, request.per_page, took,
                              results, facets)

    def _facets(self, cat, filters, matched, masks, clause_docs, excluded, size):
        """Disjunctive facet counts: each facet ignores its own selection."""
        facets = {}
        for facet in FACETS:
            base = matched if facet != SECTION_FACET else None
            if facet == SECTION_FACET:
                # Count (report, section) pairs matched by every clause, section filter off.
                codes = None
                for docs in clause_docs:
                    pairs = cat.pairs(docs)
                    codes = pairs if codes is None else np.intersect1d(codes, pairs,
                                                                       assume_unique=True)
                keep = ~excluded
                for m in masks.values():
                    keep = keep & m
                codes = codes[keep[codes // len(cat.section_keys)]]
                facets[facet] = cat.count_sections(codes, filters.get(facet, []), size)
                continue
            mask = base.copy()
            for other, m in masks.items():
                if other != facet:
                    mask &= m
            facets[facet] = cat.count(facet, mask, filters.get(facet, []), size)
        return facets

    def _scores(self, gen, reader, parsed, final, hit_docs):
        """Report scores of the matched reports (zeros for an empty query)."""
        if not parsed.positive or not final.any():
            return np.zeros(gen.catalog.n_reports, dtype=np.float64)
        terms = [t for c in parsed.positive for t in c.terms]
        want = hit_docs & final[np.maximum(gen.catalog.doc_report, 0)]
        return gen.matcher.scores(reader, [t.text for t in terms if not t.title],
                                  [t.text for t in terms if t.title], want, final, SECTION_BONUS)

    def _result(self, gen, searcher, ordinal, score, pattern, allowed, hit_docs):
        """One result dict: metadata, matching sections and snippets of a report."""
        cat = gen.catalog
        sections = _sections(searcher, cat.report_docs(ordinal))
        text, starts = _full_text(sections)
        spans = []
        for span in find_matches(text, None, pattern) if pattern is not None else []:
            if allowed[sections[bisect.bisect_right(starts, span[0]) - 1][0]]:
                spans.append(span)
        matching = {}
        for docnum, fields in sections:
            if hit_docs[docnum]:
                key = fields.get("section") or "other"
                matching.setdefault(key, {"key": key, "label": TAXONOMY.get(key, key)})
        snippets = make_snippets(text, spans) if spans else [lead_snippet(text)]
        result = _metadata(cat.report_ids[ordinal], sections[0][1] if sections else {})
        result.update(score=round(score, 4), sections=list(matching.values()), snippets=snippets)
        return result

    # --- one report -------------------------------------------------------------

    def report(self, report_id, q=None):
        """A report's metadata, full text, outline, matches of ``q`` and other years."""
        parsed = parse(q or "")
        gen = self._current()
        cat, searcher = gen.catalog, gen.searcher()
        ordinal = cat.report_index.get(report_id)
        if ordinal is None:
            return None
        sections = _sections(searcher, cat.report_docs(ordinal))
        first = sections[0][1]
        text, _ = _full_text(sections)
        data = _metadata(report_id, first)
        data.update(agency_type=first.get("agency_type") or None,
                    published=first.get("published"), kind=first.get("kind") or None,
                    text=text, sections=_outline(first),
                    matches=find_matches(text, parsed.literals()) if parsed.positive else [],
                    other_years=self._other_years(gen, searcher, ordinal))
        return data

    def _other_years(self, gen, searcher, ordinal):
        """The same agency's reports from other years, newest first."""
        cat = gen.catalog
        agency = cat.rep_vals["agency"][ordinal]
        if agency == 0:
            return []
        same = np.flatnonzero((cat.rep_vals["agency"] == agency)
                              & (cat.rep_year != cat.rep_year[ordinal]))
        same = same[np.lexsort((same, -cat.rep_year[same]))]
        out = []
        for other in same.tolist():
            fields = searcher.stored_fields(int(cat.report_docs(other)[0]))
            out.append({"id": cat.report_ids[other], "year": int(cat.rep_year[other]) or None,
                        "title": fields.get("title") or None})
        return out


def _page(ordinals, scores, years, start, count, by_year):
    """The ordinals of one page: by score (or year, then score) desc, then ordinal."""
    end = start + count
    if by_year:
        order = np.lexsort((ordinals, -scores[ordinals], -years[ordinals]))
        return ordinals[order[start:end]]
    if end < len(ordinals):
        # Only reports scoring at least the end-th best can be on the page.
        neg = -scores[ordinals]
        kth = np.partition(neg, end - 1)[end - 1]
        ordinals = ordinals[neg <= kth]
    order = np.lexsort((ordinals, -scores[ordinals]))
    return ordinals[order[start:end]]


def _clause_docs(gen, reader, clause):
    """(section docnums, boundary docnums) matching one clause (its terms ORed), verified."""
    found, edges = [], []
    for term in clause.terms:
        docs, edge = gen.matcher.term_docs(reader, term)
        found.append(docs)
        if len(edge):
            edges.append(edge)
    union = found[0] if len(found) == 1 else np.unique(np.concatenate(found))
    edges = np.unique(np.concatenate(edges)) if edges else np.zeros(0, dtype=np.int64)
    return union, edges


def _full_text(sections):
    """A report's text from its (docnum, fields) sections, and each section's start."""
    starts, offset = [], 0
    for _, fields in sections:
        starts.append(offset)
        offset += len(fields.get("body") or "")
    return "".join(f.get("body") or "" for _, f in sections), starts


def _sections(searcher, docnums):
    """(docnum, stored fields) of a report's sections in section order."""
    rows = [(int(d), searcher.stored_fields(int(d))) for d in docnums]
    rows.sort(key=lambda row: row[1].get("section_no") or 0)
    return rows


def _metadata(report_id, fields):
    """The metadata every result and report carries."""
    year = fields.get("year")
    return {"id": report_id, "path": fields.get("path"), "title": fields.get("title") or None,
            "agency": fields.get("agency") or None, "province": fields.get("province") or None,
            "city": fields.get("city") or None, "district": fields.get("district") or None,
            "year": int(year) if year and str(year).isdigit() else None}


def _outline(first):
    """The report's outline from ``sections_json`` (labels from the current taxonomy)."""
    raw = json.loads(first["sections_json"])
    return [{"key": k, "label": TAXONOMY.get(k, label or k), "heading": h, "start": s, "end": e}
            for k, label, h, s, e in raw]
