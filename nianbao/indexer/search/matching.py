"""Which section documents contain a query term: bigram postings, then the texts confirm.

``Matcher`` serves one index generation: its catalog (``indexer.search.catalog``), its
segment files (postings and memory-mapped section texts, ``indexer.search.postings``) and
an ``ArrayCache`` of posting arrays and verified matches. Whoosh readers are passed in per
call (each thread has its own: they seek shared files).

Matching a term (in its matching form, ``fold.normal``: traditional folded to simplified,
lowercased — as the index's terms are):

- two or more characters, no whitespace: the candidate sections hold every bigram of the
  term (intersection of ``body_bigram`` posting arrays, the ``MAX_GRAMS`` rarest); a term
  of three or more characters is then *verified*: kept only where the section's text
  contains it (one ``find`` per candidate section on the memory-mapped texts, in C,
  stopping at the first occurrence; sections holding none of the bigrams are never read).
  Bigrams alone would accept a section holding 审查 and 查制 but not 审查制; verification
  makes precision exact, the bigrams make recall exact. A two-character term needs no
  verification: its posting list is the answer. A term crossing a section boundary
  contains the bigram that straddles it (``edge_bigram``): those reports not matched in a
  section already are verified on their whole text (report-level: no section).
- one character: the union of the postings of every ``body_bigram`` term starting with
  it (a bigram, a run's last character + space, or the lone character: see
  ``indexer.index.schema``), exact and without reading any text; a character starting more
  than ``MAX_PREFIX_TERMS`` terms is common enough that scanning for it stops early in
  almost every section, so its sections are found by ``find`` instead.
- holding whitespace (a quoted ``"保密 审查"``, which matches any whitespace run): reports
  containing each part, then a regex over those reports' texts; the section holding a
  match's first character counts.
- ``title:`` terms: the reports whose title contains the term; all their sections. Every
  other term matches a report's title too: a report whose title holds it matches the term
  without any section (like a match across a section boundary), so ``平潭综合实验区
  2020年度`` finds the report with both in its title; ranking puts title matches first.

Very common strings: verifying costs about 0.55 us per candidate section, so a string in
nearly every section of a 100,000-report index (府信息公, 的) would read 0.7 GB of text
for one search. A search (``term_docs(..., limit=VERIFY_LIMIT)``) therefore verifies a term
only when its candidates number at most ``VERIFY_LIMIT``; past that the candidates stand for
the matches, so the total and facet counts are upper bounds, and the service verifies the
reports of the page it shows (``report_hits``) and says which terms were not verified.
Negated terms, and terms under the limit, are always verified: their answers are exact.

Texts are stored as published: a section whose matching form differs from its text
(``doc_changes``, ``fold.form_flags``) is brought to it before the test, only as far as the
term needs: nothing for a term without letters unless the section has traditional
characters, ``bytes.lower()`` for capital ASCII letters, ``fold.normal`` otherwise.
"""
import bisect
import re

import numpy as np

from ..fold import ASCII_CASE, FOLDS, OTHER_CASE, normal
from .cache import ArrayCache

MAX_GRAMS = 16  # bigrams intersected per term: enough to leave few candidates to verify
MAX_PREFIX_TERMS = 256
# Candidate sections one term may verify in a search (about 0.55 us each: ~80 ms); past it
# the search answers with bounds (see the module docstring).
VERIFY_LIMIT = 150_000
_EMPTY = np.zeros(0, dtype=np.int64)


class Matcher:
    """Per-generation matching over the catalog and the segment files (thread-safe)."""

    def __init__(self, catalog, files, cache=None):
        self.cat, self.files = catalog, files
        self.cache = cache if cache is not None else ArrayCache()
        self.live = catalog.doc_report >= 0
        self._titles = None

    # --- posting arrays ---------------------------------------------------------------

    def postings(self, leaves, field, term, freqs=False):
        """(live docnums, frequencies or None) of ``field:term``, cached."""
        key = (field, term, freqs)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        docs, fs = self.files.term(leaves, field, term, freqs)
        keep = self.live[docs]
        if not keep.all():
            docs, fs = docs[keep], (fs[keep] if fs is not None else None)
        return self.cache.put(key, (docs, fs))

    def _intersect(self, leaves, field, grams):
        """Docnums holding the ``MAX_GRAMS`` rarest grams (rarest first, stopping when empty)."""
        lists = sorted((self.postings(leaves, field, g)[0] for g in set(grams)), key=len)
        out = None
        for docs in lists[:MAX_GRAMS]:
            if out is None:
                out = docs
            else:
                mask = np.zeros(self.cat.n_docs, dtype=bool)
                mask[docs] = True
                out = out[mask[out]]
            if not len(out):
                break
        return out if out is not None else _EMPTY

    # --- texts ------------------------------------------------------------------------

    def containing(self, docs, needle):
        """The docs whose section text, in its matching form, contains ``needle`` (normal form)."""
        if not len(docs):
            return docs
        cat = self.cat
        data = needle.encode("utf-8")
        found = np.zeros(len(docs), dtype=bool)
        flags = np.asarray(cat.doc_changes[docs])
        cased = needle != needle.upper()  # the term has letters a capital could stand for
        slow = (flags & FOLDS) != 0
        if cased:
            slow |= (flags & OTHER_CASE) != 0
            lower = ~slow & ((flags & ASCII_CASE) != 0)
            for i in np.flatnonzero(lower).tolist():  # capital ASCII letters: bytes.lower() is enough
                found[i] = data in self.section_bytes(int(docs[i])).lower()
        else:
            lower = np.zeros(len(docs), dtype=bool)
        for i in np.flatnonzero(slow).tolist():
            found[i] = needle in normal(self.section_text(int(docs[i])))
        plain = ~slow & ~lower
        sel = np.flatnonzero(plain)
        if len(sel):
            d = docs[sel]
            starts = cat.doc_text_off[d]
            hits = self.files.find(cat.doc_seg[d], starts, starts + cat.doc_text_len[d], data)
            found[sel] = hits >= 0
        return docs[found]

    def section_bytes(self, doc):
        """The UTF-8 text of one section document, as published."""
        cat = self.cat
        start = int(cat.doc_text_off[doc])
        return self.files.read(int(cat.doc_seg[doc]), start, start + int(cat.doc_text_len[doc]))

    def section_text(self, doc):
        """The text of one section document, as published."""
        return self.section_bytes(doc).decode("utf-8")

    def report_text(self, ordinal):
        """A report's whole text (its sections in order) and each section's docnum and start."""
        docs = self.cat.report_docs(ordinal)
        if not len(docs):
            return "", []
        cat, first, last = self.cat, int(docs[0]), int(docs[-1])
        start = int(cat.doc_text_off[first])
        end = int(cat.doc_text_off[last]) + int(cat.doc_text_len[last])
        text = self.files.read(int(cat.doc_seg[first]), start, end).decode("utf-8")
        return text, [(int(d), int(cat.doc_start[d])) for d in docs]

    # --- terms ------------------------------------------------------------------------

    def term_docs(self, leaves, term, limit=None):
        """(section docnums, boundary docnums, exact) of one parsed Term (cached).

        With ``limit``, a term whose candidate sections outnumber it is not verified: its
        docnums are the candidates, a superset of the sections holding it, and ``exact`` is
        False (see ``VERIFY_LIMIT``). Without, every candidate is verified.
        """
        text = normal(term.text)
        key = ("title:" if term.title else "term:", text)
        hit = self.cache.get(key)
        if hit is None and limit is not None:
            hit = self.cache.get(("bound:", text))
        if hit is not None:
            return hit
        if term.title:
            return self.cache.put(key, (self._title_docs(text), _EMPTY, True))
        if " " in text:
            docs, edges, exact = self._spaced_docs(leaves, text, limit)
        elif len(text) == 1:
            docs, edges, exact = self._char_docs(leaves, text, limit)
        else:
            docs, edges, exact = self._short_docs(leaves, text, limit)
        # Titles are text too: a report whose title holds the term matches it (no section).
        titled = self.first_docs(self.title_reports(" ".join(text.split())))
        if len(titled):
            edges = np.union1d(edges, titled[~self.cat.reports_of(docs)[self.cat.doc_report[titled]]])
        return self.cache.put(key if exact else ("bound:", text), (docs, edges, exact))

    def report_hits(self, ordinal, text):
        """(this report's sections holding ``text`` (matching form), whether it holds it at all).

        Exact, by reading the report once: its sections, across their boundaries, its title.
        """
        body, sections = self.report_text(ordinal)
        form = normal(body)
        if " " in text:
            hits = self._pattern_hits(body, sections, text)
            whole = len(hits) > 0
        elif len(form) != len(body):  # folding moved offsets: test each section by itself
            hits = self.containing(np.array([d for d, _ in sections], dtype=np.int64), text)
            whole = len(hits) > 0 or text in form
        else:
            bounds = [start for _, start in sections] + [len(form)]
            found, pos = [], form.find(text)
            whole = pos >= 0
            while pos >= 0:
                i = bisect.bisect_right(bounds, pos) - 1
                if pos + len(text) <= bounds[i + 1]:  # inside section i: on to the next one
                    found.append(sections[i][0])
                    pos = form.find(text, bounds[i + 1])
                else:  # across a boundary: only the report holds it
                    pos = form.find(text, pos + 1)
            hits = np.array(found, dtype=np.int64)
        if not whole:
            title = self.titles()[ordinal]
            parts = text.split()
            whole = (parts[0] in title if len(parts) == 1 else
                     re.search(r"\s+".join(map(re.escape, parts)), title) is not None)
        return hits, whole

    def _pattern_hits(self, body, sections, text):
        """Sections (docnums) where a match of whitespace-holding ``text`` starts in ``body``."""
        pattern = re.compile(r"\s+".join(re.escape(p) for p in text.split()))
        offsets = [start for _, start in sections]
        hits = {sections[bisect.bisect_right(offsets, m.start()) - 1][0]
                for m in pattern.finditer(normal(body))}
        return np.array(sorted(hits), dtype=np.int64)

    def union(self, lists):
        """The sorted docnums in any of ``lists`` (a mask: linear, unlike sorting their sum)."""
        if len(lists) < 2:
            return np.asarray(lists[0], dtype=np.int64) if lists else _EMPTY
        mask = np.zeros(self.cat.n_docs, dtype=bool)
        for docs in lists:
            mask[docs] = True
        return np.flatnonzero(mask)

    def first_docs(self, ordinals):
        """The first section docnum of each of these reports (those with live sections)."""
        cat = self.cat
        ordinals = np.asarray(ordinals, dtype=np.int64)
        ptr = cat.rep_ptr
        keep = ptr[ordinals + 1] > ptr[ordinals]
        return np.asarray(cat.rep_docs[ptr[ordinals[keep]]], dtype=np.int64)

    def _char_docs(self, leaves, char, limit=None):
        """(sections containing one character, no edges, exact): see the module docstring."""
        terms = self.files.prefix_terms(leaves, "body_bigram", char, MAX_PREFIX_TERMS)
        if terms is None:
            live = self.cat.live_docs()
            if limit is not None and len(live) > limit:
                return live, _EMPTY, False
            return self.containing(live, char), _EMPTY, True
        lists = [self.postings(leaves, "body_bigram", t)[0] for t in terms]
        return self.union(lists), _EMPTY, True

    def _short_docs(self, leaves, text, limit=None):
        """(sections containing ``text`` (2+ chars, no space), boundary hits, exact)."""
        grams = [text[i:i + 2] for i in range(len(text) - 1)]
        docs = self._intersect(leaves, "body_bigram", grams)
        exact = len(text) == 2 or limit is None or len(docs) <= limit
        if len(text) > 2 and exact:
            docs = self.containing(docs, text)
        edges = [self.postings(leaves, "edge_bigram", g)[0] for g in set(grams)]
        edges = self.union(edges)
        if len(edges):
            cat = self.cat
            edges = edges[~cat.reports_of(docs)[cat.doc_report[edges]]]  # found in a section
            if len(text) > 2 and len(edges):
                _, first = np.unique(cat.doc_report[edges], return_index=True)
                edges = np.array([d for d in edges[first].tolist()
                                  if text in normal(self.report_text(int(cat.doc_report[d]))[0])],
                                 dtype=np.int64)
        return docs, edges, exact

    def _spaced_docs(self, leaves, text, limit=None):
        """(sections where a whitespace-holding term starts, no edges, exact): regex on texts.

        Past ``limit`` candidate sections the regex is not run: the sections holding the
        first part (which hold every match's start) in reports holding every part stand in.
        """
        parts = text.split()
        cat = self.cat
        reports = np.ones(cat.n_reports, dtype=bool)
        starts = None
        for part in parts:
            if len(part) == 1:
                docs, edges, _ = self._char_docs(leaves, part, limit)
            else:
                docs, edges, _ = self._short_docs(leaves, part, limit)
            if starts is None:  # a first part crossing a boundary: any section of its report
                starts = np.union1d(docs, self._docs_of(cat.reports_of(edges)))
            reports &= cat.reports_of(docs) | cat.reports_of(edges)
            if not reports.any():
                return _EMPTY, _EMPTY, True
        starts = starts[reports[cat.doc_report[starts]]]
        if limit is not None and len(starts) > limit:
            return starts, _EMPTY, False
        hits = [self._pattern_hits(*self.report_text(ordinal), text)
                for ordinal in np.flatnonzero(reports).tolist()]
        return self.union(hits), _EMPTY, True

    def titles(self):
        """Every report's title in its matching form (decoded once per generation, on first use)."""
        if self._titles is None:
            blob, offs = bytes(self.cat.titles), self.cat.title_offs
            self._titles = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(len(offs) - 1)]
        return self._titles

    def title_reports(self, text):
        """Ordinals of the reports whose title (matching form) contains ``text`` (cached)."""
        key = ("titled:", text)
        hit = self.cache.get(key)
        if hit is not None:
            return hit[0]
        if " " in text:
            pattern = re.compile(r"\s+".join(re.escape(p) for p in text.split()))
            found = [bool(pattern.search(t)) for t in self.titles()]
        else:
            found = [text in t for t in self.titles()]
        ordinals = np.flatnonzero(np.array(found, dtype=bool)) if found else _EMPTY
        return self.cache.put(key, (ordinals, None))[0]

    def _title_docs(self, text):
        """All sections of the reports whose title contains ``text``."""
        mask = np.zeros(self.cat.n_reports, dtype=bool)
        mask[self.title_reports(text)] = True
        return self._docs_of(mask)

    def _docs_of(self, reports):
        """The live section docnums of the reports set in the boolean mask ``reports``."""
        if not reports.any():
            return _EMPTY
        live = self.cat.live_docs()
        return live[reports[self.cat.doc_report[live]]]
