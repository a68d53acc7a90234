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

from flask import Blueprint, Response, current_app, render_template, request, stream_with_context, url_for

from nianbao.indexer.search import MAX_PER_PAGE, QueryError

from ..chart import district_chart, year_chart
from ..facets import build_chips, build_facets, facet_values
from ..params import parse_args
from ..service import get_service
from ..urls import build_path, page_url, path_with_removed_args, sort_url

bp = Blueprint("search", __name__)

EXPORT_CHUNK = MAX_PER_PAGE
EXPORT_COLUMNS = ("id", "title", "agency", "province", "city", "district", "year",
                  "sections", "snippets", "url")
SORT_LABELS = (("relevance", "相关度"), ("year", "年度"))
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def _page_context(state, data):
    """Everything the template needs beyond the raw response."""
    path, pairs, req = url_for("search.search"), list(state.pairs), state.request
    cfg = current_app.config
    facets = build_facets(data["facets"], req.filters, path, pairs, cfg["FACET_SIZE"], state.expanded)
    last = max(1, math.ceil(data["total"] / req.per_page))
    # The charts draw every year and the top districts even when the sidebar list is cut.
    all_years, all_districts = (
        facet_values(name, data["facets"].get(name, []), req.filters.get(name, []), path, pairs)
        for name in ("year", "district"))
    export_pairs = [p for p in pairs if p[0] not in ("page", "more")]
    return {
        "facets": facets,
        "chips": build_chips(facets, req.filters, path, pairs),
        "clear_url": path_with_removed_args(path, pairs, [*req.filters, "page", "more"]),
        "sorts": [{"value": v, "label": label, "url": sort_url(path, pairs, v),
                   "current": v == req.sort} for v, label in SORT_LABELS],
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
        "links": {r["id"]: report_link(r, req.q) for r in data["results"]},
    }


@bp.route("/")
@bp.route("/search")
def search():
    """The search page; with no query and no filter it browses the whole corpus."""
    try:
        state = parse_args(request.args, current_app.config)
        data = get_service().search(state.request).to_dict()
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
