"""Engines the search contract is checked against (``tests/test_search.py``'s ``engine``).

The contract (``nianbao.indexer.search``): ``search(SearchRequest) -> SearchResponse``,
``report(id, q=None)``, ``report_count``, ``close()``. ``ReferenceEngine`` implements it by
brute force over the extracted reports — every term a substring scan of every section, every
facet a Counter — in the plainest code possible. It is slow and holds everything in memory;
it exists so the contract tests are known to test the contract, not one implementation:
they must pass on both engines. An engine for corpora past one machine plugs in the same
way (add it to ``ENGINES``).

Relevance here is a simple count (occurrences in the text, three times in the title); the
contract fixes that results are ordered by their score, not the scoring itself.
"""
import re
from collections import Counter

from nianbao.indexer.extract import ExtractError, extract_paths
from nianbao.indexer.fold import normal
from nianbao.indexer.labels import KINDS, LEVELS, SECTIONS
from nianbao.indexer.report import report_id
from nianbao.indexer.search.query import parse
from nianbao.indexer.search.request import (FACETS, SearchResponse, check_request, conditions,
                                            figure_sort)
from nianbao.indexer.stats import measures
from nianbao.indexer.search.snippets import find_matches, lead_snippet, literal_pattern, make_snippets
from nianbao.indexer.search.synonyms import expand

LABELS = {"section": SECTIONS, "kind": KINDS, "level": LEVELS, "tables": measures.FLAGS}


class ReferenceEngine:
    """The search contract by brute force over ``extract_paths(paths)``."""

    def __init__(self, paths):
        found = sorted((r for r in extract_paths(paths) if not isinstance(r, ExtractError)),
                       key=lambda r: r.path)
        first, self.aliases = {}, {}
        for r in found:  # the same text twice is one report, under the smallest path
            if r.text in first:
                self.aliases.setdefault(report_id(first[r.text].path), []).append(r.path)
            else:
                first[r.text] = r
        self.reports = list(first.values())
        self.by_id = {report_id(r.path): r for r in self.reports}

    @property
    def report_count(self):
        return len(self.reports)

    def close(self):
        pass

    # --- matching ---------------------------------------------------------------------

    @staticmethod
    def _contains(text, term):
        lowered, needle = normal(text), normal(term.text)
        if " " in needle:
            return re.search(r"\s+".join(map(re.escape, needle.split())), lowered) is not None
        return needle in lowered

    def _clause(self, report, clause):
        """(matched section numbers, matched across a boundary only) of one clause."""
        sections, anywhere = set(), False
        for term in clause.terms:
            if term.title:
                if self._contains(report.title or "", term):
                    sections.update(range(len(report.sections)))
                continue
            for no, s in enumerate(report.sections):
                if self._contains(report.text[s.start:s.end], term):
                    sections.add(no)
            anywhere = (anywhere or self._contains(report.text, term)
                        or self._contains(report.title or "", term))
        return sections, anywhere and not sections

    def search(self, request):
        filters = check_request(request)
        parsed, expanded = expand(parse(request.q or ""))
        chosen = set(filters.get("section", []))
        rows = []
        for ordinal, r in enumerate(self.reports):
            keys = [s.key for s in r.sections]
            allowed = {no for no, k in enumerate(keys) if not chosen or k in chosen}
            clauses = [self._clause(r, c) for c in parsed.positive]
            excluded = any(secs or edge for secs, edge in (self._clause(r, c) for c in parsed.negative))
            if clauses:
                matched = all((secs & allowed) or (edge and not chosen) for secs, edge in clauses)
                hits = set().union(*(secs for secs, _ in clauses)) & allowed
                pairs = set.intersection(*({keys[no] for no in secs} for secs, _ in clauses))
            else:
                matched, hits, pairs = bool(allowed), set(), set(keys)
            rows.append({"ordinal": ordinal, "report": r, "matched": matched and not excluded,
                         "excluded": excluded, "hits": hits, "pairs": pairs, "allowed": allowed})
        values = {f: {row["ordinal"]: self._value(row["report"], f) for row in rows} for f in FACETS}

        conds = conditions(request.where)

        def meets(row):
            figures = (row["report"].stats or {}).get("values") or {}
            for c in conds:
                v = measures.value(figures, c.figure)
                if v is None or not {">=": v >= c.value, "<=": v <= c.value, ">": v > c.value,
                                     "<": v < c.value, "=": v == c.value, "!=": v != c.value}[c.op]:
                    return False
            return True

        def in_years(row):
            year = row["report"].year or 0
            return (year >= (request.year_from or 0)) and (year <= (request.year_to or 9999))

        def passes(row, skip=None):
            ok = all(values[f][row["ordinal"]] in filters[f] for f in filters
                     if f not in ("section", "tables", skip))
            if skip != "year" and (request.year_from or request.year_to):
                ok = ok and in_years(row)
            if "tables" in filters and skip != "tables":
                ok = ok and bool(values["tables"][row["ordinal"]] & set(filters["tables"]))
            return ok and meets(row)

        final = [row for row in rows if row["matched"] and passes(row)]
        facets, totals = {}, {}
        for facet in FACETS:
            if facet == "section":
                counts = Counter(k for row in rows if not row["excluded"] and passes(row)
                                 for k in row["pairs"])
            elif facet == "tables":
                counts = Counter(flag for row in rows if row["matched"] and passes(row, facet)
                                 for flag in values[facet][row["ordinal"]])
            else:
                counts = Counter(values[facet][row["ordinal"]] for row in rows
                                 if row["matched"] and passes(row, facet))
            size = (request.facet_sizes or {}).get(facet, request.facet_size)
            facets[facet] = _listing(facet, counts, filters.get(facet, []), size)
            totals[facet] = sum(1 for v, c in counts.items() if c and v not in (None, ""))
        parents = {facet: {v["value"]: self._parent(facet, v["value"]) for v in facets[facet]}
                   for facet in ("city", "district", "town")}
        literals = parsed.literals()
        for row in final:
            text, title = normal(row["report"].text), normal(row["report"].title or "")
            row["score"] = float(sum(text.count(normal(t)) + 3 * title.count(normal(t)) for t in literals))
        by_figure = figure_sort(request.sort)
        if by_figure:
            name, ascending = by_figure
            def key(row):
                v = measures.value((row["report"].stats or {}).get("values") or {}, name)
                return (v is None, 0 if v is None else (v if ascending else -v), -row["score"],
                        row["ordinal"])
            final.sort(key=key)
        elif not parsed.positive or request.sort == "year":
            final.sort(key=lambda row: (-(row["report"].year or 0), -row["score"], row["ordinal"]))
        else:
            final.sort(key=lambda row: (-row["score"], row["ordinal"]))
        start = (request.page - 1) * request.per_page
        page = final[start:start + request.per_page]
        pattern = literal_pattern([normal(lit) for lit in literals])
        results = [self._result(row, pattern) for row in page]
        return SearchResponse(len(final), request.page, request.per_page, 0.0, results, facets,
                              expanded, facet_totals=totals, facet_parents=parents)

    def _parent(self, facet, value):
        ups = {"city": ("province",), "district": ("city", "province"), "town": ("district",)}[facet]
        for up in ups:
            found = sorted({getattr(r, up) for r in self.reports if getattr(r, facet) == value
                            and getattr(r, up)})
            if found:
                return found[0]
        return None

    @staticmethod
    def _value(report, facet):
        if facet == "year":
            return str(report.year) if report.year else None
        if facet == "section":
            return None
        if facet == "tables":
            stats = report.stats or {}
            return measures.flags(stats.get("values") or {}, report.stats_issues, stats.get("format"))
        return getattr(report, facet)

    def _result(self, row, pattern):
        r = row["report"]
        spans = []
        if pattern is not None:
            for s, e in find_matches(normal(r.text), None, pattern):
                no = next(i for i, sec in enumerate(r.sections) if sec.start <= s < sec.end)
                if no in row["allowed"]:
                    spans.append([s, e])
        sections = {}
        for no in sorted(row["hits"]):
            key = r.sections[no].key
            sections.setdefault(key, {"key": key, "label": SECTIONS.get(key, key)})
        title = r.title or ""
        return dict(self._metadata(r), score=round(row["score"], 4), sections=list(sections.values()),
                    snippets=make_snippets(r.text, spans) if spans else [lead_snippet(r.text)],
                    title_matches=find_matches(normal(title), None, pattern) if pattern and title else [])

    @staticmethod
    def _metadata(r):
        return {"id": report_id(r.path), "path": r.path, "title": r.title, "agency": r.agency,
                "agency_type": r.agency_type,
                "province": r.province, "city": r.city, "district": r.district, "town": r.town,
                "level": r.level, "year": r.year}

    # --- one report -----------------------------------------------------------------------

    def report(self, rid, q=None):
        r = self.by_id.get(rid)
        if r is None:
            return None
        parsed = parse(q or "")
        def office(o):
            if o.agency_type:
                return (o.agency_type, o.province, o.city, o.district, o.town, o.level)
            return ("name", o.agency) if o.agency else None
        others = sorted((o for o in self.reports if office(r) and office(o) == office(r)
                         and o.year != r.year), key=lambda o: -(o.year or 0))
        return dict(self._metadata(r), published=r.published, kind=r.kind, stats=r.stats,
                    stats_issues=r.stats_issues,
                    format=r.format, source_quality=r.source_quality, text=r.text,
                    sections=[{"key": s.key, "label": s.label, "heading": s.heading, "start": s.start,
                               "end": s.end} for s in r.sections],
                    also_at=self.aliases.get(rid, []),
                    matches=find_matches(normal(r.text), [normal(lit) for lit in parsed.literals()])
                    if parsed.positive else [],
                    other_years=[{"id": report_id(o.path), "year": o.year, "title": o.title}
                                 for o in others])


def _listing(facet, counts, selected, size):
    """Facet values by count desc then value, the first ``size`` plus every selected one."""
    labels = LABELS.get(facet, {})
    counts = {str(v): c for v, c in counts.items() if v not in (None, "")}
    for value in selected:
        counts.setdefault(value, 0)
    values = sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))
    shown = [v for v in values[:size]] + [v for v in values[size:] if v[0] in selected]
    return [{"value": v, "label": labels.get(v, v), "count": c, "selected": v in selected}
            for v, c in shown if c or v in selected]
