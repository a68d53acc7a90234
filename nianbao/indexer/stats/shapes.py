"""A table row's text → its cells, whatever shape the reader left the table in.

The readers deliver a table as tab-separated rows (HTML, docx), one cell per line (crawled CSVs,
Word text exports), cells in reading order separated by spaces (PDF text), or digits run together
where a page lost its table (``200 000121``). ``parse_row`` reads the text between a row's label and
the next label and returns exactly ``n`` cells.

Decisions:
- Tab rows: the fields after the label cell are the cells (an empty field is a blank cell; label
  cells before them are skipped, surplus empty fields at either end dropped).
- One cell per line: line gaps tell blank cells apart. ``g``, the usual gap between two cells of a
  row, and ``R``, the gap after a row's last cell, are measured over the whole table
  (``LineLayout``); a gap of ``g + k·g`` holds k blank cells, the first cell of a row follows its label
  after ``g`` lines (or the header row after ``R``), cells missing at the end are blank. Where cells sit
  on consecutive lines (``g`` = 1), a line of spaces is a printed blank cell.
- Digits run together: every way of cutting the run into ``n`` numbers is tried (a number has no
  leading zero unless it is ``0``, a sign starts a number, a decimal part or unit ends one; at most
  9 digits). When the row has an arithmetic rule (its 总计 column, the 复议 groups) and some cuts obey
  it, only those are kept. A cell is taken when every remaining cut agrees on it; otherwise it is
  unreadable. Cells are assumed printed, not blank, when the digits can fill every cell.
- Figures standing apart (spaces, line breaks: PDF reading order): each figure is one cell. With
  fewer figures than cells the missing ones are blank cells that could be anywhere (every placement
  is tried, so only what all placements share is kept), unless cutting a figure gives a reading the
  row's arithmetic confirms (``200 000121`` → 20 0 0 0 0 1 21).
- Never a guess: a row with more figures than cells, or a run with too many ways to cut it, is
  unreadable.
"""
import re
from collections import Counter
from itertools import combinations

from .tokens import NA, NUM, TEXT, mask_list_numbers, tokenize, values
from .values import BLANK, parse_cell, unreadable

_RUN = re.compile(r"^([+\-]?)(\d+)(\.\d+)?(万元|元)?$")
_MAX_DIGITS = 9  # a cell of a run holds at most this many digits (counts and 万元 amounts)
_MAX_CANDIDATES = 20000
_CJK = re.compile(r"[\u4e00-\u9fff]")


class LineLayout:
    """Line gaps of a one-cell-per-line table: ``cell`` between cells, ``row`` after a row's last cell."""

    __slots__ = ("cell", "row")

    def __init__(self, cell=None, row=None):
        self.cell, self.row = cell, row


def parse_row(segment, n, money=(), rule=None, layout=None, after_header=False):
    """The candidate readings (lists of ``n`` Cells) of one row from the text after its label.

    One candidate unless digit runs can be cut in several ways; ``consensus`` keeps what they
    share, and a table with arithmetic can first pick the candidates that add up across rows.

    ``rule(numbers) -> bool`` is the row's arithmetic, used only to choose among ways of cutting
    digit runs; ``after_header``: the text starts at the end of a header row, not of a label cell.
    """
    text = mask_list_numbers(segment)
    tokens = tokenize(text)
    vals = values(tokens)
    if not vals:
        return [Candidate([BLANK] * n)]
    first = vals[0]
    line_start = text.rfind("\n", 0, first.start) + 1
    line_end = text.find("\n", first.start)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    cells = None
    if "\t" in line.strip():  # a tab between cells, not a line's indentation
        cells = _tab_row(line, line_start == 0 and not after_header, n, money)
    elif _one_value_per_line(tokens):
        cells = _line_row(text, vals, n, money, layout or LineLayout(), after_header)
    if cells is None:
        separated = any(text[a.end:b.start] for a, b in zip(vals, vals[1:]))
        return solve(vals, n, money, rule, separated)
    return [Candidate(cells, " ".join(t.cell_text for t in vals))]


def line_gaps(segment):
    """(gaps between consecutive value lines, gap after the last value line) of a one-per-line row."""
    text = mask_list_numbers(segment)
    tokens = tokenize(text)
    if not _one_value_per_line(tokens):
        return [], None
    lines = [text.count("\n", 0, t.start) for t in values(tokens)]
    if not lines:
        return [], None
    return [b - a for a, b in zip(lines, lines[1:])], text.count("\n") - lines[-1]


def _is_label(field):
    return bool(_CJK.search(field)) and parse_cell(field).kind == "unreadable"


def _tab_row(line, on_label_line, n, money):
    fields = line.split("\t")
    if on_label_line:
        fields = fields[1:]  # the rest of the label's own cell
    fields = [f.strip() for f in fields]
    while fields and _is_label(fields[0]):
        fields.pop(0)
    while fields and _is_label(fields[-1]):
        fields.pop()
    while len(fields) > n and not fields[-1]:
        fields.pop()
    while len(fields) > n and not fields[0]:
        fields.pop(0)
    if len(fields) != n:
        return None
    return [parse_cell(f, i in money) for i, f in enumerate(fields)]


def _one_value_per_line(tokens):
    """True when every line holding a value holds that value alone."""
    counts, texts, line = Counter(), set(), 0
    for t in tokens:
        if t.kind in (NUM, NA):
            counts[line] += 1
        elif t.kind == TEXT:
            texts.add(line)
        line += t.text.count("\n") if t.kind == "sep" else 0
    return bool(counts) and all(c == 1 and k not in texts for k, c in counts.items())


def _line_row(text, vals, n, money, layout, after_header):
    lines = text.split("\n")
    index = [text.count("\n", 0, t.start) for t in vals]
    items = {i: t.cell_text for i, t in zip(index, vals)}
    gap = layout.cell
    if gap is None:
        gaps = [b - a for a, b in zip(index, index[1:])]
        gap = Counter(gaps).most_common(1)[0][0] if gaps else None
    if gap is None or gap < 1:
        return None
    if gap == 1:  # cells on consecutive lines: a line of spaces is a printed blank cell
        for i, raw in enumerate(lines[1:], 1):
            if raw and not raw.strip():
                items.setdefault(i, "")
    positions = sorted(items)
    expected = layout.row if after_header else gap
    if expected is None:
        return None
    lead, extra = divmod(positions[0] - expected, gap)
    if lead < 0 or extra:
        return None
    slots = [""] * lead
    for previous, current in zip([None] + positions, positions):
        if previous is not None:
            blanks, extra = divmod(current - previous - gap, gap)
            if blanks < 0 or extra:
                return None
            slots.extend([""] * blanks)
        slots.append(items[current])
    while len(slots) > n and not slots[-1]:
        slots.pop()
    if len(slots) > n:
        return None
    slots.extend([""] * (n - len(slots)))
    return [parse_cell(s, i in money) for i, s in enumerate(slots)]


class _Run:
    """A value token as material for cells: a digit run that may hold several cells, or one atom."""

    __slots__ = ("sign", "digits", "tail", "atom")

    def __init__(self, token):
        text = token.cell_text
        m = _RUN.match(text) if token.kind == NUM and not token.note and "," not in text else None
        if m and len(m.group(2)) > 1:
            self.sign, self.digits, self.tail, self.atom = m.group(1), m.group(2), (m.group(3) or "") + (m.group(4) or ""), None
        else:
            self.sign, self.digits, self.tail, self.atom = "", "", "", text

    @property
    def most(self):
        return len(self.digits) if self.atom is None else 1


def _value(text):
    """The number a cut cell stands for (sign, digits, fraction; a unit does not matter here)."""
    m = _RUN.match(text)
    if not m:
        return None
    return (float if m.group(3) else int)(m.group(1) + m.group(2) + (m.group(3) or ""))


def _search(runs, n, rule, out):
    """Depth-first: every way of cutting ``runs`` into exactly ``n`` cells that ``rule`` accepts."""
    most_after = [0] * (len(runs) + 1)
    for i in range(len(runs) - 1, -1, -1):
        most_after[i] = most_after[i + 1] + runs[i].most
    cells, numbers = [], []

    def accept(text):
        cells.append(text)
        if rule is None:
            return True
        numbers.append(_value(text))
        return rule(numbers)

    def drop():
        cells.pop()
        if rule is not None:
            numbers.pop()

    def at_token(i):
        if len(out) > _MAX_CANDIDATES:
            return
        if i == len(runs):
            if len(cells) == n:
                out.append(list(cells))
            return
        left = n - len(cells)
        if left < len(runs) - i or left > most_after[i]:
            return
        run = runs[i]
        if run.atom is not None:
            if accept(run.atom):
                at_token(i + 1)
            drop()
            return
        in_token(i, 0, True)

    def in_token(i, start, first):
        run = runs[i]
        digits = run.digits
        if start == len(digits):
            at_token(i + 1)
            return
        left = n - len(cells)
        if left < 1 + (len(runs) - i - 1) or left > len(digits) - start + most_after[i + 1]:
            return
        ends = [start + 1] if digits[start] == "0" else range(start + 1, min(len(digits), start + _MAX_DIGITS) + 1)
        for end in ends:
            text = (run.sign if first else "") + digits[start:end] + (run.tail if end == len(digits) else "")
            if accept(text):
                in_token(i, end, False)
            drop()
            if len(out) > _MAX_CANDIDATES:
                return

    at_token(0)


def solve(vals, n, money=(), rule=None, separated=False):
    """Candidate rows from value tokens in reading order, cutting digit runs (see the docstring).

    ``separated``: the figures stand apart (spaces, line breaks), so each is normally one cell and
    fewer figures than cells means blank cells; a figure is then cut only where the row's
    arithmetic confirms the cut (``200 000121``). Figures run together are cut every possible way.
    """
    runs = [_Run(t) for t in vals]
    run = " ".join(t.cell_text for t in vals)
    if len(runs) > n:
        return [_all_unreadable(n, f"数字多于单元格（{run}）", run)]
    candidates = []
    if len(runs) == n:
        candidates.append([t.cell_text for t in vals])
    elif sum(r.most for r in runs) >= n:
        if rule is not None:
            _search(runs, n, rule, candidates)
        if not candidates and not separated:
            _search(runs, n, None, candidates)
    if not candidates:
        if not separated:
            return [_all_unreadable(n, f"数字少于单元格且连写（{run}）", run)]
        # fewer figures than cells: blank cells, which could be anywhere
        for places in combinations(range(n), len(vals)):
            row = [""] * n
            for p, t in zip(places, vals):
                row[p] = t.cell_text
            candidates.append(row)
            if len(candidates) > _MAX_CANDIDATES:
                break
    if len(candidates) > _MAX_CANDIDATES:
        return [_all_unreadable(n, f"连写数字无法唯一拆分（{run}）", run)]
    parsed = {}
    rows = []
    for cand in candidates:
        rows.append([parsed.setdefault((c, i in money), parse_cell(c, i in money)) for i, c in enumerate(cand)])
    return [Candidate(row, run) for row in rows]


class Candidate(list):
    """One way of reading a row: its cells, and the printed figures they were cut from."""

    def __init__(self, cells, run=""):
        super().__init__(cells)
        self.run = run


def consensus(candidates):
    """The cells every candidate reading agrees on; the others are unreadable."""
    if len(candidates) == 1:
        return list(candidates[0])
    run = candidates[0].run
    cells = []
    for i in range(len(candidates[0])):
        seen = {c[i] for c in candidates}
        cells.append(seen.pop() if len(seen) == 1 else unreadable(f"无法唯一确定（{run}）", run))
    return cells


def _all_unreadable(n, reason, run):
    return Candidate([unreadable(reason, run) for _ in range(n)], run)
