"""The JSON API: ``/api/search`` (same JSON as ``nianbao search --json``), ``/api/reports/<id>``,
``/api/reports/<id>/changes``, ``/api/compare``, ``/api/suggest`` and the description,
``/api/openapi.json``.

Errors (bad parameters, a query that cannot run, an unknown id) are answered by
``web.errors`` in its one JSON shape. A report's text comes in pages of REPORT_PAGE_CHARS
characters, like the report page (``page``, default 1; ``pages`` says how many): every
real report fits in one, and no response holds more than one page of text. Offsets
(``sections``, ``matches``, ``text_start``) always count from the start of the whole text;
``matches`` lists those on the page.
"""
from flask import Blueprint, current_app, jsonify, request, url_for

from nianbao.indexer.labels import FACET_TITLES
from nianbao.indexer.search import QueryError

from ..errors import not_found
from ..highlight import text_pages
from ..openapi import MAX_SUGGEST, MAX_SUGGEST_CHARS, openapi_document
from ..params import integer_param, parse_args
from ..service import get_service
from .compare import api_payload

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.route("/search")
def search():
    """Search with the page's parameters; return ``SearchResponse.to_dict()``."""
    state = parse_args(request.args, current_app.config)
    return jsonify(get_service().search(state.request).to_dict())


@bp.route("/reports/<report_id>")
def report(report_id):
    """One report: metadata, sections (with offsets) and one page of clean text; ``q`` adds matches.

    :raise 404: when no report has this id, or its text has no such page.
    """
    state = parse_args(request.args, current_app.config)  # same limits as search
    data = get_service().report(report_id, q=state.request.q or None)
    if data is None:
        raise not_found(f"没有 id 为 {report_id} 的报告")
    text, page = data["text"], state.request.page
    pages = text_pages(text, current_app.config["REPORT_PAGE_CHARS"])
    if page > len(pages):
        raise not_found(f"这份报告的正文只有 {len(pages)} 页")
    start, end = pages[page - 1]
    data.update(text=text[start:end], page=page, pages=len(pages), text_start=start,
                text_length=len(text),
                matches=[[max(a, start), min(b, end)] for a, b in data.get("matches") or []
                         if b > start and a < end])
    return jsonify(data)


@bp.route("/reports/<report_id>/changes")
def changes(report_id):
    """What changed since the same office's previous report: sentence diff and copied share.

    :raise 404: when no report has this id.
    """
    data = get_service().changes(report_id)
    if data is None:
        raise not_found(f"没有 id 为 {report_id} 的报告")
    return jsonify(data)


@bp.route("/compare")
def compare():
    """Figures of many reports side by side (see ``views.compare``)."""
    return jsonify(api_payload(request.args, current_app.config))


@bp.route("/suggest")
def suggest():
    """Agencies and places whose name contains ``q`` (for the search box), most reports first.

    Returns {"q", "suggestions": [{facet, title, value, count}]}; ``q`` is cut at
    MAX_SUGGEST_CHARS characters, ``limit`` is 1 to MAX_SUGGEST (default 8).
    """
    text = (request.args.get("q") or "").strip()
    if len(text) > MAX_SUGGEST_CHARS:
        raise QueryError(f"建议词最多 {MAX_SUGGEST_CHARS} 个字符。", "q")
    limit = integer_param(request.args, "limit", 8)
    if not 1 <= limit <= MAX_SUGGEST:
        raise QueryError(f"参数 limit 必须在 1 到 {MAX_SUGGEST} 之间。", "limit")
    found = get_service().suggest(text, limit) if text else []
    return jsonify({"q": text, "suggestions": [
        dict(item, title=FACET_TITLES.get(item["facet"], item["facet"]),
             url=url_for("search.search", **{item["facet"]: item["value"]}))
        for item in found]})


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API (parameters, limits, responses, errors)."""
    return jsonify(openapi_document(current_app.config))
