"""The figures of a report's statutory tables, extracted and checked (the contract: ../shared/stats/).

``extract_stats(text)`` finds the 2021/2019 format's three tables (主动公开, 收到和处理政府信息公开申请,
行政复议/行政诉讼) or the pre-2019 统计表 in a report's text, whatever shape its reader left them in,
maps every cell to its contract key, checks the tables' arithmetic and the figures the prose states
against them, and returns a ``StatsResult``; ``to_dict()`` is the contract's ``stats`` object and
``issues`` its ``stats_issues`` list.

Modules: ``keys`` (the contract's key table), ``tokens`` (normalisation, row tokens), ``values`` (one
cell: number, blank, 不适用, unit, remark), ``shapes`` (a row's text → cells: tab rows, one cell per
line, reading order, digit runs), ``tables`` (the layouts: rows, columns, keys), ``checks`` (the
arithmetic), ``prose`` (figures stated in sentences).

Decisions:
- Values: a number as printed (ints for counts, floats in 万元 for amounts), ``None`` for a printed
  blank cell, ``"不适用"`` for a not-applicable mark; a cell that cannot be read is left out of
  ``values`` and named in the issues (``unreadable``); a row or table the report does not print is
  left out. Nothing is derived: a figure is what the table prints.
- Input is the reader's text before cleaning when there is one (``build_report`` passes
  ``Document.text``): cleaning merges runs of tabs and blank lines, which are what tells blank cells
  apart in tab rows and one-cell-per-line tables. Clean text works too, with blank cells in those
  shapes then found only where the layout still shows them.
- Issues: ``unreadable`` (a cell, and why), ``unit`` (a cell printed in 元, converted), ``annotated``
  (a figure with a remark in its cell), ``arithmetic`` and ``incomplete`` (see ``checks``),
  ``text_vs_table`` (the prose states another figure than the cell). Each is
  ``{"key", "kind", "message"}`` with a Chinese message.
- Prose figures (see ``prose``) are read only for documents that are reports (``prose=True``): a 法治
  政府建设报告's 行政复议 cases are not information-disclosure cases. Where a report prints no table for
  them, the figures its text states fill the ``旧`` keys (收到申请数, 同意公开, 行政复议数, 行政诉讼数;
  主动公开政府信息数, its channels and 收费金额 only when the report prints no table at all).
- A 申请 figure the prose states equal to 本年新收 + 上年结转 (the report counting carried-over
  requests as received) is not a contradiction.
- ``stats`` is None for a document with no table and no stated figure.
"""
from dataclasses import dataclass, field

from . import checks
from . import keys as K
from .prose import find_figures, headline
from .tables import read_tables
from .tokens import normalize

__all__ = ["StatsResult", "extract_stats", "KEYS"]

KEYS = K.keys()

# prose figure → the table key it states, by table era
_NEW_KEYS = {"received": "申请.本年新收.总计", "granted": "申请.予以公开.总计", "review": "复议.总计"}
_OLD_KEYS = {"received": "旧.收到申请数", "granted": "旧.同意公开", "granted_old": "旧.同意公开",
             "review": "旧.行政复议数", "suit": "旧.行政诉讼数", "published": "旧.主动公开政府信息数",
             "website": "旧.主动公开.政府网站", "weibo": "旧.主动公开.政务微博", "weixin": "旧.主动公开.政务微信",
             "fee_zero": "旧.收费金额"}
_HINT_KEYS = {"regs_issued": "主动公开.行政规范性文件.本年制发件数", "regs_valid": "主动公开.行政规范性文件.现行有效件数"}
_SUIT_TOTALS = ("诉讼.未经复议直接起诉.总计", "诉讼.复议后起诉.总计")
# prose figures that fill 旧 keys when the report prints no table carrying them
_FILL_WITHOUT = {"received": "申请", "granted": "申请", "granted_old": "申请", "review": "复议", "suit": "复议"}


@dataclass
class StatsResult:
    """What ``extract_stats`` found: the table format, values by key, and the issues."""

    format: str | None = None
    values: dict = field(default_factory=dict)
    issues: list = field(default_factory=list)

    def to_dict(self):
        """The contract's ``stats`` object: ``{"format": …, "values": {key: value}}``."""
        return {"format": self.format, "values": dict(self.values)}

    @property
    def empty(self):
        """True when no table was found and no figure stated."""
        return self.format is None and not self.values


def extract_stats(text, prose=True):
    """Extract and check the statutory tables' figures in a report's ``text`` (see the module doc)."""
    text = normalize(text or "")
    found = read_tables(text)
    figures = find_figures(text, found.spans) if prose else []
    if figures:
        unread = {k for k, c in found.cells.items() if c.kind == "unreadable"}
        hints = {k: v for k, v in _hints(figures).items() if k in unread}
        if hints:
            found = read_tables(text, hints)
    values, issues = {}, []
    for key in _ordered(found.cells):
        cell = found.cells[key]
        if cell.kind == "unreadable":
            issues.append({"key": key, "kind": "unreadable", "message": cell.issue[1]})
            continue
        values[key] = cell.value
        if cell.issue:
            kind, printed = cell.issue
            issues.append({"key": key, "kind": kind, "message": _NOTE[kind].format(printed)})
    table_keys = set(values)
    _fill_from_prose(figures, found, values)
    issues.extend(checks.check(values))
    issues.extend(_text_vs_table(figures, found, values, table_keys))
    return StatsResult(found.format, values, issues)


_NOTE = {"unit": "单元格自带单位，已换算为万元：{}", "annotated": "单元格附有说明，取其首个数字：{}"}


def _ordered(keys):
    order = {k: i for i, k in enumerate(KEYS)}
    return sorted(keys, key=lambda k: (order.get(k, len(order)), k))


def _hints(figures):
    hints = {}
    for f in figures:
        for table in (_NEW_KEYS, _OLD_KEYS, _HINT_KEYS):
            key = table.get(f.name)
            if key and f.name != "fee_zero":
                hints.setdefault(key, set()).add(f.value)
    return hints


def _fill_from_prose(figures, found, values):
    if not figures:
        return
    names = {f.name for f in figures}
    for name in names:
        key = _OLD_KEYS.get(name)
        if key is None or key in values or key in found.cells:
            continue
        table = _FILL_WITHOUT.get(name)
        if found.tables and (table is None or table in found.tables or "旧" in found.tables):
            continue
        value = headline(figures, name)
        if value is not None:
            values[key] = float(value) if K.is_money(key) else value
    if values:
        ordered = {k: values[k] for k in _ordered(values)}
        values.clear()
        values.update(ordered)


def _text_vs_table(figures, found, values, table_keys):
    era = _OLD_KEYS if found.format == "pre2019" else _NEW_KEYS
    issues = []
    for name in dict.fromkeys(f.name for f in figures):
        stated = headline(figures, name)
        if stated is None:
            continue
        clause = next(f.text for f in figures if f.name == name and f.value == stated)
        if name == "suit" and found.format != "pre2019":
            if not all(_number(values.get(k)) and k in table_keys for k in _SUIT_TOTALS):
                continue
            printed = sum(values[k] for k in _SUIT_TOTALS)
            key = _SUIT_TOTALS[0]
            shown = f"未经复议直接起诉 {values[_SUIT_TOTALS[0]]} + 复议后起诉 {values[_SUIT_TOTALS[1]]}"
        else:
            key = era.get(name)
            if key is None or key not in table_keys or not _number(values.get(key)):
                continue
            printed, shown = values[key], str(values[key])
        if abs(printed - stated) < 1e-6:
            continue
        if key == "申请.本年新收.总计" and _number(values.get("申请.上年结转.总计")):
            if abs(printed + values["申请.上年结转.总计"] - stated) < 1e-6:
                continue
        issues.append({"key": key, "kind": "text_vs_table", "message": f"正文称“{clause}”，表中为 {shown}"})
    return issues


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)
