"""Term matching and BM25F scoring with numpy over one index generation.

``Matcher`` holds what the search service loads once per generation: the lowercased
section texts (one bytes blob + offsets, from the ``text`` column), the lowercased
titles, the word-field lengths, and an LRU cache (``CACHE_BYTES``) of posting arrays
and of verified term matches (a generation never changes, so neither goes stale). Whoosh readers are
passed in per call (each thread has its own: they seek shared files).

Matching a term (its text lowercased, as the index is):

- two or more characters, no whitespace: the candidate sections hold every bigram of
  the term (intersection of ``body_bigram`` posting arrays, the ``MAX_GRAMS`` rarest);
  a term of three or more characters is then *verified*: kept only where the
  section's text contains it (``bytes.find``). Bigrams alone would accept a section
  holding 审查 and 查制 but not 审查制; verification makes precision exact, the bigrams
  make recall exact. A term crossing a section boundary contains the bigram that
  straddles it (``edge_bigram``): those reports not matched in a section already are
  verified on their whole text (report-level: no section).
- one character: every section whose text contains it (a scan of the texts).
- holding whitespace (a quoted ``"保密 审查"``, which matches any whitespace run):
  reports containing each part, then a regex over the report's text; the section
  holding a match's first character counts.
- ``title:`` terms: the reports whose title contains the term; all their sections.

Scoring (``scores``) is BM25F (k1 1.2, b 0.75) over ``body_words`` per section and
``title_words`` per report (boosted ``TITLE_BOOST``), for the query's jieba words; a
report whose title contains a query term literally gets a further ``TITLE_BOOST``
times the term's saturated word score, so a title match outranks body matches.
"""
import bisect
import math
import re
import threading
from collections import OrderedDict
from itertools import repeat

import numpy as np

from . import postings as arrays
from ..analysis import word_counts

MAX_GRAMS = 16  # bigrams intersected per term: enough to leave few candidates to verify
TITLE_BOOST = 3.0
K1, B = 1.2, 0.75
CACHE_BYTES = 64 << 20
_EMPTY = np.zeros(0, dtype=np.int64)


class Matcher:
    """Per-generation matching state (read-only arrays plus a thread-safe cache)."""

    def __init__(self, reader, catalog, cache_bytes=CACHE_BYTES):
        self.cat = catalog
        self.ndocs = len(catalog.doc_report)
        self.live = catalog.doc_report >= 0
        self.n_live = int(self.live.sum())
        self.blob, self.offsets = arrays.bytes_column(reader, "text")
        title_blob, title_offs = arrays.bytes_column(reader, "title_text")
        first = [int(catalog.report_docs(o)[0]) if len(catalog.report_docs(o)) else 0
                 for o in range(catalog.n_reports)]
        self.titles = [title_blob[title_offs[d]:title_offs[d + 1]].decode("utf-8") for d in first]
        self.lengths = {f: arrays.field_lengths(reader, f) for f in ("body_words", "title_words")}
        self.avg = {f: max(float(v[self.live].mean()) if self.n_live else 0.0, 1.0)
                    for f, v in self.lengths.items()}
        self._cache, self._cache_size, self._lock = OrderedDict(), 0, threading.Lock()
        self.cache_bytes = cache_bytes

    # --- posting arrays -------------------------------------------------------------

    def _cached(self, key):
        """A cached pair of arrays (or None), marked as recently used."""
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
            return hit

    def _remember(self, key, value):
        """Cache a pair of arrays (None allowed), evicting the least recently used."""
        for arr in value:
            if arr is not None:
                arr.flags.writeable = False  # shared by threads: nobody may change it
        if not self.cache_bytes:
            return value
        with self._lock:
            if key not in self._cache:
                self._cache[key] = value
                self._cache_size += _nbytes(value)
            while self._cache_size > self.cache_bytes and self._cache:
                _, old = self._cache.popitem(last=False)
                self._cache_size -= _nbytes(old)
        return value

    def postings(self, reader, field, term, weights=False):
        """(live docnums, weights or None) of ``field:term``, from the LRU cache if there."""
        key = (field, term)
        hit = self._cached(key)
        if hit is not None:
            return hit
        docs, wts = arrays.postings(reader, field, term, weights)
        keep = self.live[docs]
        if not keep.all():
            docs, wts = docs[keep], (wts[keep] if wts is not None else None)
        return self._remember(key, (docs, wts))

    def _intersect(self, reader, field, grams):
        """Docnums holding the ``MAX_GRAMS`` rarest grams (rarest first, stopping when empty)."""
        grams = sorted(set(grams), key=lambda g: reader.doc_frequency(field, g))
        out = None
        for gram in grams[:MAX_GRAMS]:
            docs, _ = self.postings(reader, field, gram)
            if out is None:
                out = docs
            else:
                mask = np.zeros(self.ndocs, dtype=bool)
                mask[docs] = True
                out = out[mask[out]]
            if not len(out):
                break
        return out if out is not None else _EMPTY

    # --- texts ----------------------------------------------------------------------

    def containing(self, docs, needle):
        """The docs whose (lowercased) section text contains ``needle``."""
        if not len(docs):
            return docs
        starts, ends = self.offsets[docs].tolist(), self.offsets[docs + 1].tolist()
        # map() over the C method: no Python frame per candidate (half the cost of a loop).
        found = np.fromiter(map(self.blob.find, repeat(needle.encode("utf-8")), starts, ends),
                            dtype=np.int64, count=len(starts))
        return docs[found >= 0]

    def section_texts(self, docs):
        """The lowercased texts of the given docs."""
        offs = self.offsets
        return [self.blob[offs[d]:offs[d + 1]].decode("utf-8") for d in docs]

    # --- terms ----------------------------------------------------------------------

    def term_docs(self, reader, term):
        """(section docnums, boundary docnums) of one parsed Term, verified (and cached)."""
        text = term.text.lower()
        key = ("title:" if term.title else "term:", text)
        hit = self._cached(key)
        if hit is not None:
            return hit
        if term.title:
            found = self._title_docs(text), _EMPTY
        elif " " in text:
            found = self._spaced_docs(reader, text), _EMPTY
        elif len(text) == 1:
            found = self.containing(self.cat.live_docs(), text), _EMPTY
        else:
            found = self._short_docs(reader, text)
        return self._remember(key, found)

    def _short_docs(self, reader, text):
        """Sections containing ``text`` (2+ chars, no space) and boundary hits."""
        grams = [text[i:i + 2] for i in range(len(text) - 1)]
        docs = self._intersect(reader, "body_bigram", grams)
        if len(text) > 2:
            docs = self.containing(docs, text)
        edges = [self.postings(reader, "edge_bigram", g)[0] for g in set(grams)]
        edges = np.unique(np.concatenate(edges)) if edges else _EMPTY
        if len(edges):
            cat = self.cat
            reps = cat.doc_report[edges]
            edges = edges[~cat.reports_of(docs)[reps]]  # found inside a section already
            if len(text) > 2 and len(edges):
                _, first = np.unique(cat.doc_report[edges], return_index=True)
                sub = text.encode("utf-8")
                edges = np.array([d for d in edges[first].tolist()
                                  if sub in self._report_bytes(cat.doc_report[d])], dtype=np.int64)
        return docs, edges

    def _report_bytes(self, ordinal):
        """A report's whole lowercased text as UTF-8 bytes."""
        offs = self.offsets
        return b"".join(self.blob[offs[d]:offs[d + 1]] for d in self.cat.report_docs(ordinal))

    def _spaced_docs(self, reader, text):
        """Sections where a whitespace-holding term starts (regex on report texts)."""
        parts = text.split()
        cat = self.cat
        reports = np.ones(cat.n_reports, dtype=bool)
        for part in parts:
            if len(part) == 1:
                docs, edges = self.containing(cat.live_docs(), part), _EMPTY
            else:
                docs, edges = self._short_docs(reader, part)
            reports &= cat.reports_of(docs) | cat.reports_of(edges)
            if not reports.any():
                return _EMPTY
        pattern = re.compile(r"\s+".join(re.escape(p) for p in parts))
        hits = []
        for ordinal in np.flatnonzero(reports).tolist():
            docs = cat.report_docs(ordinal)
            texts = self.section_texts(docs)
            starts = np.cumsum([0] + [len(t) for t in texts[:-1]]).tolist()
            for m in pattern.finditer("".join(texts)):
                hits.append(docs[bisect.bisect_right(starts, m.start()) - 1])
        return np.unique(np.array(hits, dtype=np.int64))

    def title_reports(self, text):
        """Ordinals of the reports whose (lowercased) title contains ``text`` (cached)."""
        key = ("titled:", text)
        hit = self._cached(key)
        if hit is not None:
            return hit[0]
        if " " in text:
            pattern = re.compile(r"\s+".join(re.escape(p) for p in text.split()))
            found = [bool(pattern.search(t)) for t in self.titles]
        else:
            found = [text in t for t in self.titles]
        ordinals = np.flatnonzero(np.array(found, dtype=bool)) if found else _EMPTY
        return self._remember(key, (ordinals, None))[0]

    def _title_docs(self, text):
        """All sections of the reports whose title contains ``text``."""
        mask = np.zeros(self.cat.n_reports, dtype=bool)
        mask[self.title_reports(text)] = True
        live = self.cat.live_docs()
        return live[mask[self.cat.doc_report[live]]]

    # --- scoring --------------------------------------------------------------------

    def _bm25(self, reader, field, words, want):
        """Per-docnum BM25 of ``words`` in ``field``, computed for the docs in ``want`` only."""
        total = np.zeros(self.ndocs, dtype=np.float64)
        lengths, avg, n = self.lengths[field], self.avg[field], self.n_live
        for word in words:
            docs, tf = self.postings(reader, field, word, weights=True)
            if not len(docs):
                continue
            idf = math.log(1 + (n - len(docs) + 0.5) / (len(docs) + 0.5))
            sel = want[docs]
            docs, tf = docs[sel], tf[sel].astype(np.float64)
            norm = K1 * (1 - B + B * lengths[docs] / avg)
            total[docs] += idf * tf * (K1 + 1) / (tf + norm)
        return total

    def idf(self, reader, field, word):
        """BM25 idf of a word in a field (0 when absent)."""
        docs, _ = self.postings(reader, field, word, weights=True)
        if not len(docs):
            return 0.0
        return math.log(1 + (self.n_live - len(docs) + 0.5) / (len(docs) + 0.5))

    def scores(self, reader, body_terms, title_terms, hit_docs, final, bonus):
        """Report scores: best matching section + ``bonus`` x the others, plus title scores."""
        cat = self.cat
        scores = np.zeros(cat.n_reports, dtype=np.float64)
        body_words = _words(body_terms)
        if body_words:
            per_doc = self._bm25(reader, "body_words", body_words, hit_docs)
            docs = np.flatnonzero(hit_docs)
            reps, sc = cat.doc_report[docs], per_doc[docs]
            best = np.zeros_like(scores)
            np.maximum.at(best, reps, sc)
            total = np.bincount(reps, weights=sc, minlength=cat.n_reports)
            scores += best + bonus * (total - best)
        title_words = _words(body_terms + title_terms)
        if title_words:
            want = final[np.maximum(cat.doc_report, 0)] & self.live
            per_doc = self._bm25(reader, "title_words", title_words, want)
            docs = np.flatnonzero(per_doc)
            title = np.zeros_like(scores)
            np.maximum.at(title, cat.doc_report[docs], per_doc[docs])
            scores += TITLE_BOOST * title
        for term in body_terms + title_terms:
            words = _words([term])
            weight = sum(self.idf(reader, "body_words", w) for w in words) * (K1 + 1) or 1.0
            titled = self.title_reports(" ".join(term.lower().split()))
            scores[titled[final[titled]]] += TITLE_BOOST * weight
        return scores


def _nbytes(pair):
    """Approximate memory of a cached pair of arrays."""
    return 100 + sum(a.nbytes for a in pair if a is not None)


def _words(terms):
    """The distinct lowercased jieba words of some term texts."""
    out = {}
    for text in terms:
        out.update(word_counts(text))
    return list(out)
