"""Template filters and globals shared by every page."""
from nianbao.indexer.labels import LEVELS
from nianbao.indexer.search import MAX_QUERY_CHARS

from .highlight import snippet_html


def place(item):
    """省/市/区县 of a result or report, joined with ' · ', skipping unknown parts."""
    parts = []
    for key in ("province", "city", "district", "town"):
        value = item.get(key)
        if value and value not in parts:
            parts.append(value)
    return " · ".join(parts)


def basename(path):
    """The file name of a report's source path (the server's folders are not the reader's business)."""
    return (path or "").replace("\\", "/").rsplit("/", 1)[-1]


def init_app(app):
    """Register filters."""
    app.add_template_filter(snippet_html, "snippet")
    app.add_template_filter(place, "place")
    app.add_template_filter(basename, "basename")
    app.add_template_global(MAX_QUERY_CHARS, "max_query_chars")
    app.add_template_global(LEVELS, "levels")
