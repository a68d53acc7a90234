"""Facet sidebar data in Datasette's shape; the templates only loop over it.

Each facet is ``{name, title, values, truncated, expanded, more_url, less_url}`` and
each value ``{value, label, count, selected, toggle_url}``. A facet shows FACET_SIZE
values; when it has more, a "显示更多" link sets ``more=<facet>`` in the URL (no script
needed) and the full list is shown; one facet at a time, so a page holds at most one
long list of links. A selected value is always shown, even when
it has no match (an unknown value from a hand-edited URL) or falls past the cut.
The 类型 facet appears only when the results hold more than one kind. Years are
listed newest first (a reader scans years in order), every other facet by count as
the service returns them.
"""
from nianbao.indexer.labels import FACET_TITLES
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


def build_facets(response_facets, filters, path, pairs, size, expanded):
    """Return the sidebar's facet dicts for a search response's ``facets`` mapping."""
    facets = []
    for name in FACETS:
        selected = filters.get(name, [])
        values = facet_values(name, response_facets.get(name, []), selected, path, pairs)
        if name == "year":
            values.sort(key=lambda v: (v["value"].isdigit(), v["value"]), reverse=True)
        if not values or (name == "kind" and len(values) < 2 and not selected):
            continue
        is_expanded = name in expanded
        truncated = len(values) > size
        shown = values if is_expanded or not truncated else (
            values[:size] + [v for v in values[size:] if v["selected"]])
        facets.append({
            "name": name,
            "title": FACET_TITLES[name],
            "values": shown,
            "total_values": len(values),
            "truncated": truncated and not is_expanded,
            "expanded": is_expanded and truncated,
            "more_url": path_with_replaced_args(path, pairs, {"more": name}) + f"#facet-{name}",
            "less_url": path_with_removed_args(path, pairs, ["more"]) + f"#facet-{name}",
        })
    return facets


def build_chips(facets, filters, path, pairs):
    """Removable chips for the current selections, labelled like the sidebar."""
    labels = {(f["name"], v["value"]): v["label"] for f in facets for v in f["values"]}
    chips = []
    for name in FACETS:
        for value in filters.get(name, []):
            chips.append({
                "title": FACET_TITLES[name],
                "label": labels.get((name, value), value),
                "remove_url": toggle_filter_url(path, pairs, name, value),
            })
    return chips
