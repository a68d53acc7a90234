"""The Flask web app: search page, report page, JSON API (see ``create_app``).

The web layer never touches Whoosh; every view calls the search service
(``indexer.search.open_service``), opened once per app in ``web.service``.
"""
from flask import Flask

from .settings import DEFAULT_SETTINGS, StartupError, check_settings


def create_app(test_config=None):
    """Create the app; ``test_config`` overrides settings (see ``web.settings``)."""
    app = Flask(__name__)
    # No redirects from "//search" to "/search": Werkzeug would build their Location from
    # the request's Host header, which the client controls.
    app.url_map.merge_slashes = False
    flask_keys = set(app.config)
    app.config.from_mapping(DEFAULT_SETTINGS)
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False
    if test_config:
        check_settings(test_config, flask_keys)
        app.config.from_mapping(test_config)
    if not app.config["INDEX_DIR"]:
        raise StartupError("setting INDEX_DIR is required (the index folder to serve)")

    from . import errors, security, service, templating
    from .views import api, compare, report, search

    service.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    app.register_blueprint(search.bp)
    app.register_blueprint(report.bp)
    app.register_blueprint(compare.bp)
    app.register_blueprint(api.bp)
    return app
