"""The search service over one index directory (see ``indexer.search`` for the contract).

- Terms are matched report-wide: each positive clause (see ``indexer.query``) gives the
  set of section documents it matches; a report matches when every positive clause
  matches one of its sections (those allowed by the ``section`` filter) and no negated
  clause matches any of its sections. So ``A B`` finds A and B in different sections.
- A report's matching sections are the section documents its positive clauses matched
  (for a ``title:`` term, every section: the title belongs to the whole report); with an
  empty query none are listed. The ``section`` facet counts exactly these.
- Matching and scoring run in numpy over the generation's memory-mapped arrays and files
  (``matching``, ``ranking``): bigram posting arrays give candidate sections, the section
  texts confirm them, so results equal a literal substring scan.
- Relevance: BM25F over the jieba words of the query (``ranking``): a report
  scores its best matching section's body score plus a tenth of its other matching
  sections' scores, plus its title's score (boosted; more when the title contains a
  query term literally). ``sort="year"`` is newest first, then relevance. An empty
  query matches every report and sorts by year in both modes. Only the requested page
  is ordered in full (``numpy.argpartition`` for relevance).
- Facets are disjunctive; a ``section`` value's count is the number of reports the
  search would return with that value as the only section selection. Counting uses the
  catalog's arrays (never Whoosh ``groupedby``).
- ``other_years``: reports with the same ``agency`` value and a different year, newest
  first (an agency's name is specific enough; place + agency type would mix bodies).
- One service object serves many threads: the per-generation arrays are shared and
  read-only (the posting cache has a lock), each thread keeps its own Whoosh searcher
  (Whoosh readers seek shared file objects). Every call reads ``store.current_generation``;
  when a build has published a new generation, the first caller opens it while the others
  keep using the old one, which is closed (files, maps, cache released) as soon as the
  last request using it ends.
- Every call first checks that the generation's files still have their recorded sizes
  (``postings.SegmentFiles.check``): a damaged file is ``store.IndexDamaged`` (索引已损坏,
  with the command that repairs it), never a crash.
"""
import bisect
import functools
import json
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from .. import analysis, changes
from ..fold import normal
from ..index import store
from ..index.schema import INDEX_FORMAT, unpack_stats
from ..stats.measures import HEADLINE
from ..sections import TAXONOMY
from .cache import CACHE_BYTES, ArrayCache
from .catalog import FLAG_FACET, REPORT_FACETS, SECTION_FACET, Catalog

REGION_CHILDREN = ("city", "district", "town")  # facets whose values name their parent region
# Reports one search reads to fill a page when a term was too common to verify everywhere
# (about 20 us each: at most ~0.1 s).
MAX_VERIFIED_REPORTS = 5000
# ... unless the candidates read are mostly false (a string of common bigrams that is itself
# rare): then the bound would mislead, and the search verifies everything instead.
PRECISION_SAMPLE, MIN_PRECISION = 20, 0.8
from .matching import VERIFY_LIMIT, Matcher
from .postings import SegmentFiles
from .query import QueryError, parse
from .ranking import Ranker
from .request import FACETS, SearchResponse, check_request, conditions, figure_sort
from .snippets import find_matches, lead_snippet, literal_pattern, make_snippets
from .synonyms import expand


class _Generation:
    """One published generation: Whoosh index, catalog, files, matcher, per-thread searchers."""

    def __init__(self, index_dir, cache_bytes):
        self.version, self.index = store.open_index(index_dir, INDEX_FORMAT)
        self._local = threading.local()
        self._searchers = []
        self._lock = threading.Lock()
        self.users, self.retired, self.closed = 0, False, False
        try:
            self.catalog = Catalog.load(store.generation_path(index_dir, self.version))
            self.files = SegmentFiles(index_dir, self.version, self.searcher().reader(),
                                      self.catalog.meta)
        except (OSError, ValueError, KeyError) as exc:
            self.close()
            raise store.IndexDamaged(store.damage_message(index_dir, [str(exc)[:80]])) from None
        self.matcher = Matcher(self.catalog, self.files, ArrayCache(cache_bytes))
        self.ranker = Ranker(self.matcher)

    def searcher(self):
        """This thread's searcher (Whoosh searchers are not safe to share across threads)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self.index.searcher()
            self._local.searcher = searcher
            with self._lock:
                self._searchers.append(searcher)
        return searcher

    def leaves(self):
        """This thread's Whoosh segment readers with their docnum bases."""
        return self.searcher().reader().leaf_readers()

    def close(self):
        """Close every searcher and file this generation opened."""
        with self._lock:
            for searcher in self._searchers:
                searcher.close()
            self._searchers.clear()
        if getattr(self, "files", None) is not None:
            self.files.close()
        self.closed = True


@dataclass
class _Selection:
    """What a request selects before ranking (``SearchService._select``)."""

    final: np.ndarray  # reports matching the query and every filter
    matched: np.ndarray  # reports matching the query alone (facet counts start here)
    masks: dict  # facet name -> report mask of its filter
    allowed: np.ndarray  # section docs that may count (the section filter)
    found: list  # per positive clause: (docs, boundary docs, unverified terms)
    clause_docs: list
    excluded: np.ndarray  # reports a negated clause removes
    hit_docs: np.ndarray  # section docs that matched a positive clause
    unverified: list  # terms whose candidates were not all verified (counts are bounds)


class SearchService:
    """Searches one index directory; thread-safe, follows rebuilds (see module docstring)."""

    def __init__(self, index_dir, cache_bytes=CACHE_BYTES, verify_limit=VERIFY_LIMIT):
        self.index_dir, self.cache_bytes, self.verify_limit = index_dir, cache_bytes, verify_limit
        analysis.load()  # load the segmenter's dictionary now, not during the first query
        self._lock = threading.Lock()
        self._gen = _Generation(index_dir, cache_bytes)

    @property
    def report_count(self):
        """Number of reports in the live index."""
        with self._use() as gen:
            return int((np.bincount(gen.catalog.doc_report[gen.catalog.doc_report >= 0],
                                    minlength=gen.catalog.n_reports) > 0).sum())

    def _refresh(self):
        """Open the newly published generation, if a build has published one."""
        gen = self._gen
        if store.current_generation(self.index_dir) == gen.version:
            return
        try:
            new = _Generation(self.index_dir, self.cache_bytes)
        except store.IndexNotFound:
            return  # vanished mid-flip or not readable: keep serving the one we have
        with self._lock:
            if self._gen is not gen:  # another thread was faster
                new.close()
                return
            self._gen = new
            gen.retired = True
            if gen.users == 0:
                gen.close()

    @contextmanager
    def _use(self):
        """The live generation for the duration of one call (checked, counted as in use)."""
        self._refresh()
        with self._lock:
            gen = self._gen
            gen.users += 1
        try:
            gen.files.check()
            yield gen
        finally:
            with self._lock:
                gen.users -= 1
                if gen.retired and gen.users == 0 and not gen.closed:
                    gen.close()

    def close(self):
        """Release the index files."""
        with self._lock:
            self._gen.close()

    # --- search -----------------------------------------------------------------

    def search(self, request):
        """Run a SearchRequest; return a SearchResponse or raise QueryError."""
        started = time.perf_counter()
        filters = check_request(request)
        parsed, expanded = expand(parse(request.q or ""))
        with self._use() as gen:
            response = self._search(gen, request, filters, parsed, started)
        response.expanded = expanded
        return response

    def report_ids(self, request):
        """Ids of every report ``request`` matches, exact (every term verified in full, whatever
        the service's ``verify_limit``), in index order; no ranking, paging, facets or snippets.

        What the recall check compares with a literal scan; ``request.page`` is ignored.
        """
        filters = check_request(request)
        parsed, _ = expand(parse(request.q or ""))
        with self._use() as gen:
            sel = self._select(gen, request, filters, parsed, limit=None)
            return [gen.catalog.report_id(int(o)) for o in np.flatnonzero(sel.final)]

    def _select(self, gen, request, filters, parsed, limit):
        """The sections and reports ``request`` selects (before ranking): a ``_Selection``."""
        cat, leaves = gen.catalog, gen.leaves()
        # Which section docs may count, then report masks per clause.
        live = cat.live_docs()
        sec_ids = cat.section_ids(filters.get(SECTION_FACET, []))
        allowed = np.ones(cat.n_docs, dtype=bool)
        if SECTION_FACET in filters:
            allowed[:] = False
            allowed[live[np.isin(cat.doc_section[live], sec_ids)]] = True
        found = [_clause_docs(gen, leaves, c, limit) for c in parsed.positive]
        unverified = sorted({t.text for _, _, bounded in found for t in bounded})
        clause_docs = [docs for docs, _, _ in found] or [live]
        if not found:  # an empty query: every section matches, so the section filter still applies
            found = [(live, live[:0], [])]
        matched = np.ones(cat.n_reports, dtype=bool)
        for docs, edges, _ in found:
            reports = cat.reports_of(docs[allowed[docs]])
            if SECTION_FACET not in filters:  # a boundary match selects no section
                reports |= cat.reports_of(edges)
            matched &= reports
        matched &= cat.reports_of(live)  # hidden duplicates never match
        excluded = np.zeros(cat.n_reports, dtype=bool)
        for docs, edges, _ in (_clause_docs(gen, leaves, c) for c in parsed.negative):
            excluded |= cat.reports_of(docs) | cat.reports_of(edges)
        matched &= ~excluded
        hit_docs = np.zeros(cat.n_docs, dtype=bool)
        if parsed.positive:
            for docs in clause_docs:
                hit_docs[docs] = True
            hit_docs &= allowed

        masks = {f: cat.value_mask(f, filters[f]) for f in REPORT_FACETS if f in filters}
        if FLAG_FACET in filters:
            masks[FLAG_FACET] = cat.flag_mask(filters[FLAG_FACET])
        if request.year_from or request.year_to:  # a range is part of the year facet's selection
            years = np.asarray(cat.rep_year)
            within = (years >= (request.year_from or 0)) & (years <= (request.year_to or 9999))
            masks["year"] = masks["year"] & within if "year" in masks else within
        conds = conditions(request.where)
        if conds:  # figure conditions narrow every count, like the query
            masks["_where"] = cat.where_mask(conds)
        final = matched.copy()
        for m in masks.values():
            final &= m
        return _Selection(final, matched, masks, allowed, found, clause_docs, excluded, hit_docs,
                          unverified)

    def _search(self, gen, request, filters, parsed, started, limit=VERIFY_LIMIT):
        cat, leaves = gen.catalog, gen.leaves()
        limit = self.verify_limit if limit is VERIFY_LIMIT else limit
        sel = self._select(gen, request, filters, parsed, limit)
        final, matched, masks, allowed = sel.final, sel.matched, sel.masks, sel.allowed
        found, clause_docs, excluded, hit_docs = sel.found, sel.clause_docs, sel.excluded, sel.hit_docs
        unverified = sel.unverified
        facets, totals = self._facets(cat, filters, matched, masks, clause_docs, excluded,
                                      lambda f: (request.facet_sizes or {}).get(f, request.facet_size))
        parents = {f: {v["value"]: cat.parents(f).get(v["value"]) for v in facets[f]}
                   for f in REGION_CHILDREN}

        scores = self._scores(gen, leaves, parsed, final, hit_docs)
        start = (request.page - 1) * request.per_page
        by_figure = figure_sort(request.sort)
        ranked = functools.partial(
            _page, np.flatnonzero(final), scores, cat.rep_year,
            by_year=not parsed.positive or request.sort == "year",
            figure=(cat.figure(by_figure[0]), by_figure[1]) if by_figure else None)
        if unverified and start >= MAX_VERIFIED_REPORTS:
            raise QueryError(f"检索词“{'”“'.join(unverified)}”过于常见，只能列出前 {MAX_VERIFIED_REPORTS} 份"
                             "报告：请加上筛选条件或换用更具体的词语。", "page")
        if unverified:  # the counts are bounds; the page shows verified reports only
            page = _verified_page(ranked, start, request.per_page, final, functools.partial(
                _verify_report, gen, clauses=parsed.positive, found=found, allowed=allowed,
                hit_docs=hit_docs, by_section=SECTION_FACET in filters))
            if page is None:  # most candidates are false: a bound would mislead, be exact
                return self._search(gen, request, filters, parsed, started, limit=None)
        else:
            page = ranked(start, request.per_page)
        pattern = literal_pattern([normal(lit) for lit in parsed.literals()])
        results = [self._result(gen, int(o), float(scores[o]), pattern, allowed, hit_docs)
                   for o in page]
        took = round((time.perf_counter() - started) * 1000, 1)
        return SearchResponse(int(final.sum()), request.page, request.per_page, took,
                              results, facets, facet_totals=totals, facet_parents=parents,
                              unverified_terms=unverified)

    def _facets(self, cat, filters, matched, masks, clause_docs, excluded, sizes):
        """Disjunctive facet counts (each facet ignores its own selection), and value totals."""
        facets, totals = {}, {}
        for facet in FACETS:
            size, selected = sizes(facet), filters.get(facet, [])
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
                facets[facet], totals[facet] = cat.count_sections(codes, selected, size)
                continue
            mask = matched.copy()
            for other, m in masks.items():
                if other != facet:
                    mask &= m
            if facet == FLAG_FACET:
                facets[facet], totals[facet] = cat.count_flags(mask, selected, size)
            else:
                facets[facet], totals[facet] = cat.count(facet, mask, selected, size)
        return facets, totals

    def _scores(self, gen, leaves, parsed, final, hit_docs):
        """Report scores of the matched reports (zeros for an empty query)."""
        if not parsed.positive or not final.any():
            return np.zeros(gen.catalog.n_reports, dtype=np.float64)
        terms = [t for c in parsed.positive for t in c.terms]
        want = hit_docs & final[np.maximum(gen.catalog.doc_report, 0)]
        return gen.ranker.scores(leaves, [t.text for t in terms if not t.title],
                                 [t.text for t in terms if t.title], want, final)

    def _result(self, gen, ordinal, score, pattern, allowed, hit_docs):
        """One result dict: metadata, matching sections and snippets of a report."""
        cat = gen.catalog
        text, sections = gen.matcher.report_text(ordinal)
        starts = [start for _, start in sections]
        spans = []
        for span in find_matches(_matching_form(text), None, pattern) if pattern is not None else []:
            if allowed[sections[bisect.bisect_right(starts, span[0]) - 1][0]]:
                spans.append(span)
        matching = {}
        for docnum, _start in sections:
            if hit_docs[docnum]:
                key = cat.section_keys[cat.doc_section[docnum]]
                matching.setdefault(key, {"key": key, "label": TAXONOMY.get(key, key)})
        snippets = make_snippets(text, spans) if spans else [lead_snippet(text)]
        first = gen.searcher().stored_fields(sections[0][0]) if sections else {}
        result = _metadata(cat.report_id(ordinal), first)
        title = result["title"] or ""
        result.update(score=round(score, 4), sections=list(matching.values()), snippets=snippets,
                      title_matches=find_matches(_matching_form(title), None, pattern)
                      if pattern is not None and title else [])
        return result

    # --- one report -------------------------------------------------------------

    def report(self, report_id, q=None):
        """A report's metadata, full text, outline, matches of ``q`` and other years."""
        parsed = parse(q or "")
        with self._use() as gen:
            cat = gen.catalog
            ordinal = cat.ordinal(report_id)
            if ordinal is None or not len(cat.report_docs(ordinal)):
                return None
            text, sections = gen.matcher.report_text(ordinal)
            first = gen.searcher().stored_fields(sections[0][0])
            data = _metadata(cat.report_id(ordinal), first)
            stats, issues = unpack_stats(first.get("stats"))
            data.update(stats=stats, stats_issues=issues, peers=self._peers(gen, ordinal))
            data.update(published=first.get("published"), kind=first.get("kind") or None,
                        format=first.get("format"),
                        source_quality=first.get("source_quality") or "text",
                        text=text, sections=_outline(first), also_at=cat.aliases(ordinal),
                        matches=find_matches(_matching_form(text), [normal(lit) for lit in parsed.literals()])
                        if parsed.positive else [],
                        other_years=self._other_years(gen, ordinal))
            return data

    def _peers(self, gen, ordinal):
        """The headline figures of a report beside its peers' (same level, office type, year)."""
        cat = gen.catalog
        peers = cat.reports_of(cat.live_docs())
        for facet in ("level", "agency_type", "year"):
            if not cat.rep_vals(facet)[ordinal]:
                return None
            peers &= cat.rep_vals(facet) == cat.rep_vals(facet)[ordinal]
        out = []
        for name in HEADLINE:
            values = np.asarray(cat.figure(name), dtype=np.float64)
            mine = values[ordinal]
            others = values[peers & ~np.isnan(values)]
            if np.isnan(mine) or len(others) < 2:
                continue
            out.append({"figure": name, "value": _plain_number(mine), "peers": len(others),
                        "median": _plain_number(float(np.median(others))),
                        "percentile": round(100.0 * float((others <= mine).mean()), 1)})
        return {"reports": int(peers.sum()), "figures": out} if out else None

    def suggest(self, text, limit=10):
        """Agencies and places whose name contains ``text`` (for the search box), most used first."""
        text = normal((text or "").strip())[:50]
        if not text:
            return []
        with self._use() as gen:
            return gen.catalog.suggest(text, limit)

    def changes(self, report_id):
        """What changed since the same office's previous report, sentence by sentence.

        Returns None for an unknown id; else {"id", "previous": {id, year, title} or None,
        "share", "ops", "cut"} (see ``indexer.changes.diff``; no previous report: no ops).
        """
        with self._use() as gen:
            cat = gen.catalog
            ordinal = cat.ordinal(report_id)
            if ordinal is None or not len(cat.report_docs(ordinal)):
                return None
            earlier = [o for o in self._other_years(gen, ordinal)
                       if o["year"] and cat.rep_year[ordinal] and o["year"] < cat.rep_year[ordinal]]
            out = {"id": cat.report_id(ordinal), "previous": None, "share": None, "ops": [],
                   "cut": False}
            if earlier:
                previous = earlier[0]  # newest first: the year before, or the latest earlier
                old_text, _ = gen.matcher.report_text(cat.ordinal(previous["id"]))
                new_text, _ = gen.matcher.report_text(ordinal)
                out.update(previous=previous, **changes.diff(old_text, new_text))
            return out

    def figures(self, report_ids, names):
        """{report id: {figure name: value or None}} (``stats.measures`` names) for many reports."""
        with self._use() as gen:
            cat = gen.catalog
            rows = {name: np.asarray(cat.figure(name)) for name in names}
            out = {}
            for rid in report_ids:
                ordinal = cat.ordinal(rid)
                if ordinal is not None:
                    out[rid] = {name: _plain_number(rows[name][ordinal]) for name in names}
            return out

    def metadata(self, report_ids):
        """{report id: metadata (as in results) and ``kind``} for the known ids, in their order.

        For listing many reports by id (the comparison view) without reading their texts.
        """
        with self._use() as gen:
            cat, searcher, out = gen.catalog, gen.searcher(), {}
            for rid in report_ids:
                ordinal = cat.ordinal(rid)
                if ordinal is None or not len(cat.report_docs(ordinal)) or cat.report_id(ordinal) in out:
                    continue
                fields = searcher.stored_fields(int(cat.report_docs(ordinal)[0]))
                out[cat.report_id(ordinal)] = dict(_metadata(cat.report_id(ordinal), fields),
                                                   kind=fields.get("kind") or None)
            return out

    def _other_years(self, gen, ordinal):
        """The same office's reports from other years, newest first.

        The same office: the same canonical agency type at the same place and level, so it is
        followed across renames (环翠区安监局 2017 → 环翠区应急管理局 2020); without a type, the
        same agency name.
        """
        cat = gen.catalog
        if cat.rep_vals("agency_type")[ordinal]:
            same = np.ones(cat.n_reports, dtype=bool)
            for facet in ("agency_type", "province", "city", "district", "town", "level"):
                same &= cat.rep_vals(facet) == cat.rep_vals(facet)[ordinal]
        elif cat.rep_vals("agency")[ordinal]:
            same = cat.rep_vals("agency") == cat.rep_vals("agency")[ordinal]
        else:
            return []
        shown = cat.reports_of(cat.live_docs())
        same = np.flatnonzero(same & (cat.rep_year != cat.rep_year[ordinal]) & shown)
        same = same[np.lexsort((same, -cat.rep_year[same]))]
        searcher, out = gen.searcher(), []
        for other in same.tolist():
            fields = searcher.stored_fields(int(cat.report_docs(other)[0]))
            out.append({"id": cat.report_id(other), "year": int(cat.rep_year[other]) or None,
                        "title": fields.get("title") or None})
        return out


def _page(ordinals, scores, years, start, count, by_year, figure=None):
    """The ordinals of one page: by score (or year, then score; or a figure) desc, then ordinal.

    ``figure`` is (values of every report, ascending): reports without the figure come last.
    """
    end = start + count
    if figure is not None:
        values, ascending = figure
        values = np.asarray(values, dtype=np.float64)[ordinals]
        missing = np.isnan(values)
        key = np.where(missing, 0.0, values if ascending else -values)
        order = np.lexsort((ordinals, -scores[ordinals], key, missing))
        return ordinals[order[start:end]]
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


def _verified_page(ranked, start, count, final, verify):
    """Page ``start:start+count`` of the verified reports, in rank order.

    ``ranked(start, count)`` ranks the candidates; they are verified from the best down
    until the page is full, all are checked, or ``MAX_VERIFIED_REPORTS`` were read (a page
    deeper than that shows what was found). Candidates found false leave ``final``. None
    when fewer than ``MIN_PRECISION`` of the first ``PRECISION_SAMPLE`` or more candidates
    checked hold the terms (the bound would be far above the truth), or when every
    candidate was read and some were false.
    """
    want, checked, verified = start + count, 0, []
    candidates = int(final.sum())
    while len(verified) < want and checked < min(candidates, MAX_VERIFIED_REPORTS):
        batch = ranked(checked, max(count, checked)).tolist()  # doubling batches
        if not batch:
            break
        for ordinal in batch[:MAX_VERIFIED_REPORTS - checked]:
            checked += 1
            if verify(ordinal):
                verified.append(ordinal)
                if len(verified) == want:
                    break
            else:
                final[ordinal] = False
                if checked >= PRECISION_SAMPLE and len(verified) < MIN_PRECISION * checked:
                    return None
    if checked == candidates and len(verified) < checked:
        return None  # all read, some false: verifying in full costs no more than that
    return verified[start:want]


def _clause_docs(gen, leaves, clause, limit=None):
    """(section docnums, boundary docnums, unverified terms) of one clause (its terms ORed).

    With ``limit`` (``matching.VERIFY_LIMIT``) a term with more candidates is not verified:
    the docnums are then a superset and the term is listed as unverified.
    """
    found, edges, unverified = [], [], []
    for term in clause.terms:
        docs, edge, exact = gen.matcher.term_docs(leaves, term, limit)
        found.append(docs)
        if len(edge):
            edges.append(edge)
        if not exact:
            unverified.append(term)
    return gen.matcher.union(found), gen.matcher.union(edges), unverified


def _verify_report(gen, ordinal, *, clauses, found, allowed, hit_docs, by_section):
    """Whether a report matched through unverified terms really matches every clause.

    Reads the report for each clause holding an unverified term and sets its sections in
    ``hit_docs`` to the exact ones (section filter applied).
    """
    cat, matcher = gen.catalog, gen.matcher
    docs = np.asarray(cat.report_docs(ordinal), dtype=np.int64)
    exact = np.zeros(len(docs), dtype=bool)
    for clause, (clause_docs, _, unverified) in zip(clauses, found):
        if not unverified:
            exact |= np.isin(docs, clause_docs)
            continue
        hits, whole = [], False
        for term in clause.terms:
            if term.title:  # title terms are always exact
                term_hits = matcher.term_docs(gen.leaves(), term)[0]
                term_hits = term_hits[np.isin(term_hits, docs)]
                term_whole = len(term_hits) > 0
            else:
                term_hits, term_whole = matcher.report_hits(ordinal, normal(term.text))
            hits.append(term_hits)
            whole |= term_whole
        hits = np.concatenate(hits)
        if not (allowed[hits].any() if by_section else whole):
            return False
        exact |= np.isin(docs, hits)
    hit_docs[docs] = exact & allowed[docs]
    return True


def _plain_number(value):
    """A figure as JSON shows it: None for NaN, an int when whole, else rounded."""
    value = float(value)
    if value != value:
        return None
    return int(value) if value.is_integer() else round(value, 4)


def _matching_form(text):
    """The text matches are looked for in: its normal form when that keeps every offset."""
    form = normal(text)
    return form if len(form) == len(text) else text


def _metadata(report_id, fields):
    """The metadata every result and report carries."""
    year = fields.get("year")
    return {"id": report_id, "path": fields.get("path"), "title": fields.get("title") or None,
            "agency": fields.get("agency") or None, "agency_type": fields.get("agency_type") or None,
            "province": fields.get("province") or None,
            "city": fields.get("city") or None, "district": fields.get("district") or None,
            "town": fields.get("town") or None, "level": fields.get("level") or None,
            "year": int(year) if year and str(year).isdigit() else None}


def _outline(first):
    """The report's outline from ``sections_json`` (labels from the current taxonomy)."""
    raw = json.loads(first["sections_json"])
    return [{"key": k, "label": TAXONOMY.get(k, label or k), "heading": h, "start": s, "end": e}
            for k, label, h, s, e in raw]
