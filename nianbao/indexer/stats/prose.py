"""Figures a report's prose states in the usual sentences, keyed like the table cells they describe.

Used three ways: checked against the table (``text_vs_table``), to choose among the readings of a
digit run the table alone cannot decide (the report printing the figure twice), and, where the
report prints no table for it, as the figure itself (the ``旧`` keys, as the contract says).

Sentences read (figures in Arabic digits; "未/没有/无 … " as zero):
- 收到/受理/接收 … 政府信息公开申请 X 件, 收到 X 件申请, 受理政府信息依申请公开 X 件; 未收到 …
  信息公开申请 → 本年新收 (2019+) /
  收到申请数 (pre-2019).
- 予以公开 X 件 (not "予以公开及部分公开") → 予以公开 总计; 同意公开答复 X 件 → 旧.同意公开.
- 行政复议 (案件) X 件/起, 行政诉讼 (案件) X 件/起; 未发生 … 行政复议、行政诉讼 → 复议 总计, 诉讼 totals.
- 主动公开 (各类) (政府) 信息 X 条 (the clause with 共, else the largest; not in a sentence that
  starts with 其中, nor 应主动公开 …) → 旧.主动公开政府信息数;
  政府网站/政务微博/政务微信 公开政府信息(数) X 条 → the channel rows.
- 未发生 … 收费 / 未收取 … 费 → 旧.收费金额 0.
- 本年(度)制发 … 规范性文件 X 件, 现行有效 … 规范性文件 X 件 → the 主动公开 table's cells.

Decisions:
- A figure counts only in a sentence about information disclosure (the sentence, or the 150
  characters before it, mentions 信息公开, 依申请 or 公开申请) and never in a sentence about other
  years (截至, 截止, 历年, 累计 … 以来): "截止2017年底累计主动公开政府信息26条" is not the year's figure.
- A zero read from a negation needs a plain "none happened" clause: a clause about outcomes
  (败诉, 纠错, 纠正, 撤销, 违法, 责任追究) or costs (…诉讼相关的费用支出) is not "no cases".
- "行政复议和行政诉讼案件共2件" counts both together: it is neither figure.
- Several different figures for one key in one report: none is used as the figure (they still are
  each checked against the table).
"""
import re

_NUM = r"(\d{1,7})"
_CASE = r"\s*(?:件|起|宗|个|次|例)"
_NOGAP = r"[^，,。；;：:\d\n]"
_DISCLOSURE = re.compile(r"信息公开|依申请|公开申请")
_OTHER_YEARS = re.compile(r"截至|截止|历年|以来累计|累计至")
_OUTCOME = re.compile(r"败诉|纠错|纠正|撤销|违法|责任追究|被确认|维持")
_ABOUT_COSTS = re.compile(r"费用|支出|经费")
_CLAUSE_END = re.compile(r"[，,。；;！？!?\n]")
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")

RECEIVED = "received"
_PATTERNS = [
    # (figure name, regex, value group or None for zero)
    (RECEIVED, re.compile(r"(?:收到|受理|接收|接到)" + _NOGAP + r"{0,25}?(?:信息公开|依申请公开|公开)" + _NOGAP
                          + r"{0,8}?申请(?:书)?(?:数量|数)?(?:共计|共|合计|总计|为|达)?\s*" + _NUM + r"\s*(?:件|个|份|条|宗)"), 1),
    (RECEIVED, re.compile(r"(?:收到|受理|接收|接到)(?:了)?(?:各类)?" + _NOGAP + r"{0,6}?" + _NUM
                          + r"\s*(?:件|个|份)(?:政府信息公开|信息公开|依申请公开)?申请"), 1),
    (RECEIVED, re.compile(r"(?:收到|受理|接收)(?:政府信息)?依申请公开(?:申请|信息)?(?:共计|共|合计)?\s*" + _NUM + r"\s*(?:件|个|份)"), 1),
    (RECEIVED, re.compile(r"(?:未|没有)(?:收到|受理|接到|接收)" + _NOGAP + r"{0,25}?(?:信息公开|依申请公开|公开政府信息)"
                          + _NOGAP + r"{0,8}?申请"), None),
    (RECEIVED, re.compile(r"(?:未|没有)发生" + _NOGAP + r"{0,6}?依申请公开"), None),
    (RECEIVED, re.compile(r"无(?:政府)?信息公开申请"), None),
    ("granted", re.compile(r"(?<![不])予以公开(?:的|答复)?(?:共|共计)?\s*" + _NUM + r"\s*(?:件|个|条)"), 1),
    ("granted_old", re.compile(r"(?<![不分])同意公开(?:答复)?(?:共|共计)?\s*" + _NUM + r"\s*(?:件|个|条)"), 1),
    ("review", re.compile(r"行政复议(?:案件|申请)?(?:共|共计|为)?\s*" + _NUM + _CASE), 1),
    ("suit", re.compile(r"(?<!复议和)(?<!复议、)(?<!复议及)(?<!复议与)行政诉讼(?:案件)?(?:共|共计|为)?\s*" + _NUM + _CASE), 1),
    ("both_zero", re.compile(r"行政复议[、和及与]行政诉讼(?:案件)?(?:均为|都为|均是)\s*(?:0|零)"), None),
    ("review_zero", re.compile(r"(?:未|没有|无)(?:发生|收到|出现|接到|产生)?" + _NOGAP + r"{0,30}?(?:行政)?复议"), None),
    ("suit_zero", re.compile(r"(?:未|没有|无)(?:发生|收到|出现|接到|产生|提起)?" + _NOGAP + r"{0,30}?(?:行政)?诉讼"), None),
    ("published", re.compile(r"(?:共|共计)?(?<!应)主动(?:公开|发布|公布)(?:发布)?(?:各类|各项)?(?:政府)?信息(?:共|共计|总计|数)?\s*" + _NUM + r"\s*(?:条|件|篇)"), 1),
    ("website", re.compile(r"政府网站(?:上)?(?:公开|发布)(?:政府)?信息(?:数)?(?:共|共计)?\s*" + _NUM + r"\s*条"), 1),
    ("weibo", re.compile(r"政务微博(?:上)?(?:公开|发布)(?:政府)?信息(?:数)?(?:共|共计)?\s*" + _NUM + r"\s*条"), 1),
    ("weixin", re.compile(r"政务微信(?:上)?(?:公开|发布)(?:政府)?信息(?:数)?(?:共|共计)?\s*" + _NUM + r"\s*条"), 1),
    ("fee_zero", re.compile(r"(?:未|没有|无)(?:发生|收取)?" + _NOGAP + r"{0,12}?(?:收费|处理费|费用)"), None),
    ("regs_issued", re.compile(r"(?:本年度?|年度内|全年)(?:的)?(?:制发|制定|出台|印发)(?:的)?(?:行政)?规范性文件(?:共)?\s*" + _NUM + r"\s*件"), 1),
    ("regs_valid", re.compile(r"现行有效(?:的)?(?:行政)?规范性文件(?:共)?\s*" + _NUM + r"\s*件"), 1),
]
# words that make a clause about something else (a 复议 申请 is not a disclosure request)
_ZERO_GUARD = {RECEIVED: re.compile(r"复议|诉讼|举报|投诉|不予")}


class Figure:
    """A figure stated in prose: what it counts (``name``), its value, the clause and sentence."""

    __slots__ = ("name", "value", "text", "sentence")

    def __init__(self, name, value, text, sentence):
        self.name, self.value, self.text, self.sentence = name, value, text, sentence

    def __repr__(self):
        return f"Figure({self.name}={self.value})"


def _sentence(text, start, end):
    left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 200), start)), default=max(0, start - 200))
    m = _SENTENCE_END.search(text, end)
    return left, (m.start() if m else len(text))


def find_figures(text, skip=()):
    """Every figure the prose of normalised ``text`` states, outside the ``skip`` spans (tables)."""
    figures = []
    for name, pattern, group in _PATTERNS:
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in skip):
                continue
            left, right = _sentence(text, m.start(), m.end())
            sentence = text[left:right]
            context = text[max(0, left - 150):right]
            if "\t" in sentence or not _DISCLOSURE.search(context):
                continue  # a table row, or not about disclosure
            if _OTHER_YEARS.search(text[left:m.end()]):
                continue
            clause = m.group()
            end = _CLAUSE_END.search(text, m.end())
            rest = text[m.end():end.start() if end else len(text)]  # the clause after the match
            if group is None and name != "fee_zero" and (
                    _OUTCOME.search(clause) or _OUTCOME.search(rest) or _ABOUT_COSTS.search(rest)):
                continue
            guard = _ZERO_GUARD.get(name)
            if guard and (guard.search(clause) or (group is None and guard.search(rest[:12]))):
                continue
            if name == "granted" and "部分" in text[m.start():m.end()]:
                continue
            if name == "published" and sentence.lstrip(" （(一二三四五六七八九十）)、.").startswith("其中"):
                continue  # a part (其中，各乡镇…), not the year's total
            value = int(m.group(group)) if group else 0
            for figure in _expand(name, value, clause):
                figures.append(Figure(figure, value, clause, sentence.strip()))
    return figures


def _expand(name, value, clause):
    """The figure names one match stands for ("no review or suit" is two zeros)."""
    if name == "both_zero":
        return ["review", "suit"]
    if name in ("review_zero", "suit_zero"):
        out = []
        if re.search(r"复议", clause):
            out.append("review")
        if re.search(r"诉讼", clause):
            out.append("suit")
        return out
    return [name]


def headline(figures, name):
    """The one value prose states for ``name``, or None (none stated, or several different)."""
    values = [f for f in figures if f.name == name]
    if name == "published" and values:
        # the clause with 共 states the total; else the largest figure (the others are its parts)
        with_total = [f for f in values if "共" in f.text]
        values = with_total or [max(values, key=lambda f: f.value)]
    distinct = {f.value for f in values}
    return distinct.pop() if len(distinct) == 1 else None
