"""The report page: full clean text with q's matches highlighted, outline, metadata, its
statutory tables, its headline figures beside its peers', and what changed since last year.

A report longer than REPORT_PAGE_CHARS is shown in pages (``?page=N``; see
``highlight.text_pages``); without ``page`` the page holding q's first match is shown, so
a search result's ``#m0`` link lands on it. The outline links every section to the page
where it starts.

Decisions:
- The tables are drawn from the extracted figures (``web.figures.report_tables``), open
  when the reader browses and folded when they came with a query (they came for the text).
- Peers (same level, office type and year; the service's ``peers``) stand beside each
  headline figure: the median and this report's percentile. With fewer than two peers
  having the figure, the page says so instead.
- "与上一年相比" gives the copied share (沿用上年比例) and the counts of sentences added and
  removed; the whole sentence diff is its own page, ``/reports/<id>/changes`` (a long list
  that would bury the text), also in the API (``/api/reports/<id>/changes``).
"""
import bisect

from flask import Blueprint, current_app, render_template, request, url_for

from nianbao.indexer.labels import KINDS
from nianbao.indexer.search import MAX_QUERY_CHARS, QueryError
from nianbao.indexer.stats.measures import COPIED, HEADLINE

from ..errors import not_found
from ..figures import figure_unit, format_figure, report_tables
from ..highlight import match_count, render_text, text_pages
from ..params import page_number
from ..service import get_service

bp = Blueprint("report", __name__)


@bp.route("/reports/<report_id>")
def report(report_id):
    """Show one report (one page of a long one); ``q`` highlights its matches.

    :raise 404: when no report has this id, or the report has no such page.
    """
    q = (request.args.get("q") or "").strip()[:MAX_QUERY_CHARS]
    page = page_number(request.args)
    notice = None
    try:
        data = get_service().report(report_id, q=q or None)
    except QueryError as exc:
        # A bad query should not hide the report: show it unhighlighted and say why.
        data, notice = get_service().report(report_id), str(exc)
    if data is None:
        raise not_found("没有这份报告：链接可能已失效，或索引已更新")
    text, matches = data["text"], data.get("matches") or []
    pages = text_pages(text, current_app.config["REPORT_PAGE_CHARS"])
    firsts = [start for start, _ in pages]

    def page_of(offset):
        return bisect.bisect_right(firsts, offset)

    first_match_page = page_of(min(s for s, _ in matches)) if matches else 1
    page = page or first_match_page
    if page > len(pages):
        raise not_found(f"这份报告的正文只有 {len(pages)} 页")
    start, end = pages[page - 1]
    body, _ = render_text(text, data["sections"], matches, start, end)

    def link(n, anchor=""):
        here = url_for("report.report", report_id=report_id, q=q or None, page=n if n > 1 else None)
        return (anchor if n == page else here + anchor) if anchor else here

    outline = [dict(s, href=link(page_of(s["start"]), f"#at-{s['start']}")) for s in data["sections"]]
    return render_template(
        "report.html", report=data, body=body, n_matches=match_count(matches, len(text)), q=q,
        tables=report_tables(data.get("stats"), data.get("stats_issues")),
        headline=headline(report_id, data.get("peers")), changes=changes_summary(report_id),
        notice=notice, kind_label=KINDS.get(data.get("kind"), data.get("kind")), outline=outline,
        first_match_url=link(first_match_page, "#m0"), page=page,
        pages=[{"n": n, "url": link(n)} for n in range(1, len(pages) + 1)] if len(pages) > 1 else [])


def headline(report_id, peers):
    """The headline figures with their peers' median and this report's percentile, or None."""
    values = get_service().figures([report_id], list(HEADLINE)).get(report_id, {})
    if not any(v is not None for v in values.values()):
        return None
    by_figure = {p["figure"]: p for p in (peers or {}).get("figures", [])}
    rows = []
    for name in HEADLINE:
        peer = by_figure.get(name)
        rows.append({"name": name, "unit": figure_unit(name), "value": format_figure(name, values.get(name)),
                     "median": format_figure(name, peer["median"]) if peer else None,
                     "percentile": peer["percentile"] if peer else None,
                     "peers": peer["peers"] if peer else None})
    return {"rows": rows, "peer_reports": (peers or {}).get("reports")}


def changes_summary(report_id):
    """The copied share and the counts of added and removed sentences, or None."""
    data = get_service().changes(report_id)
    if not data or not data["previous"]:
        return None
    count = {op: sum(1 for o in data["ops"] if o["op"] == op) for op in ("same", "added", "removed")}
    share = data["share"]
    return {"previous": data["previous"], "share": share, "shown": format_figure(COPIED, share),
            "tenth": round(share * 10) if share is not None else 0, **count}


@bp.route("/reports/<report_id>/changes")
def changes(report_id):
    """The sentence diff against the same office's previous report.

    :raise 404: when no report has this id.
    """
    data = get_service().changes(report_id)
    if data is None:
        raise not_found("没有这份报告：链接可能已失效，或索引已更新")
    meta = get_service().metadata([report_id]).get(report_id) or {"id": report_id}
    runs = []  # consecutive sentences of one kind, so long unchanged runs can fold
    for op in data["ops"]:
        if runs and runs[-1]["op"] == op["op"]:
            runs[-1]["texts"].append(op["text"])
        else:
            runs.append({"op": op["op"], "texts": [op["text"]]})
    count = {op: sum(len(r["texts"]) for r in runs if r["op"] == op) for op in ("same", "added", "removed")}
    return render_template("changes.html", report=meta, data=data, runs=runs, count=count,
                           shown=format_figure(COPIED, data["share"]),
                           tenth=round(data["share"] * 10) if data["share"] is not None else 0)
