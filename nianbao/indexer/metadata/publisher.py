"""The publishing agency: candidates from every place a page names its publisher, weighed,
then the fullest name of the chosen body as published.

Sources and weights (``WEIGHTS``): the title (a column tag before a bar, a division's short
name, a document number and spam before the name are handled: 每日一报 | 辽宁2015年…, 成人直播
教育局, 并政办发〔2014〕57号《…》); an agency line standing alone before the body (廣州市教育局),
a document's red header (…办公室文件) or a 政府工作报告's speaker (…人民政府县长 某某); the opening
sentence (现公布区司法局2021年…报告, 由…编制, 由…综合…编制, 本报告是…根据…编制的, 由…负责解释);
the signature; contact phrases (请与/可与/可向…联系/咨询, 可致电…); the page's metadata block
(发布机构：…, 来源：…, 联系单位：…); a sentence's subject (2021年，滨江区民政局…, …，雅安工业园区管委会
认真贯彻…, …街道根据《条例》, …，宁海县民政局依据《条例》); the crawl header; a breadcrumb's column
per body (首页 > 区司法局 > …); any sentence's subject that is a place or a body the text names
again (三亚市坚持以…); last, the body the text calls itself (``selfnamed``: 我局 and its own
documents, site, column or clauses) and the one body whose own budget it publishes
(《2019年…街道办事处部门预算》). A government named only by its level word (县人民政府, or 我县 /
全省各级行政机关 in a report) is placed once the place is known (``placed_government``).

Decisions:
- The heaviest candidate wins; ties go to the earlier source in ``WEIGHTS``.
- A metadata cell is metadata wherever it stands: 来源 水利局 without a colon, the line under a
  bulleted • 发布机构 label (a portal's office that posted the page) is never a first line.
- 现公布X2025年…年度报告 names X whole, as a title does (鞍山市铁西区政府办公室), not X's
  government; a government's own 领导小组办公室 with a task of its own (…人民政府重点建设项目领导小组
  办公室) is a body, not the government's compiling office.
- The fullest name of the same body (same type, same place level) found among the candidates
  and in the text is kept: 威海市环翠区安监局 over 环翠区安监局, 涵江区民政局 over 区民政局.
- A bare place (蒙自市, 科尔沁右翼前旗) means its government: as the text writes it, else the
  deepest division's name + 人民政府 (天津市蓟州区 → 蓟州区人民政府); a zone (兰州新区) takes
  管委会/管理委员会 when the text uses it, else stays as named.
- A town body is named by its government as the text writes it (五河镇人民政府), else by the
  town's name (黄村镇), without its county (which is in ``district``).
- A sentence's subject is taken whole (辽宁省人民政府办公厅坚持…); a phrase naming a compiler is
  cut to the body it starts with (由区民政局信息公开领导小组办公室编制 → 区民政局).
- A bracketed second name is dropped (市市场监管局(知识产权局) → 市市场监管局), except inside a
  name such as 中国(河北)自由贸易试验区…; junk run into a name (Latin letters, symbols, 公司, 官网,
  娱乐 …) is cut before the place or level word it hides (…投注官网市市场监管局 → 市市场监管局).
- A party committee (市委, 县委办公室) is no publisher; a doubled level word (伊宁县县人民政府) is a
  typo, not the fuller name; a city bureau's county branch (梅州市公安局梅县区分局) is the
  publisher when the report speaks as a county body (区委、区政府) and names it.
- 我局/本机关 alone name nobody: with no named candidate the agency is null.
- A party committee or work committee (党工委, 党组) publishes nothing; a disclosure office
  (保定市徐水区政务公开办公室) is its government's; a 地区's government is its 行政公署.
- A page with no report title names its body in its heading line or a byline under it (a weak
  source: non-reports are scored too).
- The name is returned as the page prints it (traditional characters on a big5 mirror).
- Every name must be well-formed (``agencies.well_formed``): a verb phrase (印发市政府办公厅,
  明确一名管委会), page chrome (返回顶部), a template's placeholder (xx县供销社) is rejected and
  listed in the trace, whatever source offered it.
- A zone's own office (…开发区党政办公室) speaks for the zone; joint issuers run together in a
  title (人力资源社会保障部财政部关于…) name their lead issuer.
- A government named only by its level word whose place is not found is returned as the text
  writes it (县政府: a spam mirror replaced the county's name) only in a report, when nothing
  places the body elsewhere and the text names no division with that level word.
- A government chosen while the text calls itself 我局 (我委, 我厅 …: words no government uses)
  gives way to the one department of that kind among the candidates (a preamble copied from the
  government's: 现公布西秀区人民政府…报告, contact 西秀区退役军人事务局).
- A government's report is usually compiled by its general office, whose name (…人民政府办公室)
  reports give as a contact: the government is the publisher. The office is, when the report is
  its own: it calls itself 我办/本办, or the office, never the government, is what acts in its
  sentences (2021年,县政府办公室认真贯彻…) at least twice — and the text does not speak for the
  government's area (全省…, 我市… twice: the government's report, the office compiling). Another
  kind of document (a notice, a news item) is the office's when the office acts in it (3月31日,
  山东省人民政府办公厅对外公布了…) or signs it on a line of its own. A notice's issuer is the body
  whose sentence hands it down (市政府办公室对…进行修订完善,…现将《…》印发给你们), above the
  metadata cell of the column that re-posted it.
- A bracketed second name stands when the name before it is no name (a mirror's domain in the
  place's stead: puroview.com委农办(县农业局) → 县农业局), if it is placed or has a level word.
- A report naming nobody, with no department's self word (我局, 本机关), that names one place's
  own disclosure group (“武清区政务公开工作领导小组”) is that place's government's.
"""
import re
from dataclasses import dataclass

from . import agencies
from .divisions import divisions, find_places
from .level import town_name
from .selfnamed import self_kind, self_named
from .patterns import DOC_NUMBER, REPORT_WORDS, SIGNATURE, SUBJECT_VERBS, TAIL, TITLE_YEAR

WEIGHTS = {"title": 10, "first_line": 8, "opening": 7, "signature": 6, "issuer": 6, "contact": 5,
           "metadata": 4, "subject": 4, "heading": 3.5, "header": 3, "breadcrumb": 3, "sentence": 2.5, "self": 2,
           "budget": 2}
# A name may carry a bracketed second name (宁波国家高新区(新材料科技城)管委会, 市市场监管局(知识产权局)).
_NAME = r"(?:[^\s，。；、,;：:（）()《》“”\"<>|]|[（(][^（）()，。；\n]{1,12}[)）]){2,40}?"
_BRACKETED = re.compile(r"(?<!中国)[（(][^（）()]{1,12}[)）]")
_YEAR = r"(?:(?:19|20)\d{2}\s*年度?)"
_OPENING = [
    # 现公布鹤山市司法局2020年政府信息公开…, 特向社会公布2022年度十堰市生态环境局郧阳分局政府信息公开…
    re.compile(r"(?:编制并(?:发布|公布)|(?:现|特)?向社会(?:公布|公开|发布)|现将|现公布|现发布|现予公布|现公开|特公布|予以公布|公布|"
               r"发布|编制)(?:了)?"
               r"\s*《?\s*" + _YEAR + r"?\s*(?P<a>" + _NAME + r")\s*" + _YEAR + r"?\s*(?:的)?(?:政府|政务)?信息公开"),
    re.compile(r"由\s*(?P<a>" + _NAME + r")(?:负责)?(?:编制|编写|汇总|起草|解释)"),
    # 由青海省人民政府办公厅综合各市、州…年度报告编制而成
    re.compile(r"由\s*(?P<a>" + _NAME + r")(?:综合|汇总|组织|牵头)[^。；]{0,80}?(?:编制|编写)"),
    re.compile(r"结合\s*(?P<a>" + _NAME + r")(?:政府信息公开|政务公开|工作实际)"),
    # 由临沂市供销合作社联合社按照《条例》…要求编制: the compiler, then how it compiled.
    # 本报告是宁海县民政局根据《条例》要求编制的…: the same after 是.
    re.compile(r"(?:由|本(?:年度)?报告(?:是|系))\s*(?P<a>" + _NAME + r")(?=按照|根据|依据|依照|结合|对照)[^。]{0,160}?"
               r"(?:编制|编写|汇总)"),
    # 塔城市人民政府办公室编写了本报告: the compiler as the sentence's subject.
    re.compile(r"(?:^|[，,。；\n])\s*(?P<a>" + _NAME + r")(?:负责)?(?:编制|编写|起草)了?本(?:年度)?报告"),
]
# A line wrapped by hand inside a sentence (由石景山区司法 / 局编制的…): joined for the opening phrases.
_WRAPPED = re.compile(r"(?m)(?<=[^\n]{24}[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])")
# 2021年，滨江区民政局以…: a paragraph's subject right after its year.
_VERBS = SUBJECT_VERBS
_SUBJECT = re.compile(r"(?:^|\n)[\s?？]*(?:[一二三四五六七八九十]+、[^\n]{0,12}\n\s*)?" + _YEAR + r"\s*[，,]\s*(?P<a>" + _NAME +
                      r")(?=" + _VERBS + ")")
# (一)主动公开情况。三亚市坚持以…: a sentence's subject before a verb, wherever the sentence starts.
_SENTENCE_SUBJECT = re.compile(r"(?:^|\n|。)[\s?？]*(?:" + _YEAR + r"\s*[，,]?\s*)?(?P<a>" + _NAME + r")(?=" + _VERBS + ")")
_ISSUER = re.compile(r"(?:^|[\n。，,：:])\s*(?P<a>[\u4e00-\u9fff]{2,30}?)(?=对|根据|按照|依据|为)[^。\n]{0,300}?"
                     r"(?:现将|现)[^。\n]{0,500}?印发给你们")
_LEADING_SUBJECT = re.compile(r"(?:^|[\n，,。；])\s*(?P<a>" + _NAME + r")(?=根据《|依据《|按照《|依照《)")
# …的有力指导下，雅安工业园区管委会认真贯彻…: a clause's subject before a verb reports use of their publisher.
_COMMA_SUBJECT = re.compile(r"[，,]+\s*(?P<a>" + _NAME + r")(?=认真贯彻|认真落实|高度重视|坚持以|深入贯彻|全面贯彻|严格按照|"
                            r"严格落实|紧紧围绕|始终坚持|围绕“|贯彻落实)")
# …，县退役军人事务局政务信息公开工作在…: a clause's subject right before 政府信息公开工作.
_CLAUSE_SUBJECT = re.compile(r"(?:^|[，,。\n])\s*(?:" + _YEAR + r")?(?P<a>" + _NAME + r")(?=(?:政府|政务)信息公开工作|政务公开工作)")
_METADATA_LABEL = (r"(?:发布机构|发文机关|发文机构|发布单位|发布部门|信息来源|来\s*源|文章来源|发文单位|联系单位|联系部门|"
                   r"编制单位|填报单位|单位名称)")
# The label's value after a colon or bar, or (a label without one: 来源 水利局; a bulleted block
# with one cell per line: • 发布机构 / 开远市人民政府办公室) after spaces or a line break.
_METADATA = re.compile(_METADATA_LABEL + r"(?:\s*[\]】]?\s*[：:|]\s*\|?\s*|[ \t\u3000]+|[ \t\u3000]*\n[ \t\u3000•·-]*)"
                       r"(?P<a>[^\s|，。]{2,40})")
_METADATA_LINE = re.compile(r"^" + _METADATA_LABEL + r"(?:[\s\]】：:|]|$)")
_CONTACT = re.compile(r"(?:请|可|可以|请直接|敬请)(?:与|向)\s*(?P<a>[^，。；、\s]{2,60}?)(?:联[系络]|咨询)"
                      r"|请联[系络][：:]?\s*(?P<b>[^，。；、\s]{2,60})|(?:请|可|可以)致电\s*(?P<c>[^，。；、\s（(]{2,40})")
_NOBODY = re.compile(r"^(?:我局|本局|本机关|我单位|本单位|本站|本网|我委|我办|本级|我|本)")
# A government named by its level word alone (政府, 县政府, 市人民政府) names no one.
_GENERIC = re.compile(r"^(?:自治区|省|市|州|盟|区|县|旗|镇|乡)?(?:人民)?政府$")
# Words that start a clause, never an agency's name (由部…, 按照省委…, 安排党政办…).
_CLAUSE_START = re.compile(r"^(?:由|按照|安排|根据|依据|在|对|经|将|把|从|向|请|以|现|通过|结合|围绕|加强|做好|认真|"
                           r"全面|进一步|深入|积极|不断|持续|切实|扎实)")


_ZONE_WORDS = r"开发区|高新区|经济区|新区|园区|实验区|保税港区|保税区|景区|示范区|合作区"


@dataclass
class Candidate:
    """An agency name as one source gives it."""

    name: str
    source: str
    weight: float
    generic: bool = False  # 县人民政府: a government named by its level word, placed later


# A party committee or its office (市委市政府, 县委办公室) is no government publisher.
_PARTY = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{0,12}?(?:省|市|区|县|州|旗|盟|镇|乡)(?:党)?委(?!员会)"
                    r"|^.*?(?:党工委|党委|党组|党支部|党总支|纪工委|工委|党群工作部|党建工作部)(?:办公室)?$|^中共")
# An office for disclosure work (保定市徐水区政务公开办公室) is its government's, not a body of its own.
_DISCLOSURE_OFFICE = re.compile(r"^(?:政务公开|政府信息公开|信息公开|政务公开工作|政务公开领导小组|政府信息公开工作领导小组)"
                                r"(?:办公室|办)$")


# A zone's office (常熟经济技术开发区党政办公室) speaks for the zone.
_ZONE_OFFICE = re.compile(r"^(?P<zone>.+?(?:" + _ZONE_WORDS + r"))(?:党政|党群|综合)*(?:办公室|办)$")


def _zone_of_office(name):
    """The zone whose own office a name is (…开发区党政办公室 → …开发区); other names unchanged."""
    match = _ZONE_OFFICE.match(name)
    if match and agencies.ZONE.fullmatch(agencies.split_agency(match.group("zone"))[1] or match.group("zone")):
        return match.group("zone")
    return name


def _government_for_office(name, text):
    """The government whose disclosure office a name is (保定市徐水区政务公开办公室 → 徐水区人民政府
    as the text writes it; 区政务公开办 → 区人民政府, placed later); other names unchanged."""
    places, function = agencies.split_agency(name)
    if not _DISCLOSURE_OFFICE.match(function):
        word = agencies.level_word(function)
        if word and _DISCLOSURE_OFFICE.match(function[len(word):]):
            return word + "人民政府"
        return name
    if not places:
        return name
    written = [form for form in ("".join(places[i:]) + "人民政府" for i in range(len(places))) if form in text]
    return written[0] if written else places[-1] + "人民政府"


def _starts_a_clause(name):
    """True when a captured name begins with a clause word (由部…, 对各科室…), unless it is a
    place or a town of that name (对坊乡, 在城镇)."""
    if not _CLAUSE_START.match(name):
        return False
    places, function = agencies.split_agency(name)
    return not places and not agencies.is_town(function)


def _formal(name):
    """A division's government by its formal name: 海口市政府 → 海口市人民政府, 阿里地区行署 →
    阿里地区行政公署."""
    places, function = agencies.split_agency(name)
    if places and function == "政府":
        return "".join(places) + ("行政公署" if places[-1].endswith("地区") else "人民政府")
    if places and function == "行署":
        return "".join(places) + "行政公署"
    return name


def title_agency(title):
    """The publisher named in a title (year and report words removed), or None."""
    if not title:
        return None
    # A column tag before a bar (每日一报 | 辽宁2015年…) is the site's, not the title's; a document
    # number before the title (并政办发〔2014〕57号《太原市人民政府办公厅关于…》) is no name.
    title = re.sub(r"^[^|｜丨\d]{1,12}?\s*[|｜丨]\s*(?=\S)", "", title)
    title = re.sub(r"^\s*" + DOC_NUMBER.pattern + r"\s*《?", "", title)
    # (河北省)2017年…: a region in brackets; 09沈阳市…: a two-digit year.
    rest = re.sub(r"^\s*(?:[（(][^）)]{1,10}[)）])?\s*(?:关于)?(?:\d{2}(?!\d))?", "", title)
    # The publisher stands before the year (大路镇人民政府2019年…), else after it (2014年市交通运输局…).
    year = TITLE_YEAR.search(rest)
    before = rest[:year.start()].strip(" \u3000\t-—_：:·•") if year else ""
    if before and not REPORT_WORDS.match(before):
        named = _title_name(before)
        if named:
            return named
    rest = TITLE_YEAR.sub("", rest)
    cut = REPORT_WORDS.search(rest)
    if cut and rest.startswith("政府信息公开", cut.start()) and rest[:cut.start()].endswith("人民"):
        cut = REPORT_WORDS.search(rest, cut.start() + 2)  # 彭场镇人民政府信息公开指南: 政府 is the body's
    rest = (rest[:cut.start()] if cut else rest).strip(" \u3000\t-—_：:（）()·•")
    rest = re.sub(r"^(?:关于)", "", rest)
    if not rest:
        return None
    return _title_name(rest)


def _title_name(part):
    """The agency a title's name part gives: the name itself, the name it starts with, a
    division's short name (辽宁 → 辽宁省), or the name left after junk (成人直播 教育局)."""
    named = agencies.parse_full(part)
    if not agencies.well_formed(named):  # joint issuers (人力资源社会保障部财政部): the lead one
        named = agencies.parse_prefix(part) or named
    if named:
        return named
    if re.search(r"[（(]", part) and agencies.parse_full(re.sub(r"[（(][^（）()]{1,12}[)）]", "", part)):
        return part  # 中国(河北)自由贸易试验区雄安片区管理委员会: a bracket inside the name
    places = divisions().stem_places(part)
    if len(places) == 1:
        place = places[0]
        return place.district or place.city or place.province
    return after_junk(part)


# Spam or site junk run into a name (英国威廉希尔公司市统计局, …投注官网市市场监管局, 成人直播 教育局):
# Latin letters, digits, symbols, and words no government body's name contains.
_JUNK = re.compile(r"[A-Za-z0-9_¥$@#%&*+=|:：~!！?？\-\s]+(?:(?<=\d)[年号月日])?|公司|集团|官网|娱乐|直播|投注|彩票|足彩|博彩")


def after_junk(name):
    """The agency named after the last junk in ``name`` when it is placed or starts with a
    level word (市统计局) or is a known office (教育局); else None."""
    ends = [m.end() for m in _JUNK.finditer(name or "")]
    if not ends:
        return None
    rest = name[ends[-1]:]
    named = agencies.parse_full(rest) or agencies.parse_prefix(rest)
    if not named:
        return None
    places, function = agencies.split_agency(named)
    # Spam put between a place and its office (北京市滚球体育app_188…官网:发展和改革委员会): the
    # place before the first junk still names the office's place.
    before, between = agencies.split_agency(name[:_JUNK.search(name).start()])
    if (before and not places and not agencies.level_word(function) and agencies.exact_type(function)
            and not re.search(r"局|委|办|厅|署|政府|中心", between)):
        return "".join(before) + named
    if places or agencies.level_word(function) or agencies.exact_type(function):
        return named
    from .divisions import towns
    from .place import zone_options

    town = town_name(named)
    if (town and town in towns()) or (agencies.ZONE.match(function) and zone_options(function)):
        return named  # puroview.com沙头镇 → 沙头镇: a known town or a zone named after a place names itself
    return None


def signature_agencies(text):
    """Agencies signing the report: a name before a date, or a last line that is a name."""
    tail = text[-TAIL:]
    found = [agencies.parse_full(m.group(1)) for m in SIGNATURE.finditer(tail) if m.group(1)]
    lines = [line.strip(" \t\u3000") for line in tail.splitlines() if line.strip(" \t\u3000")]
    for line in lines[-3:]:
        found.append(agencies.parse_full(line) if len(line) <= 30 else None)
    return [name for name in reversed(found) if name and agencies.split_agency(name)[1]]


def _named(raw):
    """The agency a captured phrase starts with (or is), or None for 我局 and the like."""
    if not raw or _NOBODY.match(raw):
        return None
    raw = raw.strip(" 《》")
    raw = after_junk(raw) or raw
    # Phrases name the compiling office after its body (由区民政局信息公开工作领导小组办公室编制):
    # the body is the shortest name the phrase starts with, unless that is a bare 市政府
    # (由市政府办公厅编制: the office is all the text names).
    name = agencies.parse_prefix(raw)
    if name and _GENERIC.match(name):
        name = agencies.parse_full(raw)
    if name and name.endswith("政府"):
        # A body of its own under a government (请与广元市人民政府重点建设项目领导小组办公室综合科
        # 联系) is not the government's compiling office (…人民政府办公室, …政务公开领导小组办公室).
        own = _OWN_BODY.match(raw, len(name))
        if own and agencies.parse_full(raw[:own.end()]) == raw[:own.end()]:
            return raw[:own.end()]
    return name or agencies.parse_full(raw) or _bracketed_body(raw)


def _bracketed_body(raw):
    """The body a bracketed second name gives when the name before it is no name (a mirror put
    its domain in the place's stead: puroview.com委农办(县农业局) → 县农业局), placed or named by its
    level word; else None."""
    inner = re.search(r"[（(]([^（）()]{2,12})[)）]", raw)
    body = agencies.parse_full(inner.group(1)) if inner else None
    if body:
        places, function = agencies.split_agency(body)
        if places or agencies.level_word(function):
            return body
    return None


_OWN_BODY = re.compile(r"(?!办公|政务|信息|政府信息|新闻|门户|网站)[\u4e00-\u9fff]{2,20}?领导小组办公室")


def _subject(raw):
    """A sentence's subject names the body doing the work as a whole (辽宁省人民政府办公厅坚持…),
    not the body it belongs to."""
    if not raw or _NOBODY.match(raw):
        return None
    stripped = _BRACKETED.sub("", raw.strip(" 《》"))
    return agencies.parse_full(stripped) or _named(raw)


def _trim_junk(name):
    """Drop chrome or spam run into a name before its place (返回顶部化德县林业和草原局)."""
    if not name or agencies.split_agency(name)[0]:
        return name
    for start, _names in find_places(name[:12])[:1]:
        prefix = name[:start]
        if 0 < start <= 10 and not re.search(r"局|委员会|厅|署|政府|管委会|办公室|中心|区|园", prefix):
            trimmed = name[start:]
            if agencies.split_agency(trimmed)[1]:
                return trimmed
    return name


def _plausible(name, source):
    """A name from running text must look like an agency: a place, a level word, or a known
    office type (具体负责开展全局, 项目中心 are not)."""
    if source in ("title", "header"):
        return True
    places, function = agencies.split_agency(name)
    if places or agencies.level_word(function) or re.match(r"^(?:国家|国务院|中华人民共和国|中国)", function):
        return True
    if re.search(r"(?:部|总署|署)(?:[（(].*)?$", function) or re.search(_ZONE_WORDS, function):
        return True
    return agencies.is_town(function) or agencies.known_type(function)


# A breadcrumb (当前位置: 首页 > 政府信息公开 > 市气象局 > 政府信息公开年报): a site's column per body.
_BREADCRUMB = re.compile(r"(?:首页|位置)[^\n]{0,40}?(?:>|»|›|＞)[^\n]{0,160}")
_CRUMB_SPLIT = re.compile(r"\s*(?:>+|»|›|＞+)\s*")


def breadcrumb_agency(text):
    """The deepest body a breadcrumb in the first lines names as a column (市气象局, 泾县黄村镇,
    奉节县人民政府), or None; a column of all bodies' reports (部门信息公开年报) names none."""
    match = _BREADCRUMB.search(text[:600])
    if not match:
        return None
    for crumb in reversed(_CRUMB_SPLIT.split(match.group())):
        crumb = re.sub(r"(?:专栏|栏目|信息公开(?:平台|专栏|目录)?|政务公开)$", "", crumb.strip(" \t\u3000|:："))
        name = agencies.parse_full(crumb) if 2 <= len(crumb) <= 30 else None
        places, function = agencies.split_agency(name or "")
        if name and agencies.well_formed(name) and (places or agencies.level_word(function) or agencies.is_town(
                function) or agencies.ZONE.fullmatch(function)) and not _GENERIC.match(name):
            return name
    return None


def first_line_agencies(text, limit=12):
    """Agency or place names standing alone on a line before the body starts."""
    found = []
    label = False
    for raw in text[:800].splitlines()[:limit]:
        line = raw.strip(" \t\u3000•·-|")
        if not line:
            continue
        # A metadata cell (来源 水利局, or the line under • 发布机构) names the site's poster, a
        # weaker source read as metadata.
        after_label, label = label, bool(re.fullmatch(_METADATA_LABEL + r"\s*[：:|]?", line))
        if after_label or _METADATA_LINE.match(line):
            continue
        if re.match(r"^(?:根据|依据|按照|本报告|本年度|一、|[（(]一)", line):
            break
        # A byline under the title: 清水县人民政府 2024年01月08日; a document's red header
        # (天津市南开区人民政府办公室文件); a 政府工作报告's speaker (延长县人民政府县长 曹林虎).
        byline = _BYLINE.match(line) or _RED_HEADER.match(line) or _SPEAKER.match(line)
        line = byline.group(1) if byline else line
        name = agencies.parse_full(re.sub(r"\s+", "", line)) if len(line) <= 30 else None
        if name and (agencies.split_agency(name)[1] or len(name) >= 3):
            found.append(name)
    return found


_BYLINE = re.compile(r"^(\S{4,30}?)\s+(?:发布(?:时间|日期)?[：:]?\s*)?(?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}")
_RED_HEADER = re.compile(r"^(\S{4,30}?)\s*文件$")
_SPEAKER = re.compile(r"^(\S{2,24}?人民政府)(?:代理)?(?:省|市|县|区|州|旗|盟)长\s*\S{2,4}$")
# The words a document's heading ends its name part with (another document than a report too).
_DOCUMENT_WORD = re.compile(r"报告|年报|指南|工作要点|实施方案|方案|通知|规定|制度|办法|总结|解读|规则|意见|公报")


def heading_agencies(text, limit=12):
    """The body a page's heading line names before the document's name (阿克苏地区行政公署(行署
    办公室)政府信息公开指南, 绥棱县2018年政务公开工作要点实施方案…): for pages with no report title."""
    from .title import _CHROME

    found = []
    for raw in text[:1200].splitlines()[:limit]:
        line = raw.strip(" \t\u3000•·-|?？")
        if not line or _CHROME.search(line):
            continue
        if re.match(r"^(?:根据|依据|按照|本报告|本年度|为|一、|[（(]一|第一条)", line):
            break
        document = _DOCUMENT_WORD.search(line[:80])
        if document and not re.search(r"[，,。；;：:]", line[:document.start()]):
            name = title_agency(line[:document.end()])
            if name:
                found.append(name)
            break
    return found


def candidates(page, title, header, report=True, rejected=None):
    """Every agency candidate on the page, heaviest sources first. ``report``: the page is an
    annual report, whose 我县/我区 is the government speaking (a notice's 结合我省实际 is not).
    Names that are no body's name (a verb phrase, page chrome, a placeholder) go to ``rejected``
    as ``source: name`` when a list is given."""
    text, head = page.text, page.head
    found = []

    def add(name, source):
        if name and agencies.PLACEHOLDER.search(name):
            if rejected is not None:
                rejected.append(f"{source}: {name}")
            return  # a template's xx县供销社 names no body
        name = _BRACKETED.sub("", name) if name else name
        name = after_junk(name) or _trim_junk(name) if name else name
        name = _zone_of_office(_government_for_office(name, text)) if name else name
        if name and not agencies.well_formed(name):
            if rejected is not None:
                rejected.append(f"{source}: {name}")
            return
        if name and _GENERIC.match(name) and agencies.level_word(name):
            found.append(Candidate(name, source, WEIGHTS[source], generic=True))
        elif (name and not _NOBODY.match(name) and not _GENERIC.match(name) and not _starts_a_clause(name)
                and not _PARTY.match(name) and _plausible(name, source)):
            found.append(Candidate(_formal(name), source, WEIGHTS[source]))

    add(title_agency(title), "title")
    if not title:
        for name in heading_agencies(head):
            add(name, "heading")
    for name in first_line_agencies(head):
        add(name, "first_line")
    opening = re.sub(r"《[^》]{0,80}条例》", "", _WRAPPED.sub("", head[:1500]))
    for i, pattern in enumerate(_OPENING):
        for match in pattern.finditer(opening):
            # 现公布X2021年…年度报告 names X as a title does: whole (鞍山市铁西区政府办公室).
            whole = agencies.parse_full(match.group("a").strip(" 《")) if i == 0 else None
            add(whole or _named(match.group("a")), "opening")
    for name in signature_agencies(text):
        add(name, "signature")
    if not report:
        # A notice's issuer is the body whose sentence hands it down (市政府办公室对…进行修订完善,
        # 经市政府同意,现将《…》印发给你们), whatever column of whose site re-posted it.
        for match in _ISSUER.finditer(head[:2000]):
            add(_named(match.group("a")), "issuer")
    for match in _CONTACT.finditer(head):
        add(_named(match.group("a") or match.group("b") or match.group("c")), "contact")
    for match in _METADATA.finditer(head[:1500]):
        add(_named(match.group("a")), "metadata")
    for pattern in (_SUBJECT, _LEADING_SUBJECT, _CLAUSE_SUBJECT, _COMMA_SUBJECT):
        for match in pattern.finditer(head[:2000]):
            add(_subject(match.group("a")), "subject")
    # Any sentence's subject before a verb: a place (its government) or a body the text names
    # again (a fragment's 省档案馆和南京图书馆为… names a reading room, not the publisher).
    for match in _SENTENCE_SUBJECT.finditer(head[:2000]):
        raw = match.group("a")
        name = None if _NOBODY.match(raw) else agencies.parse_full(_BRACKETED.sub("", raw))  # the whole subject
        if name and (not agencies.split_agency(name)[1] or head.count(name) >= 2):
            add(name, "sentence")
    for key in ("agency", "source"):
        value = header.get(key) or ""
        if "http" not in value:
            add(_named(value), "header")
    name = breadcrumb_agency(head)
    if name:
        add(name, "breadcrumb")
    if not any(not c.generic for c in found):
        from .level import text_level

        add(self_named(head, text_level(head), governments=report), "self")
    if not any(not c.generic for c in found):
        add(budget_owner(head), "budget")
    if report and not any(not c.generic for c in found) and (self_kind(head) or ("government",))[0] == "government":
        # A place's own disclosure group (调整完善了“武清区政务公开工作领导小组”,由区政府主要领导任组长)
        # in a report that speaks as no department (no 我局, 本机关): the place's government.
        groups = {m.group("a") for m in _PLACE_GROUP.finditer(head[:2000])
                  if divisions().leading_places(m.group("a"))[0] and not divisions().leading_places(m.group("a"))[1]}
        if len(groups) == 1:
            add(groups.pop(), "self")
    return found


# …set up or adjusted by the report's own body (调整完善了“武清区政务公开工作领导小组”), not a group
# above it that the report obeys (按照某某市政务公开领导小组的要求).
_PLACE_GROUP = re.compile(r"(?:成立|调整|完善|健全|组建|设立)了?\s*[“\"]?(?P<a>[\u4e00-\u9fff]{2,12}?)"
                          r"(?:政务公开|政府信息公开|信息公开)(?:工作)?领导小组")


# A body's own budget or final accounts (《2019年北京市东城区人民政府建国门街道办事处部门预算》,
# 《2024年度西安市未央区统计局部门决算公开说明》): only that body publishes them.
_BUDGET = re.compile(r"《\s*(?:" + _YEAR + r")?\s*(?P<a>[^《》\s\d]{4,40}?)\s*(?:" + _YEAR + r")?\s*"
                     r"部门(?:所属单位|综合)?(?:预算|决算)")


def budget_owner(text):
    """The one body whose own budget or accounts the text publishes, or None."""
    names = {agencies.parse_full(match.group("a")) for match in _BUDGET.finditer(text)}
    names.discard(None)
    return names.pop() if len(names) == 1 else None


def choose(found, text, report=True):
    """The chosen agency name (folded) from the candidates, or None."""
    found = [c for c in found if not c.generic]
    if not found:
        return None
    order = list(WEIGHTS)
    best = max(found, key=lambda c: (c.weight, -order.index(c.source)))
    base = best.name
    names = [c.name for c in found]
    if not agencies.split_agency(base)[1] or agencies.ZONE.fullmatch(agencies.split_agency(base)[1]):
        base = _government_of(base, names, text) or base
    town = town_name(base)
    if town:
        return town_body(town, text)
    return _own_office(_self_word_fits(_branch_of(_fullest(base, names, text), text), found, text), text, report)


def _self_word_fits(name, found, text):
    """The one department among the candidates that the text's self word fits (我局 → 西秀区退役
    军人事务局, the contact) when the chosen body is a government that word cannot be (a template
    preamble's 现公布西秀区人民政府(区人民政府办公室)…报告); else ``name``."""
    places, function = agencies.split_agency(name or "")
    if function not in ("人民政府", "政府"):
        return name
    kind = self_kind(text[:3000])
    if not kind or kind[0] != "department" or kind[1].search("办") or kind[1].search("办公室"):
        return name  # 我办 is the government's own office compiling: see _own_office
    fits = {c.name for c in found if not c.generic and kind[1].search(agencies.split_agency(c.name)[1])
            and agencies.agency_type(c.name) not in agencies.GOVERNMENT_TYPES}
    return fits.pop() if len(fits) == 1 else name


# The self word of a government's general office (我办把政府信息公开工作列入日常工作, 本办政府信息公开…).
_OFFICE_SELF = re.compile(r"我办(?![理事公法])|本办(?![理事公法])")
# What follows an office's name that is no sentence's subject: a document it issued, a contact.
_NOT_ACTING = r"(?!关于|文件|印发|转发|《|的|和|、|及|与|等|联系|电话|地址|电子|[（(]|\s*[，,。；;:：])"


def _own_office(name, text, report=True):
    """A government's general office when the report is the office's own (钦州市人民政府办公室 for
    钦州市人民政府): the text calls itself 我办/本办, or the office, not the government, is what acts
    in its sentences (2021年,县政府办公室认真贯彻…; 县政府办公室通过…主动公开…) at least twice; else
    ``name`` unchanged. The office must be named in full in the text (保亭黎族苗族自治县人民政府办公室),
    and a report that speaks for the government's area (全省…, 我市…, twice) is the government's.
    Another kind of document (not ``report``) is the office's when the office acts in it or signs
    it on a line of its own."""
    places, function = agencies.split_agency(name or "")
    if not places or function not in ("人民政府", "政府"):
        return name
    office = next((name + suffix for suffix in ("办公室", "办公厅") if name + suffix in text), None)
    if office is None:
        return name
    word = places[-1][-1]
    forms = {office, word + "政府" + office[-3:], word + "人民政府" + office[-3:]}
    if not report:
        # Another document (a notice, a news item) is the office's when the office acts in it
        # (3月31日,山东省人民政府办公厅对外公布了…) or signs it on a line of its own.
        alone = re.search(r"^\s*(?:" + "|".join(map(re.escape, forms)) + r")\s*$", text, re.M)
        # (…办公室编写了本报告: the office compiling its government's report, whatever the kind read.)
        acting = re.search(r"(?:^|[。；;，,\n]|年|日)\s*(?:" + "|".join(map(re.escape, forms)) + ")" + _NOT_ACTING
                           + r"(?!编写|编制|汇总|综合)[\u4e00-\u9fff]", text, re.M)
        return office if alone or acting else name
    if len(re.findall(r"[全我本]" + word + r"(?![县市区委])", text[:2000])) >= 2:
        return name  # 全省/我市 …: the government reports for its area, its office compiles
    if _OFFICE_SELF.search(text):
        return office
    start = r"(?:^|(?<=[。；;\n])|(?<=年[,，]))\s*"
    acting = len(re.findall(start + "(?:" + "|".join(map(re.escape, forms)) + ")" + _NOT_ACTING + r"[\u4e00-\u9fff]", text, re.M))
    government = len(re.findall(start + "(?:" + "|".join(map(re.escape, {name, word + "政府", word + "人民政府"}))
                                + ")" + r"(?!办公)" + _NOT_ACTING + r"[\u4e00-\u9fff]", text, re.M))
    return office if acting >= 2 and not government else name


def _branch_of(name, text):
    """A city bureau's county branch (梅州市公安局梅县区分局) when the report speaks as a county
    body (区委、区政府) and names that branch: the branch is the publisher."""
    from .level import own_area_counts, name_level

    if name_level(name) != "city":
        return name
    counts = own_area_counts(text[:2000])
    if not counts["county"] or counts["county"] < counts["city"]:
        return name
    match = re.search(re.escape(name) + r"([\u4e00-\u9fff]{1,6}?(?:区|县|市|旗))分局", text)
    return name + match.group(1) + "分局" if match else name


def town_body(town, text):
    """A town body by the name the text gives its government (五河镇人民政府, 梅花村街道办事处),
    else the town's own name (黄村镇); its county is in ``district``, not in the name."""
    name = town + ("办事处" if town.endswith(("街道", "地区")) else "人民政府")
    return name if name in text else town


def placed_government(found, place, text, report=True):
    """The government a report names only by its level word (县人民政府, or 我县 throughout),
    once the place is known: 岳阳县 + 县人民政府 → 岳阳县人民政府. When the place found has no
    division at that level, the government as the text names it (县政府: a spam mirror that
    replaced the county's name), else None. 我县 counts only in a ``report``: a department's
    notice says 结合我省实际 too."""
    generic = [c for c in found if c.generic]
    word = agencies.level_word(generic[0].name) if generic else (government_word(text) if report else None)
    if not word:
        return None
    division = {"省": place.province, "自治区": place.province, "州": place.city, "盟": place.city,
                "区": place.district, "县": place.district, "旗": place.district}.get(word)
    if word == "市":
        division = place.district if place.district and place.district.endswith("市") else place.city
    if not division or not division.endswith(word):
        if place.district or (word in ("区", "县", "旗", "市") and place.city) or not report:
            return None  # placed elsewhere than the level word says: not this government
        if any(name.endswith(word) for _start, names in find_places(text) for name in names):
            return None  # the text names such a division but its place was not settled
        # 全区政府信息公开 is no 区政府: the form must name the government, not start 政府信息.
        named = [form for form in (word + "人民政府", word + "政府") if re.search(form + r"(?!信息)", text)]
        return generic[0].name if generic else (named[0] if named else None)
    return division + "人民政府"


def government_word(text):
    """The level word of a government speaking of itself (我县, 我区 …) in a text that uses no
    department's self word, else None."""
    kind = self_kind(text)
    return kind[1] if kind and kind[0] == "government" else None


def find_agency(title, text, header, page=None):
    """The publishing body's fullest name (simplified), or None."""
    from .fold import Page

    page = page or Page(text, header)
    return choose(candidates(page, title, header), page.text)


def _government_of(place, names, text):
    """The formal name of a bare place's government (人民政府, 管委会)."""
    counts = {place + suffix: text.count(place + suffix) for suffix in ("人民政府", "管委会", "管理委员会", "行政公署")}
    best = max(counts, key=counts.get)
    if counts[best]:
        return best
    found, rest = divisions().leading_places(place)
    if found and not rest and found[-1].endswith("地区"):
        return "".join(found) + "行政公署"  # a 地区's government is its 行政公署 (行署)
    if found and not rest:
        # As the text writes it (奉节县人民政府 for the title's 重庆市奉节县), else by the division's
        # own name (天津市蓟州区 → 蓟州区人民政府): the places above it are in province and city.
        written = [form for form in ("".join(found[i:]) + "人民政府" for i in range(1, len(found))) if form in text]
        return written[0] if written else found[-1] + "人民政府"
    if agencies.ZONE.fullmatch(rest):
        return place + "管委会"
    for name in names:
        found, _function = agencies.split_agency(name)
        if "".join(found) == place and agencies.agency_type(name) in agencies.GOVERNMENT_TYPES:
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
    function = agencies.split_agency(base)[1]
    same = [name for name in pool if agencies.agency_type(name) == kind
            and _place_of(name, text).compatible(place)
            and (level == 0 or _level(_place_of(name, text)) == level)
            # a town body: only the same town written the same way (越溪乡, not 宁海县人民政府)
            and (not agencies.is_town(function) or agencies.split_agency(name)[1] == function)]
    if level == 0:
        _names, function = agencies.split_agency(base)
        bare = re.sub(r"^(?:自治区|省|市|州|盟|区|县|旗)", "", function)
        placed = [name for name in same if agencies.split_agency(name)[0] and _same_level_word(base, name)
                  and name.endswith(bare)]
        if placed:
            return max(placed, key=len)
        # 卫生健康委员会 (title) and 绵阳市卫生健康委 (contact): the same office, placed.
        if function == bare and agencies.exact_type(function):
            for name in same:
                places = agencies.split_agency(name)[0]
                if places:
                    return "".join(places) + function
        # 高新区管委会 and 乐山高新区管委会: the zone named after its city.
        from .place import zone_options

        zoned = [name for name in same if name != base and name.endswith(function) and zone_options(name)]
        if zoned:
            return max(zoned, key=len)
        # 城市管理局 (title) and 市城市管理局 (metadata): its level word says more.
        worded = [name for name in same if agencies.level_word(name) and name.endswith(function)
                  and not agencies.split_agency(name)[0]]
        return max(worded, key=len) if worded else base
    return max([base] + [name for name in same if not _doubled(name)], key=len)


def _doubled(name):
    """True for a name that repeats its place's level word (伊宁县县人民政府: a typo)."""
    places, function = agencies.split_agency(name)
    word = agencies.level_word(function)
    return bool(places and word and places[-1].endswith(word) and agencies.exact_type(function[len(word):]))


def _same_level_word(base, name):
    """区民政局 may become 涵江区民政局, not 滨江县民政局: the level word must match."""
    _names, function = agencies.split_agency(base)
    word = re.match(r"^(自治区|省|市|州|盟|区|县|旗)", function)
    if not word:
        return True
    found, _rest = agencies.split_agency(name)
    return bool(found) and found[-1].endswith(word.group(1))


def _prefixed_mentions(name, text, limit=20):
    """``name`` as it appears in ``text`` with the place names written right before it."""
    _names, function = agencies.split_agency(name)
    bare = re.sub(r"^(?:自治区|省|市|州|盟|区|县|旗)", "", function) if not _names else name
    table, found, start = divisions(), [], 0
    for _ in range(limit):
        index = text.find(bare, start)
        if index < 0:
            break
        start, prefix = index + len(bare), ""
        while True:
            for length in range(min(table.max_len, index), 1, -1):
                if text[index - length:index] in table.names:
                    prefix, index = text[index - length:index] + prefix, index - length
                    break
            else:
                break
        if prefix:
            found.append(prefix + bare)
    return found


def _renamed_mentions(name, kind, text):
    """Other names of the same office after the same places (河北省科技厅 → 河北省科学技术厅)."""
    places = "".join(agencies.split_agency(name)[0])
    if not places or not kind:
        return []
    return [places + other for other in agencies.type_names(kind) if places + other in text]
