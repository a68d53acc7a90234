"""Where the publisher sits: province / city / district, weighed from every clue the page gives.

Clues, strongest first (weights in ``WEIGHTS``): the agency's own name (杭州市滨江区民政局, or a
province's short name: 甘肃林业和草原局), the title, the contact address, the web host spelled in
pinyin (ninghai.gov.cn), the town table (参内乡 is only in 安溪县), the signature, the body's
channels and papers named after its place's short name (“武汉民政”微信公众号, 、临沧日报),
documents the report cites (《天津市政府信息公开规定》, 《2018年和平区…》), the contact phone's
area code (0631 → 威海市), the postal code, host initials, a document number's province
abbreviation (浙政办发 → 浙江, data/province_abbr.tsv), and other place names in the opening.
Each clue gives one or more candidate places; ambiguous clues (长安区, hz) share their weight
among their candidates.

Decisions:
- The publisher's level (``indexer.metadata.level``) says how deep to go: a provincial body
  gets no city, a city body no district, a 直辖市 district no city.
- A level is filled only when the best candidate scores at least ``THRESHOLD`` and at least
  twice the runner-up, or when every clue for the runner-up also allows the best one and the
  best has at least one more point (长安区 plus a cited 西安市 document); otherwise the next level
  up is tried, and a field that stays undecided is null — a wrong district is worse than none.
  Weak clues (host initials, phone, postal code, a document number's abbreviation — 新政办 is
  新乡's, not 新疆's —, a channel named after a county's short name — 光明日报 is no 光明区
  paper) can confirm or choose between candidates, but not decide alone. On a tie the more specific place goes first, and a
  county-level city beats the prefecture whose support is all shared with it (“抚远发改” →
  抚远市, not only 佳木斯市).
- An address naming a district the list lacks (北京市宣武区: merged away in 2010) blocks today's
  district: a town table or host would give the district of today, not the body's.
- A zone's bracketed part (北京大兴国际机场临空经济区(廊坊)管理委员会) is where its committee sits,
  wherever the zone's name starts; a zone named after a province's short name and a county
  (宁夏平罗工业园区) is placed by the county, not only the province.
- A town named with its county anywhere in the opening, a cited title too (《关于成立长汀县馆前镇
  …的通知》), is a mention of that county.
- A town's name alone, with no other clue agreeing (a phone code, a mention, a host), places
  nothing: the town table is today's and its 43,000 names repeat.
- The site a report's electronic copy is downloaded from (电子版可在吉林市科技网(…)下载) is the
  body's own channel, named after its place.
- A site's news column named after its place (乡街动态、顺城要闻、部门动态) is the body's own channel.
- A government portal named 中国 + its place (“中国永嘉”县政府门户网站, “中国·株洲”政府门户网站) is
  the body's own channel: on a mirror that replaced the place's name it may be all that is left.
- A two-character county (和县, 沛县) mentioned right before 县政府/县委/县直, or whose stem is a
  conjunction or preposition run into the words before it, is read as the function word plus the
  level word (《条例》和县政府: "and the county government"; 平台和县商务预报网站), not as the county.
- A zone's name is searched for a division's stem after words that are places themselves only
  (安徽宣城高新区), and a place name inside the agency's own name that its place chain does not
  give is the body's name shortened (银湖湾滨海新区管委会 → 滨海新区): neither is 天津's 滨海新区.
- Values are the division table's official names, simplified characters; a division renamed
  since the report's year keeps the name the body itself used then (``Divisions.as_named``).
"""
import re
from collections import defaultdict
from functools import lru_cache
from dataclasses import dataclass, field

from .divisions import Place, area_codes, divisions, find_places, postcodes, province_abbreviations, towns
from .hosts import host_clue
from .level import own_places

WEIGHTS = {"agency": 10.0, "title": 8.0, "address": 4.0, "host": 3.0, "town": 3.0,
           "signature": 3.0, "channel": 2.0, "channel_weak": 1.0, "cited": 1.5, "docnumber": 1.0, "phone": 1.5,
           "postcode": 1.5, "host_weak": 1.0, "mention": 1.0}
# The score a place needs, by depth: one province named is enough for a provincial body;
# a city or district needs more, or two clues that agree.
THRESHOLD = {1: 1.0, 2: 2.0, 3: 2.0}
MENTION_CAP = 3.0  # all mentions of one name together count at most this much
_ADDRESS = re.compile(r"(?:通信地址|通讯地址|联系地址|办公地址|地址|地\s+址)\s*[：:]\s*([^\n，。；;,]{2,40})")
_PHONE = re.compile(r"(?:电话|热线|传真|联系方式|Tel|TEL|咨询)[^\d\n]{0,12}[（(]?(0\d{2,3})[)）\-－—\s]?\s*(\d{7,8})")
_POSTCODE = re.compile(r"(?:邮编|邮政编码)\s*[：:]?\s*(\d{6})(?!\d)")

@lru_cache(maxsize=1)
def _doc_number():
    """A document number's issuer abbreviation: 浙政办发〔2019〕, 豫政办〔2020〕, 皖政【2007."""
    abbreviations = "".join(province_abbreviations())
    return re.compile(r"([" + abbreviations + r"])(?:政|府|办|委)[\u4e00-\u9fff]{0,4}?\s*[〔\[【［]\s*(?:19|20)\d{2}")
_CITED = re.compile(r"《(?:关于)?([^》]{2,60})》")
_ZONE_STEM = re.compile(r"(?:临空经济区|经济区|新区|高新区|高新技术产业开发区|经济技术开发区|经济开发区|开发区|综合实验区|保税港区|保税区|"
                        r"工业园区|产业园区|园区|示范区)")
# What a cited document's issuer is when it is a national one.
_NATIONAL = ("中华人民共和国", "国务院", "中共中央", "全国")


@dataclass
class Clue:
    """One piece of place evidence: where it was read, what it said, its candidate places."""

    source: str
    text: str
    options: list
    weight: float

    def describe(self):
        """``source: text → places`` for --explain."""
        places = ", ".join(str(p) for p in self.options[:4]) + (" …" if len(self.options) > 4 else "")
        return f"{self.source}: {self.text} → {places} (weight {self.weight:g})"


@dataclass
class PlaceDecision:
    """The chosen place, the clues weighed, and the candidates rejected (for --explain)."""

    place: Place
    clues: list = field(default_factory=list)
    rejected: list = field(default_factory=list)  # (Place, score)
    depth: int = 0


def chain_options(name):
    """Candidate places of the place chain that starts ``name`` (杭州市滨江区民政局), or of the
    province's short name it starts with (甘肃林业和草原局)."""
    from .agencies import parse_full
    from .level import own_places

    options = divisions().options(own_places(name))
    if options or not name:
        return options
    from .level import town_name

    town = town_name(name)
    for end in (3, 2):
        stem = name[:end]
        rest = name[end:]
        if town and town.startswith(stem):
            break  # 北京街道办事处: a town named like a province (广州's 北京街道) is no province
        if stem in divisions().province_short and parse_full(rest) and not divisions().leading_places(rest)[0]:
            return [divisions().province_short[stem]]
    return []


def zone_options(name):
    """Candidate places of a zone named after a division stem (兰州新区, 长春高新区): the division."""
    table = divisions()
    match = _ZONE_STEM.search(name or "")
    if not match:
        return []
    stem = name[:match.start()]
    for start in range(0, max(len(stem) - 1, 0)):  # 安徽宣城高新区, 泰州医药高新区
        if start and not table.stem_places(stem[:start]) and (
                table.leading_places(stem[:start])[1] or not table.leading_places(stem[:start])[0]):
            continue  # 银湖湾滨海新区: a zone's own name, not 天津's 滨海新区 (words before it are no place)
        for end in range(len(stem), start + 1, -1):
            if stem[start:end] in table.short:
                return [place for _level, place in table.short[stem[start:end]]]
    for end in range(len(stem), 1, -1):  # 重庆高新区: a 直辖市's zone
        if stem[:end] in table.province_short:
            return [table.province_short[stem[:end]]]
    return []


def body_options(name):
    """Candidate places of a body's name: its place chain, or the county a zone's name carries
    after a province's short name (宁夏平罗工业园区 → 平罗县, not only 宁夏)."""
    chain = chain_options(name)
    zone = zone_options(name)
    if chain and zone and all(any(z.compatible(c) and z.depth() > c.depth() for c in chain) for z in zone):
        return zone
    return chain or zone


# A zone's part in one place, bracketed after the zone's name (北京大兴国际机场临空经济区(廊坊)管理委员会).
_ZONE_BRACKET = re.compile(r"(?:区|园)[（(]([\u4e00-\u9fff]{2,8})[)）]")
_PLAIN_BRACKET = re.compile(r"[（(][^（）()]{1,12}[)）]")


def bracket_options(name):
    """The place a zone's bracketed part names (…临空经济区(廊坊)… → 廊坊市), or []: that part of
    the zone is the body, wherever the zone's name starts."""
    for match in _ZONE_BRACKET.finditer(name or ""):
        inner = match.group(1)
        names, rest = divisions().leading_places(inner)
        options = divisions().options(names) if names and not rest else divisions().stem_places(inner)
        if options:
            return options
    return []


def gather_clues(page, agency, title, signature_names=(), town=None):
    """Every place clue of a page, with its weight."""
    clues = []

    seen = set()

    def add(source, text, options, weight=None):
        options = list(dict.fromkeys(p for p in options if p.depth()))
        if options and (source, text) not in seen:
            seen.add((source, text))
            clues.append(Clue(source, text, options, WEIGHTS[source] if weight is None else weight))

    bracket = bracket_options(title)
    if agency:
        named = bracket if bracket and agency in _PLAIN_BRACKET.sub("", title) else []
        add("agency", agency, named or body_options(agency))
    if title:
        stripped = re.sub(r"^\s*(?:关于)?(?:19|20)\d{2}\s*年度?", "", title)
        add("title", title, bracket or body_options(stripped))
    for name in signature_names:
        add("signature", name, chain_options(name))
    head = page.head
    for match in _ADDRESS.finditer(head):
        for start, names in find_places(match.group(1))[:1]:
            options = divisions().options(names)
            add("address", match.group(1), options)
            rest = match.group(1)[start + len("".join(names)):]
            unlisted = _UNLISTED_COUNTY.match(rest)
            # A county renamed since (洪泽县 → 洪泽区) is still listed by its stem.
            if (unlisted and options and all(p.district is None for p in options)
                    and unlisted.group()[:-1] not in divisions().county_stems):
                # 北京市宣武区…: a district the list no longer has (merged away since): the body's
                # district is not the one a town or host of today would give.
                clues.append(Clue("unlisted", unlisted.group(), options, 0.0))
    clue = host_clue(page.url)
    if clue:
        add("host" if clue.strong else "host_weak", clue.host, clue.options,
            None if clue.strong else WEIGHTS["host_weak"])
    if town:
        add("town", town, towns().get(town, []))
        # The town named with its county anywhere, a cited document's title too (《关于成立长汀县
        # 馆前镇…领导小组的通知》): the county it is in, agreeing with the town table or not.
        for start, names in find_places(page.head):
            end = start + len("".join(names))
            if page.head.startswith(town, end):
                add("mention", "".join(names) + town, divisions().options(names))
    for match in _PHONE.finditer(head):
        code = match.group(1)
        place = area_codes().get(code[:4]) or area_codes().get(code[:3])
        if place:
            add("phone", code, [place])
    for match in _POSTCODE.finditer(head):
        code = match.group(1)
        place = next((postcodes()[code[:n]] for n in (5, 4, 3, 2) if code[:n] in postcodes()), None)
        if place:
            add("postcode", code, [place])
    cited = set()
    for match in _CITED.finditer(head):
        document = match.group(1)
        if document.startswith(_NATIONAL) or document in cited:
            continue
        cited.add(document)
        # 《2018年和平区政务公开重点工作安排》: the issuer after the year.
        names, _rest = divisions().leading_places(re.sub(r"^(?:19|20)\d{2}\s*年度?", "", document))
        if names:
            add("cited", document, divisions().options(names))
    for match in _doc_number().finditer(head):
        # 浙政办发〔2019〕12号: the abbreviation of a province; a city's numbers start the same way
        # (新政办 is 新乡's), so it only confirms.
        place = province_abbreviations().get(match.group(1))
        if place:
            add("docnumber", match.group(), [place])
    for match in _DOWNLOAD.finditer(head):
        # 本报告的电子版可在吉林市科技网(www.jlst.gov.cn)下载: the body's own site, named after its place.
        names, _rest = divisions().leading_places(match.group("site"))
        if names:
            add("channel", match.group("site"), divisions().options(names))
    for stem, options, own in channel_stems(head):
        # A county's short name is a common word more often (光明日报 is no 光明区 paper): it only
        # confirms, unless it names the body's own account or site (“抚远发改”微信公众号).
        add("channel" if own or all(not p.district for p in options) else "channel_weak", stem, options)
    add_mentions(clues, head, agency)
    return clues


# A county-level name right after a province or city in an address, when the list has no such
# county (宣武区, 崇文区, 闸北区: merged away): not a zone, a city's own area or a street.
_UNLISTED_COUNTY = re.compile(r"(?![^区县]{0,2}(?:新|高新|开发|园|景|社|片|街|工业|保税|经济|城|市|辖|郊|老|主|该|本|全|各|小|校|营|厂|矿|林|牧))"
                              r"[\u4e00-\u9fff]{2,3}?(?:区|县)(?![\u4e00-\u9fff]{0,1}(?:政府|委|局))")


# The site a report's electronic copy is downloaded from (电子版可在吉林市科技网(…)下载).
_DOWNLOAD = re.compile(r"电子版[^。\n]{0,12}?(?:在|从|于|登录)\s*[“\"]?(?P<site>[\u4e00-\u9fff]{2,20}?(?:网站|网))")
# A name in a list or in quotes (通过“武汉民政”微信公众号, 、临沧日报, 《深圳晚报》) that starts with a
# division's short name: the report's own channels and papers are named after its place.
_CHANNEL_START = re.compile(r"(?:[“\"「]中国\s*[·・•.．]?\s*|^|[“\"「《、，,：:；;（(\s\d]|通过|利用|依托)")
_PORTAL_HEAD = re.compile(r"[“\"「]中国\s*[·・•.．]?\s*$")
_OWN_CHANNEL = r"(?:微信公众号|公众号|政务微博|微博|政务网|政府网|门户网站|融媒体|手机报|客户端|要闻)"
_CHANNEL = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:(?P<own>" + _OWN_CHANNEL + r")|日报|晚报|早报|电视台|新闻网)"
                      r"|[\u4e00-\u9fff]{0,6}?(?:发布|视窗|之窗|在线|网|资讯|新闻)[”\"」》]"
                      r"|[\u4e00-\u9fff]{1,6}[”\"」》](?P<quoted_own>\s*" + _OWN_CHANNEL + ")"
                      # “中国永嘉”县政府门户网站, “中国·株洲”政府门户网站: a government portal named 中国 + its place.
                      r"|[”\"」](?P<portal>\s*(?:[县市区州旗盟]|自治[县州区])?(?:人民)?(?:政府)?(?:门户网站|门户网|网站))")
_CHANNEL_END = re.compile(_OWN_CHANNEL + r"|日报|晚报|早报|电视台|新闻网|(?:发布|视窗|之窗|在线|网|资讯|新闻|[\u4e00-\u9fff])[”\"」》]")


def channel_stems(text):
    """(stem, places, own) for each channel or paper named after a division's short name; ``own``
    when it is an account or site (not a newspaper)."""
    table, found, seen = divisions(), [], set()
    # Look back from each channel word for a name start (cheaper than trying every start).
    for end in _CHANNEL_END.finditer(text):
        low = max(0, end.start() - 12)
        for start in _CHANNEL_START.finditer(text, low, end.start()):
            i = start.end()
            if i in seen or i >= end.start():
                continue
            seen.add(i)
            for length in (4, 3, 2):
                stem = text[i:i + length]
                places = table.stem_places(stem) if len(stem) == length else []
                channel = _CHANNEL.match(text, i + length) if places and stem not in table.names else None
                if channel and channel.group("portal") and not _PORTAL_HEAD.search(text, max(0, i - 4), i):
                    channel = None  # “永嘉”网站 without 中国: a name in quotes, not the portal's
                if channel:
                    found.append((stem, places, bool(channel.group("own") or channel.group("quoted_own")
                                                     or channel.group("portal"))))
                    break
    return found


# A level word starting a government's or committee's name (县政府, 区委, 县直): after a one-character
# county stem it reads as the word before it plus 县政府 (和县政府 is "and the county government").
_LEVEL_WORD_AFTER = re.compile(r"[县区旗](?:政府|委|直|级|域)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Conjunctions and prepositions that a one-character county stem can be (和县): run into the words
# before them they are the function word (平台和县商务预报网站), not the county; 规范云县林业和草原局 is 云县.
_FUNCTION_WORD = re.compile(r"[和与及或同跟对向在由为从经按把被给]")


def add_mentions(clues, head, agency=None):
    """Place chains elsewhere in the opening, each name's weight capped; a name inside the
    agency's own name that its place chain does not give (银湖湾滨海新区管委会's 滨海新区) is the
    body's own name shortened, not a place."""
    outside_books = re.sub(r"《[^》]{0,80}》", lambda m: "\0" * len(m.group()), head)
    totals = defaultdict(float)
    own = set(own_places(agency)) if agency else set()
    for start, names in find_places(outside_books):
        key = "".join(names)
        if agency and key in agency and not set(names) <= own:
            continue
        if len(names) == 1 and len(key) == 2 and (
                _LEVEL_WORD_AFTER.match(outside_books, start + 1)
                or (start and _CJK.match(outside_books, start - 1) and _FUNCTION_WORD.match(outside_books, start))):
            # 《条例》和县政府的…, 信息公开平台和县商务预报网站: 和 + 县政府 / 县商务…, not 和县 (a
            # one-character county stem run into the words around it: 和, 单, 叶, 沛).
            continue
        if totals[key] >= MENTION_CAP:
            continue
        options = divisions().options(names)
        if options:
            totals[key] += WEIGHTS["mention"]
            clues.append(Clue("mention", key, options, WEIGHTS["mention"]))


def _has(place, depth):
    return (place.province, place.city, place.district)[depth - 1] is not None


def _score(clues, depth, allow):
    """Candidate places at ``depth`` and their scores."""
    candidates = set()
    for clue in clues:
        if clue.source in allow:
            candidates.update(p.cut(depth) for p in clue.options if _has(p, depth))
    scores = {}
    for candidate in candidates:
        total = 0.0
        for clue in clues:
            fits = [p for p in clue.options if p.compatible(candidate)]
            if fits:
                # Ambiguous clues share their weight among the distinct places they allow.
                distinct = {p.cut(depth) for p in clue.options}
                total += clue.weight * len({p.cut(depth) for p in fits}) / len(distinct)
        scores[candidate] = total
    return scores


def decide(clues, depth, city_or_county=False):
    """The best-supported place down to ``depth`` (0–3), as a PlaceDecision."""
    decision = PlaceDecision(Place(), clues)
    strong = {"agency", "title", "address", "host", "town", "signature", "channel", "channel_weak", "cited", "phone",
              "postcode", "host_weak", "mention", "docnumber"}
    unlisted = [c for c in clues if c.source == "unlisted"]
    for level in range(depth, 0, -1):
        scores = _score(clues, level, strong)
        if level == 3 and unlisted:
            # The address names a district the list lacks: no listed district under that place.
            scores = {p: v for p, v in scores.items() if not any(
                any(o.compatible(p) for o in c.options) for c in unlisted)}
        if city_or_county and level == 3:
            # 市X局: a county-level city (鹤山市) competes with prefecture cities at level 2.
            scores = {p: s for p, s in scores.items() if p.district and p.district.endswith("市")}
            scores.update(_score(clues, 2, strong))
        if not scores:
            continue
        # On a tie the more specific place goes first (抚远市 before the 佳木斯市 that holds it).
        ranked = sorted(scores.items(), key=lambda item: (-item[1], -item[0].depth()))
        best, score = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        clear = score >= 2 * runner or (len(ranked) > 1 and score - runner >= 1.0
                                         and _exclusive(ranked[1][0], best, clues, level) == 0)
        if city_or_county and level == 3 and len(ranked) > 1 and not clear:
            # A county-level city against the prefecture holding it: the prefecture has no
            # support of its own when every clue for it also names the county-level city.
            other = ranked[1][0]
            clear = (best.district and other.city == best.city and other.district is None
                     and _exclusive(other, best, clues, level) == 0
                     and (len(ranked) < 3 or score >= 2 * ranked[2][1]))
        if score >= THRESHOLD[level] and clear and _decisive(best, clues, level):
            decision.place, decision.depth = best, level
            decision.rejected = ranked[1:6]
            return decision
        decision.rejected = ranked[:6]
    return decision


def _exclusive(other, best, clues, level):
    """Weight of the clues that allow ``other`` but not ``best`` (0: all its support is shared,
    as when one ambiguous name allows both and a further clue picks ``best``)."""
    return sum(c.weight for c in clues
               if any(p.compatible(other) for p in c.options) and not any(p.compatible(best) for p in c.options))


def _decisive(best, clues, level):
    """True when a clue other than weak ones names ``best`` at this level on its own."""
    weak = {"host_weak", "phone", "postcode", "channel_weak", "docnumber"}
    strong_total = sum(c.weight for c in clues if c.source not in weak
                       and any(p.compatible(best) and _has(p, level) for p in c.options))
    weak_sources = {c.source for c in clues if c.source in weak
                    and any(p.compatible(best) and _has(p, level) for p in c.options)}
    # Weak clues (a phone code, a postal code, host initials) only confirm.
    del weak_sources
    if strong_total > 0 and all(c.source == "town" for c in clues):
        # A town's name alone (下管镇 on a mirror that names nothing else) is too thin — 43,000
        # towns in today's table, names shared, merged and renamed —: another clue must agree.
        return False
    return strong_total > 0


# Clues that say where the body itself sits (not documents it cites or places it mentions).
_FIRM = {"agency", "title", "address", "host", "signature", "town"}


def firmly_placed(decision):
    """True when a clue about the body itself (its name, title, address, web host, signature)
    names the chosen place at the depth decided: only then does the place say the body's level."""
    if not decision.depth:
        return False
    # A city body's address lies in one of its districts (巴州人民政府: 库尔勒市巴音东路45号): an
    # address alone says nothing of a county level.
    firm = _FIRM - {"address"} if decision.depth == 3 else _FIRM
    return any(c.source in firm and any(p.compatible(decision.place) and _has(p, decision.depth) for p in c.options)
               for c in decision.clues)
