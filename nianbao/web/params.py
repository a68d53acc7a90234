"""Turn the query string into a SearchRequest; the search service validates it.

This module only converts text to types (``page=abc`` is not a number: QueryError naming
``page``); every limit (page size, query length, known sorts and facets) is checked by
``indexer.search.check_request``, the one place that validates a request, and a
QueryError becomes a 400 with its Chinese message (the page shows it above the form).
An unknown facet value is not an error: it simply matches nothing. Unknown parameters
are ignored, as browsers and trackers add their own.
"""
from dataclasses import dataclass

from nianbao.indexer.search import FACETS, QueryError, SearchRequest, check_request


@dataclass
class PageState:
    """The parsed request plus page-only state (which facets show all their values)."""

    request: SearchRequest
    expanded: tuple = ()


def _integer(args, name, default):
    """The integer value of parameter ``name`` (ASCII digits only), or ``default`` when absent."""
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.lstrip("-").isdigit()):
        raise QueryError(f"参数 {name} 应为正整数，收到“{raw[:20]}”", name)
    return int(raw)


def parse_args(args, config):
    """Return the PageState for a MultiDict of query-string args; raise QueryError."""
    filters = {}
    for name in FACETS:
        values = [v.strip() for v in args.getlist(name) if v.strip()]
        if values:
            filters[name] = list(dict.fromkeys(values))
    request = SearchRequest(
        q=(args.get("q") or "").strip(),
        filters=filters,
        sort=args.get("sort") or "relevance",
        page=_integer(args, "page", 1),
        per_page=_integer(args, "per_page", config["PER_PAGE"]),
    )
    check_request(request)
    expanded = tuple(f for f in args.getlist("more") if f in FACETS)
    return PageState(request, expanded)
