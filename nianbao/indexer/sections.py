"""Split a report into its top-level sections and map them to one canonical taxonomy.

How headings are found (one linear pass over the text, regexes compiled once):

- Candidate positions are line starts and, for crawled text that puts a whole page on
  one line, positions right after a sentence end plus whitespace (``。　　二、…``).
- Numbered top-level headings are ``一、`` / ``一．`` / ``第一部分``. Second-level
  ``（一）`` headings are used as the top level only when the document has no first
  level at all. Arabic numbered lists (``1.``, ``1、``) are never top-level.
- Numbering is resolved as one chain: among all numbered candidates we keep the
  in-order sequence (each number one to three above the previous, skips penalised) that scores best, a
  heading that maps to the taxonomy scoring more than one that does not. This drops
  restarts such as the ``一、本年新收…`` rows of a 2019+ table or a statistics
  appendix numbered 一 to 十四.
- Everything after an appendix heading (``附件…``/``附表…``/``…统计表``) that follows
  the main numbering belongs to that appendix: no numbered heading there is top-level.
- Unnumbered headings (a line such as ``组织领导和制度建设情况``) count only when the line
  is short, has no sentence punctuation, ends like a heading (…情况, …事项, …措施),
  starts a paragraph, maps to a taxonomy key, and stands where a numbered heading is
  missing: in a gap of the numbering (一, _, 三), after the last numbered heading, or
  anywhere when the document has no numbering. So a line that restates a subsection
  (``主动公开政府信息情况`` between ``（一）`` and ``（三）`` under 一、) does not split.
- Text before the first top-level heading is ``preface``. A document that is nothing but
  a statistics table (no prose sentences, mostly number/unit cells) is one
  ``statistics`` section.

How headings map to keys: ``RULES`` below, tried in order, first match wins. A rule is
a tuple of keyword groups; every group must occur somewhere in the heading (order does
not matter) and a group matches when any of its alternatives occurs. Rule order
resolves overlaps, e.g. ``因政府信息公开申请提起行政复议`` is review_litigation, not
requests. Decisions where the issue is silent:

- A bare ``政府信息公开情况`` (older reports' part holding the disclosure figures) → proactive.
- ``所属事业单位…`` and ``人大代表建议和政协提案…`` → other_matters (the 2019+ template
  reports both under 其他需要报告的事项).
- ``围绕…推进政府信息公开`` / ``…工作推进情况`` → key_areas (the older template's slot
  for pushing disclosure in priority work).
- ``附件``/``附表`` headings → statistics when they name a table (统计, 表) or their body
  is mostly table cells; otherwise other.
"""
import re
from dataclasses import dataclass

from . import labels
from .report import Section

TAXONOMY = labels.SECTIONS

# (key, keyword groups): all groups must occur in the heading, any alternative per group.
RULES = (
    ("statistics", (("统计表", "统计报表", "情况表", "统计数据表"),)),
    ("statistics", (("附件", "附表"), ("统计", "表"))),
    ("problems", (("问题", "不足"),)),
    ("other_matters", (("需要报告", "需报告", "其他事项", "其它事项"),)),
    ("other_matters", (("建议",), ("提案",))),
    ("other_matters", (("事业单位",),)),
    ("review_litigation", (("复议", "诉讼"),)),
    ("fees", (("收费", "减免", "费用", "支出"),)),
    ("confidentiality", (("保密", "监督检查"),)),
    ("requests", (("依申请", "申请"),)),
    ("interpretation", (("解读", "回应", "互动", "关切"),)),
    ("key_areas", (("重点领域", "重点工作"),)),
    ("organization", (("组织领导", "制度建设", "机构建设", "组织", "工作机制", "机构和人员"),)),
    ("proactive", (("主动公开",),)),
    ("platforms", (("平台", "载体", "网站"),)),
    ("overview", (("概述", "概况", "总体情况", "基本情况", "总体", "综述", "工作情况"),)),
    ("key_areas", (("推进",),)),
    ("proactive", (("公开",),)),
)

_NUMERALS = "一二三四五六七八九十"
_DIGITS = {c: i + 1 for i, c in enumerate(_NUMERALS[:9])}
_NUMERAL_RE = re.compile(r"(?:([二三四五六七八九])?十([一二三四五六七八九])?|([一二三四五六七八九]))")
_WS = " \t\u3000\xa0\u2002\u2003"
# A position where a heading may start: a line start, or after a sentence end + whitespace.
_START_RE = re.compile(r"(?m)^[%s]*|(?<=[。！？；：])[%s]*" % (_WS, _WS))
# The heading ends at a line break, a sentence end, a tab/full-width space, two spaces,
# or a space before a number (table rows such as ``一、本年新收… 95 0 0``).
_HEAD_END_RE = re.compile(r"\n|。|[\t\u3000]|[ \xa0\u2002\u2003]{2,}|[ \xa0](?=\d)")
_WEAK_TOP_RE = re.compile(r"(?<![第%s、])(?:[%s]{1,3})、" % (_NUMERALS, _NUMERALS))
# Where a run-on heading's words end: a digit, a clause break, a quotation, the next number.
_RUN_ON_STOP_RE = re.compile(r"[\d，,：:；;《“（(]|[%s]{1,3}、" % _NUMERALS)
_TOP_RE = re.compile(r"(?:第([%s]{1,3})部分|([%s]{1,3})\s?[、．.])\s*" % (_NUMERALS, _NUMERALS))
_SECOND_RE = re.compile(r"[（(]([%s]{1,3})[)）]\s*" % _NUMERALS)
_ANY_NUMBER_RE = re.compile(r"[（(]?[\d%s]{1,3}[)）、．.]" % _NUMERALS)
_APPENDIX_RE = re.compile(r"^附[件表]\s*\d*\s*[：:]?")
_SPACE_RE = re.compile(r"\s+")
_SENTENCE_PUNCT_RE = re.compile(r"[。，,；;！？：:]")
# Words a heading ends with; the strong ones also end a heading that runs on into its text.
_STRONG_ENDS = ("情况", "事项", "概述", "概况", "措施", "安排", "统计表", "附表", "打算", "交流")
_HEADING_ENDS = _STRONG_ENDS + ("问题", "建设", "工作")
_TABLE_CELL_RE = re.compile(r"[\d.,%／/\-—－+＋]+|[条件次个人篇期份项元]|万元|人次|")
MAX_UNNUMBERED = 30


@dataclass
class Candidate:
    """A place where a heading may start: its text, level (1 top, 2 second, 0 unnumbered),
    number, whether it starts a line or follows a sentence end, and its taxonomy key."""

    pos: int
    text: str
    level: int = 0
    num: int = 0
    strong: bool = False
    key: str = "other"


def classify_heading(heading):
    """Map a heading (with or without its number) to a taxonomy key; ``other`` if none fits."""
    text = _SPACE_RE.sub("", _strip_number(heading))
    for key, groups in RULES:
        if all(any(word in text for word in group) for group in groups):
            return key
    return "other"


def split_sections(text):
    """Return the report's top-level sections: contiguous, covering ``[0, len(text))``."""
    if not text:
        return []
    if _is_bare_table(text):
        return _assemble(text, [(_first_char(text), _first_line(text), "statistics")])
    candidates = _candidates(text)
    numbered = [c for c in candidates if c.level == 1]
    if not numbered:
        numbered = [c for c in candidates if c.level == 2]
    if numbered:
        barrier = _appendix_barrier(candidates, numbered[0].pos)
        chain = _best_chain([c for c in numbered if c.pos < barrier])
    else:
        chain = []
    accepted = chain + _fill_gaps(chain, [c for c in candidates if c.level == 0])
    accepted.sort(key=lambda c: c.pos)
    heads = []
    for cand in accepted:
        key = cand.key
        if key == "other" and cand.text.startswith(("附件", "附表")):
            if not _is_table(text[cand.pos:cand.pos + 2000]):
                continue  # an attachment that is no table (or a 附件下载 link)
            key = "statistics"
        # A second unnumbered heading with the same key (an appendix's title under its
        # 附件 line) continues the section rather than starting a new one.
        if heads and cand.level == 0 and heads[-1][2] == key:
            continue
        heads.append((cand.pos, cand.text, key))
    return _assemble(text, heads)


def _assemble(text, heads):
    """Turn (start, heading, key) triples into contiguous Sections with a preface."""
    sections = []
    if not heads or heads[0][0] > 0:
        first = heads[0][0] if heads else len(text)
        sections.append(Section("preface", TAXONOMY["preface"], _first_line(text[:first]), 0, first))
    for i, (start, heading, key) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        sections.append(Section(key, TAXONOMY[key], heading, start, end))
    return sections


def _candidates(text):
    """Every place a heading could start, with its level (1, 2, or 0 = unnumbered)."""
    starts = {}  # position -> True for a strong start (line start, after a sentence end)
    for match in _START_RE.finditer(text):
        starts[match.end()] = match.start() == 0 or text[match.start() - 1] == "\n"
    # Crawled pages that lost every separator run headings into the text before them
    # (``…0000000四、政府信息公开行政复议…``): a top-level number anywhere is a weak start.
    for match in _WEAK_TOP_RE.finditer(text):
        starts.setdefault(match.start(), None)
    found = []
    for pos in sorted(starts):
        at_line_start = starts[pos]
        if pos >= len(text) or text[pos] == "\n":
            continue
        end_match = _HEAD_END_RE.search(text, pos, pos + 80)
        end = end_match.start() if end_match else min(len(text), pos + 80)
        head = text[pos:end].strip()
        if not head:
            continue
        cand = Candidate(pos, head, strong=at_line_start is not None)
        top = _TOP_RE.match(text, pos)
        second = _SECOND_RE.match(text, pos)
        if top or second:
            marker = top or second
            cand.level = 1 if top else 2
            cand.num = _numeral(marker.group(1) or marker.group(2)) if top else _numeral(marker.group(1))
            if cand.num is None:
                continue  # 十三一、 is no number: not a heading
            followed_by_stop = end < len(text) and text[end] == "。"
            cand.text = head = _trim_run_on(head, marker.end() - pos, followed_by_stop)
        elif not cand.strong or not _is_unnumbered_heading(text, pos, end, head, at_line_start):
            continue
        cand.key = classify_heading(head)
        if cand.key == "other" and (cand.level == 0 and not head.startswith(("附件", "附表"))
                                       or not cand.strong):
            continue
        found.append(cand)
    return found


def _trim_run_on(head, marker_len, followed_by_stop):
    """Cut a heading that runs on into its body (``一、总体情况2023年，省…``)."""
    body = head[marker_len:]
    stop = _RUN_ON_STOP_RE.search(body, 1)
    space = body.find(" ", 0, stop.start() if stop else len(body))
    if space > 0:
        # ``六、其他需要报告的事项 无``: the heading ends with the last ending word before the space
        last = max((body.rfind(word, 0, space) + len(word) for word in _STRONG_ENDS
                    if body.rfind(word, 0, space) >= 0), default=0)
        if last:
            return head[:marker_len] + body[:last]
    if not (followed_by_stop or stop or len(body) > MAX_UNNUMBERED):
        return head
    region = body[:stop.start()] if stop else body
    ends = [region.find(word) + len(word) for word in _STRONG_ENDS if word in region]
    if ends:
        cut = min(ends)
        # Keep a run of ending words together (…情况统计表).
        extended = True
        while extended:
            extended = False
            for word in _STRONG_ENDS:
                if region.startswith(word, cut):
                    cut, extended = cut + len(word), True
        region = region[:cut]
    return head[:marker_len] + region[:MAX_UNNUMBERED]


def _is_unnumbered_heading(text, pos, end, head, at_line_start):
    """A short stand-alone line that starts a paragraph and reads like a heading."""
    words = _APPENDIX_RE.sub("", head)  # ``附件：…统计表`` may keep its colon
    if len(head) > MAX_UNNUMBERED or len(head) < 4 or _SENTENCE_PUNCT_RE.search(words.rstrip("：:")):
        return False
    if _ANY_NUMBER_RE.match(head) or head.count("、") > 2:
        return False
    if not (head.endswith(_HEADING_ENDS) or head.startswith(("附件", "附表"))):
        return False
    # What follows must not continue the sentence (``…情况。在政策法规方面…``).
    if end < len(text) and text[end] == "。":
        return False
    if not at_line_start:
        return True  # already preceded by a sentence end and whitespace
    line_start = text.rfind("\n", 0, pos) + 1
    if line_start == 0:
        return True
    before = text[max(0, line_start - 300):line_start - 1]
    if not before.rsplit("\n", 1)[-1].strip(_WS):
        return True  # a blank line before
    prev = before.rstrip(_WS + "\n").rsplit("\n", 1)[-1].strip(_WS)
    # After a sentence end or a short line (title, heading, table cell); anything else
    # is a line wrapped inside a paragraph (PDF text).
    return not prev or prev[-1] in "。！？；：:.)）」”" or len(prev) <= 15


def _appendix_barrier(candidates, first_numbered):
    """Position of the first appendix heading after the numbering starts (else end)."""
    for cand in candidates:
        if cand.pos > first_numbered and cand.level == 0 and cand.key in ("statistics", "other"):
            return cand.pos
    return float("inf")


def _best_chain(numbered):
    """The best-scoring in-order chain of numbers, each 1 (or 2-3, penalised) above the last."""
    best_at = {}  # number -> (score, index) of the best chain ending with that number
    prev = [None] * len(numbered)
    scores = [0.0] * len(numbered)
    for i, cand in enumerate(numbered):
        n = cand.num
        weight = (2.0 if cand.key != "other" else 1.0) + (0.5 if cand.strong else 0.0)
        score, link = (weight, None) if n <= 2 else (float("-inf"), None)
        for step, penalty in ((1, 0.0), (2, 0.5), (3, 1.0)):
            if n - step in best_at:
                s, j = best_at[n - step]
                if s + weight - penalty > score:
                    score, link = s + weight - penalty, j
        if score == float("-inf"):
            continue
        scores[i], prev[i] = score, link
        if n not in best_at or score > best_at[n][0]:
            best_at[n] = (score, i)
    if not best_at:
        return []
    _, i = max(best_at.values())
    chain = []
    while i is not None:
        chain.append(numbered[i])
        i = prev[i]
    return chain[::-1]


def _fill_gaps(chain, unnumbered):
    """Unnumbered headings standing where a number is missing (or anywhere if none)."""
    if not chain:
        return _dedupe(unnumbered)
    accepted = []
    bounds = [(-1, 0)] + [(c.pos, c.num) for c in chain] + [(float("inf"), None)]
    used = {c.key for c in chain}
    for (lo, a), (hi, b) in zip(bounds, bounds[1:]):
        inside = [c for c in unnumbered if lo < c.pos < hi and c.key not in used]
        room = len(inside) if b is None else b - a - 1
        for cand in _dedupe(inside)[:max(room, 0)]:
            used.add(cand.key)
            accepted.append(cand)
    return accepted


def _dedupe(cands):
    """Keep the first heading of each key."""
    seen, kept = set(), []
    for cand in cands:
        if cand.key not in seen:
            seen.add(cand.key)
            kept.append(cand)
    return kept


def _is_table(text):
    """Mostly table cells: numbers, units, empty cells."""
    lines = [line.strip(_WS) for line in text.splitlines()]
    cells = sum(1 for line in lines if line and _TABLE_CELL_RE.fullmatch(line))
    filled = sum(1 for line in lines if line)
    return filled >= 6 and cells >= 0.3 * filled


def _is_bare_table(text):
    """A statistics table with no report around it (hardly any sentences)."""
    return text.count("。") < 3 and _is_table(text)


def _strip_number(heading):
    """The heading without its leading number and trailing punctuation."""
    text = heading.strip(_WS)
    match = _TOP_RE.match(text) or _SECOND_RE.match(text)
    if match:
        text = text[match.end():]
    return text.strip(_WS + "。：:")


def _numeral(chars):
    """Value of a Chinese numeral from 1 to 99 (一, 十, 十二, 二十三); None when malformed
    (十三一, 三一十, 一一, 十十): such a line is text, not a numbered heading."""
    match = _NUMERAL_RE.fullmatch(chars)
    if not match:
        return None
    tens, ones, alone = match.groups()
    if alone:
        return _DIGITS[alone]
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


def _first_char(text):
    """Offset of the first non-whitespace character."""
    return len(text) - len(text.lstrip())


def _first_line(text):
    """The first non-empty line, stripped."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""
