"""The search service as the app's one resource: opened lazily once, closed at exit."""
import atexit
import threading

from flask import current_app

from nianbao.indexer.search import open_service

_lock = threading.Lock()


def get_service():
    """Return the app's search service, opening the index on first use."""
    app = current_app._get_current_object()
    svc = app.extensions.get("nianbao_service")
    if svc is None:
        with _lock:  # waitress serves from several threads; open the index only once
            svc = app.extensions.get("nianbao_service")
            if svc is None:
                svc = open_service(app.config["INDEX_DIR"])
                app.extensions["nianbao_service"] = svc
                atexit.register(svc.close)
    return svc


def init_app(app):
    """Reserve the service slot (opened on first request, so start-up stays fast)."""
    app.extensions.setdefault("nianbao_service", None)
