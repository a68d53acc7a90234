"""The statutory tables' layouts: where each table is, its rows in order, and the key of every cell.

Tables (national formats, 国办公开办函〔2019〕60号 and 〔2021〕30号, and the pre-2019 统计表):
- 主动公开 (第二十条): rows 规章, (行政)规范性文件, 行政许可, [其他对外管理服务事项], 行政处罚,
  行政强制, 行政事业性收费, [政府集中采购]; each sub-table's own header says its columns
  (本年制发件数… → 2021 keys; 本年新制作数量… / 上一年项目数量… → 2019 keys).
- 申请: 26 rows (2019: 其他处理 one row; 2021: its three sub-rows) × 7 columns.
- 复议/诉讼: one row of 15 cells after the two header rows.
- 旧: the pre-2019 统计表's headline rows (label, unit, the year's figure[, 历年累计]).

Decisions:
- Rows are found by their labels in printed order (each label tolerates spaces and line breaks
  between its characters, as PDF text has them); a row's cells are the text between its label and
  the next row's label. A label not found leaves its row out (its figures, if any, make the row
  before it unreadable: too many figures), never shifts figures to other rows.
- The 申请 table is taken where its labels are found most completely (at least 12 of its rows);
  prose that names a few rows (本年新收…件，上年结转…件) is not a table. If figures stand between the
  column header and the first row label, the reading order is not the table's: every cell is
  unreadable.
- Digit runs that can be cut several ways are resolved by the table's own arithmetic: first each
  row's 总计 column (``shapes``), then (申请) the column equations across rows: the readings under
  which every equation they enter holds are kept; if none is, nothing is chosen. A figure the
  report's prose states for a cell (``hints``) also chooses, when one reading has it.
- The format is the 主动公开 header's (本年制发件数 → 2021, 本年新制作数量/上一年项目数量 → 2019); without
  one, the 申请 table's 其他处理 (three sub-rows → 2021, one row → 2019); without either, the
  circular the report cites (〔2021〕30号 / 〔2019〕60号); else 2021 (the current format).
- A 2021-format 主动公开 table that still prints 其他对外管理服务事项 (a 2019 row) has it read to
  delimit its neighbours, and not kept (no contract key).
"""
import re
from itertools import product

from . import keys as K
from .checks import equations, holds
from .shapes import LineLayout, consensus, line_gaps, parse_row
from .tokens import NUM, NA, TEXT, PAREN, mask_list_numbers, tokenize
from .values import unreadable

_WINDOW = 700  # a row's label is at most this far after the previous row's


def loose(label):
    """A regex for ``label`` allowing spaces and line breaks between its characters."""
    return r"\s*".join(re.escape(c) for c in label)


def _rx(*alternatives):
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


class Row:
    """One printed row: its key prefix, label patterns, and cell columns (key suffixes, or None)."""

    def __init__(self, name, patterns, columns=None, optional=False):
        self.name, self.pattern, self.columns, self.optional = name, patterns, columns, optional


# ---------------------------------------------------------------- 申请 table
_SUB = r"§\s*[.．、]\s*"
REQUEST_ROWS = [
    Row("本年新收", _rx(loose("本年新收") + r"(?:\s*政\s*府\s*信\s*息\s*公\s*开\s*申\s*请\s*数\s*量)?")),
    Row("上年结转", _rx(loose("上年结转") + r"(?:\s*政\s*府\s*信\s*息\s*公\s*开\s*申\s*请\s*数\s*量)?")),
    Row("予以公开", _rx(loose("予以公开"))),
    Row("部分公开", _rx(loose("部分公开") + r"(?:\s*[（(][^）)]{0,40}[）)])?")),
    Row("不予公开.属于国家秘密", _rx(loose("国家秘密"))),
    Row("不予公开.其他法律行政法规禁止公开", _rx(loose("其他法律") + r"[^\d§\n\t]{0,12}?" + loose("公开"), loose("其他法律"))),
    Row("不予公开.危及三安全一稳定", _rx(loose("三安全一稳定") + r"\s*[”\"]?", loose("危及"))),
    Row("不予公开.保护第三方合法权益", _rx(loose("第三方合法权益"), loose("第三方"))),
    Row("不予公开.属于三类内部事务信息", _rx(loose("内部事务信息"), loose("内部事务"))),
    Row("不予公开.属于四类过程性信息", _rx(loose("过程性信息"), loose("过程性"))),
    Row("不予公开.属于行政执法案卷", _rx(loose("执法案卷"))),
    Row("不予公开.属于行政查询事项", _rx(loose("查询事项"))),
    Row("无法提供.本机关不掌握相关政府信息", _rx(loose("不掌握相关政府信息"), loose("不掌握"))),
    Row("无法提供.没有现成信息需要另行制作", _rx(loose("需要另行制作"), loose("另行制作"), loose("没有现成"))),
    Row("无法提供.补正后申请内容仍不明确", _rx(loose("仍不明确"), loose("补正后"))),
    Row("不予处理.信访举报投诉类申请", _rx(loose("投诉类申请"), loose("信访举报"))),
    Row("不予处理.重复申请", _rx(loose("重复申请"))),
    Row("不予处理.要求提供公开出版物", _rx(loose("公开出版物"))),
    Row("不予处理.无正当理由大量反复申请", _rx(loose("大量反复申请"), loose("大量反复"))),
    Row("不予处理.要求行政机关确认或重新出具已获取信息",
        _rx(loose("重新出具已获取信息"), loose("已获取信息"), loose("重新出具"))),
    Row("其他处理", _rx(loose("其他处理"))),
    Row("其他处理.逾期不补正", _rx(loose("逾期不补正") + r"[^\d\t]{0,40}?" + loose("公开申请"), loose("逾期不补正")),
        optional=True),
    Row("其他处理.逾期未缴费", _rx(loose("缴纳费用") + r"[^\d\t]{0,40}?" + loose("公开申请"), loose("逾期未按收费"),
                                  loose("缴纳费用")), optional=True),
    Row("其他处理.其他", _rx(_SUB + loose("其他"), r"(?<![处理])" + loose("其他") + r"(?!\s*处\s*理)"), optional=True),
    Row("办理结果总计", _rx(r"[（(]\s*七\s*[）)]\s*" + loose("总计"), loose("总计"), loose("合计"))),
    Row("结转下年度", _rx(loose("结转下年度") + r"(?:\s*继\s*续\s*办\s*理)?")),
]
_REQUEST_FIRST = REQUEST_ROWS[0].pattern
_REQUEST_MIN_ROWS = 12
_OTHER_SUBROWS = ("其他处理.逾期不补正", "其他处理.逾期未缴费", "其他处理.其他")


def _request_rule(numbers):
    """The row's 总计 column is the sum of its applicant columns (checked once all are cut)."""
    if len(numbers) < 7 or None in numbers:
        return True
    return sum(numbers[:6]) == numbers[6]


# ---------------------------------------------------------------- 复议/诉讼 table
_REVIEW_START = re.compile(loose("行政复议"))
_PENDING = re.compile(loose("尚未审结"))
# the header cells that may follow the third 尚未审结 (a header row repeated by merged cells)
_REVIEW_HEADER_CELL = re.compile(r"[\s~]*(?:" + "|".join(loose(w) for w in (
    "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "合计", "未经复议直接起诉", "复议后起诉")) + ")")


def _review_rule(numbers):
    """Each group's 总计 is the sum of its four outcomes (checked as soon as a group is cut)."""
    for start in (0, 5, 10):
        group = numbers[start:start + 5]
        if len(group) == 5 and None not in group and sum(group[:4]) != group[4]:
            return False
    return True


# ---------------------------------------------------------------- 主动公开 table
_PROACTIVE_HEADER = re.compile("|".join([loose("本年制发"), loose("新制作"), loose("上一年项目数量"),
                                         loose("本年新公开")]))
_PROACTIVE_ROWS = [
    ("规章", _rx(loose("规章"))),
    ("行政规范性文件", _rx(r"(?:行\s*政\s*)?" + loose("规范性文件"))),
    ("行政许可", _rx(loose("行政许可"))),
    ("其他对外管理服务事项", _rx(loose("其他对外管理服务事项"))),
    ("行政处罚", _rx(loose("行政处罚"))),
    ("行政强制", _rx(loose("行政强制"))),
    ("行政事业性收费", _rx(loose("行政事业性收费"))),
    ("政府集中采购", _rx(loose("政府集中采购"))),
]
_H2021_DOCS = re.compile(loose("本年制发") + "|" + loose("本年废止") + "|" + loose("现行有效"))
_H2019_DOCS = re.compile(loose("新制作") + "|" + loose("新公开") + "|" + loose("对外公开总数"))
_H2019_ITEMS = re.compile(loose("上一年项目") + "|" + loose("本年增"))
_H2021_ITEMS = re.compile(loose("本年处理决定") + "|" + loose("本年收费金额"))
_PURCHASE = re.compile(loose("采购项目数量") + "|" + loose("采购总金额"))


def _proactive_columns(name, header, style):
    """(key columns, money column indices, style) of a 主动公开 row under the sub-table ``header``."""
    if name in ("规章", "行政规范性文件"):
        if _H2021_DOCS.search(header):
            style = "2021"
        elif _H2019_DOCS.search(header):
            style = "2019"
        row = name if style == "2021" else ("规范性文件" if name == "行政规范性文件" else name)
        cols = ("本年制发件数", "本年废止件数", "现行有效件数") if style == "2021" else (
            "本年新制作数量", "本年新公开数量", "对外公开总数量")
        return [f"主动公开.{row}.{c}" for c in cols], (), style
    if name == "政府集中采购":
        return ["主动公开.政府集中采购.采购项目数量", "主动公开.政府集中采购.采购总金额"], (1,), style
    if _H2019_ITEMS.search(header):
        style = "2019"
    elif _H2021_ITEMS.search(header):
        style = "2021"
    if name == "行政事业性收费":
        if style == "2021":
            return ["主动公开.行政事业性收费.本年收费金额"], (0,), style
        return ["主动公开.行政事业性收费.上一年项目数量", "主动公开.行政事业性收费.本年增减"], (), style
    if style == "2021":
        keys = [None if name == "其他对外管理服务事项" else f"主动公开.{name}.本年处理决定数量"]
        return keys, (), style
    return [f"主动公开.{name}.{c}" for c in ("上一年项目数量", "本年增减", "处理决定数量")], (), style


# ---------------------------------------------------------------- pre-2019 统计表
_OLD_HEADER = re.compile("|".join([loose("统计指标"), loose("指标名称"), loose("计量单位"),
                                   loose("单位") + r"\s*" + loose("统计数") + "(?!据)"]))
_OLD_MIN_ROWS = 3
_UNIT = r"(?:\s*(?:条|件|个|次|万元|元|篇|份|项))?"
_REMARK = r"(?:\s*[（(][^（()）]{0,40}[）)])?"
OLD_ROWS = [
    ("旧.主动公开政府信息数", re.compile(r"主\s*动\s*公\s*开\s*(?:政\s*府\s*)?(?:信\s*息|文\s*件)\s*数(?:\s*量)?" + _REMARK + _UNIT)),
    ("旧.主动公开.政府网站", re.compile(r"(?:政\s*府\s*)?网\s*站\s*公\s*开(?:\s*政\s*府\s*信\s*息)?(?:\s*数)?" + _REMARK + _UNIT)),
    ("旧.主动公开.政务微博", re.compile(loose("政务微博公开") + r"(?:\s*政\s*府\s*信\s*息)?(?:\s*数)?" + _UNIT)),
    ("旧.主动公开.政务微信", re.compile(loose("政务微信公开") + r"(?:\s*政\s*府\s*信\s*息)?(?:\s*数)?" + _UNIT)),
    ("旧.收到申请数", re.compile(r"(?:" + loose("收到申请数") + "|" + loose("受理") + r"[^\d\n\t§]{0,12}?" + loose("总数") + r")" + _REMARK + _UNIT)),
    ("旧.申请办理结果.按时办结", re.compile(loose("按时办结数") + _UNIT)),
    ("旧.同意公开", re.compile(r"(?<![不分])" + loose("同意公开答复数") + _UNIT)),
    ("旧.部分公开", re.compile(loose("部分公开答复数") + _UNIT)),
    ("旧.不同意公开", re.compile(r"(?:" + loose("不同意公开答复数") + "|" + loose("不予公开答复数") + ")" + _UNIT)),
    ("旧.行政复议数", re.compile(loose("行政复议数") + r"(?:\s*量)?" + _UNIT)),
    ("旧.行政诉讼数", re.compile(loose("行政诉讼数") + r"(?:\s*量)?" + _UNIT)),
    ("旧.收费金额", re.compile(loose("依申请公开信息收取的费用") + r"(?:\s*[（(]\s*万\s*元\s*[）)])?" + _UNIT)),
]
_CUMULATIVE = re.compile(loose("历年累计"))
_OLD_REGION = 8000


def _cumulative_rule(numbers):
    """The 历年累计 column holds at least the year's figure."""
    return len(numbers) < 2 or None in numbers or numbers[0] <= numbers[1]


class Found:
    """What the tables gave: cells by key, the format, and the tables seen."""

    def __init__(self):
        self.cells = {}        # key -> Cell
        self.format = None
        self.tables = set()    # "主动公开", "申请", "复议", "旧"
        self.layout = None     # the 申请 table's line layout, reused for the 复议 row
        self.spans = []        # (start, end) of every table read: prose is not looked for there


def read_tables(text, hints=None):
    """Every statutory table found in normalised ``text``: a Found.

    ``hints`` (key → set of figures the report's prose states) choose among the readings of a
    digit run that the table alone cannot decide.
    """
    masked = mask_list_numbers(text)
    found = Found()
    hints = hints or {}
    style = _read_proactive(masked, found, hints)
    other_style = _read_requests(masked, found, hints)
    _read_reviews(masked, found, hints)
    if style or other_style or found.tables:
        found.format = style or other_style or _cited_format(text) or "2021"
    elif _read_old(masked, found, hints):
        found.format = "pre2019"
    return found


def _hinted(candidates, keys, hints):
    """The candidate readings that agree with every figure the prose states for these keys."""
    if len(candidates) < 2:
        return candidates
    for i, key in enumerate(keys):
        stated = hints.get(key)
        if stated:
            kept = [c for c in candidates if c[i].kind == "number" and c[i].value in stated]
            candidates = kept or candidates
    return candidates


def _cited_format(text):
    if re.search(r"〔\s*2021\s*〕\s*30\s*号", text):
        return "2021"
    if re.search(r"〔\s*2019\s*〕\s*60\s*号", text):
        return "2019"
    return None


def _locate(text, rows, start):
    """Sequentially find each row's label after ``start``: list of (row, match) in order.

    An optional row counts only when its label comes before the next required row's label.
    """
    found, pos = [], start
    for i, row in enumerate(rows):
        m = row.pattern.search(text, pos, min(len(text), pos + _WINDOW))
        if m and row.optional:
            required = next((r for r in rows[i + 1:] if not r.optional), None)
            after = required.pattern.search(text, pos, min(len(text), pos + _WINDOW)) if required else None
            if after is None or after.start() < m.start():
                m = None
        if m:
            found.append((row, m))
            pos = m.end()
    return found


def _segments(text, located, tail_limit=400):
    """(row, segment text) for located rows; the last row's text ends before the next text."""
    out = []
    for i, (row, m) in enumerate(located):
        end = located[i + 1][1].start() if i + 1 < len(located) else _tail_end(text, m.end(), tail_limit)
        out.append((row, text[m.end():end]))
    return out


def _tail_end(text, start, limit):
    """End of a table's last row: the first text after its figures (or right away if none)."""
    window = text[start:start + limit]
    seen_value = False
    for t in tokenize(window):
        if t.kind in (NUM, NA):
            seen_value = True
        elif t.kind in (TEXT, PAREN) and (seen_value or t.kind == TEXT):
            return start + t.start
    return start + len(window)


def _layout(segments):
    """The line layout of a one-cell-per-line table, measured over its rows."""
    inner, after = {}, {}
    for _row, seg in segments:
        gaps, tail = line_gaps(seg)
        for g in gaps:
            inner[g] = inner.get(g, 0) + 1
        if tail is not None and gaps:
            after[tail] = after.get(tail, 0) + 1
    cell = max(inner, key=inner.get) if inner else None
    row = max(after, key=after.get) if after else None
    return LineLayout(cell, row)


# ---------------------------------------------------------------- readers of each table
def _read_requests(text, found, hints):
    best = None
    for m in _REQUEST_FIRST.finditer(text):
        located = _locate(text, REQUEST_ROWS, m.start())
        if best is None or len(located) > len(best):
            best = located
        if len(located) >= len(REQUEST_ROWS) - 3:
            break
    if not best or len(best) < _REQUEST_MIN_ROWS:
        return None
    names = {row.name for row, _ in best}
    style = "2021" if any(n in names for n in _OTHER_SUBROWS) else "2019"
    segments = _segments(text, best)
    layout = found.layout = _layout(segments)
    header = text[max(0, best[0][1].start() - 300):best[0][1].start()]
    shifted = _figures_in_header(header)
    rows = {}
    for row, seg in segments:
        if row.name == "其他处理" and style == "2021":
            continue  # the 2021 format's 其他处理 is a heading over its three sub-rows
        cands = parse_row(seg, 7, rule=_request_rule, layout=layout)
        rows[row.name] = _hinted(cands, [f"申请.{row.name}.{c}" for c in K.REQUEST_COLUMNS], hints)
    rows = _resolve_requests(rows)
    for name, cells in rows.items():
        for column, cell in zip(K.REQUEST_COLUMNS, cells):
            if shifted:
                cell = _unreadable_order()
            found.cells[f"申请.{name}.{column}"] = cell
    found.tables.add("申请")
    found.spans.append((best[0][1].start(), best[-1][1].end() + len(segments[-1][1])))
    return style


def _figures_in_header(header):
    """True when figures stand between the 申请 table's column header and its first row."""
    cut = max(header.rfind("其他"), header.rfind("总计"))
    if cut < 0:
        return False
    return any(t.kind == NUM for t in tokenize(header[cut:]))


def _unreadable_order():
    return unreadable("表格阅读顺序错乱：数字出现在行标签之前")


def _resolve_requests(rows):
    """Keep the readings of ambiguous rows under which every column equation they enter holds."""
    ambiguous = [n for n, c in rows.items() if len(c) > 1]
    fixed = {n: c[0] for n, c in rows.items() if len(c) == 1}
    if not ambiguous:
        return fixed
    total = 1
    for n in ambiguous:
        total *= len(rows[n])
    if total <= 20000:
        probe = _numbers_by_key({**fixed, **{n: rows[n][0] for n in ambiguous}})
        touched = tuple(f"申请.{n}." for n in ambiguous)
        eqs = [e for e in equations(probe) if e.key.startswith("申请.")
               and any(k.startswith(touched) for k in e.left + e.right)]
        kept = []
        for combo in product(*(rows[n] for n in ambiguous)):
            values = _numbers_by_key({**fixed, **dict(zip(ambiguous, combo))})
            if all(holds(e, values) is not False for e in eqs):
                kept.append(combo)
        if kept:
            for i, n in enumerate(ambiguous):
                rows[n] = list({id(c[i]): c[i] for c in kept}.values())
    out = dict(fixed)
    for n in ambiguous:
        out[n] = consensus(rows[n])
    return out


def _numbers_by_key(rows):
    values = {}
    for name, cells in rows.items():
        for column, cell in zip(K.REQUEST_COLUMNS, cells):
            values[f"申请.{name}.{column}"] = cell.value if cell.kind == "number" else None
    return values


def _read_reviews(text, found, hints):
    for m in _REVIEW_START.finditer(text):
        window = text[m.start():m.start() + 900]
        pend = list(_PENDING.finditer(window))
        if len(pend) < 3:
            continue
        end = m.start() + pend[2].end()
        cell = _REVIEW_HEADER_CELL.match(text, end)
        while cell:
            end = cell.end()
            cell = _REVIEW_HEADER_CELL.match(text, end)
        between = text[m.start():end]
        if any(t.kind == NUM for t in tokenize(between)):
            continue  # figures inside the header: not the national layout
        seg = text[end:_tail_end(text, end, 400)]
        cands = parse_row(seg, 15, rule=_review_rule, layout=found.layout, after_header=True)
        cells = consensus(_hinted(cands, K.REVIEW_KEYS, hints))
        for key, cell in zip(K.REVIEW_KEYS, cells):
            found.cells[key] = cell
        found.tables.add("复议")
        found.spans.append((m.start(), end + len(seg)))
        return


def _read_proactive(text, found, hints):
    header = _PROACTIVE_HEADER.search(text)
    if not header:
        return None
    start = text.rfind("第二十条", max(0, header.start() - 200), header.start())
    start = header.start() if start < 0 else start
    rows = [Row(name, pattern) for name, pattern in _PROACTIVE_ROWS]
    located = []
    pos = header.start()
    for row in rows:
        m = row.pattern.search(text, pos, min(len(text), pos + _WINDOW))
        if m:
            located.append((row, m))
            pos = m.end()
    if len(located) < 2:
        return None
    table_style, style, previous = None, None, start
    segments = _segments(text, located, tail_limit=200)
    layout = _layout(segments)
    for (row, m), (_row, seg) in zip(located, segments):
        head = text[previous:m.start()]
        keys, money, style = _proactive_columns(row.name, head, style)
        table_style = table_style or style
        previous = m.end()
        cells = consensus(_hinted(parse_row(seg, len(keys), money=money, layout=layout), keys, hints))
        for key, cell in zip(keys, cells):
            if key:
                found.cells[key] = cell
    found.tables.add("主动公开")
    found.spans.append((start, located[-1][1].end() + len(segments[-1][1])))
    return table_style


def _read_old(text, found, hints):
    header = _OLD_HEADER.search(text)
    if not header:
        return False
    region_end = min(len(text), header.start() + _OLD_REGION)
    head = text[header.start():header.start() + 200]
    columns = 2 if _CUMULATIVE.search(head) else 1
    rows = []
    for key, pattern in OLD_ROWS:
        m = pattern.search(text, header.start(), region_end)
        if not m:
            continue
        seg = text[m.end():_tail_end(text, m.end(), 200)]
        rule = _cumulative_rule if columns == 2 else None
        cands = parse_row(seg, columns, money=(0,) if K.is_money(key) else (), rule=rule)
        rows.append((key, consensus(_hinted(cands, [key], hints))[0], (m.start(), m.end() + len(seg))))
    if len(rows) < _OLD_MIN_ROWS:
        return False  # a word like 统计数 in prose, not the 统计表
    for key, cell, span in rows:
        found.cells[key] = cell
        found.spans.append(span)
    found.tables.add("旧")
    return True
