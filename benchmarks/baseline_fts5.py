"""The SQLite FTS5 alternative: jieba-segmented text, ``bm25()`` ranking, GROUP BY facets.

Each report's title and clean text are segmented with jieba (the same dictionary state
as plain ``jieba.cut``) and stored space-separated in an FTS5 table (``unicode61``
tokenizer, so every jieba word is one FTS5 token); metadata sits in a plain table with
the same rowid, and the report's section keys in a third.

A query does the same work as nianbao's: words separated by spaces are ANDed, each word
(and each quoted phrase) becomes an FTS5 phrase of its jieba tokens; the matches are
ranked by ``bm25(docs, 5.0, 1.0)`` (title weighed 5x); the top 10 get one ``snippet()``
each (FTS5 makes one per row: up to 32 tokens, spaces between Chinese words removed for
display; nianbao makes up to 3 per report, so it does more work here); and all seven
facets are counted disjunctively (each facet without its own filter), with GROUP BY
over a temporary table of the matching rowids.

Decisions: reports are read with ``indexer.extract`` so all engines index the same
clean text and metadata; indexing is one process with one connection, in one
transaction (the fastest way to load FTS5 from Python).

Two segmenters: plain jieba (the usual tutorial), and, the fair competitor, rjieba's
``cut_for_search`` with nianbao's domain dictionary (the segmenter nianbao itself uses,
about ten times faster than jieba); the database records which one built it, and queries
are segmented the same way.

    python -m benchmarks.baseline_fts5 index DB PATH... [--rjieba]
    python -m benchmarks.baseline_fts5 search DB QUERY
"""
import re
import sqlite3
import sys

from nianbao.indexer.extract import ExtractError, extract_paths
from nianbao.indexer.search import FACETS as ALL_FACETS

from .common import baseline_main

FACETS = [f for f in ALL_FACETS if f != "tables"]  # the tables facet needs the statistics

SCHEMA = """
CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize='unicode61');
CREATE TABLE meta (rowid INTEGER PRIMARY KEY, path TEXT, title TEXT, province TEXT, city TEXT,
                   district TEXT, town TEXT, level TEXT, agency TEXT, agency_type TEXT, year TEXT,
                   kind TEXT);
CREATE TABLE sections (rowid INTEGER, section TEXT);
"""
INDEXES = """
CREATE INDEX sections_rowid ON sections(rowid);
"""
REPORT_FACETS = [f for f in FACETS if f != "section"]
_SPACE_BETWEEN_HAN = re.compile(r"(?<=[^\x00-\x7f]) +| +(?=[^\x00-\x7f])")
_QUERY_PARTS = re.compile(r'"([^"]*)"|(\S+)')


def cutter(name):
    """The word segmentation of a segmenter name: ``jieba`` or ``rjieba``."""
    if name == "rjieba":
        from nianbao.indexer.analysis import fast_segmenter

        return fast_segmenter().cut_for_search
    import jieba

    return jieba.cut


def segment(text, cut):
    """Space-separated words, whitespace dropped."""
    return " ".join(w for w in cut(text) if w.strip())


def build(paths, db_path, segmenter="jieba"):
    """Index every report under ``paths`` into a new database; return (reports, clean bytes)."""
    cut = cutter(segmenter)
    con = sqlite3.connect(db_path)
    con.executescript(SCHEMA)
    con.execute("CREATE TABLE info (segmenter TEXT)")
    con.execute("INSERT INTO info VALUES (?)", (segmenter,))
    reports = clean = 0
    with con:
        for report in extract_paths(paths):
            if isinstance(report, ExtractError):
                continue
            reports += 1
            clean += len(report.text.encode("utf-8"))
            con.execute("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)",
                        (reports, segment(report.title or "", cut), segment(report.text, cut)))
            con.execute("INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (reports, report.path, report.title, report.province, report.city,
                         report.district, report.town, report.level, report.agency,
                         report.agency_type, str(report.year or ""), report.kind))
            con.executemany("INSERT INTO sections VALUES (?, ?)",
                            [(reports, key) for key in sorted({s.key for s in report.sections})])
    con.executescript(INDEXES)
    con.close()
    return reports, clean


def fts_query(q, cut):
    """FTS5 MATCH expression: each word or quoted phrase a phrase of its tokens, ANDed."""
    phrases = []
    for quoted, word in _QUERY_PARTS.findall(q):
        tokens = [t for t in cut(quoted or word) if t.strip()]
        if tokens:
            phrases.append('"' + " ".join(t.replace('"', '""') for t in tokens) + '"')
    return " AND ".join(phrases)


class Fts5Search:
    """An open FTS5 database: ``search(q, filters)`` like the other engines."""

    def __init__(self, db_path):
        self.con = sqlite3.connect(db_path, check_same_thread=False)
        self.cut = cutter(self.con.execute("SELECT segmenter FROM info").fetchone()[0])

    def _where(self, filters, skip=None):
        sql, args = [], []
        for facet, values in filters.items():
            if facet == skip or not values:
                continue
            marks = ",".join("?" * len(values))
            if facet == "section":
                sql.append(f"m.rowid IN (SELECT rowid FROM sections WHERE section IN ({marks}))")
            else:
                sql.append(f"m.{facet} IN ({marks})")
            args += values
        return (" AND " + " AND ".join(sql)) if sql else "", args

    def search(self, q, filters=None):
        """Top 10 reports with a snippet each, total, and disjunctive counts of all facets."""
        filters = filters or {}
        match = fts_query(q, self.cut)
        con = self.con
        con.execute("DROP TABLE IF EXISTS temp.hits")
        con.execute("CREATE TEMP TABLE hits AS SELECT rowid, bm25(docs, 5.0, 1.0) AS score "
                    "FROM docs WHERE docs MATCH ?", (match,))
        where, args = self._where(filters)
        total = con.execute(f"SELECT count(*) FROM hits h JOIN meta m ON m.rowid = h.rowid WHERE 1{where}",
                            args).fetchone()[0]
        top = con.execute(f"SELECT m.rowid, m.title FROM hits h JOIN meta m ON m.rowid = h.rowid "
                          f"WHERE 1{where} ORDER BY h.score LIMIT 10", args).fetchall()
        snippets = {}
        if top:
            marks = ",".join("?" * len(top))
            for rowid, snip in con.execute(
                    f"SELECT rowid, snippet(docs, 1, '<mark>', '</mark>', '…', 32) FROM docs "
                    f"WHERE docs MATCH ? AND rowid IN ({marks})", (match, *[r[0] for r in top])):
                snippets[rowid] = _SPACE_BETWEEN_HAN.sub("", snip)
        results = [{"id": rowid, "title": title, "snippets": [snippets.get(rowid, "")]} for rowid, title in top]
        facets = {}
        for facet in FACETS:
            where, args = self._where(filters, skip=facet)
            if facet == "section":
                sql = (f"SELECT s.section, count(*) c FROM hits h JOIN meta m ON m.rowid = h.rowid "
                       f"JOIN sections s ON s.rowid = h.rowid WHERE 1{where} GROUP BY s.section ORDER BY c DESC")
            else:
                sql = (f"SELECT m.{facet}, count(*) c FROM hits h JOIN meta m ON m.rowid = h.rowid "
                       f"WHERE 1{where} GROUP BY m.{facet} ORDER BY c DESC")
            facets[facet] = con.execute(sql, args).fetchall()
        return {"total": total, "results": results, "facets": facets}

    def close(self):
        """Close the connection."""
        self.con.close()


def main(argv=None):
    """``index DB PATH... [--rjieba]`` or ``search DB QUERY``; prints JSON."""
    argv = list(argv if argv is not None else sys.argv[1:])
    segmenter = "rjieba" if "--rjieba" in argv else "jieba"
    argv = [a for a in argv if a != "--rjieba"]
    baseline_main(argv, lambda paths, db: build(paths, db, segmenter), Fts5Search,
                  "baseline_fts5", "DB")


if __name__ == "__main__":
    main()
