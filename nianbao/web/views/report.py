"""The report page: full clean text with q's matches highlighted, outline, metadata."""
from flask import Blueprint, render_template, request

from nianbao.indexer.labels import KINDS
from nianbao.indexer.search import MAX_QUERY_CHARS, QueryError

from ..errors import not_found
from ..highlight import render_text
from ..service import get_service

bp = Blueprint("report", __name__)


@bp.route("/reports/<report_id>")
def report(report_id):
    """Show one report; ``q`` highlights its matches.

    :raise 404: when no report has this id.
    """
    q = (request.args.get("q") or "").strip()[:MAX_QUERY_CHARS]
    notice = None
    try:
        data = get_service().report(report_id, q=q or None)
    except QueryError as exc:
        # A bad query should not hide the report: show it unhighlighted and say why.
        data, notice = get_service().report(report_id), str(exc)
    if data is None:
        raise not_found("没有这份报告：链接可能已失效，或索引已更新")
    body, n_matches = render_text(data["text"], data["sections"], data.get("matches"))
    return render_template("report.html", report=data, body=body, n_matches=n_matches, q=q,
                           notice=notice, kind_label=KINDS.get(data.get("kind"), data.get("kind")))
