"""Administrative divisions: find place names in a string and resolve them to
province / city / county (district), from the generated tables in ``data/``
(``divisions.tsv``, ``renamings.tsv``, ``towns.tsv``, ``pinyin.tsv``, ``area_codes.tsv``,
``postcodes.tsv``, ``province_abbr.tsv``).

Decisions:
- Only full names (环翠区, 威海市, 山东省) and the official short forms of autonomous divisions
  (黔东南州, 石柱县, 科右前旗) are matched in running text, never bare stems (环翠, 威海): stems
  collide with ordinary words far too often. Stems are used only right before a zone word
  (兰州新区, 长春高新区) where nothing else can be meant.
- The county-level suffix disambiguates (昌邑区 is in 吉林市, 昌邑市 in 潍坊市). A name that is
  still ambiguous (several 鼓楼区) is settled by a city or province named before it; otherwise
  the caller weighs it against other evidence (``indexer.metadata.place``).
- Results are CURRENT names: former names resolve to today's division, and a county-level name
  missing from the list (洪泽县 after it became 洪泽区) resolves to the unique current county with
  the same stem in the same city/province (撤县设区/撤县设市 reforms).
- Functional zones that the code list files under counties (codes xxxx71-79: 洛阳高新技术产业
  开发区) are no county-level divisions: they place a body, or a town in them, in their city only;
  a short name that is only their kind (保税区, 经开区) is no name of theirs.
- A prefecture city's former 地区 (吐鲁番地区 until 2015) is its short name + 地区 where no 地区
  bears that name today (JioNLP's history misses these changes and their dates); it resolves to
  the city and is kept, like a dated renaming, when the body's own name uses it.
- A 直辖市 (北京市 …) is a province with no city level: its districts have ``city`` None, as do
  the county-level units governed directly by a province (仙桃市, 济源市, 五家渠市).
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
_COUNTY_SUFFIX = re.compile(r"(?:自治县|自治旗|县|区|市|旗|特区|林区)$")
# Level words in pseudo-cities (省直辖行政区划, 自治区直辖县级行政区划) and SARs' district lists.
_NOT_A_CITY = ("直辖", "行政区划")
_KINDS = {"province": 1, "city": 2, "former_city": 2, "alias_city": 2,
          "county": 3, "former_county": 3, "alias_county": 3}


@dataclass(frozen=True)
class Place:
    """A resolved place; unknown levels are None."""

    province: str | None = None
    city: str | None = None
    district: str | None = None

    def depth(self):
        """How many levels are known (0–3)."""
        return sum(x is not None for x in (self.province, self.city, self.district))

    def compatible(self, other):
        """True when no level known in both places differs."""
        return all(a is None or b is None or a == b for a, b in zip(self.fields(), other.fields()))

    def fields(self):
        """(province, city, district)."""
        return (self.province, self.city, self.district)

    def cut(self, level):
        """This place down to ``level`` (1 province, 2 city, 3 district) only."""
        if level >= 3:
            return self
        if level == 2:
            return Place(self.province, self.city)
        return Place(self.province) if level == 1 else Place()

    def __str__(self):
        return "/".join(x for x in self.fields() if x) or "-"


_ZONE_KIND_ONLY = re.compile(r"经开区|高新区|保税区|综保区|管理区|示范区|新区|产业园|工业园|工业区|开发区|园区|临港区|"
                             r"航空港|实验区|试验区|合作区|经济区")


class Divisions:
    """Name → candidate Places, loaded once from the division table."""

    def __init__(self, division_rows):
        self.names = {}  # full name -> list of (level, Place); level 1 province, 2 city, 3 county
        self.county_stems = {}  # stem without suffix -> list of current county Places
        self.by_code = {}  # county adcode -> Place
        self.short = {}  # JioNLP short name (stem) of cities and counties -> list of (level, Place)
        self.province_short = {}  # 辽宁 -> 辽宁省, 内蒙古 -> 内蒙古自治区
        self.renamed = {}  # former name -> [(today's Place, year of the change)] (蓬莱市 -> 蓬莱区, 2020)
        for kind, code, name, short, province, city, county in division_rows:
            level = _KINDS.get(kind)
            if level is None:
                continue
            city = _real_city(province, city)
            if level == 1:
                self._add(name, 1, Place(province))
                if len(short) >= 2:
                    self.province_short[short] = Place(province)
            elif level == 2:
                if city:
                    self._add(name, 2, Place(province, city))
                    if kind == "city" and len(short) >= 2:
                        self.short.setdefault(short, []).append((2, Place(province, city)))
            else:
                # Codes xxxx71-79 are functional zones (经济技术开发区, 高新区) the code list files
                # under counties: no county-level division, so they place a body in their city only.
                place = Place(province, city, None if _functional_zone(code) else county)
                self._add(name, 3, place)
                if kind == "county":
                    self.by_code[code] = place
                    stem = _COUNTY_SUFFIX.sub("", name)
                    if len(stem) >= 2:
                        self.county_stems.setdefault(stem, []).append(place)
                    # A zone's short name that is only its kind (保税区, 经开区, 高新区) names no place.
                    if len(short) >= 2 and not _ZONE_KIND_ONLY.fullmatch(short):
                        self.short.setdefault(short, []).append((3, place))
        # A prefecture city that was a 地区 (吐鲁番市, 吐鲁番地区 until 2015) is still called so in
        # reports of its time; the code list keeps no date for these changes (JioNLP's history
        # misses them), so the former name is its short name + 地区 where no 地区 bears it today.
        self.former_prefectures = set()
        for short, entries in list(self.short.items()):
            cities = [place for level, place in entries if level == 2 and place.city.endswith("市")]
            if len(cities) == 1 and short + "地区" not in self.names:
                self._add(short + "地区", 2, cities[0])
                self.former_prefectures.add(short + "地区")
        self.max_len = max(map(len, self.names))
        ends = "".join(sorted({name[-1] for name in self.names}))
        self._ends = re.compile("[" + re.escape(ends) + "]")

    def _add(self, name, level, place):
        entries = self.names.setdefault(name, [])
        if (level, place) not in entries:
            entries.append((level, place))

    def match_at(self, text, i):
        """Longest place name starting at ``text[i]``, or None."""
        for length in range(min(self.max_len, len(text) - i), 1, -1):
            if text[i:i + length] in self.names:
                return text[i:i + length]
        return None

    def leading_places(self, text):
        """Split the chain of place names that starts ``text`` (山东省威海市环翠区…) off it.

        Returns (names, rest). A county-level name absent from the list but shaped like one
        (洪泽县) is accepted when its stem names a current county."""
        names, i = [], 0
        while i < len(text):
            name = self.match_at(text, i)
            if name is None:
                name = self._renamed_county_at(text, i)
            if name is None:
                break
            names.append(name)
            i += len(name)
        return names, text[i:]

    def _renamed_county_at(self, text, i):
        for length in range(2, 6):
            stem, suffix = text[i:i + length], text[i + length:i + length + 1]
            if suffix in ("县", "区", "市") and stem in self.county_stems:
                return stem + suffix
        return None

    def add_renamings(self, rows):
        """Record when each former name gave way (``renamings.tsv`` rows)."""
        for name, province, city, county, until in rows:
            place = Place(province, _real_city(province, city), county or None)
            self.renamed.setdefault(name, []).append((place, int(until[:4])))

    def as_named(self, place, names, year):
        """``place`` with its district (or city) called what ``names`` — the body's own place
        names, as the text writes them — call it, when that is a former name the division
        still bore in ``year`` (蓬莱市 for a 2010 report, 蓬莱区 since 2020). Without a known
        renaming date (洪泽县, found by its stem) the text's name stands for a dated report."""
        if not year or not place.depth():
            return place
        fields = list(place.fields())
        for name in names:
            if name in (place.city, place.district):
                continue
            changes = [until for renamed, until in self.renamed.get(name, []) if renamed.compatible(place)]
            until = min(changes) if changes else None
            if name in self.names and until is None and name not in self.former_prefectures:
                continue  # a current name or an official short form, not a former one
            if until is not None and year >= until:
                continue
            for level, candidate in self.candidates(name):
                if level >= 2 and candidate.compatible(place) and candidate.fields()[level - 1] == fields[level - 1]:
                    fields[level - 1] = name
                    break
        return Place(*fields)

    def stem_places(self, stem):
        """The places a short name (辽宁, 武汉, 耿马) stands for: a province's, else the cities' and
        counties' (several when it is ambiguous)."""
        places = [self.province_short[stem]] if stem in self.province_short else []
        return places + [place for _level, place in self.short.get(stem, [])]

    def candidates(self, name):
        """Candidate (level, Place) for one name, including renamed counties."""
        if name in self.names:
            return self.names[name]
        stem = _COUNTY_SUFFIX.sub("", name)
        return [(3, p) for p in self.county_stems.get(stem, [])]

    def options(self, names):
        """Every Place a chain of names (outermost first) can denote, most specific level each."""
        options = [Place()]
        for name in names:
            merged = []
            for _level, place in self.candidates(name):
                for known in options:
                    if place.compatible(known):
                        merged.append(Place(*(a or b for a, b in zip(known.fields(), place.fields()))))
            if merged:
                options = list(dict.fromkeys(merged))
        return options if options != [Place()] else []

    def resolve(self, names, evidence=""):
        """Resolve a chain of place names (outermost first) to one Place: the levels all its
        candidates share. ``evidence`` (other text) settles ambiguous names by the city or
        province it names."""
        options = self.options(names)
        if len(options) > 1 and evidence:
            options = _narrow(options, evidence)
        return common(options)


def _narrow(options, evidence):
    """Keep the options whose city (else province) the evidence text names."""
    for attr in ("city", "province"):
        hits = [p for p in options if getattr(p, attr) and getattr(p, attr) in evidence]
        if hits and len({getattr(p, attr) for p in hits}) == 1:
            return hits
    return options


def common(options):
    """The levels all options agree on, as a Place (empty when there are no options)."""
    if not options:
        return Place()
    fields = []
    for values in zip(*(p.fields() for p in options)):
        fields.append(values[0] if len(set(values)) == 1 else None)
    # A level is only known when its parents are: 鼓楼区 alone names no district.
    if fields[0] is None:
        fields[1] = None
    if fields[1] is None and any(p.city for p in options):
        fields[2] = None
    return Place(*fields)


def _functional_zone(code):
    """True for a county-level code of a functional zone (last two digits 71-79: 410371 洛阳高新区;
    01-20 are districts, 21-80 counties, 81-99 county-level cities)."""
    return len(code) == 6 and code[4] == "7" and code[5] != "0"


def _real_city(province, city):
    """``city`` unless it is no prefecture: empty, the 直辖市 itself, or a pseudo-city such as
    省直辖行政区划 (the county-level units a province governs directly)."""
    return None if not city or city == province or any(w in city for w in _NOT_A_CITY) else city


def _read_tsv(name):
    with open(DATA / name, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    return rows[1:]


@lru_cache(maxsize=1)
def divisions():
    """The shared Divisions table (loaded on first use)."""
    table = Divisions(_read_tsv("divisions.tsv"))
    table.add_renamings(_read_tsv("renamings.tsv"))
    return table


@lru_cache(maxsize=1)
def towns():
    """Town (乡/镇/街道/苏木) name → list of the county Places that have one so named."""
    table, by_code = {}, divisions().by_code
    for name, code in _read_tsv("towns.tsv"):
        place = by_code.get(code)
        if place:
            table.setdefault(name, []).append(place)
    return table


@lru_cache(maxsize=1)
def pinyin_keys():
    """Host spelling → list of (kind, division name); kind ``full`` or ``initials``."""
    table = {}
    for key, kind, name in _read_tsv("pinyin.tsv"):
        table.setdefault(key, []).append((kind, name))
    return table


@lru_cache(maxsize=1)
def area_codes():
    """Landline area code → Place (province, and city where the code names one)."""
    return {code: Place(province, _real_city(province, city)) for code, province, city in _read_tsv("area_codes.tsv")}


@lru_cache(maxsize=1)
def province_abbreviations():
    """One-character abbreviation → province Place (浙 → 浙江省), as document numbers use them."""
    return {abbr: Place(province) for abbr, province in _read_tsv("province_abbr.tsv")}


@lru_cache(maxsize=1)
def postcodes():
    """Postal-code prefix → Place (see scripts/make_postcodes.py for what is reliable)."""
    return {prefix: Place(province, _real_city(province, city), county or None)
            for prefix, province, city, county in _read_tsv("postcodes.tsv")}


def find_places(text):
    """Return every maximal chain of place names in ``text`` as (start, names)."""
    table, found = divisions(), []
    # Names end in a few characters (省 市 区 县 州 旗 盟 …): look back from each of them.
    for match in table._ends.finditer(text):
        end = match.end()
        for length in range(min(table.max_len, end), 1, -1):
            if text[end - length:end] in table.names:
                found.append((end - length, end))
                break
    chains, last_end = [], -1
    for start, end in found:
        if chains and start < last_end:  # overlaps the previous name (山东省 inside 省): skip
            continue
        name = text[start:end]
        if chains and start == last_end:
            chains[-1][1].append(name)
        else:
            chains.append((start, [name]))
        last_end = end
    return chains
