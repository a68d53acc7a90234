"""The publisher's level of government (``central`` / ``province`` / ``city`` / ``county`` /
``town``) and, for a 乡/镇/街道/苏木 body, its name (``town``).

Decisions:
- The level comes from the agency's name: a ministry (…部, 国家…局, 国务院…) with no place is
  ``central``; a town body (…镇人民政府, …街道办事处, …苏木, Beijing's …地区办事处 of the town
  table) is ``town``; otherwise the deepest
  place its name starts with (杭州市滨江区… → county), else the level word it starts with
  (省/自治区 → province, 州/盟/地区 → city, 区/县/旗 → county; 市 is a prefecture city or a
  county-level city, settled by the place found), else what the text calls its own area
  (全县/我县/县委 … counted; 我州/全盟 are a prefecture's, of city level, where 全市 may be a
  county-level city's), else None.
- 直辖市 bodies (北京市生态环境局) are ``province``; their districts' bodies are ``county``.
- A 开发区/高新区/新区/景区 committee is levelled by what holds it: the county when its name or
  place names one (新郑市黄帝故里景区 → county), else the city (兰州新区 → city), else the province;
  a zone named after its city whose text answers to a 区政府/县政府 more than to a 市政府 (杭州钱江
  经济开发区…落实区政府…) is a district's, not levelled when that district is not found.
- 省直辖县级 units (仙桃市, 济源市) are ``county``: they have no city above them.
- A vertically managed office is levelled by the local office after its national head
  (国家税务总局杭州市西湖区税务局 → county; 国家税务总局 alone → central).
- A level nothing settles is None, never a guess: the caller reads it off the place only when a
  clue about the body itself names that place (``place.firmly_placed``), and leaves a zone whose
  own name or host names a county unlevelled (county or city).
"""
import re

from .divisions import divisions

LEVELS = ("central", "province", "city", "county", "town")
DEPTH = {"central": 0, "province": 1, "city": 2, "county": 3, "town": 3}
_CENTRAL = re.compile(r"^(?:中华人民共和国|国务院|国家|中国|中央|海关总署|最高人民)|^[^省市县区州旗盟镇乡]{1,12}(?:部|署)(?:办公厅|办公室|[\u4e00-\u9fff]{1,8}司)?(?:[（(].*)?$"
                      r"|^[^省市县区州旗盟镇乡]{1,6}(?:流域管理局|水利委员会)$")
_TOWN = re.compile(r"([\u4e00-\u9fff]{1,10}?(?:街道|镇|乡|苏木))(?:人民政府|政府|办事处|街道办事处|党委|便民服务中心)?$")
_ZONE = re.compile(r"(?:开发区|高新区|经济区|新区|园区|实验区|保税港区|保税区|景区|风景区|示范区|合作区|试验区|工业区|度假区)")
_PREFIX = (("自治区", "province"), ("省", "province"), ("州", "city"), ("盟", "city"), ("地区", "city"),
           ("区", "county"), ("县", "county"), ("旗", "county"))
_OWN_AREA = {
    "province": re.compile(r"全省|我省|本省|省委|省政府"),
    "city": re.compile(r"全市|我市|本市|市委|市政府"),
    "county": re.compile(r"全县|我县|本县|县委|县政府|全区|我区|本区|区委|区政府|全旗|我旗|旗委|旗政府"),
    # A prefecture's own words (我州, 全盟): a 自治州/盟 is always of city level.
    "prefecture": re.compile(r"我州|本州|全州(?![县市区])|我盟|本盟|全盟"),
    "town": re.compile(r"全镇|我镇|本镇|镇党委|全乡|我乡|本乡|乡党委|我街(?!头)|本街道|街道党工委|我苏木"),
}


def town_name(agency):
    """The 乡/镇/街道/苏木 an agency's name ends in (县街街道办事处 → 县街街道), or None."""
    if not agency:
        return None
    _names, rest = divisions().leading_places(agency)
    if rest.endswith("地区办事处"):
        # Beijing's 地区办事处 (北京市朝阳区三间房地区办事处) governs a town-level 地区 of the town table.
        from .divisions import towns

        return rest[:-3] if rest[:-3] in towns() else None
    rest = re.sub(r"(?:人民政府|政府|办事处|党委|便民服务中心)$", "", rest)
    # The town is the last piece after a government or zone (区人民政府梅花村街道办事处).
    rest = re.split(r"人民政府|政府|管委会|管理委员会|" + _ZONE.pattern, rest)[-1]
    from .agencies import street_town

    if street_town(rest):
        return street_town(rest)
    match = re.fullmatch(r"[\u4e00-\u9fff]{1,10}?(?:街道|镇|乡|苏木)", rest)
    # 城乡建设局, 乡村振兴局: 乡 inside a function word is no town.
    if not match or re.search(r"城乡|乡村|和乡", rest):
        return None
    return rest


def is_zone(agency):
    """True when the agency is a development-zone or scenic-area committee."""
    return bool(agency and _ZONE.search(agency) and not town_name(agency))


_BRANCH = re.compile(r"(?:局|委员会|委)([\u4e00-\u9fff]{2,6}?)分局$")


# A vertically managed office names its national head first (国家税务总局杭州市西湖区税务局,
# 国家统计局宁波调查队, 中国人民银行温州市中心支行): the local office is what follows.
_NATIONAL_HEAD = re.compile(r"^(?:国家|中国|中华人民共和国)[\u4e00-\u9fff]{2,12}?(?:总局|总署|局|署|银行)")


def local_office(agency):
    """The local part of a vertically managed office's name (杭州市西湖区税务局 for 国家税务总局
    杭州市西湖区税务局; 北京市调查总队 for 国家统计局北京调查总队: a province's or city's short
    name is written in full) when a place follows its national head, else None."""
    head = _NATIONAL_HEAD.match(agency or "")
    if not head:
        return None
    rest = agency[head.end():]
    if divisions().leading_places(rest)[0]:
        return rest
    for length in (3, 2):
        places = divisions().stem_places(rest[:length]) if len(rest) > length + 1 else []
        if len(places) == 1 and places[0].district is None:
            return (places[0].city or places[0].province) + rest[length:]
    return None


def own_places(agency):
    """The place names an agency's name starts with, without a zone's own name (兰州新区 is the
    zone, not where it sits) and with a branch office's county (十堰市生态环境局郧阳分局 → 郧阳区)."""
    table = divisions()
    agency = local_office(agency) or agency
    names, rest = table.leading_places(agency or "")
    names = [name for name in names if not _ZONE.search(name)]
    branch = _BRANCH.search(rest)
    if branch:
        stem = re.sub(r"(?:自治县|县|区|市|旗)$", "", branch.group(1))
        counties = [p for p in table.county_stems.get(stem, [])]
        above = table.options(names)
        fits = [p for p in counties if any(p.compatible(a) for a in above)] if above else counties
        if len(fits) == 1:
            names = names + [fits[0].district]
    return names


def name_level(agency):
    """The level an agency's name states, or None; ``city_or_county`` for a bare 市 prefix."""
    if not agency:
        return None
    if town_name(agency):
        return "town"
    agency = local_office(agency) or agency
    names, rest = divisions().leading_places(agency)
    if not names and _CENTRAL.search(agency) and not _ZONE.search(agency):
        return "central"
    names = own_places(agency)
    if names:
        options = divisions().options(names)
        if options:
            depth = min(p.depth() for p in options)
            place = options[0]
            if depth >= 3 or (depth == 2 and place.city is None):
                return "county"
            if depth == 2:
                return "city"
            return "province"
    for word, level in _PREFIX:
        if rest.startswith(word):
            return level
    if rest.startswith("市"):
        return "city_or_county"
    if rest.endswith("厅") and not rest.endswith("办公厅"):
        return "province"
    return None


_ABOVE = {"province": re.compile(r"省委、省政府"), "city": re.compile(r"市委、市政府")}


def own_area_counts(text):
    """How often the text uses each level's own-area words (全县, 我市, 区委 …)."""
    return {level: len(pattern.findall(text)) for level, pattern in _OWN_AREA.items()}


def text_level(text):
    """The level whose own-area words (全县, 我市 …) the text uses most, or None."""
    counts = own_area_counts(text)
    # 党中央、国务院决策部署和省委、省政府工作要求: a pair naming the bodies above is no own word.
    for level, pair in _ABOVE.items():
        counts[level] -= 2 * len(pair.findall(text))
    counts["city"] += counts.pop("prefecture")
    best = max(counts, key=counts.get)
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] >= 2 and ranked[0] >= 2 * ranked[1]:
        return best
    return None


def prefecture_words(text):
    """True when a text's own-area words are a prefecture's (我州, 全盟) more than a city's (全市)."""
    counts = own_area_counts(text)
    return counts["prefecture"] > counts["city"]


def level_of_place(place, zone=False):
    """The level of a body sitting at ``place`` (used for zones and settled 市 bodies)."""
    if place.district:
        return "county"
    if place.city:
        return "city"
    if place.province:
        return "province"
    return None
