"""What ``nianbao serve`` runs: find or build the index, then serve the app under waitress.

Where the corpus is: with no index yet, ``serve`` builds one from the sample corpus,
the ``corpus/`` folder next to the ``web`` package (the repository root, for the
editable install the README uses), or else ``./corpus`` in the working directory.
Waitress (a production WSGI server, pure Python, works on every OS) serves the app;
it does not log requests itself, so ``AccessLog`` logs one line per request.
"""
import logging
import time
from pathlib import Path
from urllib.parse import unquote

log = logging.getLogger("nianbao.access")


def find_corpus():
    """The sample corpus folder, or None when neither candidate exists."""
    for candidate in (Path(__file__).resolve().parents[2] / "corpus", Path.cwd() / "corpus"):
        if candidate.is_dir():
            return candidate
    return None


def _readable(wsgi_string):
    """A WSGI path/query (UTF-8 bytes carried as latin-1) as readable text: 保密审查, not %E4…."""
    return unquote(wsgi_string.encode("latin-1").decode("utf-8", "replace"))


class AccessLog:
    """WSGI middleware: one log line per request (client, request line, status, bytes, ms)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        seen = {}

        def recording_start_response(status, headers, exc_info=None):
            seen["status"] = status.split(" ", 1)[0]
            seen["length"] = next((v for k, v in headers if k.lower() == "content-length"), "-")
            return start_response(status, headers, exc_info)

        body = self.app(environ, recording_start_response)
        try:
            yield from body
        finally:
            if hasattr(body, "close"):
                body.close()
            query = environ.get("QUERY_STRING")
            target = _readable(environ.get("PATH_INFO", "") + (f"?{query}" if query else ""))
            log.info('%s "%s %s" %s %s %.1fms', environ.get("REMOTE_ADDR", "-"),
                     environ.get("REQUEST_METHOD"), target, seen.get("status", "-"),
                     seen.get("length", "-"), (time.perf_counter() - started) * 1000)
