"""Cleaning of extracted text: drop conversion artifacts, normalise whitespace, keep the rest.

Character offsets into the returned text are what highlighting uses, so cleaning changes
nothing but what is listed here (all whole-text regex passes, no per-line Python loop):

- ``\\r\\n``/``\\r`` become ``\\n``; a BOM is dropped.
- Word conversion artifacts: ``[bookmark: _GoBack]``-style markers anywhere, and lines that
  are only a field code (``PAGE``, ``PAGE \\* MERGEFORMAT``, ``NUMPAGES``).
- Page footers that are a whole line (the line goes, with its line break): ``— 6 —``, ``- 1 -``, ``第 3 页 共 5 页``, ``第3页``,
  ``共5页 第3页``. A line that is only a number is kept: in a flattened statistics table
  it is a cell value, and a bare page number cannot be told from it without page layout
  (the PDF reader drops those itself, where it knows the page boundaries).
- Site chrome lines: breadcrumbs (``当前位置：…``, ``首页 > 政务公开 > …``) and tool bars made of
  打印/关闭/字号/收藏/分享 items.
- Whitespace: line-leading and trailing blanks (indentation, table cell tabs) go; full-width
  spaces (U+3000) and NBSP between two Chinese characters go, elsewhere they become one space;
  runs of spaces become one; runs of tabs (flattened table cells) become one tab; more than one
  blank line in a row becomes one blank line.
"""
import re

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_OR_PUNCT = _CJK + r"\u3000-\u303f\uff00-\uffef"
_BLANKS = " \t\u3000\u00a0\u2002\u2003\u2009\ufeff"

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
_LINE_JUNK = re.compile(
    r"^[%s]*(?:"
    r"(?:PAGE|NUMPAGES|SECTIONPAGES)(?:[ \t]*\\\*[ \t]*(?:MERGEFORMAT|Arabic))*"  # Word field codes
    r"|[-—–－─~～]+[ \t]*\d{1,4}[ \t]*[-—–－─~～]+"  # — 6 —, - 1 -
    r"|第[ \t]*\d{1,4}[ \t]*页(?:[ \t,，/]*共[ \t]*\d{1,4}[ \t]*页)?"  # 第 3 页 共 5 页
    r"|共[ \t]*\d{1,4}[ \t]*页[ \t,，/]*第[ \t]*\d{1,4}[ \t]*页"  # 共 5 页 第 3 页
    r"|(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|所在位置)[:：][^\n]{0,120}"  # breadcrumbs
    r"|首页[ \t]*(?:[>＞»›→/][^\n>＞»›→]{1,30}){1,8}"
    r")[%s]*(?:\n|$)" % (_BLANKS, _BLANKS),
    re.M,
)
# A bar of page tools, e.g. "[打印本页] [关闭窗口]" or "字号：大 中 小 | 打印 | 关闭".
_TOOL = r"(?:打印本页|打印此页|打印文章|打印|关闭本页|关闭窗口|关闭|收藏本页|收藏|分享到|分享|返回顶部|返回|保存本页|字号|字体|大|中|小|默认)"
_TOOL_BAR = re.compile(
    r"^[%s]*(?=[^\n]*(?:打印|关闭|字号))(?:[\[【〖（(]?[%s]*%s[%s]*[\]】〗）)]?[%s:：|｜/·]*)+(?:\n|$)"
    % (_BLANKS, _BLANKS, _TOOL, _BLANKS, _BLANKS),
    re.M,
)
_LEADING = re.compile(r"^[%s]+" % _BLANKS, re.M)
_TRAILING = re.compile(r"[%s]+$" % _BLANKS, re.M)
_WIDE = re.compile(r"[\u3000\u00a0\u2002\u2003\u2009]+")
_IS_CJK = re.compile(r"[%s]" % _CJK_OR_PUNCT)
_SPACES = re.compile(r" {2,}")
_TABS = re.compile(r"[ \t]*\t[ \t]*")
_BLANK_LINES = re.compile(r"\n{3,}")


def _wide_space(match):
    """A run of full-width/no-break spaces: nothing between Chinese characters, else one space."""
    text, start, end = match.string, match.start(), match.end()
    if 0 < start and end < len(text) and _IS_CJK.match(text, start - 1) and _IS_CJK.match(text, end):
        return ""
    return " "


def clean_text(text):
    """Return ``text`` without conversion artifacts and with normalised whitespace."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "[bookmark:" in text:
        text = _BOOKMARK.sub("", text)
    text = _LINE_JUNK.sub("", text)
    if "打印" in text or "关闭" in text or "字号" in text:
        text = _TOOL_BAR.sub("", text)
    text = _LEADING.sub("", text)
    text = _TRAILING.sub("", text)
    text = _WIDE.sub(_wide_space, text)
    text = _SPACES.sub(" ", text)
    if "\t" in text:
        text = _TABS.sub("\t", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()
