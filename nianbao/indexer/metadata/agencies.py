"""Agency names: recognise them, find where a report states its publisher, and map them
to a canonical type (``data/agency_types.tsv``).

An agency name is an optional chain of place names (indexer.divisions) followed by a function
part ending in an agency suffix (人民政府, 管委会, 委员会, 局, 厅, 委, 办公室, 中心 …).

Decisions:
- In running text (contact phrases, headers) the SHORTEST name is taken: "淮安市洪泽区人民政府
  办公室" → 淮安市洪泽区人民政府, because reports name the office that compiled them after the body
  they report for. A title is taken as written (its remainder after the year and report words).
- A type missing from the table is the function part as published (文物局), never a guess.
- A function part ends in a generic suffix (局, 委, 办, 厅, 署 …) or in a name of the type table
  that ends otherwise (海关, 残联, 红十字会, 供销社, 供销合作社联合社, 工商联, 行署): extending the
  table extends the grammar. The table is hand-maintained with its sources in its header; no
  maintained package ships a clean list of government body names (JioNLP has none, jieba's
  organisation words mix party organs, foreign parliaments, news agencies and firms).
- A government's town office is the town's (宣武区政府大栅栏街道办事处).
- Central bodies named without 国家/国务院 (交通运输部, 审计署, 太湖流域管理局) are known from
  ``data/central_bodies.tsv``, kept apart from the type table, whose names are also search
  synonyms after a place (a ministry is no local office's other name). A ministry's name ends a
  name whatever follows (交通运输部施行《…》办法), except 部门.
- Only well-formed names are publishers (``well_formed``): a place chain, a level word, a
  central head, a ministry (or its 办公厅, …司), a town, a zone or a known office, with no verb
  (印发, 明确, 提高 …), self word (我镇), page chrome (返回顶部) or template placeholder (xx县,
  某某局) inside, no words before a ministry's name and no junk run into a listed town (使县街
  街道). A list of joint issuers run together is none (人力资源社会保障部财政部).
"""
import re
from functools import lru_cache

from .divisions import DATA, divisions

# Longest first, so 委员会 wins over 委 and 办公室 over 办 at the same position.
# 政府 before 信息 is the start of 政府信息公开, not a government.
_GENERIC_SUFFIXES = ("管理委员会|人民政府(?!信息)|管委会|委员会|办公室|办公厅|政府(?!信息)|中心|局|厅|委|办|院|署|处|馆|"
                     "部(?=$|[^\u4e00-\u9fff]|办公厅|政府信息|信息公开|关于|20|19)")
_GENERIC_END = re.compile(r"(?:管理委员会|人民政府|管委会|委员会|办公室|办公厅|政府|中心|局|厅|委|办|院|署|处|馆|部)$")
# A town body: its name is the whole function part (彭场镇, 县街街道办事处, 巴音乌兰苏木人民政府).
_TOWN = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:街道|镇|乡|苏木)(?:人民政府|政府|街道办事处|办事处)?")
# A zone named as a place (平潭综合实验区, 兰州新区): a body when its committee is meant.
ZONE = re.compile(r"[\u4e00-\u9fff]{2,14}?(?:综合实验区|临空经济区|经济区|新区|高新技术产业开发区|高新区|经济技术开发区|经济开发区|开发区|"
                  r"保税港区|保税区|工业园区|产业园区|示范区|合作区|试验区|风景区|景区|度假区)")
_NOT_TOWN = re.compile(r"城乡|乡村|和乡|乡镇")
# The rest of a suffix the shortest match stopped inside (商务委 → 商务委员会, 政府办 → 政府办公室).
_SUFFIX_REST = re.compile(r"员会|公室|公厅|联合社|[\u4e00-\u9fff]{2,8}?分局")
# Characters an agency's function part never contains (function words, digits, punctuation).
_BODY = r"[^\s\d的在对是为与及于年月日我本其该将已从向了把被等各、，。；：:！？!?（）()《》〈〉“”\"'【】\[\]·•・.\-—/]"
_LEVEL_ABBREV = re.compile(r"^[省市区县州旗]")
GOVERNMENT_TYPES = ("人民政府", "管理委员会", "行政公署")

# Phrases that introduce the publisher or compiler of a report.
_PHRASES = re.compile(
    r"请与\s*(?P<a>[^，。；、\s]{2,40}?)联系"
    r"|请联系[：:]?\s*(?P<b>[^，。；、\s]{2,40})"
    r"|由\s*(?P<c>[^，。；、\s]{2,30}?)(?:负责)?(?:编制|编写|汇总)"
    r"|(?:单位名称|填报单位|编制单位|发布机构|发文机关)[：:]\s*(?P<d>[^，。；、\s]{2,40})")


@lru_cache(maxsize=1)
def _patterns():
    """(lazy, full) agency-name patterns: a function part ending in a generic suffix or in a
    name of the type table that ends otherwise (海关, 残联, 红十字会, 供销社, 行署)."""
    endings = {name for name in _body_table() if not _GENERIC_END.search(name)}
    # A longer name that continues one of them (海关总署 after 海关) must be tried first.
    endings |= {name for name in _body_table() if any(name.startswith(e) and name != e for e in endings)}
    # A ministry's own name ends a name whatever follows (交通运输部施行…), but not 部门 (民政部门).
    ministries = {name + "(?!门)" for name in _central_table() if name.endswith("部")}
    endings = sorted(endings | ministries, key=len, reverse=True)
    suffixes = "|".join(endings + [_GENERIC_SUFFIXES])
    return (re.compile(rf"(?:{_BODY}{{0,16}}?)(?:{suffixes})"), re.compile(rf"(?:{_BODY}{{0,16}})(?:{suffixes})"))


def split_agency(name):
    """Split an agency name into (place names, function part)."""
    return divisions().leading_places(name)


# A free-trade zone names its province in brackets (中国(福建)自由贸易试验区福州片区管理委员会).
_FTZ_HEAD = re.compile(r"^中国[（(][\u4e00-\u9fff]{2,3}[)）](?=自由贸易)")


def parse_prefix(text):
    """The shortest agency name that starts ``text`` (place chain + function + suffix), or None."""
    head = _FTZ_HEAD.match(text)
    if head:
        rest = parse_prefix(text[head.end():])
        return head.group() + rest if rest else None
    names, rest = split_agency(text)
    town = _town_prefix(rest)
    if town:
        return "".join(names) + town
    match = _patterns()[0].match(rest)
    if match is None or not _valid_function(match.group()):
        return None
    function = match.group()
    more = _SUFFIX_REST.match(rest, match.end())
    if more:
        function += more.group()
    # 宣武区政府大栅栏街道办事处: a government's town office is the body named.
    if function.endswith("政府"):
        town = _town_prefix(rest[len(function):])
        if town:
            return "".join(names) + function + town
    return "".join(names) + function


def _town_prefix(rest):
    """The town body ``rest`` starts with (越溪乡, 县街街道办事处), when nothing else follows it."""
    match = _TOWN.match(rest)
    if not match or _NOT_TOWN.search(match.group()):
        return None
    after = rest[match.end():match.end() + 1]
    # 镇政府办公室 is the town's office; 乡村振兴局 is no town.
    if after and re.match(r"[\u4e00-\u9fff]", after) and not rest.startswith(
            ("党", "办公室", "信息公开", "政务公开", "政府信息"), match.end()):
        return None
    return match.group()


def parse_full(text):
    """``text`` itself if it is exactly an agency name or a bare place chain, else None."""
    text = text.strip(" \u3000")
    head = _FTZ_HEAD.match(text)
    if head:
        return text if parse_full(text[head.end():]) else None
    names, rest = split_agency(text)
    if not rest:
        return text if names else None
    if _patterns()[1].fullmatch(rest) and _valid_function(rest):
        return text
    if (_TOWN.fullmatch(rest) and not _NOT_TOWN.search(rest)) or street_town(rest):
        return text
    if ZONE.fullmatch(rest) or ZONE_KIND.fullmatch(rest):
        return text
    return None


def _valid_function(function):
    # A bare suffix ("局", "政府" after a place is fine; "局" alone is not a function).
    return len(function) >= 2


@lru_cache(maxsize=1)
def _type_table():
    table = {}
    with open(DATA / "agency_types.tsv", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    for canonical, names in rows[1:]:
        for name in names.split(","):
            table[name.strip()] = canonical
    return table


@lru_cache(maxsize=1)
def _central_table():
    """{name: canonical type} of the central bodies named without a national head
    (``data/central_bodies.tsv``: 交通运输部, 审计署, 流域管理局 …)."""
    with open(DATA / "central_bodies.tsv", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    return {name: canonical for name, canonical in rows[1:]}


@lru_cache(maxsize=1)
def _body_table():
    """{name: canonical type} of every office the grammar knows: the type table's local offices
    and the central bodies."""
    return {**_type_table(), **_central_table()}


def agency_type(name):
    """Canonical type of an agency name (应急管理局 for 环翠区安监局), or None for a bare place."""
    if not name:
        return None
    _names, function = split_agency(name)
    if not function:
        return None
    if is_town(function):  # 越溪乡, 彭场镇人民政府: a town government; 北街街道(办事处): its office
        return "街道办事处" if "街道" in function else "乡镇人民政府"
    table = _body_table()
    for candidate in (function, _LEVEL_ABBREV.sub("", function)):
        if candidate in table:
            return table[candidate]
    # Longest known name the function part ends with (国家税务总局平潭综合实验区税务局 → 税务局).
    for start in range(1, len(function) - 1):
        if function[start:] in table:
            return table[function[start:]]
    return function


def type_names(kind):
    """Every name in the type table for canonical type ``kind`` (科学技术 → 科学技术厅, 科技局 …)."""
    return [name for name, canonical in _type_table().items() if canonical == kind]


def phrase_agencies(text):
    """Agencies named in contact/compiler phrases (请与…联系, 由…编制, 单位名称：…), in order."""
    found = []
    for match in _PHRASES.finditer(text):
        chunk = next(g for g in match.groups() if g)
        name = parse_prefix(chunk)
        if name:
            found.append(name)
    return found


def level_word(function):
    """The level word an agency's function part starts with (省, 市, 自治区 …), or None."""
    match = re.match(r"^(?:自治区|省|市|州|盟|区|县|旗)", function or "")
    return match.group() if match else None


def known_type(function):
    """True when a function part (less its level word) is an office the type table knows."""
    table = _body_table()
    bare = _LEVEL_ABBREV.sub("", function or "")
    return function in table or bare in table or any(bare.endswith(name) for name in table if len(name) >= 3)


def is_town(function):
    """True when a function part is a town body (新华街道办事处, 黄村镇人民政府, 白云街)."""
    return (bool(_TOWN.fullmatch(function or "")) and not _NOT_TOWN.search(function)) or bool(street_town(function))


def street_town(function):
    """The 街道 a short 街 name stands for (白云街 → 白云街道, as Guangzhou writes them), when the
    town table has a 街道 so named; else None. A street (解放街) is no body."""
    match = re.fullmatch(r"([\u4e00-\u9fff]{2,4})街", function or "")
    if not match:
        return None
    from .divisions import towns

    name = match.group(1) + "街道"
    return name if name in towns() else None


def exact_type(function):
    """True when a function part is itself a name in the type table (卫生健康委员会)."""
    return function in _body_table()


# Words no body's name contains: verbs and adverbs of running text (印发市政府办公厅, 明确一名管委会,
# 进一步提高我镇), a text's self words (我镇), page chrome (返回顶部, 首页, 打印) and template
# placeholders (xx县供销社, 某某局, ××街道).
_NOT_IN_A_NAME = re.compile(
    r"我|印发|转发|明确|提高|进一步|认真|坚持|做好|贯彻|落实|加强|加快|深入|扎实|切实|积极|全面|不断|持续|"
    r"开展|召开|要求|关于|根据|按照|依据|通过|经过|同意|负责|配合|指导|安排|部署|报送|审议|主持|因此|同时|其中|以及|"
    r"提升|推动|优化|完善|规范|健全|建立|深化|强化|打造|实施|推行|确保|及时|现将|公布|申请|结合|确定|汇总|回顾|总结|调整|"
    r"作为|成立|制定|特编制|了|全[省市县区镇乡旗州盟]|以上|以下|各级|"
    r"返回|顶部|首页|打印|关闭|分享|收藏|字体|浏览|登录|注册|搜索|网站|门户|主页|栏目|上一篇|下一篇|当前位置|"
    r"[xX×Ｘｘ]{2}|某某|\*{2}")
PLACEHOLDER = re.compile(r"[xX×Ｘｘ]{2}|某某|\*{2}")
# A body's name starts with a place, a level word, a central head or a name the type table knows.
_CENTRAL_HEAD = re.compile(r"^(?:中华人民共和国|国务院|国家|中央|中国|最高人民|全国)")
# A zone named by its kind alone (开发区, 高新区管委会, 开发区信息公开领导小组办公室).
_ZONE_START = re.compile(r"^(?:开发区|高新区|经济区|新区|园区|实验区|保税区|景区|示范区|合作区|试验区)")
ZONE_KIND = re.compile(r"(?:开发区|高新区|经开区|新区|园区|保税区|景区|示范区)(?:管委会|管理委员会)?")


@lru_cache(maxsize=1)
def _ministries():
    """The ministries' own names (交通运输部, 人社部), longest first."""
    names = sorted((name for name in _central_table() if name.endswith(("部", "署"))), key=len, reverse=True)
    return re.compile("|".join(names))


def well_formed(name):
    """True when ``name`` reads as a body's name: a place chain, a level word, a central head
    (国家, 国务院 …), a town or a zone, or an office the type table knows, ending in a body
    suffix — and no verb, self word, page chrome or placeholder inside it."""
    if not name or _NOT_IN_A_NAME.search(name):
        return False
    places, function = split_agency(name)
    if not function:
        return bool(places)
    ministry = _ministries().search(function)
    if ministry and ministry.start() and not _CENTRAL_HEAD.fullmatch(function[:ministry.start()]):
        return False  # 编制应急管理部: words before a ministry's name
    if ministry:
        # A ministry, its general office or a department of it (人力资源社会保障部办公厅, …专技司);
        # not a list of joint issuers (人力资源社会保障部国家发展改革委财政部).
        return bool(re.fullmatch(r"(?:办公厅|办公室|[\u4e00-\u9fff]{1,8}司)?", function[ministry.end():]))
    if places or level_word(function) or _CENTRAL_HEAD.match(function):
        return True
    if is_town(function):
        return not _junk_before_town(function) and not function.startswith(("综合", "统筹", "汇总"))
    return bool(ZONE.match(function)) or bool(_ZONE_START.match(function)) or known_type(function)


def _junk_before_town(function):
    """True when a town body's name is no listed town but ends in one (使县街街道: 县街街道 with
    a verb's character before it)."""
    from .divisions import towns
    from .level import town_name

    town = town_name(function)
    if not town or town in towns():
        return False
    return any(town[start:] in towns() for start in range(1, len(town) - 2))
