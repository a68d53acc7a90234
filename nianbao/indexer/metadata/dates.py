"""The year reported on and the publication date."""
from .patterns import (BOOK, CN_DIGITS, FILL_DATE, HEAD, INTRO_YEAR, ISO_DATE, LAST_YEAR,
                       PARAGRAPH_YEAR, PERIOD_YEAR, SIGNATURE, TAIL, TITLE_DATE_LINE, TITLE_YEAR)


def _year_value(raw):
    value = int("".join(CN_DIGITS.get(c, c) for c in raw))
    return value if 1990 <= value <= 2100 else None


def find_year(title, text, published=None, kind="annual_report"):
    """The year reported on (报告年度), or None.

    Another document's year later than its publication date's is a plan's target year
    (2023-2025年), no answer. An annual report keeps the year its title states even
    when its signature date is earlier (a typo in the date is the likelier error).
    """
    year = _stated_year(title, text, published)
    if year and published and year > int(published[:4]) and kind != "annual_report":
        return None
    return year


def _stated_year(title, text, published):
    if title:
        match = TITLE_YEAR.search(title)
        if match and _year_value(match.group(1)):
            return _year_value(match.group(1))
    head = BOOK.sub("", text[:HEAD])
    for pattern, window in ((PERIOD_YEAR, HEAD), (INTRO_YEAR, 400), (PARAGRAPH_YEAR, HEAD)):
        match = pattern.search(head[:window])
        if match:
            return int(match.group(1))
    if published and LAST_YEAR.search(head):
        return int(published[:4]) - 1
    return None


FIRST_REPORT_YEAR = 2008  # the 条例 took effect on 2008-05-01: no report is dated earlier


def _iso(match):
    year, month, day = (int(g) for g in match)
    if year >= FIRST_REPORT_YEAR and 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def find_published(text, header):
    """Publication date (YYYY-MM-DD): signature, 填报日期, date under the title, else header date."""
    tail = text[-TAIL:]
    signature = [m for m in SIGNATURE.finditer(tail)]
    if signature:
        date = _iso(signature[-1].groups()[1:4])
        if date:
            return date
    fill = FILL_DATE.search(text)
    if fill and _iso(fill.groups()):
        return _iso(fill.groups())
    for line in text[:300].splitlines()[:8]:
        match = TITLE_DATE_LINE.fullmatch(line.strip(" \t\u3000"))
        if match and _iso(match.groups()):
            return _iso(match.groups())
    match = ISO_DATE.search(header.get("date") or "")
    return _iso(match.groups()) if match else None
