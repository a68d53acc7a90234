"""The search page (``/`` and ``/search``) and its CSV/JSON exports.

One search call feeds the page. Exports hold the columns the page shows (title, agency,
place, year, matching sections, snippets as plain text, the report's link) for at most
EXPORT_MAX reports, fetched in pages of EXPORT_CHUNK and streamed as they come (the first
page is fetched before the response starts, so a bad request is still a 400);
``X-Total-Count`` and the JSON's ``truncated`` say when the cap cut the list.

Decisions:
- Links in exports are relative (``/reports/<id>``) unless the BASE_URL setting names the
  site's address: the request's Host header, which anyone can set, never reaches a file
  that leaves the server.
- CSV cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) get a leading ``'``, as OWASP recommends, and every
  cell is quoted.
- The JSON export streams ``rows`` before ``exported`` and ``truncated``, so both count
  what was actually written.
"""
import csv
import io
import json
import math
from dataclasses import replace

import re

from flask import (Blueprint, Response, current_app, redirect, render_template, request,
                   stream_with_context, url_for)

from nianbao.indexer.search import FACETS, MAX_PER_PAGE, QueryError

from ..chart import district_chart, year_chart
from ..facets import REGION_FACETS, build_chips, build_facets, build_region_tree, facet_values
from ..figures import figure_groups, format_figure, sort_options, sorted_figure
from ..maps import china_map, province_map, province_regions
from ..params import parse_args, state_pairs
from ..service import get_service
from ..urls import build_path, page_url, path_with_removed_args, sort_url

bp = Blueprint("search", __name__)

EXPORT_CHUNK = MAX_PER_PAGE
EXPORT_COLUMNS = ("id", "title", "agency", "province", "city", "district", "year",
                  "sections", "snippets", "url")
SORT_LABELS = (("relevance", "相关度"), ("year", "年度"))
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
OPERATORS = ((">=", "≥"), ("<=", "≤"), (">", "＞"), ("<", "＜"), ("=", "＝"), ("!=", "≠"))
YEARS_LISTED = 200  # the year facet is asked for every year (the chart draws them all)
PROVINCES_LISTED = 40  # every province (34), for the map


def report_link(result, q):
    """Link to a report page, highlighting q and jumping to its first match."""
    if q:
        return url_for("report.report", report_id=result["id"], q=q) + "#m0"
    return url_for("report.report", report_id=result["id"])


def _pages(page, last):
    """Page numbers to link around the current one (None marks a gap)."""
    wanted = sorted({1, last, *range(max(1, page - 2), min(last, page + 2) + 1)})
    out, prev = [], 0
    for n in wanted:
        if n - prev > 1:
            out.append(None)
        out.append(n)
        prev = n
    return out


def page_request(state, config):
    """The service request behind a search page: how many values of each facet to list."""
    req, size, more = state.request, config["FACET_SIZE"], config["FACET_MORE_SIZE"]
    sizes = {name: more if name in state.expanded else size for name in FACETS}
    sizes["year"] = YEARS_LISTED
    sizes["province"] = max(sizes["province"], PROVINCES_LISTED)
    sizes["district"] = max(sizes["district"], config["CHART_DISTRICTS"])
    if any(req.filters.get(name) for name in REGION_FACETS):  # the tree lists every child
        for name in REGION_FACETS[1:]:
            sizes[name] = max(sizes[name], more)
    return replace(req, facet_size=size, facet_sizes=sizes)


def quote_term_url(path, pairs, q, term):
    """The same search with ``term`` quoted (a quoted term is not expanded), or None."""
    quoted, n = re.subn(r'(?<![^\s(])(-?)' + re.escape(term) + r'(?![^\s)])', r'\1"' + term + '"', q)
    if not n:
        return None
    return build_path(path, [(k, quoted if k == "q" else v) for k, v in pairs if k != "page"])


def _maps(tree, region_values, filters, path, pairs):
    """The map of China and, when the selection is inside one province, that province's map."""
    provinces = [n for n in tree["nodes"] if n["facet"] == "province"]
    china = china_map(region_values["province"])
    chosen = {n["value"] for n in provinces if n["open"]}
    one = next(iter(chosen)) if len(chosen) == 1 else None
    province = None
    if one and province_regions(one):
        kinds = province_regions(one)
        items = {}
        for facet in ("city", "district"):
            for v in region_values[facet]:
                if kinds.get(v["value"]) == facet:
                    items[v["value"]] = v
        province = province_map(one, items)
    return {"china": china, "province": province, "province_name": one}


def _expanded_terms(data, path, pairs, q):
    """也搜索了: each expanded term with its other names and the link searching it alone."""
    return [{"term": term, "others": others, "only_url": quote_term_url(path, pairs, q, term)}
            for term, others in (data.get("expanded") or {}).items()]


def _result_figures(req, results):
    """{report id: [(figure, shown value)]} for the figures the page sorts or filters by."""
    names = []
    figure = sorted_figure(req.sort)
    if figure:
        names.append(figure)
    for condition in req.where:
        name = re.split(r"\s*(?:>=|<=|!=|==|=|>|<|＞＝|＜＝|＞|＜|＝)", condition, maxsplit=1)[0].strip()
        if name and name not in names:
            names.append(name)
    if not names or not results:
        return {}
    values = get_service().figures([r["id"] for r in results], names)
    return {rid: [(n, format_figure(n, row.get(n))) for n in names] for rid, row in values.items()}


def _page_context(state, data):
    """Everything the template needs beyond the raw response."""
    path, pairs, req = url_for("search.search"), list(state.pairs), state.request
    cfg = current_app.config
    totals, parents = data.get("facet_totals") or {}, data.get("facet_parents") or {}
    facets = build_facets(data["facets"], totals, req.filters, path, pairs, cfg["FACET_SIZE"], state.expanded)
    tree = build_region_tree(data["facets"], totals, parents, req.filters, path, pairs,
                             cfg["FACET_SIZE"], state.expanded)
    region_values = {name: facet_values(name, data["facets"].get(name, []), req.filters.get(name, []), path, pairs)
                     for name in REGION_FACETS}
    last = max(1, math.ceil(data["total"] / req.per_page))
    # The charts draw every year and the top districts even when the sidebar list is cut.
    all_years = facet_values("year", data["facets"].get("year", []), req.filters.get("year", []), path, pairs)
    all_districts = region_values["district"]
    year_from, year_to = req.year_from or 0, req.year_to or 9999
    if req.year_from or req.year_to:
        for v in all_years:
            v["in_range"] = v["value"].isdigit() and year_from <= int(v["value"]) <= year_to
    export_pairs = [p for p in pairs if p[0] not in ("page", "more")]
    years = sorted({int(v["value"]) for v in all_years if v["value"].isdigit()}
                   | {y for y in (req.year_from, req.year_to) if y})
    return {
        "facets": facets,
        "tree": tree,
        "maps": _maps(tree, region_values, req.filters, path, pairs) if data["total"] else None,
        "chips": build_chips(facets + [tree["facet"]], req, path, pairs),
        "clear_url": path_with_removed_args(path, pairs, [*req.filters, "where", "year_from", "year_to",
                                                          "page", "more"]),
        "sorts": [{"value": v, "label": label, "url": sort_url(path, pairs, v),
                   "current": v == req.sort} for v, label in SORT_LABELS],
        "sort_options": sort_options(req.sort, bool(req.q)),
        "figure_groups": figure_groups(),
        "operators": OPERATORS,
        "years": years,
        "keep_pairs": [p for p in pairs if p[0] not in ("page", "more")],
        "expanded_terms": _expanded_terms(data, path, pairs, req.q),
        "result_figures": _result_figures(req, data["results"]),
        "pages": [{"n": n, "url": page_url(path, pairs, n) if n else None} for n in _pages(req.page, last)],
        "last_page": last,
        "prev_url": page_url(path, pairs, req.page - 1) if req.page > 1 else None,
        "next_url": page_url(path, pairs, req.page + 1) if req.page < last else None,
        "first_url": page_url(path, pairs, 1),
        "year_chart": year_chart(all_years),
        "district_chart": district_chart(all_districts, cfg["CHART_DISTRICTS"])
        if len(all_districts) > 1 else "",
        "district_count": len(all_districts),
        "csv_url": build_path(url_for("search.export_csv"), export_pairs),
        "json_url": build_path(url_for("search.export_json"), export_pairs),
        "compare_url": build_path(url_for("compare.compare"), export_pairs),
        "links": {r["id"]: report_link(r, req.q) for r in data["results"]},
    }


def _with_new_condition(args, state):
    """The canonical URL after the figure form's fields (wf, wo, wv) became one ``where``."""
    figure, op, number = (args.get(k, "").strip() for k in ("wf", "wo", "wv"))
    req = state.request
    where = list(req.where)
    if figure and number:
        condition = f"{figure}{op or '>='}{number}"
        if condition not in where:
            where.append(condition)
    pairs = state_pairs(replace(req, where=where, page=1), (), current_app.config["PER_PAGE"])
    return build_path(url_for("search.search"), pairs)


@bp.route("/")
@bp.route("/search")
def search():
    """The search page; with no query and no filter it browses the whole corpus."""
    try:
        state = parse_args(request.args, current_app.config)
        if "wf" in request.args:  # the figure form: fold its fields into one condition
            return redirect(_with_new_condition(request.args, state), code=303)
        data = get_service().search(page_request(state, current_app.config)).to_dict()
    except QueryError as exc:
        return render_template("search.html", error=str(exc), q=request.args.get("q", ""),
                               state=None, data=None), 400
    return render_template("search.html", error=None, q=state.request.q, state=state,
                           data=data, **_page_context(state, data))


def report_url(report_id):
    """A report's link for exports: relative, or absolute under the BASE_URL setting."""
    path = url_for("report.report", report_id=report_id)
    base = current_app.config["BASE_URL"]
    return base.rstrip("/") + path if base else path


def export_row(result):
    """One result as a flat export row."""
    return {
        "id": result["id"], "title": result["title"], "agency": result["agency"],
        "province": result["province"], "city": result["city"], "district": result["district"],
        "year": result["year"],
        "sections": "、".join(s["label"] for s in result["sections"]),
        "snippets": " … ".join(s["text"] for s in result["snippets"]),
        "url": report_url(result["id"]),
    }


def export_pages():
    """(total, iterator of rows) for the current search, up to EXPORT_MAX rows.

    The first page is fetched here, so a bad request raises QueryError before anything is
    sent; the rest is fetched as the iterator is consumed.
    """
    state = parse_args(request.args, current_app.config)
    limit, service = current_app.config["EXPORT_MAX"], get_service()
    first = service.search(replace(state.request, page=1, per_page=EXPORT_CHUNK)).to_dict()

    def rows():
        data, page, sent = first, 1, 0
        while True:
            for result in data["results"][:limit - sent]:
                yield export_row(result)
                sent += 1
            if sent >= limit or len(data["results"]) < EXPORT_CHUNK:
                return
            page += 1
            data = service.search(replace(state.request, page=page, per_page=EXPORT_CHUNK)).to_dict()

    return first["total"], rows()


def csv_cell(value):
    """A cell a spreadsheet shows as text: formula starts neutralised (OWASP)."""
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _csv_lines(rows):
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL)
    buf.write("\ufeff")
    writer.writerow(EXPORT_COLUMNS)
    yield buf.getvalue()  # the header goes out at once
    buf.seek(0)
    buf.truncate()
    for row in rows:
        writer.writerow([csv_cell(row[c]) for c in EXPORT_COLUMNS])
        if buf.tell() >= 1 << 15:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


@bp.route("/search.csv")
def export_csv():
    """The current result set as CSV (UTF-8 with BOM so spreadsheet programs read it)."""
    total, rows = export_pages()
    return Response(stream_with_context(_csv_lines(rows)), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=nianbao-search.csv",
        "X-Total-Count": str(total)})


def _json_parts(total, rows):
    yield '{"total": %d, "columns": %s, "rows": [' % (total, json.dumps(list(EXPORT_COLUMNS)))
    count, parts, size = 0, [], 0
    for row in rows:
        parts.append(("," if count else "") + json.dumps(row, ensure_ascii=False))
        size += len(parts[-1])
        count += 1
        if size >= 1 << 15:  # characters: about 64 KB of UTF-8 Chinese
            yield "".join(parts)
            parts, size = [], 0
    parts.append('], "exported": %d, "truncated": %s}' % (count, json.dumps(count < total)))
    yield "".join(parts)


@bp.route("/search.json")
def export_json():
    """The current result set as JSON: {total, columns, rows, exported, truncated}."""
    total, rows = export_pages()
    return Response(stream_with_context(_json_parts(total, rows)), mimetype="application/json",
                    headers={"Content-Disposition": "attachment; filename=nianbao-search.json",
                             "X-Total-Count": str(total)})
