"""Links that change one piece of the page's state, which all lives in the query string.

Helpers take the current path and the current parameters as ``(key, value)`` pairs (a
MultiDict's ``items(multi=True)``) and return a new relative URL, so a search can be
bookmarked and the back button works. Filters are repeatable parameters
(``district=环翠区&district=荣成市``). Anything that changes what matches (a filter, the
query, the sort) drops ``page``: page 3 of the old results means nothing for the new ones.
"""
from urllib.parse import urlencode

RESET_ON_CHANGE = ("page",)


def build_path(path, pairs):
    """Return ``path`` with ``pairs`` as its query string (no ``?`` when empty)."""
    pairs = [(k, v) for k, v in pairs if v is not None]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def path_with_added_args(path, pairs, added):
    """Add ``(key, value)`` pairs, skipping any already present."""
    pairs = list(pairs)
    for pair in added:
        if pair not in pairs:
            pairs.append(pair)
    return build_path(path, pairs)


def path_with_removed_args(path, pairs, removed):
    """Remove parameters: a ``(key, value)`` pair removes that pair, a bare key all its values."""
    keys = {r for r in removed if isinstance(r, str)}
    exact = {r for r in removed if not isinstance(r, str)}
    return build_path(path, [p for p in pairs if p[0] not in keys and p not in exact])


def path_with_replaced_args(path, pairs, replacements):
    """Set each key to one value (``None`` removes it), keeping the order of the others."""
    kept = [p for p in pairs if p[0] not in replacements]
    return build_path(path, kept + [(k, v) for k, v in replacements.items() if v is not None])


def toggle_filter_url(path, pairs, key, value):
    """Select or deselect one facet value, back on page 1."""
    pairs = [p for p in pairs if p[0] not in RESET_ON_CHANGE]
    if (key, value) in pairs:
        return path_with_removed_args(path, pairs, [(key, value)])
    return path_with_added_args(path, pairs, [(key, value)])


def sort_url(path, pairs, sort):
    """Switch the sort order, back on page 1."""
    return path_with_replaced_args(path, pairs, {"sort": sort, "page": None})


def page_url(path, pairs, page):
    """Go to a page of the same results (page 1 has no ``page`` parameter)."""
    return path_with_replaced_args(path, pairs, {"page": str(page) if page > 1 else None})
