"""Writing one Whoosh segment in bulk: a build worker's reports in, a finished segment out.

A ``SegmentBuilder`` takes Reports one at a time and keeps, per field, flat numpy-ready
arrays of (term, section docnum[, frequency]); ``finish()`` sorts them once and writes every
posting list through the codec's bulk writer (``codec.BulkFieldWriter.add_arrays``), the
stored fields and field lengths through Whoosh's per-document writer, and nianbao's own two
files (see ``schema``): the section texts (``.ntx``) and the arrays the search service needs
(``.ncat``: per section its report, section key, start, text extent, word count and whether
lowercasing changes it; per report its metadata as JSON). Whoosh's pure-Python writer spent
most of a worker's time in per-posting calls; here no Python runs per posting.

Terms: character bigrams are computed in numpy as integer codes (``first << 21 | second``;
``second`` is 0 for a lone character and 32 for a run's last character, see
``schema.index_bigrams``), so a section's bigram set costs a few vectorised calls, and
sorting the codes sorts the terms' UTF-8 bytes. Words are rjieba's, counted per section.

The segment is Whoosh's: ``finish()`` returns the ``Segment`` that the build commits with
``writer.commit(mergetype=...)``. A test checks that the bulk-written index equals the one
Whoosh's own ``writer.add_document`` writes from ``schema.report_documents``.
"""
import hashlib
import json
import os
from array import array

import numpy as np

from .. import labels
from ..analysis import word_counts
from ..changes import sentence_hashes
from ..fold import form_flags, normal
from ..stats import measures
from .codec import NianbaoCodec
from .schema import REPORT_FIELDS, edge_bigram, report_fields

TEXT_EXT, CATALOG_EXT = ".ntx", ".ncat"
MAX_POSTINGS = 20_000_000  # a worker starts a new segment past this (bounds its memory)
SECTION_KEYS = list(labels.SECTIONS)
# Python's whitespace (what str.split() splits on) as a lookup table; none is above U+3000.
_WHITESPACE = np.array([chr(c).isspace() for c in range(0x3001)], dtype=bool)
_SHIFT = 21


def bigram_codes(text):
    """The sorted, unique ``body_bigram`` term codes of a text (see the module docstring)."""
    cps = np.frombuffer(text.lower().encode("utf-32-le"), dtype="<u4").astype(np.int64)
    if not len(cps):
        return cps
    space = np.zeros(len(cps), dtype=bool)
    low = cps <= 0x3000
    space[low] = _WHITESPACE[cps[low]]
    word = ~space
    nxt = np.concatenate((space[1:], [True]))  # the next character is whitespace (or the end)
    prev = np.concatenate(([True], space[:-1]))
    pairs = (cps[:-1] << _SHIFT) | cps[1:]
    codes = [pairs[word[:-1] & word[1:]],
             cps[word & nxt & prev] << _SHIFT,                    # a lone character
             (cps[word & nxt & ~prev] << _SHIFT) | 32]            # a run's last character
    return np.unique(np.concatenate(codes))


def code_term(code):
    """The term (UTF-8 bytes) of a bigram code."""
    first, second = code >> _SHIFT, code & ((1 << _SHIFT) - 1)
    return (chr(first) + (chr(second) if second else "")).encode("utf-8")


class _Postings:
    """One field's postings as flat growing buffers: term ids (or bigram codes), frequencies,
    and per added section its docnum and posting count.

    Flat ``array`` buffers, not a numpy array per section: a worker holds up to
    ``MAX_POSTINGS`` postings, and small arrays cost about 100 bytes of object each
    (the sum was about 40 bytes per posting, now 8-12).
    """

    def __init__(self):
        self.ids, self.freqs = array("q"), array("q")
        self.docnums, self.lengths = array("i"), array("i")
        self.count = 0

    def add(self, term_ids, docnum, freqs=None):
        if isinstance(term_ids, np.ndarray):
            self.ids.frombytes(term_ids.astype(np.int64, copy=False).tobytes())
        else:
            self.ids.extend(term_ids)
        if freqs is not None:
            self.freqs.extend(freqs)
        self.docnums.append(docnum)
        self.lengths.append(len(term_ids))
        self.count += len(term_ids)

    def sorted_arrays(self, rank=None):
        """(term ids, docnums, freqs or None) sorted by term (rank) then docnum; empties the
        buffers (each is freed as soon as it has been read, to keep the peak low)."""
        key = np.frombuffer(self.ids, dtype=np.int64) if self.count else np.zeros(0, dtype=np.int64)
        if rank is not None:
            key = rank[key]
        self.ids = array("q")
        docs = np.repeat(np.frombuffer(self.docnums, dtype=np.int32),
                         np.frombuffer(self.lengths, dtype=np.int32)) if self.count else \
            np.zeros(0, dtype=np.int32)
        self.docnums, self.lengths = array("i"), array("i")
        order = np.argsort(key, kind="stable")  # docnums were appended in order
        key = key[order]
        docs = docs[order]
        freqs = np.frombuffer(self.freqs, dtype=np.int64)[order] if len(self.freqs) else None
        self.freqs, self.count = array("q"), 0
        return key, docs, freqs


class _Vocabulary:
    """Term strings to ids, in order of first appearance."""

    def __init__(self):
        self.index, self.terms = {}, []

    def ids(self, terms):
        index, out = self.index, []
        for term in terms:
            i = index.get(term)
            if i is None:
                i = index[term] = len(self.terms)
                self.terms.append(term)
            out.append(i)
        return out

    def sorted(self):
        """(terms as sorted bytes, rank of each id in that order)."""
        encoded = [t.encode("utf-8") for t in self.terms]
        order = sorted(range(len(encoded)), key=encoded.__getitem__)
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        return [encoded[i] for i in order], rank


class SegmentBuilder:
    """Accumulates reports, then writes them as one Whoosh segment (``finish``)."""

    def __init__(self, storage, schema):
        self.storage, self.schema, self.codec = storage, schema, NianbaoCodec()
        self.segment = self.codec.new_segment(storage, "MAIN")
        self.perdoc = self.codec.per_document_writer(storage, self.segment)
        self.text_file = open(self._path(TEXT_EXT), "wb")
        self.text_offset = 0
        self.docnum = 0
        self.postings = {"body_bigram": _Postings(), "body_words": _Postings(),
                         "title_words": _Postings()}
        self.vocab = {name: _Vocabulary() for name in ("body_words", "title_words", "edge_bigram",
                                                       "source", "report_id", "section",
                                                       *REPORT_FIELDS)}
        self.id_postings = {name: _Postings() for name in self.vocab if name not in self.postings}
        self.docs = {key: [] for key in ("report", "section", "start", "text_off", "text_len",
                                         "words", "changes")}
        self.title_lengths, self.figures, self.flags, self.sentences = [], [], [], []
        self.reports = []

    def _path(self, ext):
        return os.path.join(self.storage.folder, self.segment.make_filename(ext))

    @property
    def posting_count(self):
        """Postings held so far (the worker starts a new segment past ``MAX_POSTINGS``)."""
        return sum(p.count for p in self.postings.values())

    def add(self, report, source, file_hash):
        """Add one report: one document per section."""
        self.commit(self.prepare(report, source, file_hash))

    def prepare(self, report, source, file_hash):
        """Analyse one report without changing the segment (what can fail on odd text fails here).

        Returns what ``commit`` appends, so a file whose report fails leaves no trace and the
        build skips that file alone.
        """
        stored = report_fields(report, source, file_hash)
        title_words = word_counts(normal(report.title or ""))
        entry, figures, flags = _catalog_entry(report, stored), figure_vector(report), flag_bits(report)
        hashes = sentence_hashes(report.text)
        sections = []
        for no, section in enumerate(report.sections):
            body = report.text[section.start:section.end]
            form = normal(body)
            counts = word_counts(form)
            sections.append((no, section, body.encode("utf-8"), form_flags(body), counts,
                             bigram_codes(form), edge_bigram(report, no)))
        return (source, stored, title_words, entry, figures, flags, hashes, sections)

    def commit(self, prepared):
        """Append one ``prepare``d report to the segment (plain appends: nothing parses text)."""
        source, stored, title_words, entry, figures, flags, hashes, sections = prepared
        local = len(self.reports)
        self.reports.append(entry)
        self.figures.append(figures)
        self.flags.append(flags)
        self.sentences.append(hashes)
        fields = self.schema
        for no, section, data, changes, counts, codes, edge in sections:
            docnum = self.docnum
            self.text_file.write(data)
            words = sum(counts.values())
            self._index(docnum, "body_words", counts)
            self.postings["body_bigram"].add(codes, docnum)
            self._index_ids(docnum, "source", [source])
            self._index_ids(docnum, "section", [section.key])
            if edge:
                self._index_ids(docnum, "edge_bigram", [edge])
            self.perdoc.start_doc(docnum)
            values = {"section": section.key, "section_no": no}  # source: indexed, not stored
            if no == 0:
                values.update((k, v) for k, v in stored.items() if k != "source")
                self._index(docnum, "title_words", title_words)
                for name in ("report_id", *REPORT_FIELDS):
                    if stored.get(name):
                        self._index_ids(docnum, name, [stored[name]])
            for name, value in values.items():
                self.perdoc.add_field(name, fields[name], value, None)
            self.perdoc.add_field("body_words", fields["body_words"], None, words)
            if no == 0 and title_words:
                self.perdoc.add_field("title_words", fields["title_words"], None,
                                      sum(title_words.values()))
            self.perdoc.finish_doc()
            docs = self.docs
            docs["report"].append(local)
            docs["section"].append(SECTION_KEYS.index(section.key) if section.key in SECTION_KEYS
                                   else SECTION_KEYS.index("other"))
            docs["start"].append(section.start)
            docs["text_off"].append(self.text_offset)
            docs["text_len"].append(len(data))
            docs["words"].append(words)
            docs["changes"].append(changes)
            self.text_offset += len(data)
            self.docnum += 1
        self.title_lengths.append(sum(title_words.values()))

    def _index(self, docnum, field, counts):
        if counts:
            self.postings[field].add(self.vocab[field].ids(counts), docnum, list(counts.values()))

    def _index_ids(self, docnum, field, values):
        self.id_postings[field].add(self.vocab[field].ids(values), docnum)

    def finish(self, full=False):
        """Write the segment's files; return the Whoosh Segment (None if nothing was added).

        ``full``: the worker closed it for reaching ``MAX_POSTINGS`` (recorded in the
        catalog: compaction leaves full segments alone, see ``build._compaction``).
        """
        self.perdoc.close()
        self.text_file.close()
        if not self.docnum:
            self.discard()
            return None
        lengths = np.array(self.docs["words"], dtype=np.int64)
        writer = self.codec.field_writer(self.storage, self.segment)
        for name in sorted(self.schema.names()):
            field = self.schema[name]
            if name == "body_bigram":
                codes, docs, _ = self.postings[name].sorted_arrays()
                first = np.ones(len(codes), dtype=bool)  # codes are sorted: no second sort
                first[1:] = codes[1:] != codes[:-1]
                unique, term_ids = codes[first], np.cumsum(first) - 1
                writer.add_arrays(name, field, [code_term(c) for c in unique.tolist()],
                                  term_ids, docs)
            elif name in self.postings:
                terms, rank = self.vocab[name].sorted()
                term_ids, docs, freqs = self.postings[name].sorted_arrays(rank)
                writer.add_arrays(name, field, terms, term_ids, docs, freqs,
                                  lengths if name == "body_words" else None)
            elif name in self.id_postings:
                terms, rank = self.vocab[name].sorted()
                term_ids, docs, _ = self.id_postings[name].sorted_arrays(rank)
                writer.add_arrays(name, field, terms, term_ids, docs)
        writer.close()
        self.segment.set_doc_count(self.docnum)
        arrays = {key: np.array(values, dtype=_DTYPES[key]) for key, values in self.docs.items()}
        arrays["title_words"] = np.array(self.title_lengths, dtype=np.int32)
        arrays["figures"] = np.array(self.figures, dtype=np.float32).reshape(-1, len(FIGURES))
        arrays["flags"] = np.array(self.flags, dtype=np.uint8)
        arrays["sentences"] = (np.concatenate(self.sentences) if self.sentences
                               else np.zeros(0, dtype=np.uint32))
        arrays["sentence_ptr"] = np.concatenate([[0], np.cumsum([len(s) for s in self.sentences])])
        arrays["reports"] = np.frombuffer(json.dumps(self.reports, ensure_ascii=False)
                                          .encode("utf-8"), dtype=np.uint8)
        arrays["full"] = np.array(full)
        with open(self._path(CATALOG_EXT), "wb") as f:
            np.savez_compressed(f, **arrays)  # mostly zeros and NaN: figures compress well
        return self.segment

    def discard(self):
        """Remove what this builder wrote (an empty or abandoned segment)."""
        for name in os.listdir(self.storage.folder):
            if name.startswith(self.segment.segment_id() + "."):
                os.remove(os.path.join(self.storage.folder, name))


_DTYPES = {"report": np.int32, "section": np.int16, "start": np.int32, "text_off": np.int64,
           "text_len": np.int32, "words": np.int32, "changes": np.uint8}


FIGURES = measures.names()
_FLAG_BITS = {name: 1 << i for i, name in enumerate(measures.FLAGS)}


def figure_vector(report):
    """Every named figure of a report (``stats.measures.names()`` order), NaN where none, as
    float32 (what the catalog stores; a list of Python floats held 6 KB per report)."""
    values = (report.stats or {}).get("values") or {}
    out = [measures.value(values, name) for name in FIGURES]
    return np.array([float("nan") if v is None else v for v in out], dtype=np.float32)


def flag_bits(report):
    """The report's ``stats.measures.FLAGS`` as a bit mask."""
    stats = report.stats or {}
    found = measures.flags(stats.get("values") or {}, report.stats_issues or [], stats.get("format"))
    return sum(_FLAG_BITS[name] for name in found)


def _catalog_entry(report, stored):
    """What the generation's arrays need of a report: id, path, title, facet values, text hash."""
    entry = {"id": stored["report_id"], "path": report.path, "source": stored["source"],
             "title": report.title,
             "text_sha1": hashlib.sha1(report.text.encode("utf-8")).hexdigest()[:16]}
    for name in REPORT_FIELDS:
        if stored.get(name):
            entry[name] = stored[name]
    return entry


def is_full(folder, segment):
    """Whether a segment was closed for reaching ``MAX_POSTINGS`` (reads that flag alone)."""
    with np.load(os.path.join(folder, segment.make_filename(CATALOG_EXT))) as data:
        return "full" in data.files and bool(data["full"])


def load_catalog(folder, segment):
    """The per-section arrays and report metadata a segment's ``.ncat`` holds."""
    with np.load(os.path.join(folder, segment.make_filename(CATALOG_EXT))) as data:
        arrays = {key: data[key] for key in data.files}
    arrays["reports"] = json.loads(arrays["reports"].tobytes().decode("utf-8"))
    return arrays
