"""Metadata extraction: title, agency (+ canonical type), province/city/district, year,
publication date and kind of document, from a report's clean text and its reader's header.

Decisions (where the issue is silent):
- ``year`` is the year reported on. Sources in order: the title (2017年度, 二〇一七年), the
  statistics period (统计期限为2015年1月1日至…), a 2015年度 in the opening lines, a paragraph opening
  with 2015年，…; only when the text says 上一年度/上年度 is it the publication year minus one.
  Years inside 《book titles》 are ignored (they name other documents).
- ``published`` (YYYY-MM-DD) prefers what the document says — signature date, 填报日期, a date
  under the title — over the crawl's header date. A date without a day (二〇一三年一月) is not used.
- ``agency``: the title's publisher (after stripping year and report words) if any, else the
  signature, then contact/compiler phrases (请与…联系, 由…编制, 单位名称：…), then the header.
  A bare place (平潭综合实验区, 环翠区政府信息公开…) means its government (人民政府/管委会) when the
  text names it. The fullest name of the same body (same type, same place level) is kept:
  威海市环翠区安监局 over 环翠区安监局, 河北省科学技术厅 over 河北省科技厅.
- Places come from the agency name (so a provincial department gets no city, a city government
  no district); only when the agency names no place are the title, signature and 地址 lines used.
- ``kind``: 法治政府/依法行政 reports and anything whose title is not a disclosure report are
  ``other``; a title that is a 统计表 without 报告 is ``statistics_table``.
"""
import re
from collections import OrderedDict

from . import agencies
from .divisions import Place, divisions

KINDS = OrderedDict([
    ("annual_report", "年度报告"),
    ("statistics_table", "统计表"),
    ("other", "其他文件"),
])

_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0", "O": "0"}
_YEAR = r"((?:19|20)\d{2}|[〇零○Ｏ一二三四五六七八九]{4})"
_TITLE_YEAR = re.compile(_YEAR + r"\s*年度?")
_BOOK = re.compile(r"《[^》]{0,80}》")
_PERIOD_YEAR = re.compile(r"(?:统计|期限|时限|时间段|时段)[^。]{0,20}?((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日")
_INTRO_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")
_PARAGRAPH_YEAR = re.compile(r"(?:^|\n|[。\s\u3000])\s*(?:[一二三四五六七八九十]+、\s*[^\n。]{0,10}?)?((?:19|20)\d{2})\s*年\s*[，,]")
_LAST_YEAR = re.compile(r"上一?年度")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_FILL_DATE = re.compile(r"(?:填报|报送|编制|发布|印发)(?:日期|时间)[：:]\s*" + _DATE.pattern)
_TITLE_DATE_LINE = re.compile(r"[（(]?\s*" + _DATE.pattern + r"\s*[)）]?")
# The date of a signature: preceded by the signing body or a line break, not part of a sentence.
_SIGNATURE = re.compile(r"(?:^|[\s\u3000。])([^\s\u3000，。；：、\d]{2,40}?)?[\s\u3000]*" + _DATE.pattern + r"(?![前起至以内])")
_REPORT_WORDS = re.compile(r"关于|政府信息公开|信息公开|政务公开|法治政府|依法行政|年度报告|工作报告|工作总结|年报|统计表|报告")
_REPORT_END = re.compile(r"(?:报告|年报|总结|统计表)\s*(?:[（(][^）)]{0,12}[)）])?$")
# A crawler may cut the title inside 报告 ("…年度报..."), hence the truncated form.
_DISCLOSURE_TITLE = re.compile(r"(?:信息公开|政务公开).{0,16}(?:报告|年报|总结|报(?:\.{2,}|…))")
_OTHER_TITLE = re.compile(r"法治政府|依法行政")
_STATS_TITLE = re.compile(r"统计表|附表")
_NOISE_LINE = re.compile(r"^[-—–\s\d第页PAGE]*$")
_ADDRESS = re.compile(r"(?:地址|地\s*址)[：:]\s*([^\s，。；、（）()]{2,40})")
_TAIL = 400
_HEAD = 1500


def apply_metadata(report, header):
    """Fill ``report``'s metadata fields from its text and the reader's ``header``."""
    text = report.text
    report.title = find_title(text, header)
    report.kind = find_kind(report.title, text)
    report.agency = find_agency(report.title, text, header)
    report.agency_type = agencies.agency_type(report.agency)
    place = find_place(report.agency, report.title, text)
    report.province, report.city, report.district = place.province, place.city, place.district
    report.published = find_published(text, header)
    report.year = find_year(report.title, text, report.published, report.kind)


# --- title -----------------------------------------------------------------------------------

def find_title(text, header):
    """The header's title (completed from the body when truncated with ...), else the heading lines."""
    title = (header.get("title") or "").strip()
    if title and re.search(r"(?:\.{2,}|…+)$", title):
        prefix = re.sub(r"(?:\.{2,}|…+)$", "", title)
        # A listing page cut 报告 in half: the only word 年度报… / 工作报… can end with.
        return _complete_title(prefix, text) or (prefix + "告" if prefix.endswith("报") else title)
    return title or _heading_title(text)


def _complete_title(prefix, text):
    """The full title the body states, when it starts like the truncated ``prefix``."""
    match = re.search(re.escape(prefix) + r"[^\n。，；]{0,30}?(?<=报告|年报|总结)", text)
    return match.group() if match else None


def _heading_title(text):
    parts = []
    for line in text[:600].splitlines():
        line = line.strip(" \t\u3000")
        if not line or _NOISE_LINE.match(line):
            continue
        if _TITLE_DATE_LINE.fullmatch(line) or line.startswith(("根据", "本报告", "为")):
            break
        if len(line) > 60:
            cut = _REPORT_WORDS_END.search(line[:80])
            if cut and not parts:
                parts.append(line[:cut.end()])
            break
        parts.append(line)
        if _REPORT_END.search(line) or len(parts) == 3:
            break
    title = "".join(parts)
    return title if _REPORT_END.search(title) else None


_REPORT_WORDS_END = re.compile(r"(?:信息公开|政务公开)[^，。\s]{0,12}?(?:报告|年报|总结)")


# --- kind ------------------------------------------------------------------------------------

def find_kind(title, text):
    """``annual_report``, ``statistics_table`` or ``other`` from title and opening text."""
    if title:
        if _OTHER_TITLE.search(title):
            return "other"
        if _STATS_TITLE.search(title) and not re.search(r"报告|年报|总结", title):
            return "statistics_table"
        if _DISCLOSURE_TITLE.search(title):
            return "annual_report"
        return "other"  # a titled document that does not call itself a disclosure report
    intro = _BOOK.sub("", text[:300])
    if re.search(r"信息公开|政务公开", intro) and re.search(r"年度报告|年报|工作报告", intro):
        return "annual_report"
    return "other"


# --- year and dates --------------------------------------------------------------------------

def _year_value(raw):
    value = int("".join(_CN_DIGITS.get(c, c) for c in raw))
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
        match = _TITLE_YEAR.search(title)
        if match and _year_value(match.group(1)):
            return _year_value(match.group(1))
    head = _BOOK.sub("", text[:_HEAD])
    for pattern, window in ((_PERIOD_YEAR, _HEAD), (_INTRO_YEAR, 400), (_PARAGRAPH_YEAR, _HEAD)):
        match = pattern.search(head[:window])
        if match:
            return int(match.group(1))
    if published and _LAST_YEAR.search(head):
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
    tail = text[-_TAIL:]
    signature = [m for m in _SIGNATURE.finditer(tail)]
    if signature:
        date = _iso(signature[-1].groups()[1:4])
        if date:
            return date
    fill = _FILL_DATE.search(text)
    if fill and _iso(fill.groups()):
        return _iso(fill.groups())
    for line in text[:300].splitlines()[:8]:
        match = _TITLE_DATE_LINE.fullmatch(line.strip(" \t\u3000"))
        if match and _iso(match.groups()):
            return _iso(match.groups())
    match = _ISO_DATE.search(header.get("date") or "")
    return _iso(match.groups()) if match else None


# --- agency and place ------------------------------------------------------------------------

def title_agency(title):
    """The publisher named in a title (year and report words removed), or None."""
    if not title:
        return None
    rest = _TITLE_YEAR.sub("", title)
    cut = _REPORT_WORDS.search(rest)
    rest = (rest[:cut.start()] if cut else rest).strip(" \u3000\t-—_：:（）()")
    if not rest:
        return None
    return agencies.parse_full(rest) or agencies.parse_prefix(rest)


def signature_agencies(text):
    """Agencies signing the report: a name before a date, or a last line that is a name."""
    tail = text[-_TAIL:]
    found = [agencies.parse_full(m.group(1)) for m in _SIGNATURE.finditer(tail) if m.group(1)]
    lines = [line.strip(" \t\u3000") for line in tail.splitlines() if line.strip(" \t\u3000")]
    for line in lines[-3:]:
        found.append(agencies.parse_full(line) if len(line) <= 30 else None)
    return [name for name in reversed(found) if name and agencies.split_agency(name)[1]]


def find_agency(title, text, header):
    """The publishing body's fullest name as published, or None."""
    candidates = signature_agencies(text) + agencies.phrase_agencies(text)
    for key in ("agency", "source"):
        value = header.get(key) or ""
        name = agencies.parse_prefix(value) if "http" not in value else None
        if name:
            candidates.append(name)
    base = title_agency(title) or (candidates[0] if candidates else None)
    if base is None:
        return None
    if not agencies.split_agency(base)[1]:
        base = _government_of(base, candidates, text) or base
    return _fullest(base, candidates, text)


def _government_of(place, candidates, text):
    # The formal name the text uses most (人民政府, 管委会), else a government candidate (…政府).
    counts = {place + suffix: text.count(place + suffix) for suffix in ("人民政府", "管委会", "管理委员会")}
    best = max(counts, key=counts.get)
    if counts[best]:
        return best
    for name in candidates:
        names, _function = agencies.split_agency(name)
        if "".join(names) == place and agencies.agency_type(name) in agencies.GOVERNMENT_TYPES:
            return name
    return None


def _level(place):
    return 3 if place.district else 2 if place.city else 1 if place.province else 0


def _place_of(name, text=""):
    return divisions().resolve(agencies.split_agency(name)[0], text)


def _fullest(base, candidates, text):
    """The longest name of the same body as ``base`` among the candidates and its mentions."""
    kind, place = agencies.agency_type(base), _place_of(base, text)
    level = _level(place)
    pool = candidates + _prefixed_mentions(base, text) + _renamed_mentions(base, kind, text)
    same = [name for name in pool if agencies.agency_type(name) == kind
            and _place_of(name, text).compatible(place)
            and (level == 0 or _level(_place_of(name, text)) == level)]
    if level == 0:
        placed = [name for name in same if agencies.split_agency(name)[0]]
        return placed[0] if placed else base
    return max([base] + same, key=len)


def _prefixed_mentions(name, text, limit=20):
    """``name`` as it appears in ``text`` with the place names written right before it."""
    table, found, start = divisions(), [], 0
    for _ in range(limit):
        index = text.find(name, start)
        if index < 0:
            break
        start, prefix = index + len(name), ""
        while True:
            for length in range(min(table.max_len, index), 1, -1):
                if text[index - length:index] in table.names:
                    prefix, index = text[index - length:index] + prefix, index - length
                    break
            else:
                break
        if prefix:
            found.append(prefix + name)
    return found


def _renamed_mentions(name, kind, text):
    """Other names of the same office after the same places (河北省科技厅 → 河北省科学技术厅)."""
    places = "".join(agencies.split_agency(name)[0])
    if not places or not kind:
        return []
    return [places + other for other in agencies.type_names(kind) if places + other in text]


def find_place(agency, title, text):
    """Province/city/district of the agency; other place evidence only when it names none."""
    table = divisions()
    names = agencies.split_agency(agency)[0] if agency else []
    if not names:
        sources = [title or ""] + [m.group(1) for m in _ADDRESS.finditer(text[:_HEAD])]
        for source in sources:
            names = table.leading_places(_TITLE_YEAR.sub("", source))[0]
            if names:
                break
    return table.resolve(names, text) if names else Place()
