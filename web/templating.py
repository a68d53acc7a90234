"""Template filters and globals shared by every page."""
from .highlight import safe_snippet


def place(item):
    """省/市/区县 of a result or report, joined with ' · ', skipping unknown parts."""
    parts = []
    for key in ("province", "city", "district"):
        value = item.get(key)
        if value and value not in parts:
            parts.append(value)
    return " · ".join(parts)


def init_app(app):
    """Register filters."""
    app.add_template_filter(safe_snippet, "snippet")
    app.add_template_filter(place, "place")
