"""The year reported on and the publication date.

Decisions:
- A whole calendar year stated as a report's statistics period (统计期限为2019年1月1日至2019年
  12月31日) comes first, even before the title: a page title may name the publication year
  (应急管理部2020年…报告 over the 公告 that publishes the 2019 report). A title's year may run into
  its report words without 年 (…委员会 2021政府信息公开工作年度报告).
- For a document that is no report, after its title: its own document number
  ((琼府办〔2011〕214号), on one of its first 30 lines), a date alone on one of its first lines (a
  notice's date under its text, 二○○八年九月二十八日), the date a 政府工作报告 was delivered
  (2017年1月10日在…人民代表大会…会议上) — or, undated, the year after the one it reviews (一、2019年
  和今年以来工作回顾 → 2020) —, the date a rule takes effect (自2008年5月1日起施行); last, when
  it states no year at all, the year of its own publication date (a guide's 发布日期).
- Then the statistics period's first day, 2015年度 / 2009年年报 / 2008年主要工作情况 in the
  preamble or a paragraph opening with 2015年，… (whichever comes first), a paragraph opening
  with its year without a comma (2021年我委认真…, not 2007年开始…), 上一年度 against the
  publication date, a heading split over the first lines, then the year the opening names most
  often, only when it is named at least twice and twice as often as any other. Dates
  (2019年3月26日), 《book titles》 and years the report compares its own with (在2011年工作的基础上,
  比2011年, 与2011年相比) never count.
- Last, a year the opening names once and alone is taken when a date of the page confirms it:
  the publication date, the date in its web address (/202301/) or the date it starts with,
  in January–June of the next year (when annual reports come out). A date alone never gives
  the year (reposts carry later dates: on the development set the address date's "previous
  year" was wrong 7 times in 56).
"""
import re

from .patterns import (ANY_FULL_PERIOD, BOOK, CN_DIGITS, DATE, DATE_LINE, DOC_NUMBER, EFFECTIVE_DATE, SPEECH_DATE, FILL_DATE, FULL_PERIOD, HEAD, INTRO_YEAR, ISO_DATE, LAST_YEAR,
                       PAGE_DATE, PARAGRAPH_START_YEAR, PARAGRAPH_YEAR, PERIOD_YEAR, SIGNATURE, TAIL, TITLE_DATE_LINE,
                       TITLE_YEAR, URL_DATE, YEAR_END)


def _year_value(raw):
    value = int("".join(CN_DIGITS.get(c, c) for c in raw))
    return value if 1990 <= value <= 2100 else None


def find_year(title, text, published=None, kind="annual_report", url=""):
    """The year reported on (报告年度), or None.

    Another document's year later than its publication date's is a plan's target year
    (2023-2025年), no answer. An annual report keeps the year its title states even
    when its signature date is earlier (a typo in the date is the likelier error).
    """
    year = _stated_year(title, text, published, kind, url)
    if year and published and year > int(published[:4]) and kind != "annual_report":
        return None
    return year


_CN_YEAR = re.compile(r"([〇零○ＯO一二三四五六七八九]{4})(\s*年\s*)(?:([一二三四五六七八九十]{1,3})(\s*月\s*)(?:([一二三四五六七八九十]{1,3})(\s*日))?)?")


def _cn_number(raw):
    """一 → 1, 十二 → 12, 二十 → 20, 三十一 → 31."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if "十" not in raw:
        return digits.get(raw)
    tens, _, units = raw.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(units, 0) if units else 0)


def arabic_dates(text):
    """``text`` with dates written in Chinese numerals in Arabic digits (二〇一一年一月一日 →
    2011年1月1日), so every year rule reads them; other text unchanged."""
    def convert(match):
        year = _year_value(match.group(1))
        if year is None:
            return match.group()
        out = f"{year}{match.group(2)}"
        if match.group(3):
            out += f"{_cn_number(match.group(3))}{match.group(4)}"
            if match.group(5):
                out += f"{_cn_number(match.group(5))}{match.group(6)}"
        return out

    return _CN_YEAR.sub(convert, text) if _CN_YEAR.search(text) else text


def _stated_year(title, text, published, kind, url):
    text = arabic_dates(text[:HEAD])
    head = BOOK.sub("", text)
    period = FULL_PERIOD.search(head)
    if period and period.group(2) in (None, period.group(1)) and kind == "annual_report":
        # A whole calendar year stated as the statistics period is the year reported on, even
        # against a page title that names the publication year (应急管理部2020年…报告, whose
        # 公告 publishes the 2019 report).
        return int(period.group(1))
    if title:
        match = TITLE_YEAR.search(title)
        if match and _year_value(match.group(1)):
            return _year_value(match.group(1))
    if kind != "annual_report":
        year = _document_number_year(title, text) or _issued_year(text)
        if year:
            return year
    match = PERIOD_YEAR.search(head)
    if match:
        return int(match.group(1))
    # 2015年度 in the preamble, or a paragraph opening with its year: whichever comes first.
    found = [m for m in (INTRO_YEAR.search(head[:400]), PARAGRAPH_YEAR.search(head)) if m]
    if found:
        return int(min(found, key=lambda m: m.start()).group(1))
    match = PARAGRAPH_START_YEAR.search(head)
    if match:
        return int(match.group(1))
    for pattern in (ANY_FULL_PERIOD, YEAR_END):
        match = pattern.search(head)
        if match and kind == "annual_report" and (pattern is YEAR_END or match.group(2) in (None, match.group(1))):
            return int(match.group(1))
    if published and LAST_YEAR.search(head):
        return int(published[:4]) - 1
    year = _heading_year(text) or _dominant_year(head) or _dated_year(head, text, published, url)
    if year is None and kind != "annual_report" and published:
        return int(published[:4])  # a guide or notice that states no year: the year it was issued
    return year


def _document_number_year(title, text):
    """The year of a notice's own document number: in its title (并政办发〔2014〕57号《…》) or
    on a line of its own at the top ((琼府办〔2011〕214号)); numbers it cites do not count."""
    match = DOC_NUMBER.match((title or "").strip())
    if match:
        return int(match.group(1))
    for line in text[:1500].splitlines()[:30]:
        match = DOC_NUMBER.fullmatch(line.strip(" \t\u3000()（）"))
        if match:
            return int(match.group(1))
    return None


def _issued_year(text):
    """The year another document was issued: a date alone on one of its first lines (a notice's
    date under its text), the date a 政府工作报告 was delivered, the date a rule takes effect."""
    for line in text[:1500].splitlines()[:25]:
        match = DATE_LINE.fullmatch(line.strip(" \t\u3000"))
        if match and _year_value(match.group(1)):
            return _year_value(match.group(1))
    for pattern in (SPEECH_DATE, EFFECTIVE_DATE):
        match = pattern.search(text[:1500])
        if match:
            return int(match.group(1))
    if _REPORTS_WORK.search(text[:1500]):
        # A 政府工作报告 delivered without its date: it reviews the year before its session
        # (一、2019年和今年以来工作回顾).
        match = _REVIEW.search(text[:3000])
        if match:
            return int(match.group(1)) + 1
    return None


# A government work report's speech (我代表市人民政府,向大会报告工作) and its review heading.
_REPORTS_WORK = re.compile(r"代表[^\n。，,]{0,12}人民政府[，,]?\s*向大会报告")
_REVIEW = re.compile(r"((?:19|20)\d{2})\s*年[^\n。，,]{0,10}?工作回顾")


def _dated_year(head, text, published, url):
    """A year the opening names once and alone, when the page's date confirms it: published
    (or dated in its address, or dated in its first line) in the first half of the next year,
    when annual reports come out. A repost's date never confirms an older year."""
    counts = _year_counts(head)
    if len(counts) != 1:
        return None
    (year, count), = counts.items()
    year = int(year)
    dates = []
    if published:
        dates.append((int(published[:4]), int(published[5:7])))
    match = URL_DATE.search(url or "")
    if match:
        dates.append((int(match.group(1)), int(match.group(2))))
    match = DATE.match(text.lstrip()[:20])
    if match:
        dates.append((int(match.group(1)), int(match.group(2))))
    if any(y == year + 1 and m <= 6 for y, m in dates):
        return year
    return None


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


def _year_counts(head):
    """How often the opening names each year (outside book titles and dates)."""
    counts = {}
    text = _DATE_ONLY.sub("", head)
    for match in re.finditer(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)", text):
        if _COMPARED.match(text, match.end()) or text[max(0, match.start() - 1):match.start()] in ("比", "较"):
            continue  # 在2011年工作的基础上, 比2011年增加: the year before, compared with
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return counts


# What follows a year the report compares its own with (在2011年工作的基础上, 与2011年相比).
_COMPARED = re.compile(r"度?(?:工作|的)*(?:基础上|相比|同期)")


def _dominant_year(head):
    """The year the opening names most (outside book titles and dates), when it clearly dominates."""
    ranked = sorted(_year_counts(head).items(), key=lambda item: -item[1])
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
    if match and _iso(match.groups()):
        return _iso(match.groups())
    match = PAGE_DATE.search(text[:1200])
    return _iso(match.groups()) if match else None
