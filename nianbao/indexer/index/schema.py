"""The Whoosh schema: one index document per report section, plus nianbao's per-segment files.

Each section is a Whoosh document, so a search can say in which section a term occurs and
filter by section; results are grouped back into reports. What each document holds:

- ``body_words``: the section's jieba words with their frequencies (BM25 ranking);
  ``body_bigram``: the set of its character bigrams (which sections may contain a query
  string; the section's text confirms it, see ``indexer.search.matching``), plus, for the
  last character of every whitespace-separated run, that character followed by a space
  (``"开 "``), so the terms starting with a character find every section holding it (a
  one-character query reads postings, never the texts). A lone character between spaces
  is its own term. ``edge_bigram``: the one bigram straddling the boundary after a
  section (its last and the next section's first character, when neither is
  whitespace): a string crossing a boundary contains it.
- ``source`` (the file the section came from, indexed on every section, not stored:
  ``nianbao index`` deletes a changed or removed file's sections by this term) and
  ``section`` (its canonical key, stored).
- On a report's first section only (report-level values, indexed once per report):
  ``report_id``, ``title_words`` (jieba words of the title, BM25), and the facet values
  ``province``, ``city``, ``district``, ``town``, ``level``, ``agency``, ``agency_type``,
  ``year``, ``kind``.
- Stored for display: ``section_no`` on every section (its heading and offsets are in the
  report's outline); ``title``, ``path``, ``file_hash``, ``published``, ``format``,
  ``source_quality`` (``ocr`` when the text was recognised from scans), ``stats`` (the
  statutory tables' figures and their issues, ``pack_stats``) and ``sections_json`` (the
  report's outline) on the first.

Terms are computed on each text's matching form (``fold.normal``: traditional characters
folded to simplified, lowercased); the section texts are kept as published.

The section texts are not stored in Whoosh: each segment has two files of its own beside
Whoosh's (named after the segment, so Whoosh's cleaner removes them with it):
``<segment>.ntx`` holds the section texts (UTF-8, as published), ``<segment>.ncat`` the
per-section and per-report arrays the search service needs (``indexer.index.segments``).

``INDEX_FORMAT`` is written into every generation's manifest; an index written with
another format must be rebuilt (the service refuses it, ``nianbao index`` rebuilds it).
"""
import json

from whoosh.fields import ID, STORED, FieldType, Schema
from whoosh.formats import Existence, Frequency
from whoosh.system import pack_uint

from ..analysis import bigram_analyzer, bigram_set, word_analyzer, word_counts
from ..fold import normal
from ..stats.keys import keys as stats_keys
from ..report import report_id

INDEX_FORMAT = 3
REPORT_FIELDS = ("province", "city", "district", "town", "level", "agency", "agency_type", "year",
                 "kind")


class TermsField(FieldType):
    """An indexed field whose value is precomputed: a set of terms or a {term: freq} dict.

    ``index()`` yields the postings directly, skipping Whoosh's Token pipeline (the
    workers' analysis already produced exactly these terms). With ``freqs`` the format
    is Frequency and the field is scorable (its lengths are kept for BM25); without, it
    is an Existence set and no lengths are written.
    """

    def __init__(self, freqs=False):
        self.format = Frequency() if freqs else Existence()
        # The same segmentation as a Whoosh analyzer, for anything that analyses text
        # through Whoosh (its query parser, highlighting, a second engine).
        self.analyzer = word_analyzer() if freqs else bigram_analyzer()
        self._terms = word_counts if freqs else bigram_set
        self.scorable = freqs
        self.stored = False
        self.unique = False
        self.vector = None
        self.column_type = None

    def index(self, value, **kwargs):
        """Yield ``(term bytes, freq, weight, value bytes)`` sorted by term.

        ``value`` is the precomputed terms, or plain text to analyse here.
        """
        if isinstance(value, str):
            value = self._terms(value)
        if isinstance(value, dict):
            for term in sorted(value):
                freq = value[term]
                yield term.encode("utf-8"), freq, float(freq), pack_uint(freq)
        else:
            for term in sorted(value):
                yield term.encode("utf-8"), 1, 1.0, b""


def make_schema():
    """Return a new Schema instance for a nianbao index."""
    return Schema(
        source=ID(),  # indexed on every section (deletions), never stored: ``path`` names it
        report_id=ID(stored=True),
        section=ID(stored=True),
        title_words=TermsField(freqs=True),
        body_words=TermsField(freqs=True),
        body_bigram=TermsField(),
        edge_bigram=TermsField(),
        **{name: ID(stored=True) for name in REPORT_FIELDS},
        path=STORED, file_hash=STORED, title=STORED, published=STORED, format=STORED,
        source_quality=STORED, stats=STORED,
        sections_json=STORED, section_no=STORED,
    )


def report_fields(report, source, file_hash):
    """The stored and indexed values of a report's first section (None values left out)."""
    fields = {"report_id": report_id(report.path), "path": report.path, "source": source,
              "file_hash": file_hash, "title": report.title, "published": report.published,
              "format": report.format,
              "source_quality": "ocr" if getattr(report, "source_quality", None) == "ocr" else None,
              "stats": pack_stats(report),
              "year": str(report.year) if report.year else None,
              "sections_json": json.dumps([[s.key, s.label, s.heading, s.start, s.end]
                                           for s in report.sections], ensure_ascii=False)}
    for name in REPORT_FIELDS:
        fields.setdefault(name, getattr(report, name))
    return {name: value for name, value in fields.items() if value not in (None, "")}


def pack_stats(report):
    """A report's figures and issues, compact for storage: ``[format, values, issues]`` with the
    values in ``stats.keys()`` order ("" where the report prints no such cell), or None."""
    if not report.stats and not report.stats_issues:
        return None
    values = (report.stats or {}).get("values") or {}
    row = ["" if k not in values else values[k] for k in stats_keys()]
    issues = [[i["key"], i["kind"], i["message"]] for i in report.stats_issues or []]
    return [(report.stats or {}).get("format"), row, issues]


def unpack_stats(packed):
    """``pack_stats``'s value back as (``{"format", "values"}``, issues)."""
    if not packed:
        return None, []
    fmt, row, issues = packed
    values = {k: v for k, v in zip(stats_keys(), row) if v != ""}
    return {"format": fmt, "values": values}, [{"key": k, "kind": t, "message": m} for k, t, m in issues]


def report_documents(report, source, file_hash):
    """Yield the Whoosh field dicts of one Report (one per section), for Whoosh's own writer.

    The build writes the same documents in bulk (``indexer.index.segments``); this is the
    record-by-record form, which a test checks gives the same index.
    """
    first = report_fields(report, source, file_hash)
    first["title_words"] = word_counts(normal(report.title or ""))
    for no, section in enumerate(report.sections):
        body = normal(report.text[section.start:section.end])
        doc = dict(first) if no == 0 else {"source": source}  # indexed for deletions
        doc.update(section=section.key, section_no=no, body_words=word_counts(body),
                   body_bigram=index_bigrams(body))
        edge = edge_bigram(report, no)
        if edge:
            doc["edge_bigram"] = {edge}
        yield doc


def index_bigrams(text):
    """The ``body_bigram`` terms of a text: its bigram set plus each run's last char + space."""
    grams = bigram_set(text)
    grams.update(run[-1] + " " for run in text.lower().split() if len(run) > 1)
    return grams


def edge_bigram(report, no):
    """The bigram straddling the boundary after section ``no``, or None."""
    sections = report.sections
    if no + 1 >= len(sections):
        return None
    end = sections[no].end
    pair = normal(report.text[end - 1:end + 1])
    return pair if len(pair) == 2 and not any(c.isspace() for c in pair) else None
