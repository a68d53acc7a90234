"""Metadata extraction: title, agency (+ canonical type), province/city/district, level, town,
year, publication date and kind of document, from a report's clean text and its reader's
header (``title``, ``date``, ``source``, ``url``, ``agency``).

One job per module: ``fold`` (the folded text window read), ``title``, ``publisher`` (agency
candidates and choice), ``selfnamed`` (the body a text calls 我局/我乡/我区), ``agencies``
(agency-name grammar and types), ``level`` (level of government, town), ``place`` (place clues
weighed), ``hosts`` (web-address spellings), ``divisions`` (the generated division tables),
``dates`` (year, publication date), ``kind``, ``scoring`` (labelled folders scored).
``extract`` runs them in order and keeps a trace of every decision (``--explain``).

Order: title (else the address's) → kind → agency → level (from the agency's name) → place
(clues weighed down to the level's depth) → level settled by the place (市 bodies, zones) →
a government named only by its level word placed → year and date → divisions as named in
the report's year.

Decisions (where the issue is silent):
- ``year`` is the year reported on: a whole calendar year stated as the statistics period
  (统计期限为2019年1月1日至2019年12月31日), the title (2017年度, 二〇一七年), the period's first
  day, a 2015年度 in the opening, a paragraph opening with 2015年，…; only when the text says
  上一年度 is it the publication year minus one. Years inside 《book titles》 are ignored (they
  name other documents). Another document's year is the year it was issued (its number, its
  date line, the date a speech was given or a rule takes effect).
- ``published`` (YYYY-MM-DD) prefers what the document says (signature date, 填报日期, a date
  under the title) over the crawl's header date. A date without a day is not used.
- Places are official names in simplified characters: today's, unless the body's own name
  uses a former one that still stood in the report's year (蓬莱市 in 2010, 蓬莱区 since 2020),
  as the labelled sets do; the agency is as published.
- ``town`` is the town table's name: a short form the report uses (广内街道) gives way to the
  listed name another candidate writes in full (广安门内街道办事处 in the contact line).
- A sample text to copy (…工作报告范文) has no agency.
- A field that cannot be determined is None; see ``place`` for when a place is left null.
"""
import re
from dataclasses import dataclass, field

from .. import labels
from . import agencies, level as levels
from .dates import find_published, find_year
from .divisions import divisions
from .level import own_places
from .fold import Page
from .kind import find_kind, is_template
from .place import PlaceDecision, decide, firmly_placed, gather_clues
from .publisher import (candidates as agency_candidates, choose as choose_agency, find_agency, placed_government,
                        signature_agencies)
from .title import find_title, url_title

KINDS = labels.KINDS

__all__ = ["KINDS", "Metadata", "apply_metadata", "extract", "find_title", "find_kind", "find_agency",
           "find_year", "find_published"]


@dataclass
class Metadata:
    """Extracted fields and, per field, how each was decided (``trace``)."""

    title: str | None = None
    kind: str = "annual_report"
    agency: str | None = None
    agency_type: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    level: str | None = None
    town: str | None = None
    year: int | None = None
    published: str | None = None
    trace: dict = field(default_factory=dict)


def extract(text, header):
    """All metadata of one report's clean ``text`` and reader ``header``, with its trace."""
    page = Page(text, header)
    meta = Metadata()
    trace = meta.trace

    meta.title = find_title(page.text, header)
    trace["title"] = {"value": meta.title, "source": "header" if header.get("title") else "heading lines"}
    if meta.title is None:
        meta.title = url_title(page.url)
        trace["title"] = {"value": meta.title, "source": "web address" if meta.title else None}
    meta.kind = find_kind(meta.title, page.text)
    trace["kind"] = {"value": meta.kind, "source": "title" if meta.title else "opening"}

    report = meta.kind == "annual_report"
    rejected = []
    # A sample text to copy (…年度工作报告范文) is no body's: its 区政府 is anyone's.
    found = [] if is_template(meta.title) else agency_candidates(page, meta.title, header, report, rejected)
    folded_agency = choose_agency(found, page.full, report)
    meta.agency = page.published(folded_agency)
    meta.agency_type = agencies.agency_type(folded_agency)
    best = max(found, key=lambda c: c.weight).source if found else None
    trace["agency"] = {"value": meta.agency, "source": best,
                       "candidates": [f"{c.source}: {c.name}" for c in found if c.name != folded_agency],
                       "rejected": rejected}

    level = levels.name_level(folded_agency)
    how = "agency name" if level else None
    if level is None:
        level = levels.text_level(page.head)
        how = "own-area words in the text" if level else None
        if level == "city" and not levels.prefecture_words(page.head):  # 全市 is said in county-level cities too
            level = "city_or_county"
    zone = levels.is_zone(folded_agency)
    town = levels.town_name(folded_agency) if level == "town" else None
    if town:
        town = _listed_town(town, found)
    depth = {"central": 0, "province": 1, "city": 2, "city_or_county": 3, "county": 3, "town": 3}.get(level, 3)
    if zone:
        depth = 3 if (level == "county") else 2
    # A town body is named without its county (杨梅乡人民政府); the candidate that named it with its
    # county (水城区杨梅乡) still says where it sits.
    placed_as = folded_agency
    if town:
        named = [c.name for c in found if levels.town_name(c.name) == town and agencies.split_agency(c.name)[0]]
        placed_as = max(named, key=len) if named else folded_agency
    clues = gather_clues(page, placed_as, meta.title, signature_agencies(page.text), town) if depth else []
    decision = decide(clues, depth, city_or_county=level == "city_or_county") if depth else PlaceDecision(
        levels_place_none())
    place = decision.place
    meta.province, meta.city, meta.district = place.province, place.city, place.district
    # A level the body's name and the text's own-area words leave open is read off the place only
    # when a clue about the body itself (name, title, address, host, signature) names that place:
    # a place found from cited documents or mentions says nothing of the body's level.
    if zone or level == "city_or_county" or (level is None and firmly_placed(decision)):
        settled = levels.level_of_place(place)
        if level == "city_or_county" and settled == "province" and not place.province.endswith("市"):
            settled = None  # a 市 body in a province: city or county, not known (in a 直辖市: the province's)
        if zone and settled in ("city", "province") and any(c.source in ("agency", "title", "host") and any(
                p.district and p.compatible(place) for p in c.options) for c in decision.clues):
            # A zone whose own name or web host names a county (奉化经济开发区, anqiu.gov.cn) may be
            # that county's or the city's (in a 直辖市: the municipality's, 永川高新区): not settled.
            level, how = None, None
        elif zone and settled == "city" and _held_by_county(page.head):
            # 杭州钱江经济开发区认真落实区政府…: a zone named after its city but answering to a
            # district's government is the district's, which was not found.
            level, how = None, None
        elif settled:
            level, how = settled, "where the body sits"
        elif level == "city_or_county":
            level, how = None, None
    if (how == "own-area words in the text" and level == "county" and place.district is None
            and (place.province or "").endswith("自治区")):
        level, how = None, None  # 全区/我区 in an autonomous region's text may be the region's own words
    if meta.agency is None:
        # 县人民政府 or 我县 alone: the government of the place found at that level.
        folded_agency = placed_government(found, place, page.head, report)
        if folded_agency:
            meta.agency, meta.agency_type = folded_agency, agencies.agency_type(folded_agency)
            trace["agency"]["value"], trace["agency"]["source"] = folded_agency, "level word + place"
    meta.level, meta.town = level, town
    trace["place"] = {"value": str(place), "depth": decision.depth,
                      "clues": [c.describe() for c in decision.clues],
                      "rejected": [f"{p} ({s:.1f})" for p, s in decision.rejected]}
    trace["level"] = {"value": level, "source": how}
    trace["town"] = {"value": town, "source": "agency name" if town else None}

    meta.published = find_published(page.text, header)
    meta.year = find_year(meta.title, page.text, meta.published, meta.kind, page.url)
    # Divisions as they stood in the report's year, when the body's own name says so (蓬莱市 in 2010).
    own_names = own_places(folded_agency) if folded_agency else []
    dated = divisions().as_named(place, own_names, meta.year)
    if dated != place:
        meta.city, meta.district = dated.city, dated.district
        trace["place"]["as named in the report's year"] = str(dated)
    trace["year"] = {"value": meta.year, "source": "title" if meta.title and str(meta.year or "") in meta.title
                     else "opening"}
    trace["published"] = {"value": meta.published}
    return meta


def _held_by_county(text):
    """True when a zone's text answers to a county's or district's government (区政府, 县政府) more
    than to a city's (市政府)."""
    # Only governments count: a zone calls itself 全区/我区 (高新区), but has no 区政府 of its own.
    county = len(re.findall(r"(?<![市省])[区县](?:人民)?政府(?!信息)", text))
    return county > len(re.findall(r"市(?:人民)?政府(?!信息)", text))


def _listed_town(town, found):
    """A town's listed name when the report's chosen name is its short form and another
    candidate names it in full (广内街道 → 广安门内街道, named so in the contact line)."""
    from .divisions import towns

    if town in towns():
        return town
    for candidate in found:
        full = levels.town_name(candidate.name)
        if full and full in towns() and full != town and full[-2:] == town[-2:] and _abbreviates(town, full):
            return full
    return town


def _abbreviates(short, full):
    """True when ``short``'s characters appear in ``full`` in order (广内街道 in 广安门内街道)."""
    chars = iter(full)
    return len(short) < len(full) and all(ch in chars for ch in short)


def levels_place_none():
    """The empty place (central bodies have none)."""
    from .divisions import Place

    return Place()


def apply_metadata(report, header):
    """Fill ``report``'s metadata fields from its text and the reader's ``header``."""
    meta = extract(report.text, header)
    for name in ("title", "kind", "agency", "agency_type", "province", "city", "district", "level",
                 "town", "year", "published"):
        if hasattr(report, name):
            setattr(report, name, getattr(meta, name))
    return meta
