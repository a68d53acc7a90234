"""The comparison view: the statutory tables' figures of many reports side by side.

``/compare`` takes one of:
- ``office=<id>``: that report's office across the years (the report and the office's
  reports of other years, ``report()['other_years']``, which follows renames), oldest first;
- ``id=<id>`` (repeatable): these reports, in this order;
- the search page's parameters (q, facets, where, year range, sort): the current search's
  results in the search's order (the districts of one city in one year are
  ``?city=威海市&year=2023&level=county``);
and ``fig=<figure>`` (repeatable; default ``DEFAULT_FIGURES``) for the columns. The page shows a
table (one row per report, one column per figure) and a small chart per figure (by year for
an office, largest first for many reports); ``/compare.csv`` and ``/compare.json`` export the same
rows, ``/api/compare`` returns the JSON.

Decisions:
- At most COMPARE_MAX reports (setting, 100) and ``MAX_FIGURES`` figures: a comparison is
  read by a person; ``nianbao stats`` exports any number of rows for scripts. ``truncated``
  (JSON) and a note on the page say when the cap cut the list.
- In office mode, documents that are no report (``kind`` other: a 法治政府建设 report filed
  under the same office) are left out, and the page says how many; they have no tables.
- CSV cells are formula-safe like the search export's (``csv_cell``), and report links are
  relative unless BASE_URL is set.
"""
import csv
import io
from dataclasses import replace

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from nianbao.indexer.search import QueryError
from nianbao.indexer.stats.measures import names as figure_names

from ..chart import figure_chart
from ..errors import not_found
from ..figures import figure_groups, figure_unit, format_figure
from ..params import parse_args
from ..service import get_service
from ..urls import build_path
from .search import csv_cell, report_url

bp = Blueprint("compare", __name__)

DEFAULT_FIGURES = ("新收申请", "予以公开", "部分公开", "不予公开", "不予公开率", "行政复议", "行政诉讼",
                   "沿用上年比例")
MAX_FIGURES = 20
MAX_IDS = 100
META_COLUMNS = ("id", "title", "agency", "province", "city", "district", "year")
SEARCH_CHUNK = 100


def _figures(args):
    """The figures asked for (``fig``), checked; the defaults when none."""
    wanted = list(dict.fromkeys(f.strip() for f in args.getlist("fig") if f.strip()))
    if len(wanted) > MAX_FIGURES:
        raise QueryError(f"最多同时比较 {MAX_FIGURES} 个统计数字。", "fig")
    known = set(figure_names())
    unknown = [f for f in wanted if f not in known]
    if unknown:
        raise QueryError(f"没有名为“{unknown[0][:30]}”的统计数字（例如：新收申请、行政诉讼、申请.本年新收.总计）", "fig")
    return wanted or list(DEFAULT_FIGURES)


def _ids(args):
    """The ``id`` parameters (at most MAX_IDS, each a report id's shape)."""
    ids = list(dict.fromkeys(i.strip() for i in args.getlist("id") if i.strip()))
    if len(ids) > MAX_IDS:
        raise QueryError(f"最多同时比较 {MAX_IDS} 份报告。", "id")
    return [i for i in ids if len(i) == 16 and all(c in "0123456789abcdef" for c in i)]


def comparison(args, config):
    """The comparison for request args: {mode, title, figures, rows, total, truncated, omitted,
    state (pairs that stand for the selection)}; raises QueryError, or NotFound for an
    unknown office."""
    figures, service, limit = _figures(args), get_service(), config["COMPARE_MAX"]
    office = (args.get("office") or "").strip()
    omitted = 0
    if office:
        report = service.report(office)
        if report is None:
            raise not_found(f"没有 id 为 {office[:20]} 的报告")
        ids = [report["id"]] + [o["id"] for o in report["other_years"]]
        meta = service.metadata(ids)
        rows = [m for m in meta.values() if m["id"] == report["id"] or m["kind"] != "other"]
        omitted = len(meta) - len(rows)
        rows.sort(key=lambda m: (m["year"] or 0, m["id"]))
        total = len(rows)
        mode, state = "office", [("office", report["id"])]
        title = f"{report['agency'] or report['title'] or '本机关'}历年统计数字"
    elif args.getlist("id"):
        ids = _ids(args)
        meta = service.metadata(ids)
        rows = [meta[i] for i in ids if i in meta]
        total, mode, state = len(rows), "reports", [("id", i) for i in ids]
        title = "所选报告的统计数字"
    else:
        page_state = parse_args(args, config)
        rows, page, total = [], 1, 0
        while len(rows) < limit:
            resp = service.search(replace(page_state.request, page=page, per_page=SEARCH_CHUNK, facet_size=1))
            total = resp.total
            rows += resp.results[:limit - len(rows)]
            if page * SEARCH_CHUNK >= resp.total or not resp.results:
                break
            page += 1
        mode = "search"
        state = [p for p in page_state.pairs if p[0] not in ("page", "more", "per_page")]
        title = "检索结果的统计数字"
    truncated = len(rows) > limit or total > limit
    rows = rows[:limit]
    values = service.figures([r["id"] for r in rows], figures)
    out_rows = []
    for r in rows:
        row = {c: r.get(c) for c in META_COLUMNS}
        row.update(agency_type=r.get("agency_type"), url=report_url(r["id"]),
                   figures={f: values.get(r["id"], {}).get(f) for f in figures})
        out_rows.append(row)
    return {"mode": mode, "title": title, "figures": figures, "rows": out_rows, "total": total,
            "truncated": truncated, "omitted": omitted, "state": state}


def _row_label(row, mode, many_years):
    """A short label for a report in a chart."""
    if mode == "office":
        return str(row["year"] or "年度不详")
    name = row["agency"] or row["title"] or row["id"]
    name = name if len(name) <= 14 else name[:13] + "…"
    return f"{name} {row['year']}" if many_years and row["year"] else name


def _charts(data):
    """One small chart per figure (SVG markup), or [] when no report has the figure."""
    many_years = len({r["year"] for r in data["rows"]}) > 1
    charts = []
    for i, name in enumerate(data["figures"]):
        items = [(_row_label(r, data["mode"], many_years), r["figures"][name],
                  url_for("report.report", report_id=r["id"]), format_figure(name, r["figures"][name]))
                 for r in data["rows"]]
        if any(v is not None for _, v, _, _ in items):
            charts.append({"name": name, "unit": figure_unit(name),
                           "svg": figure_chart(f"chart-{i}", name, items, by_year=data["mode"] == "office")})
    return charts


@bp.route("/compare")
def compare():
    """The comparison page."""
    try:
        data = comparison(request.args, current_app.config)
    except QueryError as exc:
        return render_template("compare.html", error=str(exc), data=None), 400
    state = data["state"]
    export = build_path(url_for("compare.export_csv"), state + [("fig", f) for f in data["figures"]])
    back = build_path(url_for("search.search"), state) if data["mode"] == "search" else None
    return render_template(
        "compare.html", error=None, data=data, charts=_charts(data), state_pairs=state,
        csv_url=export, json_url=export.replace("/compare.csv", "/compare.json", 1),
        back_url=back, figure_groups=figure_groups(), format_figure=format_figure,
        common=figure_groups()[0][1])


def _payload(data):
    return {k: data[k] for k in ("mode", "title", "figures", "rows", "total", "truncated", "omitted")}


@bp.route("/compare.json")
def export_json():
    """The comparison as a JSON file."""
    data = comparison(request.args, current_app.config)
    response = jsonify(_payload(data))
    response.headers["Content-Disposition"] = "attachment; filename=nianbao-compare.json"
    return response


@bp.route("/compare.csv")
def export_csv():
    """The comparison as CSV: one row per report, one column per figure (UTF-8 with BOM)."""
    data = comparison(request.args, current_app.config)
    buf = io.StringIO()
    buf.write("\ufeff")
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL)
    writer.writerow([*META_COLUMNS, *data["figures"], "url"])
    for row in data["rows"]:
        writer.writerow([csv_cell(row[c]) for c in META_COLUMNS]
                        + [csv_cell(row["figures"][f]) for f in data["figures"]] + [csv_cell(row["url"])])
    return Response(buf.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": "attachment; filename=nianbao-compare.csv",
        "X-Total-Count": str(data["total"])})


def api_payload(args, config):
    """The JSON of ``/api/compare``."""
    return _payload(comparison(args, config))
