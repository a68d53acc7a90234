"""The Whoosh schema: one index document per report section.

Each section carries its report's metadata, so a search can say in which section a term
occurs and filter by section, and results are grouped back into reports by
``report_id``. The report's full text is the concatenation of its sections' ``body``
(sections are contiguous and cover the text).

Whoosh is the storage; the search service reads postings into numpy arrays and does
the matching and scoring itself (see ``indexer.search``). So the text fields hold
precomputed terms (``TermsField``), computed by the build workers with
``analysis.word_counts``/``analysis.bigram_set``, and carry no positions:

- ``body_words``/``title_words``: jieba words with their frequencies (BM25 ranking);
  ``title_words`` is on every section of the report.
- ``body_bigram``: the set of the section's character bigrams (which sections may
  contain a query string); ``edge_bigram``: the one bigram straddling the boundary
  after a section (its last and the next section's first character, when neither is
  whitespace). A string crossing a boundary (…12月31日。一、总体情况…) contains that
  bigram, so the reports holding one of the string's bigrams as a straddle are the
  candidates checked on the report's text. (A window of 64 characters each side cost a
  fifth of all postings for no gain once candidates are verified.)
- ``text``: a column of the section's lowercased text (UTF-8), read once per index
  generation, on which the service confirms bigram candidates (exact substring test);
  ``title_text`` (section 0 only): the lowercased title, for ``title:`` terms and the
  title bonus. A column loads as one block of bytes per segment: far faster than
  unpickling the stored fields of every document.
- ``doc_id`` unique ``<report_id>:<section no>``; ``report_id``; ``path``; ``source``
  (the file) and ``file_hash`` (SHA-1 of the file's bytes) drive incremental updates.
- Stored for display: ``title``, ``body`` (original case), ``section_start``,
  ``section_heading``, ``published``, ``format`` and, on section 0 only,
  ``sections_json`` (the report's whole outline).
- Facets, stored as exact IDs: ``province``, ``city``, ``district``, ``agency``,
  ``agency_type``, ``year`` (string), ``section`` (canonical key), ``kind``;
  ``year_num`` for sorting, ``section_no``.

``INDEX_FORMAT`` is written into every generation's manifest; an index written with
another format must be rebuilt (the service refuses it, ``nianbao index`` rebuilds it).
"""
import json

from whoosh import columns
from whoosh.fields import COLUMN, ID, NUMERIC, STORED, FieldType, Schema
from whoosh.formats import Existence, Frequency
from whoosh.system import pack_uint

from ..analysis import bigram_analyzer, bigram_set, word_analyzer, word_counts
from ..report import report_id

INDEX_FORMAT = 2


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
        doc_id=ID(stored=True, unique=True),
        report_id=ID(stored=True),
        path=ID(stored=True),
        source=ID(stored=True),
        file_hash=ID(stored=True),
        title=STORED,
        title_words=TermsField(freqs=True),
        title_text=COLUMN(columns.VarBytesColumn()),
        body=STORED,
        body_words=TermsField(freqs=True),
        body_bigram=TermsField(),
        edge_bigram=TermsField(),
        text=COLUMN(columns.VarBytesColumn()),
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
    """Yield the Whoosh field dicts for one Report (one per section), terms precomputed."""
    rid = report_id(report.path)
    title = report.title or ""
    common = {
        "report_id": rid,
        "path": report.path,
        "source": source,
        "file_hash": file_hash,
        "title": report.title,
        "title_words": word_counts(title),
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
            body_words=word_counts(body),
            body_bigram=bigram_set(body),
            text=body.lower().encode("utf-8"),
            section=section.key,
            section_no=no,
            section_start=section.start,
            section_heading=section.heading,
        )
        straddle = report.text[section.end - 1:section.end + 1].lower()
        if no + 1 < len(report.sections) and len(straddle) == 2 and not any(
                c.isspace() for c in straddle):
            doc["edge_bigram"] = {straddle}
        if no == 0:
            doc["sections_json"] = outline
            doc["title_text"] = title.lower().encode("utf-8")
        yield doc
