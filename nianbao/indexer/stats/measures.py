"""Named figures researchers filter, sort and compare by, across both report eras.

Every contract key (``申请.本年新收.总计``) is a figure, and so is each name below: a short
name for a common one (新收申请), a sum the tables do not print (不予公开: the eight reasons'
totals), or a share (不予公开率). A name lists its definitions in order: the first a report
has figures for is used, so 新收申请 reads ``申请.本年新收.总计`` in a 2019+ report and
``旧.收到申请数`` in an older one. A sum needs at least one printed part; a share needs both
sides, and a zero denominator gives none. Blank and not-applicable cells are no figure.

``flags(values, issues)`` are the facet-style yes/no properties of a report's tables
(``FLAGS``): it printed a table, had appeals or lawsuits, refused requests, and whether its
tables add up and agree with its text.
"""
import math
from fnmatch import fnmatch

from .keys import keys

_REFUSED = "申请.不予公开.*.总计"
MEASURES = {
    "新收申请": ["申请.本年新收.总计", "旧.收到申请数"],
    "上年结转": ["申请.上年结转.总计"],
    "办理结果总计": ["申请.办理结果总计.总计"],
    "予以公开": ["申请.予以公开.总计", "旧.同意公开"],
    "部分公开": ["申请.部分公开.总计", "旧.部分公开"],
    "不予公开": [("sum", _REFUSED), "旧.不同意公开"],
    "无法提供": [("sum", "申请.无法提供.*.总计")],
    "不予处理": [("sum", "申请.不予处理.*.总计")],
    "结转下年度": ["申请.结转下年度.总计"],
    "行政复议": ["复议.总计", "旧.行政复议数"],
    "复议纠正": ["复议.结果纠正"],
    "行政诉讼": [("sum", "诉讼.*.总计"), "旧.行政诉讼数"],
    "诉讼纠正": [("sum", "诉讼.*.结果纠正")],
    "主动公开信息": ["旧.主动公开政府信息数"],
    "收费金额": ["主动公开.行政事业性收费.本年收费金额", "旧.收费金额"],
    "公开率": [("share", ("予以公开", "部分公开"), "办理结果总计")],
    "不予公开率": [("share", ("不予公开",), "办理结果总计")],
}
# Shown first wherever a report's headline figures are listed (peers, comparisons).
HEADLINE = ("新收申请", "予以公开", "不予公开", "不予公开率", "行政复议", "行政诉讼")
FLAGS = {
    "has_table": "有统计表",
    "has_review": "有行政复议",
    "has_suit": "有行政诉讼",
    "has_refusal": "有不予公开",
    "arithmetic": "表格数字不平",
    "text_vs_table": "正文与表格不符",
}


COPIED = "沿用上年比例"  # share of a report's sentences found in its office's previous report
ACROSS_REPORTS = (COPIED,)  # figures the build computes between reports (indexer.changes)


def names():
    """Every figure name: the measures, those computed across reports, then every contract key."""
    return list(MEASURES) + list(ACROSS_REPORTS) + list(keys())


def _number(value):
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _matching(values, pattern):
    return [v for k, v in values.items() if fnmatch(k, pattern)]


def value(values, name, _cache=None):
    """The figure ``name`` of a report's ``values`` (contract key → printed value), or None."""
    if name in ACROSS_REPORTS:
        return None
    if name not in MEASURES:
        return _number(values.get(name))
    for definition in MEASURES[name]:
        if isinstance(definition, str):
            found = _number(values.get(definition))
        elif definition[0] == "sum":
            parts = [n for n in map(_number, _matching(values, definition[1])) if n is not None]
            found = sum(parts) if parts else None
        else:
            _, tops, bottom = definition
            parts = [value(values, t) for t in tops]
            below = value(values, bottom)
            found = (sum(parts) / below if below and all(p is not None for p in parts) else None)
        if found is not None and not math.isnan(found):
            return found
    return None


def flags(values, issues, fmt):
    """The FLAGS a report has (a set of keys)."""
    out = set()
    if fmt:
        out.add("has_table")
    if (value(values, "行政复议") or 0) > 0:
        out.add("has_review")
    if (value(values, "行政诉讼") or 0) > 0:
        out.add("has_suit")
    if (value(values, "不予公开") or 0) > 0:
        out.add("has_refusal")
    kinds = {issue["kind"] for issue in issues}
    if kinds & {"arithmetic", "incomplete"}:
        out.add("arithmetic")
    if "text_vs_table" in kinds:
        out.add("text_vs_table")
    return out
