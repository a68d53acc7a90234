"""The JSON API: ``/api/search`` (same JSON as ``nianbao search --json``) and ``/api/reports/<id>``.

Errors (bad parameters, a query that cannot run, an unknown id) are answered by
``web.errors`` in its one JSON shape.
"""
from flask import Blueprint, current_app, jsonify, request

from ..errors import not_found
from ..params import parse_args
from ..service import get_service

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.route("/search")
def search():
    """Search with the page's parameters; return ``SearchResponse.to_dict()``."""
    state = parse_args(request.args, current_app.config)
    return jsonify(get_service().search(state.request).to_dict())


@bp.route("/reports/<report_id>")
def report(report_id):
    """One report: metadata, sections (with offsets) and clean text; ``q`` adds matches.

    :raise 404: when no report has this id.
    """
    state = parse_args(request.args, current_app.config)  # same length limit as search
    data = get_service().report(report_id, q=state.request.q or None)
    if data is None:
        raise not_found(f"没有 id 为 {report_id} 的报告")
    return jsonify(data)
