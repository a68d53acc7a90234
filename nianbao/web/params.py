"""Turn the query string into a SearchRequest, rejecting what cannot be meant.

Bad values (``page=abc``, ``page=0``, ``sort=bogus``, ``per_page`` beyond
MAX_PER_PAGE, a query longer than MAX_QUERY_LENGTH) raise ``ParamError`` with a
Chinese message: the API answers 400 with it, the page shows it above the form.
An unknown facet value is not an error: it simply matches nothing. Unknown
parameters are ignored, as browsers and trackers add their own.
"""
from dataclasses import dataclass

from nianbao.indexer.search import FACETS, SORTS, SearchRequest


class ParamError(ValueError):
    """A query-string parameter with a value the app cannot use (message in Chinese)."""

    def __init__(self, param, message):
        super().__init__(message)
        self.param = param


@dataclass
class PageState:
    """The parsed request plus page-only state (which facets show all their values)."""

    request: SearchRequest
    expanded: tuple = ()


def _positive_int(args, name, default, maximum=None):
    raw = args.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ParamError(name, f"参数 {name} 应为正整数，收到“{raw[:20]}”") from None
    if value < 1:
        raise ParamError(name, f"参数 {name} 应为正整数（从 1 开始），收到 {value}")
    if maximum is not None and value > maximum:
        raise ParamError(name, f"参数 {name} 最大为 {maximum}，收到 {value}")
    return value


def parse_args(args, config):
    """Return the PageState for a MultiDict of query-string args; raise ParamError."""
    q = (args.get("q") or "").strip()
    if len(q) > config["MAX_QUERY_LENGTH"]:
        raise ParamError("q", f"检索词太长（{len(q)} 字），请控制在 {config['MAX_QUERY_LENGTH']} 字以内")
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        raise ParamError("sort", f"排序方式只能是 relevance（相关度）或 year（年度），收到“{sort[:20]}”")
    filters = {}
    for name in FACETS:
        values = []
        for raw in args.getlist(name):
            value = raw.strip()
            if value and value not in values:
                values.append(value)
        if values:
            filters[name] = values
    request = SearchRequest(
        q=q,
        filters=filters,
        sort=sort,
        page=_positive_int(args, "page", 1),
        per_page=_positive_int(args, "per_page", config["PER_PAGE"], config["MAX_PER_PAGE"]),
    )
    expanded = tuple(f for f in args.getlist("more") if f in FACETS)
    return PageState(request, expanded)
