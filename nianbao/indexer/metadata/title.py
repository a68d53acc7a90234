"""The report's title: the crawl header's (completed when truncated), else found among the
page's opening lines past the site chrome.

Decisions:
- Chrome lines are skipped, not parsed: breadcrumbs (首页 > …), 发布时间/浏览次数/字体/来源 lines,
  索引号/发文字号/主题分类 metadata blocks, share/print links, navigation items and spam. A
  metadata block's own title cell (标题：…, 标 题 | … |) is taken as the title.
- The title is the first line (or table cell) that names a disclosure report (…信息公开…报告,
  …年报) and is not a sentence of the body (根据…, 本报告…). It ends where its report word ends.
- A title split over lines (自治区民政厅2021 / 政府信息公开工作年度报告) is joined with the short
  line right before it when that line is an agency, a place or a year.
- A raw CMS answer (JSON) gives its ``"title"`` field; with no title in the text, a wiki
  mirror's address spells one (/wiki/遼寧省新聞出版局2010年度…報告/…, ``url_title``).
- A site's name over its column label (北京市西城区人民政府 / 政府信息公开年报) is chrome, not a
  title split over lines: a split title has its year. A report phrase followed by a rule's word
  (年度报告制度(试行)) is kept whole, so the kind sees the rule.
- Returns the title in simplified characters (it is read from the folded text); a big5
  gateway's glosses in the header title are dropped.
"""
import re

from .patterns import NOISE_LINE, TITLE_DATE_LINE

REPORT_PHRASE = re.compile(
    r"(?:(?:政府|政务)?信息.{0,4}?公开|政务公开)[^\n。；;，,：:|]{0,24}?"
    r"(?:年度报告|工作报告|年报|报告|总结|报(?:\.{2,}|…))(?:[（(][^）)\n]{0,12}[)）])?")
# 标题：…, 名  称: …, and a spaced label without a colon (标   题 县政府办2022年度…).
# A label run into its value (标题水城区杨梅乡2022年…) counts too when the value names a report.
_TITLE_LABEL = re.compile(r"^(?:(?:标\s*题|名\s*称|文件名称|信息名称)\s*[：:|]|标\s+题\s|名\s+称\s|标题(?=[^\s：:|]))\s*(.+?)\s*\|*\s*$")
# Cells of a metadata block (索 引 号: … 分类: 信息公开年度报告) are never the title, whatever they name.
_METADATA_CELL = re.compile(r"索\s*引\s*号|分\s*类\s*[：:]|发布机构|发文机关|主题分类|发文字号|文\s+号\s*[：:]")
_SENTENCE = re.compile(r"^(?:根据|依据|按照|本报告|本年度|本年报|为|现将|现就|自(?!治)|今年|去年|我|一、|[（(]一[)）]|第.条)")
_CHROME = re.compile(r"发布时间|发布日期|浏览次数|浏览量|访问量|点击数|点击率|字体|字号|来源[：:]|索引号|索 引 号|主题分类|"
                     r"发文字号|发布机构|分享到|打印|关闭|当前位置|所在位置|首页|>>|›|»")
# A metadata block's summary cell (内容概述 根据…) quotes the opening; it is not the body yet.
_SUMMARY = re.compile(r"^(?:内容概述|内容摘要|内容提要|摘\s*要)[：:|\s]")
_YEAR_OR_NAME_LINE = re.compile(r"^[^\s，。,；;：:]{2,30}$")


def find_title(text, header):
    """The header's title (completed from the body when truncated with ...), else the heading lines."""
    from .fold import GLOSS, to_simplified

    # A big5 gateway glosses the header's title too (公開(kāi)): the gloss is no part of it.
    title = to_simplified(GLOSS.sub("", (header.get("title") or "").strip()))
    if title and re.search(r"(?:\.{2,}|…+)$", title):
        prefix = re.sub(r"(?:\.{2,}|…+)$", "", title)
        # A listing page cut 报告 in half: the only word 年度报… / 工作报… can end with.
        return _complete_title(prefix, text) or (prefix + "告" if prefix.endswith("报") else title)
    return title or heading_title(text)


def url_title(url):
    """A report title spelled in the page's address, as wiki mirrors name their pages
    (/wiki/遼寧省新聞出版局2010年度政府信息公開工作報告/15081233), simplified; else None."""
    from urllib.parse import unquote, urlsplit

    from .fold import to_simplified

    if "%" not in (url or ""):
        return None
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    for segment in path.split("/"):
        if re.search(r"[\u4e00-\u9fff]", segment):
            segment = to_simplified(segment)
            if REPORT_PHRASE.search(segment):
                return _cut(segment)
    return None


def _complete_title(prefix, text):
    """The full title the body states, when it starts like the truncated ``prefix``."""
    match = re.search(re.escape(prefix) + r"[^\n。，；]{0,30}?(?<=报告|年报|总结)", text)
    return match.group() if match else None


def _cells(line):
    return [cell.strip(" \t-•·") for cell in re.split(r"\s*\|\s*", line) if cell.strip(" \t-•·")]


_OWN_BOOK = re.compile(r"《\s*([^《》\n]{0,40}?(?:19|20)\d{2}[^《》\n]{0,40}?"
                       r"(?:政府|政务)?信息公开[^《》\n]{0,12}?(?:年度报告|工作报告|年报))\s*》")
# A category label (政府信息公开年报, 年度报告) names no particular report.
# A column of every body's reports (部门信息公开年度报告, 乡镇政府信息公开年报) is such a label too.
_LABEL_ONLY = re.compile(r"^(?:部门|各部门|单位|机关|乡镇|街道|县直|市直|区直)?(?:(?:政府|政务)?信息公开|政务公开)?(?:工作)?(?:年度报告|年报|工作报告|报告)$")


# A raw CMS answer (JSON) names its document in a field.
_JSON_TITLE = re.compile(r'\A\s*\{.{0,600}?"title"\s*:\s*"([^"\\]{4,120})"', re.S)


def heading_title(text):
    """The title among the opening lines, else a report title the opening quotes as its own
    (现将《宝鸡市司法局2020年度政府信息公开工作年度报告》予以公布), or None."""
    json_title = _JSON_TITLE.match(text)
    if json_title:
        return json_title.group(1).strip()
    title = _heading_lines(text)
    if title:
        return title
    match = _OWN_BOOK.search(text[:800])
    return match.group(1) if match else None


def _heading_lines(text):
    previous = None
    for raw in text[:2500].splitlines()[:60]:
        line = raw.strip(" \t\u3000•·-?？")
        if not line or NOISE_LINE.match(line) or _SUMMARY.match(line):
            continue
        label = _TITLE_LABEL.match(line)
        if label and REPORT_PHRASE.search(label.group(1)):
            return _cut(label.group(1))
        # A sentence is no row of cells, whatever bar spam put into it (由北京市…直播|官网:发展和…编制的…报告).
        for cell in _cells(line) if "|" in line and not _SENTENCE.match(line) else [line]:
            title = _title_in(cell)
            if title:
                joined = _join(previous, title)
                # A site's name over its column label (北京市西城区人民政府 / 政府信息公开年报) is
                # chrome: a title split over lines has its year (…人民防空办公室2020 / …年度报告).
                if not _LABEL_ONLY.match(joined) and not (_LABEL_ONLY.match(title) and not re.search(
                        r"(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}", joined)):
                    return joined
        # A title broken inside its words (…2017年度政府信息 / 公开年报) is read joined.
        if previous and len(line) <= 30:
            match = REPORT_PHRASE.search(previous + line)
            if match and match.start() < len(previous) < match.end():
                return _cut(previous + line)
        if _SENTENCE.match(line) or len(line) > 120:
            # The body has begun: a title can only come from its first sentence.
            if previous is None:
                return None
            return None
        if not _CHROME.search(line) and _YEAR_OR_NAME_LINE.match(line):
            previous = line
        elif not _CHROME.search(line):
            previous = None
    return None


def _title_in(line):
    """The title a line holds, or None."""
    if (_SENTENCE.match(line) or "《" in line[:3] or re.search(r"[据照]《", line) or len(line) > 150
            or TITLE_DATE_LINE.fullmatch(line) or _METADATA_CELL.search(line)):
        return None
    if re.search(r"[>＞]", line):  # breadcrumbs end in the report's category name
        return None
    match = REPORT_PHRASE.search(line)
    if not match or match.start() > 60:
        return None
    return _cut(line)


# Words that make a report phrase the object of another document (…年度报告制度, …报告格式).
_RULE_AFTER = re.compile(r"(?:制度|办法|规定|细则|规范|格式|范本|范文|模板|编制要求|工作规程|的通知|通知)(?:[（(][^）)\n]{0,8}[)）])?")


def _cut(line):
    """A line up to the end of its report words (drops what runs on after the title), unless a
    rule's or a notice's word follows them (年度报告制度(试行) is a rule, not a report)."""
    ends = list(REPORT_PHRASE.finditer(line))
    if not ends:
        return line.strip()
    end = ends[0].end()
    rule = _RULE_AFTER.match(line, end)
    return line[:rule.end() if rule else end].strip(" :：|")


def _join(previous, title):
    """Join a title split over lines with the agency/year line before it."""
    if not previous or len(previous) > 40 or previous in title:
        return title
    from .publisher import title_agency

    # A title that names its publisher already (黄村镇2014年度…) is whole: the line before it is
    # the site's name or a breadcrumb, not the first half of the title.
    if title_agency(title):
        return title
    has_year = re.search(r"(?:19|20)\d{2}", title)
    from .agencies import parse_full

    if parse_full(re.sub(r"(?:19|20)\d{2}\s*年?度?", "", previous)) or (
            not has_year and re.fullmatch(r"(?:19|20)\d{2}\s*年?度?", previous)):
        if not title.startswith(previous):
            return previous + title
    return title
