"""Turn the query string into a SearchRequest; the search service validates it.

This module only converts text to types (``page=abc`` is not a number: QueryError naming
``page``); every limit (page size, query length, values per facet and in all, known sorts
and facets) is checked by ``indexer.search.check_request``, the one place that validates a
request, and a QueryError becomes a 400 with its Chinese message (the page shows it above
the form). An unknown facet value is not an error: it simply matches nothing.

Unknown parameters (``utm_source``, anything a browser or tracker adds) are ignored and
never copied: the links a page makes carry ``PageState.pairs``, the page's state rebuilt
from the validated request in one order (q, facets in FACETS order, sort, per_page, page,
more), so a link is never longer than the state it stands for.
"""
from dataclasses import dataclass

from nianbao.indexer.search import FACETS, QueryError, SearchRequest, check_request


@dataclass
class PageState:
    """The parsed request plus page-only state (which facet shows all its values)."""

    request: SearchRequest
    expanded: tuple = ()
    pairs: tuple = ()


def _integer(args, name, default):
    """The integer value of parameter ``name`` (ASCII digits only), or ``default`` when absent."""
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.lstrip("-").isdigit()):
        raise QueryError(f"参数 {name} 应为正整数，收到“{raw[:20]}”", name)
    if len(raw) > 9:  # no page or page size has ten digits; int() of a huge one is slow
        raise QueryError(f"参数 {name} 过大：“{raw[:20]}…”", name)
    return int(raw)


def page_number(args):
    """The ``page`` parameter as a positive integer, or None when absent; raise QueryError."""
    page = _integer(args, "page", None)
    if page is not None and page < 1:
        raise QueryError("页码必须是正整数（从 1 开始）。", "page")
    return page


def state_pairs(request, expanded, default_per_page):
    """The (key, value) pairs that stand for a page's state, defaults left out."""
    pairs = [("q", request.q)] if request.q else []
    pairs += [(name, value) for name in FACETS for value in request.filters.get(name, [])]
    if request.sort != "relevance":
        pairs.append(("sort", request.sort))
    if request.per_page != default_per_page:
        pairs.append(("per_page", str(request.per_page)))
    if request.page > 1:
        pairs.append(("page", str(request.page)))
    pairs += [("more", name) for name in expanded]
    return tuple(pairs)


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
    # One facet shown in full at a time: the last one asked for.
    expanded = tuple(f for f in args.getlist("more") if f in FACETS)[-1:]
    return PageState(request, expanded, state_pairs(request, expanded, config["PER_PAGE"]))
