"""The report page: full clean text with q's matches highlighted, outline, metadata.

A report longer than REPORT_PAGE_CHARS is shown in pages (``?page=N``; see
``highlight.text_pages``); without ``page`` the page holding q's first match is shown, so
a search result's ``#m0`` link lands on it. The outline links every section to the page
where it starts.
"""
import bisect

from flask import Blueprint, current_app, render_template, request, url_for

from nianbao.indexer.labels import KINDS
from nianbao.indexer.search import MAX_QUERY_CHARS, QueryError

from ..errors import not_found
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
        notice=notice, kind_label=KINDS.get(data.get("kind"), data.get("kind")), outline=outline,
        first_match_url=link(first_match_page, "#m0"), page=page,
        pages=[{"n": n, "url": link(n)} for n in range(1, len(pages) + 1)] if len(pages) > 1 else [])
