"""Error responses, produced in one place.

Every API error has one JSON shape: ``{"ok": false, "status": 400, "error": "…",
"errors": ["…"]}`` (``error`` is the message; ``errors`` lists each problem, here one).
Pages get a friendly HTML page with the same message. An index that is missing or
must be rebuilt is a 503 with the service's message. Anything unexpected is
logged and answered 500 in the same shapes, never with a traceback.
"""
from flask import current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, NotFound

from nianbao.indexer.search import IndexNotFound, QueryError


MESSAGES = {400: "请求参数有误", 404: "没有找到这个页面", 405: "不支持这种请求方式",
            414: "请求地址过长：请减少检索词或筛选条件", 431: "请求头过大",
            500: "服务器内部错误，请稍后再试"}


def json_error(status, message):
    """The API's one error response."""
    response = jsonify({"ok": False, "status": status, "error": message, "errors": [message]})
    response.status_code = status
    return response


def wants_json():
    """True for API paths, which always answer JSON."""
    return request.path.startswith("/api/")


def error_response(status, message):
    """JSON for the API, the error page otherwise."""
    if wants_json():
        return json_error(status, message)
    return render_template("error.html", status=status, message=message), status


def _http_error(exc):
    # Werkzeug's default descriptions are English; keep ours unless a view gave a reason.
    message = exc.description if getattr(exc, "nianbao_message", False) else MESSAGES.get(exc.code, exc.name)
    return error_response(exc.code or 500, message)


def _bad_input(exc):
    return error_response(400, str(exc))


def _no_index(exc):
    # A missing or outdated index is the operator's to fix: say so (503), not a bare 500.
    return error_response(503, str(exc))


def _unexpected(exc):
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    current_app.logger.exception("unhandled error on %s", request.path)
    return error_response(500, MESSAGES[500])


def not_found(message):
    """An HTTPException 404 carrying our own (Chinese) message; raise it from a view."""
    exc = NotFound(message)
    exc.nianbao_message = True
    return exc


def init_app(app):
    """Register the handlers."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(QueryError, _bad_input)
    app.register_error_handler(IndexNotFound, _no_index)
    app.register_error_handler(Exception, _unexpected)
