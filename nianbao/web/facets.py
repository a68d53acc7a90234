"""Facet sidebar data in Datasette's shape; the templates only loop over it.

Each facet is ``{name, title, values, total_values, truncated, expanded, cut, more_url,
less_url}`` and each value ``{value, label, count, selected, toggle_url}``. The service is
asked for FACET_SIZE values of a facet and says how many it has in all (``facet_totals``);
when it has more, a "显示更多（共 N 项）" link sets ``more=<facet>`` in the URL (no script
needed) and the page asks the service for FACET_MORE_SIZE values of that facet (one facet at
a time, so a page holds at most one long list of links); when even that is not all, the list
says how many it shows of how many (``cut``). A selected value is always shown, even when it
has no match (an unknown value from a hand-edited URL) or falls past the cut. The 类型 facet
appears only when the results hold more than one kind. Years are listed newest first (a
reader scans years in order), every other facet by count as the service returns them.

The region facets (province, city, district, town) are shown as one tree
(``build_region_tree``): the provinces with their counts; under a selected province its
cities (and the districts the province holds directly: a 直辖市's, 省直辖 units), under a
selected city its districts, under a selected district its towns, each from its facet's
counts (disjunctive within a level, ANDed across levels: selecting a node narrows its
children) and ``facet_parents``. A node whose child is selected is open even when it is
not selected itself (a link to ``city=威海市`` shows 山东省 open).
"""
from nianbao.indexer.labels import FACET_TITLES, LEVELS
from nianbao.indexer.search import FACETS

from .urls import path_with_removed_args, path_with_replaced_args, toggle_filter_url


def facet_values(name, raw_values, selected, path, pairs):
    """The values of one facet with their toggle links, selected-but-absent ones appended."""
    values, seen = [], set()
    for item in raw_values:
        value = str(item["value"])
        seen.add(value)
        values.append({
            "value": value,
            "label": str(item.get("label") or value),
            "count": item["count"],
            "selected": value in selected,
            "toggle_url": toggle_filter_url(path, pairs, name, value),
        })
    for value in selected:
        if value not in seen:
            values.append({"value": value, "label": value, "count": 0, "selected": True,
                           "toggle_url": toggle_filter_url(path, pairs, name, value)})
    return values


REGION_FACETS = ("province", "city", "district", "town")
CHILD = {"province": "city", "city": "district", "district": "town"}


def build_facets(response_facets, totals, filters, path, pairs, size, expanded):
    """Return the sidebar's facet dicts (all but the region tree) for a search response."""
    facets = []
    for name in FACETS:
        if name in REGION_FACETS:
            continue
        selected = filters.get(name, [])
        values = facet_values(name, response_facets.get(name, []), selected, path, pairs)
        if name == "year":
            values.sort(key=lambda v: (v["value"].isdigit(), v["value"]), reverse=True)
        if not values or (name == "kind" and len(values) < 2 and not selected):
            continue
        facets.append(_facet(name, values, totals.get(name, 0), path, pairs, size, name in expanded))
    return facets


def _facet(name, values, total, path, pairs, size, is_expanded):
    """One facet's dict: its values cut at ``size`` unless expanded, and what was left out."""
    listed = [v for v in values if v["count"]]
    total = max(total, len(listed))
    shown = values if is_expanded else values[:size] + [v for v in values[size:] if v["selected"]]
    hidden = total - sum(1 for v in shown if v["count"])
    return {
        "name": name,
        "title": FACET_TITLES[name],
        "values": shown,
        "total_values": total,
        "truncated": hidden > 0 and not is_expanded,
        "expanded": is_expanded and total > size,
        "cut": hidden if is_expanded and hidden > 0 else 0,
        "more_url": path_with_replaced_args(path, pairs, {"more": name}) + f"#facet-{name}",
        "less_url": path_with_removed_args(path, pairs, ["more"]) + f"#facet-{name}",
    }


def build_region_tree(response_facets, totals, parents, filters, path, pairs, size, expanded):
    """The region tree: {"nodes": [province nodes], "facet": the province facet's dict}.

    A node is ``{facet, value, label, count, selected, toggle_url, open, children}``.
    """
    values = {name: facet_values(name, response_facets.get(name, []), filters.get(name, []), path, pairs)
              for name in REGION_FACETS}
    parents = parents or {}

    def parent_of(facet, value):
        up = (parents.get(facet) or {}).get(value)
        if up is None:
            return None
        if facet == "district" and up in {v["value"] for v in values["province"]} | set(filters.get("province", [])):
            if up not in {v["value"] for v in values["city"]} | set(filters.get("city", [])):
                return "province", up
        return {"city": "province", "district": "city", "town": "district"}[facet], up

    children = {}
    for facet in ("city", "district", "town"):
        for v in values[facet]:
            link = parent_of(facet, v["value"])
            if link:
                children.setdefault(link, []).append(dict(v, facet=facet))
    selected_below = set()
    for facet in ("town", "district", "city"):
        for v in values[facet]:
            if v["selected"] or (facet, v["value"]) in selected_below:
                link = parent_of(facet, v["value"])
                if link:
                    selected_below.add(link)

    def node(facet, v, depth=0):
        key = (facet, v["value"])
        is_open = v["selected"] or key in selected_below
        kids = [node(k["facet"], k, depth + 1) for k in children.get(key, [])] if is_open and depth < 3 else []
        return dict(v, facet=facet, open=is_open, children=kids)

    top = values["province"]
    keep = [v for v in top if v["selected"] or ("province", v["value"]) in selected_below]
    province = _facet("province", top, totals.get("province", 0), path, pairs, size, "province" in expanded)
    shown = province["values"] + [v for v in keep if v not in province["values"]]
    nodes = [node("province", v) for v in shown]
    # A selected value whose parent is unknown (no report has it) stands at the top.
    placed = _placed(nodes)
    for facet in ("city", "district", "town"):
        for v in values[facet]:
            if v["selected"] and (facet, v["value"]) not in placed:
                nodes.append(node(facet, v))
    return {"nodes": nodes, "facet": province}


def _placed(nodes):
    out = set()
    for n in nodes:
        out.add((n["facet"], n["value"]))
        out |= _placed(n["children"])
    return out


def level_label(value):
    """The Chinese label of a level key."""
    return LEVELS.get(value, value)


def build_chips(facets, req, path, pairs):
    """Removable chips for the current selections (facets, figure conditions, year range),
    labelled like the sidebar."""
    labels = {(f["name"], v["value"]): v["label"] for f in facets for v in f["values"]}
    chips = []
    for name in FACETS:
        for value in req.filters.get(name, []):
            chips.append({
                "title": FACET_TITLES[name],
                "label": labels.get((name, value), value),
                "remove_url": toggle_filter_url(path, pairs, name, value),
            })
    for condition in req.where:
        chips.append({"title": "统计数字", "label": condition,
                      "remove_url": path_with_removed_args(path, pairs, [("where", condition), "page"])})
    if req.year_from or req.year_to:
        label = f"{req.year_from or '不限'}–{req.year_to or '不限'}"
        chips.append({"title": "年度范围", "label": label,
                      "remove_url": path_with_removed_args(path, pairs, ["year_from", "year_to", "page"])})
    return chips
