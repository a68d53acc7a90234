"""Turn the query string into a SearchRequest; the search service validates it.

This module only converts text to types (``page=abc`` is not a number: QueryError naming
``page``); every limit (page size, query length, values per facet and in all, known sorts
and facets) is checked by ``indexer.search.check_request``, the one place that validates a
request, and a QueryError becomes a 400 with its Chinese message (the page shows it above
the form). An unknown facet value is not an error: it simply matches nothing.

Beyond the facets: ``where`` (repeatable figure conditions such as ``新收申请>=10``),
``year_from``/``year_to`` (a year range, either end open), ``sort`` (relevance, year or a
figure) and, for the API, ``facet_size`` (values listed per facet).

Unknown parameters (``utm_source``, anything a browser or tracker adds) are ignored and
never copied: the links a page makes carry ``PageState.pairs``, the page's state rebuilt
from the validated request in one order (q, facets in FACETS order, where, year_from,
year_to, sort, per_page, page, more), so a link is never longer than the state it stands for.
"""
from dataclasses import dataclass

from nianbao.indexer.search import FACET_SIZE, FACETS, QueryError, SearchRequest, check_request
from nianbao.indexer.search.request import MAX_FACET_SIZE


@dataclass
class PageState:
    """The parsed request plus page-only state (which facet shows all its values)."""

    request: SearchRequest
    expanded: tuple = ()
    pairs: tuple = ()


def integer_param(args, name, default):
    """The integer value of parameter ``name`` (ASCII digits only), or ``default`` when absent."""
    raw = (args.get(name) or "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.lstrip("-").isdigit()):
        raise QueryError(f"参数 {name} 应为正整数，收到“{raw[:20]}”", name)
    if len(raw) > 9:  # no page or page size has ten digits; int() of a huge one is slow
        raise QueryError(f"参数 {name} 过大：“{raw[:20]}…”", name)
    return int(raw)


def _facet_size(args):
    """The ``facet_size`` parameter (a number, or ``max``), default FACET_SIZE."""
    if (args.get("facet_size") or "").strip() == "max":
        return MAX_FACET_SIZE
    return integer_param(args, "facet_size", FACET_SIZE)


def page_number(args):
    """The ``page`` parameter as a positive integer, or None when absent; raise QueryError."""
    page = integer_param(args, "page", None)
    if page is not None and page < 1:
        raise QueryError("页码必须是正整数（从 1 开始）。", "page")
    return page


def state_pairs(request, expanded, default_per_page):
    """The (key, value) pairs that stand for a page's state, defaults left out."""
    pairs = [("q", request.q)] if request.q else []
    pairs += [(name, value) for name in FACETS for value in request.filters.get(name, [])]
    pairs += [("where", w) for w in request.where]
    pairs += [(name, str(getattr(request, name))) for name in ("year_from", "year_to")
              if getattr(request, name) is not None]
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
        sort=(args.get("sort") or "").strip() or "relevance",
        page=integer_param(args, "page", 1),
        per_page=integer_param(args, "per_page", config["PER_PAGE"]),
        where=list(dict.fromkeys(w.strip() for w in args.getlist("where") if w.strip())),
        year_from=integer_param(args, "year_from", None),
        year_to=integer_param(args, "year_to", None),
        facet_size=_facet_size(args),
    )
    check_request(request)
    # One facet shown in full at a time: the last one asked for.
    expanded = tuple(f for f in args.getlist("more") if f in FACETS)[-1:]
    return PageState(request, expanded, state_pairs(request, expanded, config["PER_PAGE"]))
