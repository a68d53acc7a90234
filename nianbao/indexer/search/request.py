"""What a search asks for and what it returns, and the one place a request is validated.

Figures (the statutory tables', ``stats.measures``): ``where`` holds conditions such as
``新收申请>=10`` or ``诉讼.未经复议直接起诉.总计>0`` (a figure name, one of ``>= <= > < = !=``, a
number; all must hold, and a report without that figure fails them), and ``sort`` may name a
figure: largest first, or smallest first with ``:asc`` (``不予公开率:asc``); reports without
the figure come last.

Decisions (limits, so no request costs more than a bounded amount of work and response):
- At most ``MAX_VALUES_PER_FACET`` values of one facet (after dropping repeats), at most
  ``MAX_FILTER_VALUES`` values in all, and at most ``MAX_FILTER_CHARS`` characters in all
  values together: enough to compare 20 districts or 30 agencies, while every link of
  the search page, which carries the whole selection, stays a few KB. Over a limit is a
  QueryError naming the facet (``filters`` for the totals).
- ``per_page`` at most ``MAX_PER_PAGE``; ``facet_size`` at most ``MAX_FACET_SIZE``; at most
  ``MAX_CONDITIONS`` figure conditions of at most ``MAX_CONDITION_CHARS`` characters each (a
  condition is matched by a regular expression: its length bounds the work).
"""
import re
from dataclasses import dataclass, field

from ..labels import FACET_TITLES
from ..stats.measures import names as figure_names
from .query import QueryError, parse

FACETS = ("province", "city", "district", "town", "level", "agency", "agency_type", "year",
          "section", "kind", "tables")
SORTS = ("relevance", "year")
MAX_PER_PAGE = 100
FACET_SIZE = 100  # values per facet list: the most frequent ones, plus any selected
MAX_FACET_SIZE = 5000  # "显示更多" asks for up to this many values of one facet
MAX_VALUES_PER_FACET = 20
MAX_FILTER_VALUES = 30
MAX_FILTER_CHARS = 600


@dataclass
class SearchRequest:
    """Everything that selects a page of results; all of it lives in the URL."""

    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    facet_size: int = FACET_SIZE
    where: list = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    facet_sizes: dict = field(default_factory=dict)  # per facet, overriding facet_size


@dataclass
class Condition:
    """One figure condition: ``figure op value``."""

    figure: str
    op: str
    value: float


_CONDITION = re.compile(r"^\s*(.+?)\s*(>=|<=|!=|==|=|>|<|＞＝|＜＝|＞|＜|＝)\s*(-?\d+(?:\.\d+)?)\s*$")
_OPS = {"＞＝": ">=", "＜＝": "<=", "＞": ">", "＜": "<", "＝": "=", "==": "="}
MAX_CONDITIONS = 10
MAX_CONDITION_CHARS = 100  # the longest figure name has 33 characters


def conditions(where):
    """The Conditions of ``where`` (strings such as ``新收申请>=10``); QueryError if malformed."""
    if isinstance(where, str):
        where = [where]
    out = []
    for text in list(where or [])[:MAX_CONDITIONS + 1]:
        if not str(text).strip():
            continue
        if len(str(text)) > MAX_CONDITION_CHARS:
            raise QueryError(f"数字条件过长：最多 {MAX_CONDITION_CHARS} 个字符。", "where")
        m = _CONDITION.match(str(text))
        if not m:
            raise QueryError(f"数字条件写法不对：{str(text)[:40]}（例如：新收申请>=10）", "where")
        name, op, number = m.groups()
        if name not in figure_names():
            raise QueryError(f"没有名为“{name[:30]}”的统计数字（例如：新收申请、行政诉讼、申请.本年新收.总计）",
                             "where")
        out.append(Condition(name, _OPS.get(op, op), float(number)))
    if len(out) > MAX_CONDITIONS:
        raise QueryError(f"数字条件最多 {MAX_CONDITIONS} 个。", "where")
    return out


def figure_sort(sort):
    """(figure name, ascending) when ``sort`` names a figure, else None for relevance/year."""
    if sort in SORTS:
        return None
    name, _, order = str(sort).partition(":")
    if name in figure_names() and order in ("", "asc", "desc"):
        return name, order == "asc"
    raise QueryError(f"未知的排序方式：{str(sort)[:20]}（可选：相关度 relevance、年度 year，"
                     f"或统计数字，如 新收申请、不予公开率:asc）", "sort")


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
    facet_totals: dict = field(default_factory=dict)
    facet_parents: dict = field(default_factory=dict)
    # Terms too common to verify in every report (``matching.VERIFY_LIMIT``): when any is
    # listed, ``total`` and the facet counts are upper bounds; the results shown are exact.
    unverified_terms: list = field(default_factory=list)

    @property
    def exact(self):
        """Whether ``total`` and the facet counts are exact (not upper bounds)."""
        return not self.unverified_terms

    def to_dict(self):
        """The JSON object of ``nianbao search --json`` and ``/api/search``."""
        return {"total": self.total, "exact": self.exact,
                "unverified_terms": self.unverified_terms, "page": self.page,
                "per_page": self.per_page, "took_ms": self.took_ms, "results": self.results,
                "facets": self.facets, "facet_totals": self.facet_totals,
                "facet_parents": self.facet_parents, "expanded": self.expanded}


def check_request(request):
    """Validate a request (the one place that does); return its filters as {facet: [values]}.

    Raises QueryError naming the field at fault; the query text itself is parsed here too,
    so a caller learns of a bad query before any work is done.
    """
    figure_sort(request.sort)
    conditions(request.where)
    if not isinstance(request.page, int) or isinstance(request.page, bool) or request.page < 1:
        raise QueryError("页码必须是正整数（从 1 开始）。", "page")
    if (not isinstance(request.per_page, int) or isinstance(request.per_page, bool)
            or not 1 <= request.per_page <= MAX_PER_PAGE):
        raise QueryError(f"每页条数必须在 1 到 {MAX_PER_PAGE} 之间。", "per_page")
    if (not isinstance(request.facet_size, int) or isinstance(request.facet_size, bool)
            or not 1 <= request.facet_size <= MAX_FACET_SIZE):
        raise QueryError(f"每个筛选项列出的值数必须在 1 到 {MAX_FACET_SIZE} 之间。", "facet_size")
    for facet, size in (request.facet_sizes or {}).items():
        if facet not in FACETS or not isinstance(size, int) or not 1 <= size <= MAX_FACET_SIZE:
            raise QueryError(f"筛选项 {str(facet)[:20]} 的列出数目必须在 1 到 {MAX_FACET_SIZE} 之间。",
                             "facet_sizes")
    for name in ("year_from", "year_to"):
        value = getattr(request, name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or not 1990 <= value <= 2100):
            raise QueryError("年度范围须为 1990 到 2100 之间的年份。", name)
    if request.year_from and request.year_to and request.year_from > request.year_to:
        raise QueryError("年度范围的起始年份不能晚于结束年份。", "year_from")
    parse(request.q or "")
    filters = {}
    for facet, values in (request.filters or {}).items():
        if facet not in FACETS:
            raise QueryError(f"未知的筛选项：{str(facet)[:20]}", str(facet)[:20])
        values = [values] if isinstance(values, (str, int)) else list(values or [])
        values = list(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))
        if len(values) > MAX_VALUES_PER_FACET:
            raise QueryError(f"“{FACET_TITLES[facet]}”最多同时选 {MAX_VALUES_PER_FACET} 个值，"
                             f"收到 {len(values)} 个。", facet)
        if values:
            filters[facet] = values
    count = sum(len(v) for v in filters.values())
    if count > MAX_FILTER_VALUES:
        raise QueryError(f"筛选条件过多：最多同时选 {MAX_FILTER_VALUES} 个值，收到 {count} 个。", "filters")
    if sum(len(v) for values in filters.values() for v in values) > MAX_FILTER_CHARS:
        raise QueryError(f"筛选条件过长：所选的值合计最多 {MAX_FILTER_CHARS} 个字符。", "filters")
    return filters
