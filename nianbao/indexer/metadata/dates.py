"""The year reported on and the publication date.

Decisions:
- After the title, the statistics period, 2015年度 and a paragraph opening with 2015年，… (and
  上一年度 against the publication date), a heading split over the first lines gives the year,
  then the year the opening names most often, only when it is named at least twice and twice
  as often as any other. Dates (2019年3月26日) and 《book titles》 never count.
"""
import re

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
    return _heading_year(text) or _dominant_year(head)


_DATE_ONLY = re.compile(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")


def _heading_year(text):
    """A year in the first lines when they are a heading split over lines (国务院办公厅关于印发2012年 /
    政府信息公开重点工作安排的通知): not a date, not a sentence."""
    lines = [line.strip() for line in text[:300].splitlines() if line.strip()][:2]
    for line in lines:
        if len(line) > 60 or re.search(r"[，。,]", line):
            break
        match = re.search(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)", _DATE_ONLY.sub("", line))
        if match:
            return int(match.group(1))
    return None


def _dominant_year(head):
    """The year the opening names most (outside book titles and dates), when it clearly dominates."""
    counts = {}
    for match in re.finditer(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)", _DATE_ONLY.sub("", head)):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return int(ranked[0][0])
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
