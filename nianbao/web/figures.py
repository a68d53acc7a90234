"""The statutory tables' figures as the pages show them: names to pick, values to print, and a
report's three tables laid out from its extracted ``stats`` (never from the raw text).

Decisions:
- The figure pickers list the named measures first (新收申请, 不予公开率 …, ``stats.measures``),
  then every contract key grouped by table (主动公开, 申请, 复议, 诉讼, 旧 for the older format;
  the keys read as the tables' row and column names); the sort picker lists the measures only (both
  directions), and a contract key chosen elsewhere (the URL, a column of the comparison) is
  added to it as the current choice.
- Shares (公开率, 不予公开率, 沿用上年比例) are printed as percentages, amounts in 万元 with two
  decimals, counts as integers; a missing figure is "—".
- The tables are laid out from the contract's keys for the report's format (``keys.tsv``
  lists which format prints which cell), in the contract's order, so a 2019 table has its own
  columns (上一年项目数量 / 本年增减 / 处理决定数量) and the 2021 one its own. A cell is one of:
  a number; 空白 (printed blank, value null); 不适用 (``"不适用"``); 无法识别 (left out of the
  values with an ``unreadable`` issue, whose message is the cell's explanation); or 未列出 (the
  report does not print it). Any other issue (arithmetic, incomplete, text_vs_table, unit,
  annotated) marks its cell and is explained in a numbered note under the tables.
"""
from nianbao.indexer.stats.keys import APPLICANTS, OUTCOMES, REQUEST_COLUMNS, is_money, keys
from nianbao.indexer.stats.measures import ACROSS_REPORTS, HEADLINE, MEASURES

SHARES = frozenset({"公开率", "不予公开率", "沿用上年比例"})
MONEY_MEASURES = frozenset({"收费金额"})
TABLE_TITLES = {"主动公开": "主动公开政府信息情况", "申请": "收到和处理政府信息公开申请情况",
                "复议": "政府信息公开行政复议", "诉讼": "政府信息公开行政诉讼", "旧": "统计表（2019 年以前格式）"}
ISSUE_KINDS = {"arithmetic": "数字不平", "incomplete": "合计空白", "text_vs_table": "正文与表格不符",
               "unreadable": "无法识别", "unit": "单位已换算", "annotated": "单元格带附注"}
REQUEST_ROWS = {
    "本年新收": "一、本年新收政府信息公开申请数量",
    "上年结转": "二、上年结转政府信息公开申请数量",
    "予以公开": "（一）予以公开",
    "部分公开": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "不予公开": "（三）不予公开",
    "无法提供": "（四）无法提供",
    "不予处理": "（五）不予处理",
    "其他处理": "（六）其他处理",
    "办理结果总计": "（七）总计",
    "结转下年度": "四、结转下年度继续办理",
}
SUB_ROWS = {"危及三安全一稳定": "危及“三安全一稳定”",
            "逾期不补正": "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "逾期未缴费": "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "其他": "其他"}


# --- names ---------------------------------------------------------------------------

def common_figures():
    """The named measures (and the figures computed across reports), in their order."""
    return list(MEASURES) + list(ACROSS_REPORTS)


def figure_groups():
    """[(group title, [figure name])] for a figure picker: measures, then keys by table."""
    groups = [("常用", common_figures())]
    by_table = {}
    for key in keys():
        by_table.setdefault(key.split(".", 1)[0], []).append(key)
    groups += [(TABLE_TITLES[table], items) for table, items in by_table.items()]
    return groups


def sort_options(current, has_query=True):
    """[(value, label)] for the sort picker; ``current`` is kept when it is a figure not listed.
    Without a query there is no relevance: the default is newest first."""
    options = [("relevance", "相关度" if has_query else "默认（年度从新到旧）"), ("year", "年度（从新到旧）")]
    for name in common_figures():
        options += [(name, f"{name}（从大到小）"), (f"{name}:asc", f"{name}（从小到大）")]
    if current not in {v for v, _ in options}:
        name, _, order = current.partition(":")
        options.append((current, f"{name}（{'从小到大' if order == 'asc' else '从大到小'}）"))
    return options


def sorted_figure(sort):
    """The figure a sort value names, or None for relevance/year."""
    return None if sort in ("relevance", "year") else sort.partition(":")[0]


# --- values --------------------------------------------------------------------------

def format_figure(name, value):
    """A figure as the page prints it: '—' when missing, shares in %, 万元 amounts with 2 decimals."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if name in SHARES:
        return f"{value * 100:.1f}%"
    if name in MONEY_MEASURES or is_money(name):
        return f"{value:,.2f}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def figure_unit(name):
    """The unit shown beside a figure's name (万元 for amounts)."""
    return "万元" if name in MONEY_MEASURES or is_money(name) else ""


# --- a report's tables ---------------------------------------------------------------

def _cell(key, values, issues, notes):
    """One table cell: {text, state, title, notes: [numbers]}."""
    own = issues.get(key, [])
    if key in values:
        value = values[key]
        if value is None:
            text, state, title = "空白", "blank", "表中此格空白（不是 0）"
        elif value == "不适用":
            text, state, title = "不适用", "na", "表中此格标为不适用（/、—、不适用）"
        else:
            text, state, title = format_figure(key, value), "num", ""
    elif any(i["kind"] == "unreadable" for i in own):
        text, state = "无法识别", "unreadable"
        title = "；".join(i["message"] for i in own if i["kind"] == "unreadable")
    else:
        text, state, title = "", "absent", "报告未列出这一格"
    numbers = []
    for issue in own:
        if issue["kind"] == "unreadable":
            continue
        notes.append(dict(issue, n=len(notes) + 1, label=ISSUE_KINDS.get(issue["kind"], issue["kind"])))
        numbers.append(len(notes))
    flagged = {i["kind"] for i in own} & {"arithmetic", "incomplete", "text_vs_table"}
    return {"key": key, "text": text, "state": state, "title": title, "notes": numbers,
            "flag": sorted(flagged)[0] if flagged else ""}


def _format_keys(table, fmt):
    """Contract keys of one table printed in format ``fmt``, in the contract's order."""
    return [k for k, (formats, _) in keys().items() if k.split(".", 1)[0] == table and fmt in formats]


def _proactive(fmt, values, issues, notes):
    """第二十条 主动公开: row groups sharing their column headers."""
    rows, order = {}, []
    for key in _format_keys("主动公开", fmt):
        _, row, column = key.split(".")
        if row not in rows:
            order.append(row)
        rows.setdefault(row, []).append((column, key))
    groups = []
    for row in order:
        columns = [c for c, _ in rows[row]]
        cells = [_cell(k, values, issues, notes) for _, k in rows[row]]
        if groups and groups[-1]["columns"] == columns:
            groups[-1]["rows"].append({"label": row, "cells": cells})
        else:
            groups.append({"columns": columns, "rows": [{"label": row, "cells": cells}]})
    return groups


def _requests(fmt, values, issues, notes):
    """收到和处理政府信息公开申请: rows × the seven applicant columns."""
    rows, seen = [], set()
    for key in _format_keys("申请", fmt):
        prefix = key.rsplit(".", 1)[0]
        if prefix in seen:
            continue
        seen.add(prefix)
        parts = prefix.split(".")[1:]
        if parts[0] == "予以公开":
            rows.append({"label": "三、本年度办理结果", "heading": True, "cells": []})
        if len(parts) == 2 and not any(r.get("group") == parts[0] for r in rows):
            label = REQUEST_ROWS[parts[0]]
            rows.append({"label": label, "heading": True, "group": parts[0], "cells": []})
        number = sum(1 for r in rows if r.get("parent") == parts[0]) + 1
        label = f"{number}. {SUB_ROWS.get(parts[1], parts[1])}" if len(parts) == 2 else REQUEST_ROWS.get(parts[0], parts[0])
        rows.append({"label": label, "parent": parts[0] if len(parts) == 2 else None, "sub": len(parts) == 2,
                     "cells": [_cell(f"{prefix}.{c}", values, issues, notes) for c in REQUEST_COLUMNS]})
    return rows


def _appeals(values, issues, notes):
    """行政复议 and 行政诉讼: one row of fifteen cells."""
    keys_ = [f"复议.{c}" for c in OUTCOMES] + [f"诉讼.{g}.{c}" for g in ("未经复议直接起诉", "复议后起诉")
                                             for c in OUTCOMES]
    return [_cell(k, values, issues, notes) for k in keys_]


def _older(values, issues, notes, only_present):
    """The pre-2019 统计表's rows (label, cell)."""
    rows = []
    for key, (_formats, label) in keys().items():
        if key.startswith("旧.") and (not only_present or key in values
                                     or any(i["kind"] == "unreadable" for i in issues.get(key, []))):
            rows.append({"label": label, "cells": [_cell(key, values, issues, notes)]})
    return rows


def report_tables(stats, stats_issues):
    """The report's statutory tables for the page, or None when it has no figures.

    Returns {"format", "proactive", "requests", "appeals", "older", "notes", "applicants",
    "outcomes"}; each table is None when the report's format has no such table.
    """
    if not stats or not (stats.get("values") or stats_issues):
        return None
    values, fmt = stats.get("values") or {}, stats.get("format")
    issues = {}
    for issue in stats_issues or []:
        issues.setdefault(issue.get("key"), []).append(issue)
    notes = []
    out = {"format": fmt, "proactive": None, "requests": None, "appeals": None, "older": None,
           "applicants": APPLICANTS, "outcomes": OUTCOMES}
    if fmt in ("2019", "2021"):
        out["proactive"] = _proactive(fmt, values, issues, notes)
        out["requests"] = _requests(fmt, values, issues, notes)
        out["appeals"] = _appeals(values, issues, notes)
        if any(k.startswith("旧.") for k in values):  # figures its prose states beside the tables
            out["older"] = _older(values, issues, notes, only_present=True)
    else:
        out["older"] = _older(values, issues, notes, only_present=fmt != "pre2019")
    drawn = _drawn_keys(out)
    for key, own in issues.items():  # issues of cells no table shows still get their note
        if key not in drawn:
            for issue in own:
                notes.append(dict(issue, n=len(notes) + 1, label=ISSUE_KINDS.get(issue["kind"], issue["kind"])))
    out["notes"] = notes
    return out


def _drawn_keys(tables):
    """Every key a laid-out table shows a cell for."""
    drawn = set()
    for group in tables["proactive"] or []:
        drawn |= {c["key"] for row in group["rows"] for c in row["cells"]}
    for row in tables["requests"] or []:
        drawn |= {c["key"] for c in row["cells"]}
    drawn |= {c["key"] for c in tables["appeals"] or []}
    for row in tables["older"] or []:
        drawn |= {c["key"] for c in row["cells"]}
    return drawn


def headline_figures():
    """The figures a report page lists beside its peers'."""
    return list(HEADLINE)
