"""The JSON API: ``/api/search`` (same JSON as ``nianbao search --json``), ``/api/reports/<id>``
and its description, ``/api/openapi.json``.

Errors (bad parameters, a query that cannot run, an unknown id) are answered by
``web.errors`` in its one JSON shape. A report's text comes in pages of REPORT_PAGE_CHARS
characters, like the report page (``page``, default 1; ``pages`` says how many): every
real report fits in one, and no response holds more than one page of text. Offsets
(``sections``, ``matches``, ``text_start``) always count from the start of the whole text;
``matches`` lists those on the page.
"""
from flask import Blueprint, current_app, jsonify, request

from ..errors import not_found
from ..highlight import text_pages
from ..openapi import openapi_document
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


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this API (parameters, limits, responses, errors)."""
    return jsonify(openapi_document(current_app.config))
