"""Text normalisation and the tokens of a table row's text: numbers, not-applicable marks, remarks, text.

Decisions:
- Normalisation keeps tabs and line breaks (they separate cells) and maps full-width digits and
  signs, full-width and no-break spaces to ASCII; a full-width point between digits is a decimal
  point; a bar (``|``, ``｜``) is a tab (pages that print tables as ``规章 | 0 | 0 | 0 |``).
- A digit directly followed by a list marker (``.``, ``．``, ``、``) and a Chinese character or an
  opening quote is the number of the next row's label (``00000002.其他法律…`` → cells ``0000000``,
  label ``2.其他法律…``): such digits are text, never a value. Sub-row numbers have one digit.
- ``/`` or a dash between two Chinese characters is text (``本年增/减``); standing alone it is a
  not-applicable mark. A sign directly before digits belongs to the number (``2648-18`` is 2648, -18).
- A parenthesised remark directly after a number is that number's annotation; anywhere else it is
  label text (``（不同渠道和方式公开相同信息计1条）`` is never a figure).
"""
import re

_TRANSLATE = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "\u3000": " ", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": "",
    "\ufeff": "", "\r": "\n", "＋": "+", "\u2212": "-",
    "|": "\t", "｜": "\t",  # tables copied as "a | b | c" rows: the bar separates cells like a tab
})
_WIDE_POINT = re.compile(r"(?<=\d)[．·](?=\d)")
_WIDE_MINUS = re.compile(r"－(?=\d)")
_CJK = "\u4e00-\u9fff"
# the one-digit number of a label such as "2.其他法律行政法规禁止公开" or "3、其他"
_LIST_NUMBER = re.compile(r"\d(?=[.．、]\s*[%s“\"（(])" % _CJK)
# "/" or a dash standing between Chinese characters is text: 本年增/减
_INNER_MARK = re.compile(r"(?<=[%s])[/／—–－](?=[%s])" % (_CJK, _CJK))

NUM, NA, PAREN, TEXT, SEP = "num", "na", "paren", "text", "sep"
# "（二）", "(3)": the number of the next label, not a remark on the figure before it
_LABEL_NUMBER = re.compile(r"^[（(]\s*(?:[一二三四五六七八九十]+|\d)\s*[）)]$")
TOKEN = re.compile(
    r"(?P<paren>[（(][^（()）\n]{0,120}[）)])"
    r"|(?P<num>[+\-]?(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?(?:万元|元)?)"
    r"|(?P<na>不适用|无此项|[/／\\]+|[—–－\-]+)"
    r"|(?P<sep>[ \t\n]+)"
    r"|(?P<text>[^ \t\n\d/／\\—–－\-+（()）]+|[+（()）])"
)


def normalize(text):
    """The text with full-width digits, signs and spaces mapped to ASCII; tabs and newlines kept."""
    text = text.replace("\r\n", "\n").translate(_TRANSLATE)
    text = _WIDE_POINT.sub(".", text)
    return _WIDE_MINUS.sub("-", text)


class Token:
    """One token of a row's text: ``kind`` (num, na, paren, text, sep), its text and span."""

    __slots__ = ("kind", "text", "start", "end", "note")

    def __init__(self, kind, text, start, end):
        self.kind, self.text, self.start, self.end, self.note = kind, text, start, end, None

    def __repr__(self):
        return f"{self.kind}:{self.text!r}"

    @property
    def cell_text(self):
        """The text of the cell this value token stands for (with its remark, if any)."""
        return self.text + (self.note or "")


def mask_list_numbers(text):
    """Turn label numbers (``2.其他…``) and inner marks (``增/减``) into text characters."""
    text = _LIST_NUMBER.sub("§", text)
    return _INNER_MARK.sub("~", text)


def tokenize(text):
    """The tokens of ``text`` (already masked); a remark right after a number is attached to it."""
    tokens = []
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if (kind == PAREN and tokens and tokens[-1].kind == NUM and tokens[-1].end == m.start()
                and not _LABEL_NUMBER.match(m.group())):
            tokens[-1].note = m.group()
            tokens[-1].end = m.end()
            continue
        tokens.append(Token(kind, m.group(), m.start(), m.end()))
    return tokens


def values(tokens):
    """The value tokens (numbers and not-applicable marks)."""
    return [t for t in tokens if t.kind in (NUM, NA)]
