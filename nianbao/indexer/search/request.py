"""What a search asks for and what it returns, and the one place a request is validated."""
from dataclasses import dataclass, field

from .query import QueryError, parse

FACETS = ("province", "city", "district", "town", "level", "agency", "agency_type", "year",
          "section", "kind")
SORTS = ("relevance", "year")
MAX_PER_PAGE = 100
FACET_SIZE = 100  # values per facet list: the most frequent ones, plus any selected


@dataclass
class SearchRequest:
    """Everything that selects a page of results; all of it lives in the URL."""

    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    facet_size: int = FACET_SIZE


@dataclass
class SearchResponse:
    """One page of reports, the total, and the facet counts."""

    total: int
    page: int
    per_page: int
    took_ms: float
    results: list
    facets: dict
    expanded: dict = field(default_factory=dict)

    def to_dict(self):
        """The JSON object of ``nianbao search --json`` and ``/api/search``."""
        return {"total": self.total, "page": self.page, "per_page": self.per_page,
                "took_ms": self.took_ms, "results": self.results, "facets": self.facets,
                "expanded": self.expanded}


def check_request(request):
    """Validate a request (the one place that does); return its filters as {facet: [values]}.

    Raises QueryError naming the field at fault; the query text itself is parsed here too,
    so a caller learns of a bad query before any work is done.
    """
    if request.sort not in SORTS:
        raise QueryError(f"未知的排序方式：{str(request.sort)[:20]}（可选：相关度 relevance、年度 year）",
                         "sort")
    if not isinstance(request.page, int) or isinstance(request.page, bool) or request.page < 1:
        raise QueryError("页码必须是正整数（从 1 开始）。", "page")
    if (not isinstance(request.per_page, int) or isinstance(request.per_page, bool)
            or not 1 <= request.per_page <= MAX_PER_PAGE):
        raise QueryError(f"每页条数必须在 1 到 {MAX_PER_PAGE} 之间。", "per_page")
    if not isinstance(request.facet_size, int) or request.facet_size < 1:
        raise QueryError("每个筛选项至少列出 1 个值。", "facet_size")
    parse(request.q or "")
    filters = {}
    for facet, values in (request.filters or {}).items():
        if facet not in FACETS:
            raise QueryError(f"未知的筛选项：{str(facet)[:20]}", facet)
        values = [values] if isinstance(values, (str, int)) else list(values or [])
        values = [str(v).strip() for v in values if str(v).strip()]
        if values:
            filters[facet] = list(dict.fromkeys(values))
    return filters
