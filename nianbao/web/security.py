"""What every response carries and every request must respect, whatever the endpoint.

Decisions:
- Headers on every response (pages, API, exports, static files, errors):
  ``Content-Security-Policy`` allows scripts, styles, images and fonts from this site only
  (no inline script or style anywhere: the templates use classes and ``static/``), no
  plugins, no ``<base>``, forms posting here only, and no framing (``frame-ancestors
  'none'``, and ``X-Frame-Options: DENY`` for older browsers); ``X-Content-Type-Options:
  nosniff``; ``Referrer-Policy: same-origin`` (a search's words never leave in a Referer,
  while the report page can still link back to the exact search it came from).
- Request size: a request target (path and query) longer than MAX_URL_BYTES is a 414, and
  request headers over MAX_HEADER_BYTES in all a 431, answered in the usual error shapes
  before any work. ``nianbao serve`` lets waitress read up to ``WAITRESS_HEADER_BYTES``, far
  above these, so a request over our limits gets our clear answer rather than the
  connection reset waitress gives a client still sending past its own limit.
"""
from flask import current_app, request
from werkzeug.exceptions import RequestHeaderFieldsTooLarge, RequestURITooLarge

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; "
                           "img-src 'self' data:; font-src 'self'; object-src 'none'; "
                           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
WAITRESS_HEADER_BYTES = 1 << 20


def request_sizes(environ):
    """(bytes of the request target, bytes of the request headers) of a WSGI environ."""
    target = len(environ.get("PATH_INFO", "")) + len(environ.get("QUERY_STRING", ""))
    headers = sum(len(k) - 5 + len(v) + 4 for k, v in environ.items()
                  if k.startswith("HTTP_") and isinstance(v, str))
    headers += sum(len(environ.get(k) or "") for k in ("CONTENT_TYPE", "CONTENT_LENGTH"))
    return target, headers


def _check_size():
    target, headers = request_sizes(request.environ)
    if target > current_app.config["MAX_URL_BYTES"]:
        raise RequestURITooLarge()
    if headers > current_app.config["MAX_HEADER_BYTES"]:
        raise RequestHeaderFieldsTooLarge()


def _add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app):
    """Register the size check and the headers."""
    app.before_request(_check_size)
    app.after_request(_add_headers)
