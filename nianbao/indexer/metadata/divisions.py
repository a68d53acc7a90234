"""Administrative divisions: find place names in a string and resolve them to
province / city / county (district) against ``data/divisions.tsv`` and ``data/zones.tsv``.

Decisions:
- Only full names are matched (环翠区, 威海市, 山东省), never short forms (环翠, 威海): short
  forms collide with ordinary words far too often in running text.
- The county-level suffix disambiguates (昌邑区 is in 吉林市, 昌邑市 in 潍坊市). A name that is still
  ambiguous (several 鼓楼区) is settled by a city or province named before it, else by which
  candidate's city/province the surrounding text mentions; if that does not single one out, only
  the levels all candidates share are kept.
- Results are CURRENT names: former names (``former_*`` rows) resolve to today's division, and a
  county-level name missing from the list (洪泽县 after it became 洪泽区) resolves to the unique
  current county with the same stem in the same city/province (撤县设区/撤县设市 reforms).
- 直辖市 (北京市 …) are both province and city. Pseudo-cities such as 省直辖行政区划 become None.
- Well-known zones (平潭综合实验区) resolve through the small table ``data/zones.tsv``.
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
_COUNTY_SUFFIX = re.compile(r"(?:自治县|自治旗|县|区|市|旗|特区|林区)$")
# Level words in pseudo-cities (省直辖行政区划, 自治区直辖县级行政区划) and SARs' district lists.
_NOT_A_CITY = ("直辖", "行政区划")


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
        return all(a is None or b is None or a == b for a, b in zip(
            (self.province, self.city, self.district), (other.province, other.city, other.district)))


class Divisions:
    """Name → candidate Places, loaded once from the division and zone tables."""

    def __init__(self, division_rows, zone_rows):
        self.names = {}  # full name -> list of (level, Place); level 1 province, 2 city, 3 county
        self.county_stems = {}  # stem without suffix -> list of current county Places
        for kind, _code, name, _short, province, city, county in division_rows:
            city = None if not city or any(w in city for w in _NOT_A_CITY) else city
            if kind == "province":
                self._add(name, 1, Place(province))
            elif kind in ("city", "former_city"):
                if city:
                    self._add(name, 2, Place(province, city))
            elif kind in ("county", "former_county"):
                place = Place(province, city, county)
                self._add(name, 3, place)
                if kind == "county":
                    stem = _COUNTY_SUFFIX.sub("", name)
                    if len(stem) >= 2:
                        self.county_stems.setdefault(stem, []).append(place)
        for name, province, city, county in zone_rows:
            level = 3 if county else 2 if city else 1
            self._add(name, level, Place(province, city or None, county or None))
        self.max_len = max(map(len, self.names))

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

    def candidates(self, name):
        """Candidate (level, Place) for one name, including renamed counties."""
        if name in self.names:
            return self.names[name]
        stem = _COUNTY_SUFFIX.sub("", name)
        return [(3, p) for p in self.county_stems.get(stem, [])]

    def resolve(self, names, evidence=""):
        """Resolve a chain of place names (outermost first) to one Place.

        ``evidence`` is other text (the report) used only to settle ambiguous names."""
        place = Place()
        for name in names:
            options = [p for _level, p in self.candidates(name) if p.compatible(place)]
            # Prefer the candidates that refine what is known over ones that restate it.
            if len(options) > 1:
                options = _narrow(options, evidence)
            merged = _common(options)
            if merged is None:
                continue
            place = Place(*(a or b for a, b in zip(
                (place.province, place.city, place.district),
                (merged.province, merged.city, merged.district))))
        return place


def _narrow(options, evidence):
    """Keep the options whose city (else province) the evidence text names."""
    if not evidence:
        return options
    for attr in ("city", "province"):
        hits = [p for p in options if getattr(p, attr) and getattr(p, attr) in evidence]
        if hits and len({getattr(p, attr) for p in hits}) == 1:
            return hits
    return options


def _common(options):
    """The levels all options agree on, as a Place (None when there are no options)."""
    if not options:
        return None
    fields = []
    for values in zip(*((p.province, p.city, p.district) for p in options)):
        fields.append(values[0] if len(set(values)) == 1 else None)
    # A level is only known when its parents are: 鼓楼区 alone names no district.
    if fields[0] is None:
        fields[1] = None
    if fields[1] is None and any(p.city for p in options):
        fields[2] = None
    return Place(*fields)


def _read_tsv(path):
    with open(path, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    return rows[1:]


@lru_cache(maxsize=1)
def divisions():
    """The shared Divisions table (loaded on first use)."""
    return Divisions(_read_tsv(DATA / "divisions.tsv"), _read_tsv(DATA / "zones.tsv"))


def find_places(text):
    """Return every maximal chain of place names in ``text`` as (start, names)."""
    table, chains, i = divisions(), [], 0
    while i < len(text):
        names, rest = table.leading_places(text[i:])
        if names:
            chains.append((i, names))
            i = len(text) - len(rest)
        else:
            i += 1
    return chains
