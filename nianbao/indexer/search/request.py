"""What a search asks for and what it returns, and the one place a request is validated."""
from dataclasses import dataclass, field

from .query import QueryError

FACETS = ("province", "city", "district", "agency", "year", "section", "kind")
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

    def to_dict(self):
        """The JSON object of ``nianbao search --json`` and ``/api/search``."""
        return {"total": self.total, "page": self.page, "per_page": self.per_page,
                "took_ms": self.took_ms, "results": self.results, "facets": self.facets}


def check_request(request):
    """Validate a request; return its filters as {facet: [values]} without empty ones."""
    if request.sort not in SORTS:
        raise QueryError(f"未知的排序方式：{request.sort}（可选：相关度 relevance、年度 year）")
    if not isinstance(request.page, int) or request.page < 1:
        raise QueryError("页码必须是正整数。")
    if not isinstance(request.per_page, int) or not 1 <= request.per_page <= MAX_PER_PAGE:
        raise QueryError(f"每页条数必须在 1 到 {MAX_PER_PAGE} 之间。")
    if not isinstance(request.facet_size, int) or request.facet_size < 1:
        raise QueryError("每个筛选项至少列出 1 个值。")
    filters = {}
    for facet, values in (request.filters or {}).items():
        if facet not in FACETS:
            raise QueryError(f"未知的筛选项：{facet}")
        values = [values] if isinstance(values, (str, int)) else list(values or [])
        values = [str(v).strip() for v in values if str(v).strip()]
        if values:
            filters[facet] = list(dict.fromkeys(values))
    return filters
