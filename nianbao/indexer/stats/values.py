"""One table cell's printed text → its value: a number, blank, not applicable, or unreadable.

Decisions:
- Zero stays zero; an empty cell is blank (``None``); ``/``, ``／``, ``—``, ``－``, a lone ``-``,
  ``不适用``, ``无此项`` are not applicable (the string ``"不适用"``).
- Counts are ints as printed; a signed change (``+2``, ``-3``) is the number. Amounts (the 万元 keys)
  are floats. A cell that prints 元 on an amount is converted to 万元 (``251000元`` → 25.1, exact
  decimal arithmetic) and noted (``unit``); 万元 printed in the cell needs no conversion. A count
  unit (件, 条, 个 …) after a count is dropped silently.
- A figure with a remark in the same cell (``22（其中修订16件）``) is the leading figure, noted as
  ``annotated`` with the cell text.
- Anything else (``无``, which may mean zero or not applicable; text; two figures in one cell) is
  unreadable: never a guess.
"""
import re
from decimal import Decimal, InvalidOperation

NA = "不适用"
NA_MARKS = frozenset({"/", "／", "—", "——", "－", "-", "–", "－－", "--", "---", "———", "不适用", "无此项", "\\"})
_COUNT_UNITS = "件|条|个|次|项|份|篇|人次|起|家"
_CELL = re.compile(
    r"^(?P<sign>[+\-])?\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?\s*"
    r"(?P<unit>万元|元|%s)?\s*(?P<note>[（(].*[）)])?$" % _COUNT_UNITS
)


class Cell:
    """A parsed cell: ``kind`` is number/blank/na/unreadable; ``issue`` a (kind, text) note or None."""

    __slots__ = ("kind", "value", "issue", "text")

    def __init__(self, kind, value=None, issue=None, text=""):
        self.kind, self.value, self.issue, self.text = kind, value, issue, text

    def __repr__(self):
        return f"Cell({self.kind}, {self.value!r})"

    def __eq__(self, other):
        return isinstance(other, Cell) and (self.kind, self.value) == (other.kind, other.value)

    def __hash__(self):
        return hash((self.kind, self.value))


BLANK = Cell("blank")


def unreadable(reason, text=""):
    """A cell that cannot be read, with the reason (Chinese, shown to users)."""
    return Cell("unreadable", None, ("unreadable", reason), text)


def parse_cell(text, money=False):
    """Parse one cell's printed text; ``money`` for the 万元 keys."""
    text = text.strip()
    if not text:
        return BLANK
    if text in NA_MARKS:
        return Cell("na", NA, text=text)
    m = _CELL.match(text)
    if not m:
        return unreadable(f"单元格无法识别：{text}", text)
    digits = m.group("num").replace(",", "") + (m.group("frac") or "")
    sign = -1 if m.group("sign") == "-" else 1
    unit, note = m.group("unit"), m.group("note")
    issue = ("annotated", text) if note else None
    if money:
        try:
            amount = Decimal(digits) * sign
        except InvalidOperation:
            return unreadable(f"单元格无法识别：{text}", text)
        if unit == "元":
            amount = amount / 10000
            issue = ("unit", text)
        elif unit not in (None, "万元"):
            return unreadable(f"金额单位无法识别：{text}", text)
        return Cell("number", float(amount), issue, text)
    if unit in ("元", "万元"):
        return unreadable(f"数量单元格带有金额单位：{text}", text)
    value = sign * (float(digits) if m.group("frac") else int(digits))
    return Cell("number", value, issue, text)
