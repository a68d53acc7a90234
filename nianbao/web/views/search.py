"""The search page (``/`` and ``/search``) and its CSV/JSON exports.

One search call feeds the page and both exports. Exports hold the columns the page
shows (title, agency, place, year, matching sections, snippets as plain text, the
report's URL) for at most EXPORT_MAX reports, fetched in pages of EXPORT_CHUNK;
``X-Total-Count`` and the JSON's ``truncated`` say when the cap cut the list.
"""
import csv
import io
import json
import math
from dataclasses import replace

from flask import Blueprint, Response, current_app, render_template, request, url_for

from nianbao.indexer.search import QueryError

from ..chart import district_chart, year_chart
from ..facets import build_chips, build_facets, facet_values
from ..params import parse_args
from ..service import get_service
from ..urls import build_path, page_url, path_with_removed_args, sort_url

bp = Blueprint("search", __name__)

EXPORT_CHUNK = 50
EXPORT_COLUMNS = ("id", "title", "agency", "province", "city", "district", "year",
                  "sections", "snippets", "url")
SORT_LABELS = (("relevance", "相关度"), ("year", "年度"))


def _pairs():
    return list(request.args.items(multi=True))


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
    path, pairs, req = url_for("search.search"), _pairs(), state.request
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


def export_rows():
    """Fetch up to EXPORT_MAX results of the current search as flat rows; also the total."""
    state = parse_args(request.args, current_app.config)
    limit, rows, total, page = current_app.config["EXPORT_MAX"], [], 0, 1
    while len(rows) < limit:
        req = replace(state.request, page=page, per_page=EXPORT_CHUNK)
        data = get_service().search(req).to_dict()
        total = data["total"]
        for r in data["results"][: limit - len(rows)]:
            rows.append({
                "id": r["id"], "title": r["title"], "agency": r["agency"],
                "province": r["province"], "city": r["city"], "district": r["district"],
                "year": r["year"],
                "sections": "、".join(s["label"] for s in r["sections"]),
                "snippets": " … ".join(s["text"] for s in r["snippets"]),
                "url": url_for("report.report", report_id=r["id"], _external=True),
            })
        if len(data["results"]) < EXPORT_CHUNK:
            break
        page += 1
    return rows, total


@bp.route("/search.csv")
def export_csv():
    """The current result set as CSV (UTF-8 with BOM so spreadsheet programs read it)."""
    rows, total = export_rows()
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.DictWriter(buf, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return Response(buf.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=nianbao-search.csv",
        "X-Total-Count": str(total)})


@bp.route("/search.json")
def export_json():
    """The current result set as JSON: {total, exported, truncated, columns, rows}."""
    rows, total = export_rows()
    body = {"total": total, "exported": len(rows), "truncated": len(rows) < total,
            "columns": list(EXPORT_COLUMNS), "rows": rows}
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json",
                    headers={"Content-Disposition": "attachment; filename=nianbao-search.json",
                             "X-Total-Count": str(total)})
