"""The Whoosh schema: one index document per report section.

Each section carries its report's metadata, so a search can say in which section a term
occurs and filter by section, and results are grouped back into reports by
``report_id``. The report's full text is the concatenation of its sections' ``body``
(sections are contiguous and cover the text), so nothing else needs storing.

Fields:
- ``doc_id`` unique ``<report_id>:<section no>``; ``report_id``; ``path`` (document path,
  ``file.csv#row3`` for a CSV row); ``source`` (the file) and ``file_hash`` (SHA-1 of the
  file's bytes) drive incremental updates.
- ``title``/``body``: jieba words (ranked, stored); ``title_bigram``/``body_bigram``:
  character bigrams (recall and exact phrases, not stored). ``edge_bigram`` holds the
  ``BIGRAM_OVERLAP`` characters on each side of the boundary after a section, so a
  query string that crosses a section boundary (…12月31日。一、总体情况…, no space
  between) still finds its report; section-level matching uses ``body_bigram`` only.
- Facets, stored as exact IDs: ``province``, ``city``, ``district``, ``agency``,
  ``agency_type``, ``year`` (string), ``section`` (canonical key), ``kind``.
- ``year_num`` for sorting; ``section_no``, ``section_start`` (offset of the section in
  the report text), ``section_heading``, ``published``, ``format`` and, on section 0 only,
  ``sections_json`` (the report's whole outline).
"""
import json

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from .analysis import bigram_analyzer, word_analyzer
from .report import report_id

FACET_FIELDS = ("province", "city", "district", "agency", "agency_type", "year", "section", "kind")
TITLE_BOOST = 3.0
BIGRAM_OVERLAP = 64


def make_schema():
    """Return a new Schema instance for a nianbao index."""
    words, bigrams = word_analyzer(), bigram_analyzer()
    return Schema(
        doc_id=ID(stored=True, unique=True),
        report_id=ID(stored=True),
        path=ID(stored=True),
        source=ID(stored=True),
        file_hash=ID(stored=True),
        title=TEXT(analyzer=words, stored=True, field_boost=TITLE_BOOST),
        title_bigram=TEXT(analyzer=bigrams, field_boost=TITLE_BOOST),
        body=TEXT(analyzer=words, stored=True, chars=True),
        body_bigram=TEXT(analyzer=bigrams),
        edge_bigram=TEXT(analyzer=bigrams),
        province=ID(stored=True),
        city=ID(stored=True),
        district=ID(stored=True),
        agency=ID(stored=True),
        agency_type=ID(stored=True),
        year=ID(stored=True),
        section=ID(stored=True),
        kind=ID(stored=True),
        year_num=NUMERIC(stored=False, sortable=True, default=0),
        section_no=NUMERIC(stored=True),
        section_start=STORED,
        section_heading=STORED,
        published=STORED,
        format=STORED,
        sections_json=STORED,
    )


def report_documents(report, source, file_hash):
    """Yield the Whoosh field dicts for one Report (one per section)."""
    rid = report_id(report.path)
    common = {
        "report_id": rid,
        "path": report.path,
        "source": source,
        "file_hash": file_hash,
        "title": report.title,
        "title_bigram": report.title,
        "year": str(report.year) if report.year else None,
        "year_num": report.year or 0,
        "published": report.published,
        "format": report.format,
    }
    for name in ("province", "city", "district", "agency", "agency_type", "kind"):
        common[name] = getattr(report, name)
    # An unknown value is left out rather than indexed as "" (no empty facet term).
    common = {name: value for name, value in common.items() if value not in (None, "")}
    outline = json.dumps(
        [[s.key, s.label, s.heading, s.start, s.end] for s in report.sections], ensure_ascii=False
    )
    for no, section in enumerate(report.sections):
        body = report.text[section.start:section.end]
        doc = dict(
            common,
            doc_id=f"{rid}:{no}",
            body=body,
            body_bigram=body,
            section=section.key,
            section_no=no,
            section_start=section.start,
            section_heading=section.heading,
        )
        if no + 1 < len(report.sections):
            edge_start = max(section.start, section.end - BIGRAM_OVERLAP)
            doc["edge_bigram"] = report.text[edge_start:section.end + BIGRAM_OVERLAP]
        if no == 0:
            doc["sections_json"] = outline
        yield doc
