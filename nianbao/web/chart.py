"""Small bar charts drawn on the server as inline SVG (no script, no resource from the internet).

The charts draw the facet counts the search already returned: "reports by year" is the
``year`` facet and "reports by district" the ``district`` facet. Facet counts are
disjunctive, so with ``year=2023`` selected the year chart still shows every year's
count for the other filters, the selected bar highlighted; each bar is a link that
toggles its value, like the sidebar.
"""
from markupsafe import Markup, escape

BAR_W, GAP, PLOT_H, PAD_TOP, PAD_BOTTOM = 34, 10, 90, 18, 22
ROW_H, LABEL_W, BAR_MAX = 22, 96, 220


def _year_key(item):
    value = str(item["value"])
    return (0, int(value)) if value.isdigit() else (1, value)


def year_chart(values):
    """Vertical bars, one per year in ascending order; ``values`` are facet value dicts."""
    values = sorted(values, key=_year_key)
    if not values:
        return Markup("")
    top = max(v["count"] for v in values) or 1
    width = len(values) * (BAR_W + GAP) + GAP
    height = PAD_TOP + PLOT_H + PAD_BOTTOM
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-labelledby="chart-year-title">'
             f'<title id="chart-year-title">各年度匹配报告数</title>']
    for i, v in enumerate(values):
        x = GAP + i * (BAR_W + GAP)
        h = max(2, round(PLOT_H * v["count"] / top)) if v["count"] else 0
        y = PAD_TOP + PLOT_H - h
        cls = "bar selected" if v.get("selected") else "bar in-range" if v.get("in_range") else "bar"
        label = escape(v.get("label") or v["value"])
        parts.append(
            f'<a href="{escape(v["toggle_url"])}"><g class="{cls}">'
            f'<title>{label}年：{v["count"]} 份报告</title>'
            f'<rect x="{x}" y="{y}" width="{BAR_W}" height="{h}" rx="2"></rect>'
            f'<text class="count" x="{x + BAR_W / 2}" y="{y - 4}" text-anchor="middle">{v["count"]}</text>'
            f'<text class="axis" x="{x + BAR_W / 2}" y="{height - 6}" text-anchor="middle">{label}</text>'
            f'</g></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def district_chart(values, limit):
    """Horizontal bars for the ``limit`` districts with most reports (facet order)."""
    values = values[:limit]
    if not values:
        return Markup("")
    top = max(v["count"] for v in values) or 1
    width = LABEL_W + BAR_MAX + 40
    height = len(values) * ROW_H + 4
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-labelledby="chart-district-title">'
             f'<title id="chart-district-title">各区县匹配报告数</title>']
    for i, v in enumerate(values):
        y = 2 + i * ROW_H
        w = max(2, round(BAR_MAX * v["count"] / top)) if v["count"] else 0
        cls = "bar selected" if v.get("selected") else "bar"
        label = escape(v.get("label") or v["value"])
        parts.append(
            f'<a href="{escape(v["toggle_url"])}"><g class="{cls}">'
            f'<title>{label}：{v["count"]} 份报告</title>'
            f'<text class="axis" x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end">{label}</text>'
            f'<rect x="{LABEL_W}" y="{y + 3}" width="{w}" height="{ROW_H - 6}" rx="2"></rect>'
            f'<text class="count" x="{LABEL_W + w + 4}" y="{y + 15}" text-anchor="start">{v["count"]}</text>'
            f'</g></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


CHART_ROWS = 30  # most reports one horizontal figure chart draws


def _scaled(values, length):
    """(zero position, scale) putting ``values`` (negatives too) on ``length`` units."""
    low, high = min(0.0, *values), max(0.0, *values)
    span = (high - low) or 1.0
    return round(length * (-low) / span), length / span


def figure_chart(chart_id, name, items, by_year):
    """One figure across reports: ``items`` are (label, value or None, link, shown value).

    ``by_year``: vertical bars in the given (year) order, a missing year as a gap with "—";
    otherwise horizontal bars, largest first, at most CHART_ROWS, reports without the figure
    left out (the table lists them).
    """
    title = f'<title id="{chart_id}-title">{escape(name)}</title>'
    if by_year:
        values = [v for _, v, _, _ in items if v is not None]
        if not values:
            return Markup("")
        zero, scale = _scaled(values, PLOT_H)
        width = len(items) * (BAR_W + GAP) + GAP
        height = PAD_TOP + PLOT_H + PAD_BOTTOM
        base = PAD_TOP + PLOT_H - zero
        parts = [f'<svg class="chart figure-chart" viewBox="0 0 {width} {height}" width="{width}" '
                 f'height="{height}" role="img" aria-labelledby="{chart_id}-title">{title}'
                 f'<line class="zero" x1="0" x2="{width}" y1="{base}" y2="{base}"></line>']
        for i, (label, value, link, shown) in enumerate(items):
            x = GAP + i * (BAR_W + GAP)
            label = escape(label)
            if value is None:
                parts.append(f'<text class="count missing" x="{x + BAR_W / 2}" y="{base - 4}" '
                             f'text-anchor="middle">—</text>')
            else:
                h = max(1, round(abs(value) * scale)) if value else 0
                y = base - h if value >= 0 else base
                parts.append(
                    f'<a href="{escape(link)}"><g class="bar"><title>{label}：{escape(shown)}</title>'
                    f'<rect x="{x}" y="{y}" width="{BAR_W}" height="{h}" rx="2"></rect>'
                    f'<text class="count" x="{x + BAR_W / 2}" y="{min(y, base) - 4}" '
                    f'text-anchor="middle">{escape(shown)}</text></g></a>')
            parts.append(f'<text class="axis" x="{x + BAR_W / 2}" y="{height - 6}" '
                         f'text-anchor="middle">{label}</text>')
        parts.append("</svg>")
        return Markup("".join(parts))
    present = sorted((it for it in items if it[1] is not None), key=lambda it: -it[1])[:CHART_ROWS]
    if not present:
        return Markup("")
    label_w = 170
    zero, scale = _scaled([v for _, v, _, _ in present], BAR_MAX)
    width = label_w + BAR_MAX + 60
    height = len(present) * ROW_H + 4
    parts = [f'<svg class="chart figure-chart" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-labelledby="{chart_id}-title">{title}']
    for i, (label, value, link, shown) in enumerate(present):
        y = 2 + i * ROW_H
        w = max(1, round(abs(value) * scale)) if value else 0
        x = label_w + zero - (w if value < 0 else 0)
        label = escape(label)
        parts.append(
            f'<a href="{escape(link)}"><g class="bar"><title>{label}：{escape(shown)}</title>'
            f'<text class="axis" x="{label_w - 6}" y="{y + 15}" text-anchor="end">{label}</text>'
            f'<rect x="{x}" y="{y + 3}" width="{w}" height="{ROW_H - 6}" rx="2"></rect>'
            f'<text class="count" x="{label_w + zero + max(w, 0) + 4 if value >= 0 else label_w + zero + 4}" '
            f'y="{y + 15}" text-anchor="start">{escape(shown)}</text></g></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
