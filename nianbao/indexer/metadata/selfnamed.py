"""The body a report speaks for when it calls itself only 我局, 我委, 我乡, 我区 …: the one body
of that kind the text names as its own — the issuer of its own documents (《广州市应急管理局2022年
政务公开工作实施方案》, 《均村乡人民政府信息公开指南》), the owner of its channels (乌海市统计局门户网,
甘肃林业和草原局门户网站, …微信公众号) and working groups (甘南州自然资源局信息公开领导小组), the subject of its disclosure work (盐津县公安局政府信息公开工作),
or the subject of one of its clauses (…方面,区财政局对涉及公共利益的…).

Decisions:
- The self word says what kind of body it is: 我局/本局/局机关 → a …局, 我委 → …委/委员会,
  我办 → …办/办公室, 我厅, 我部, 我署, 我院, 我中心, 我社 (供销社), 我会 (残联, 红十字会; not
  我会同…); 我乡/我镇/我街道/我苏木 → a town body;
  我省/我市/我州/我盟/我区/我县/我旗 → a government (a division named with that level word). A
  department's word wins: a 局 report also says 我区 when it means the district. The words of
  any office (本机关, 本单位, 本部门) come last: a government's report says them too (建立本部门
  的责任清单, the 2019 table's 本机关不掌握), so 我县 outweighs them. A report that speaks for
  every body of its area (全省各级行政机关, 海南省各级政府, 全县各级各部门) is its government's.
- Documents from above are not the body's own: a 关于…的通知/意见 and the like cite their issuer
  as an authority. A body whose level contradicts the text's own-area words (全县 in a county
  bureau's report that names 国家统计局) is not the one either (a 乡 or 区 says its level itself).
- Exactly one distinct body must qualify; two bodies of the kind name nobody.
- Used only when no other source names the publisher (a weak, last source).
"""
import re
from functools import lru_cache

from . import agencies
from .divisions import divisions, find_places
from .patterns import SUBJECT_VERBS

# Self word → what the body's name (its function part) ends with.
_DEPARTMENT_WORDS = [
    (re.compile(r"我局|本局|局机关|我分局|本分局"), re.compile(r"局$")),
    (re.compile(r"我委(?!员)|本委(?!员)"), re.compile(r"(?:委|委员会)$")),
    (re.compile(r"我办(?![理事公法])|本办(?![理事公法])"), re.compile(r"(?:办|办公室)$")),
    (re.compile(r"我厅|本厅"), re.compile(r"厅$")),
    (re.compile(r"我部(?![门分署])|本部(?![门分署])"), re.compile(r"部$")),
    (re.compile(r"我院|本院"), re.compile(r"院$")),
    (re.compile(r"我中心|本中心"), re.compile(r"中心$")),
    (re.compile(r"我社|本社"), re.compile(r"社$")),
    # 我会 (残联, 红十字会); 我会同… is 我 + 会同 (together with), 本会议 a meeting.
    (re.compile(r"我会(?![同议上见])|本会(?![议同计])"), re.compile(r"(?:会|联)$")),
    (re.compile(r"我署|本署|我行署"), re.compile(r"署$")),
]
_TOWN_WORDS = re.compile(r"我乡|本乡|我镇|本镇|我街道|本街道|我街(?!头)|我苏木")
_GOVERNMENT_WORDS = {"省": r"我省|本省", "市": r"我市|本市", "州": r"我州|本州", "盟": r"我盟",
                     "区": r"我区|本区", "县": r"我县|本县", "旗": r"我旗|本旗"}
# What follows a body's name when the text speaks of its own channel or its own disclosure work.
_OWN = re.compile(r"(?:门户网站|门户网|政府网站|网站|官网|官方网站|微信公众号|公众号|官方微博|政务微博|政务新媒体|栏目|专栏|"
                  r"(?:政府|政务)?信息公开(?:工作|专栏|平台|网|指南)|政务公开(?:工作|专栏|平台|网)|"
                  # its own working group (甘南州自然资源局信息公开领导小组, 县水利局宣传信息报道工作领导小组)
                  r"[^\s，。；、,;：:《》]{0,12}?领导小组)")
# A document from above (cited as an authority), not one the body made.
_DIRECTIVE = re.compile(r"关于|通知|意见|决定|批复|函$|条例")
# Where a document's title stops naming its issuer.
_ISSUER_END = re.compile(r"(?:19|20)\d{2}|关于|信息公开|政务公开|工作|年度")
_BOOK = re.compile(r"《([^《》]{2,60})》")
_LEVEL_NAMED = re.compile(r"(?:^|(?<=[，。；、：:\s在及和与立]))([省市区县州旗][^\s\d和及与网站的、，。]{2,14}?(?:局|委员会|办公室|办|厅|中心))"
                          r"(?=(?:政府)?信息公开|政务公开|门户网站|网站|官网|微信公众号|[^\s，。；、]{0,12}?领导小组)")


# A government's report speaks for every body of its area (全省各级行政机关, 海南省各级政府,
# 全县各级各部门); a department's says 全省各级 of its own line only.
_WHOLE_AREA = re.compile(r"(省|市|州|盟|区|县|旗)各级(?:各部门|行政机关|人民政府|政府)")
_CLAUSE_SUBJECT = re.compile(r"(?:^|[，,。；\n])\s*([^\s，。；、,;：:（）()《》“”\"]{3,30}?)(?=" + SUBJECT_VERBS + ")")
# An office speaking of itself without saying what kind it is (any office, no government).
_OFFICE_WORDS = re.compile(r"本机关|我单位|本单位|本部门|我部门")


# The 2019 table's rows say 本机关 for any body (本机关不掌握相关政府信息): no self word.
_TABLE_PHRASES = re.compile(r"本机关(?:不掌握|已|未|无)")
_ANY_OFFICE = re.compile(r"(?:局|委|委员会|办|办公室|厅|署|院|中心)$")


def self_kind(text):
    """What the report calls itself: ('department', pattern), ('town', None), ('government',
    level word), or None."""
    for word, suffix in _DEPARTMENT_WORDS:
        if word.search(text):
            return "department", suffix
    if _TOWN_WORDS.search(text):
        return "town", None
    counts = {level: len(re.findall(pattern, text)) for level, pattern in _GOVERNMENT_WORDS.items()}
    for match in _WHOLE_AREA.finditer(text):
        counts[match.group(1)] += 3  # 全省各级行政机关: the government reports for its whole area
    level = max(counts, key=counts.get)
    if counts[level]:
        return "government", level
    if _OFFICE_WORDS.search(_TABLE_PHRASES.sub("", text)):
        return "department", _ANY_OFFICE  # 我单位: some office, not a government
    return None


def self_named(text, own_level=None, governments=True):
    """The one body the text names as its own, matching its self word, or None; a government
    (我区, 我省) only when ``governments`` (annual reports: a department's notice says 我省 too)."""
    kind = self_kind(text)
    if kind is None or (kind[0] == "government" and not governments):
        return None
    found = {name for name in _own_names(text) if _fits(name, kind, own_level)}
    if len(found) == 1:
        return found.pop()
    return None


def _own_names(text):
    """Names of bodies the text presents as its own: its documents' issuers, its channels."""
    for match in _BOOK.finditer(text):
        title = re.sub(r"^\s*(?:(?:19|20)\d{2}\s*年度?)", "", match.group(1))
        if _DIRECTIVE.search(title):
            continue
        cut = _ISSUER_END.search(title)
        name = _name(title[:cut.start()] if cut else title)
        if name:
            yield name
    for start, _names in find_places(text):
        name = agencies.parse_prefix(text[start:start + 40])
        if name and _OWN.match(text, start + len(name)):
            yield name
    for match in _LEVEL_NAMED.finditer(text):
        # 市生态环境局政府信息公开指南: an office named by its level word, placed by the place found.
        name = agencies.parse_full(match.group(1))
        if name and _OWN.match(text, match.end(1)):
            yield name
    for match in _CLAUSE_SUBJECT.finditer(text):
        # A clause's subject (…方面,区财政局对涉及公共利益的…): a body doing the report's work.
        name = agencies.parse_full(match.group(1))
        if name:
            yield name
    for stem in _province_stems().finditer(text):
        # A province's short name before its department (甘肃林业和草原局门户网站).
        name = agencies.parse_prefix(text[stem.end():stem.end() + 30])
        if name and not agencies.split_agency(name)[0] and _OWN.match(text, stem.end() + len(name)):
            yield stem.group() + name


@lru_cache(maxsize=1)
def _province_stems():
    return re.compile("|".join(sorted(divisions().province_short, key=len, reverse=True)))


def _name(part):
    """The body a document title's issuer part names (a bare place is its government)."""
    part = part.strip(" 　")
    if not part:
        return None
    if part.endswith("政府") and not part.endswith("人民政府"):
        shorter = agencies.parse_full(part[:-2])  # 国家统计局政府信息公开…: 政府 is the report word's
        if shorter:
            return shorter
    return agencies.parse_full(part)


def _fits(name, kind, own_level):
    """True when ``name`` is a body of the kind the self word says, at a level the text allows."""
    from .level import name_level

    places, function = agencies.split_agency(name)
    level = name_level(name)
    what, detail = kind
    if what == "department":
        if own_level and level and level not in (own_level, "city_or_county"):
            return False
        placed = bool(places) or level == "central" or bool(agencies.level_word(function)) or any(
            name.startswith(stem) for stem in (name[:2], name[:3]) if stem in divisions().province_short)
        return (placed and bool(function) and bool(detail.search(function)) and not agencies.is_town(function)
                and agencies.agency_type(name) not in agencies.GOVERNMENT_TYPES)
    if what == "town":
        return agencies.is_town(function)
    # A government: a division named with the level word, bare or as its 人民政府.
    if function not in ("", "人民政府", "政府") or not places:
        return False
    return places[-1].endswith(detail)
