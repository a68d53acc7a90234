"""The search page's issue-11/12 features through Flask's test client, on the corpus index:
figure conditions and figure sorts, the year range, the 机关类型 / 层级 / 统计表情况 facets,
expanded office names, title highlights, the region tree, facet totals, the maps, and
suggestions.

Expected values come from the extractor's reports (``corpus_reports``: place, year, agency,
office type, statutory figures) counted here, never from the page under test.
"""
import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

import pytest

from nianbao.indexer.stats.measures import value as figure_value
from nianbao.web import create_app

LINK = re.compile(r'href="/reports/([0-9a-f]{16})')


def page_ids(html):
    """Report ids linked from the result list, in order."""
    hits = html.split('<ol class="hits"', 1)[-1] if '<ol class="hits"' in html else ""
    return list(dict.fromkeys(LINK.findall(hits)))


def get(client, url):
    response = client.get(url)
    return response.status_code, response.get_data(as_text=True)


def figure(report, name):
    """A report's figure from the extractor's values."""
    return figure_value((report.stats or {}).get("values") or {}, name)


def block(html, marker, end="</section>"):
    """The HTML from ``marker`` to the next ``end``."""
    return html.split(marker, 1)[1].split(end, 1)[0]


# --- figure conditions and sorting by a figure -------------------------------------------

def test_where_keeps_the_reports_meeting_the_condition(client, corpus_reports):
    response = client.get("/api/search?" + urlencode({"where": "新收申请>=10", "per_page": 100}))
    status, data = response.status_code, response.get_json()
    expected = {i for i, r in corpus_reports.items() if (figure(r, "新收申请") or 0) >= 10}
    assert status == 200 and expected and {r["id"] for r in data["results"]} == expected


def test_figure_sort_orders_results_and_shows_the_figure(client, corpus_reports):
    status, html = get(client, "/search?" + urlencode({"where": "新收申请>0", "sort": "新收申请", "per_page": 100}))
    assert status == 200
    ids = page_ids(html)
    values = [figure(corpus_reports[i], "新收申请") for i in ids]
    assert len(ids) >= 3 and values == sorted(values, reverse=True)
    shown = re.findall(r"<dt>新收申请</dt><dd>([\d,]+)</dd>", html)
    assert [int(v.replace(",", "")) for v in shown] == values
    assert re.search(r'class="chip"[^>]*><span class="chip-title">统计数字</span>新收申请&gt;0', html)
    assert '<option value="新收申请" selected>' in html  # the sort picker shows the choice
    ascending = page_ids(get(client, "/search?" + urlencode({"where": "新收申请>0", "sort": "新收申请:asc",
                                                              "per_page": 100}))[1])
    assert [figure(corpus_reports[i], "新收申请") for i in ascending] == sorted(values)


def test_the_figure_form_becomes_one_condition_in_the_url(client):
    response = client.get("/search?" + urlencode({"q": "公开", "district": "环翠区", "wf": "行政诉讼",
                                                   "wo": ">", "wv": "0"}))
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/search?")
    assert parse_qsl(urlsplit(location).query) == [("q", "公开"), ("district", "环翠区"), ("where", "行政诉讼>0")]
    assert client.get(location).status_code == 200


@pytest.mark.parametrize("where, message", [
    ("新收申请>=十", "数字条件写法不对"), ("不存在的数字>1", "没有名为“不存在的数字”的统计数字"),
    ("新收申请>" + "1" * 200, "数字条件过长"),
])
def test_bad_conditions_are_a_friendly_400(client, where, message):
    status, html = get(client, "/search?" + urlencode({"where": where}))
    assert status == 400 and message in html
    assert message in client.get("/api/search?" + urlencode({"where": where})).get_json()["error"]


def test_result_list_shows_every_figure_a_condition_names(client, corpus_reports):
    _, html = get(client, "/search?" + urlencode([("where", "行政复议>=0"), ("where", "新收申请>=1")]))
    ids = page_ids(html)
    assert ids
    for rid, item in zip(ids, html.split('<li class="hit">')[1:]):
        assert re.search(r"<dt>行政复议</dt><dd>[\d,]+</dd>", item) and "<dt>新收申请</dt>" in item


# --- year range ------------------------------------------------------------------------

def test_year_range_limits_results_and_marks_the_chart(client, corpus_reports):
    status, html = get(client, "/search?year_from=2018&year_to=2021&per_page=100")
    expected = {i for i, r in corpus_reports.items() if r.year and 2018 <= r.year <= 2021}
    assert status == 200 and set(page_ids(html)) == expected
    assert '<option value="2018" selected>' in block(html, 'id="year_from"', "</select>")
    assert '<option value="2021" selected>' in block(html, 'id="year_to"', "</select>")
    assert "年度范围</span>2018–2021" in html
    chart = block(html, 'aria-labelledby="chart-year-title"', "</svg>")
    in_range = re.findall(r'class="bar in-range"><title>(\d{4})年', chart)
    assert sorted(in_range) == sorted({str(r.year) for r in corpus_reports.values() if r.year in range(2018, 2022)})
    open_end = set(page_ids(get(client, "/search?year_from=2022&per_page=100")[1]))
    assert open_end == {i for i, r in corpus_reports.items() if r.year and r.year >= 2022}


@pytest.mark.parametrize("query, message", [("year_from=2023&year_to=2019", "起始年份不能晚于结束年份"),
                                            ("year_from=1900", "1990 到 2100"), ("year_to=abc", "应为正整数")])
def test_bad_year_ranges_are_400(client, query, message):
    status, html = get(client, "/search?" + query)
    assert status == 400 and message in html


# --- 机关类型, 层级, 统计表情况 -------------------------------------------------------------

@pytest.mark.parametrize("facet, title", [("agency_type", "机关类型"), ("level", "层级"), ("tables", "统计表情况")])
def test_new_facets_are_listed_and_filter(client, corpus_reports, facet, title):
    _, html = get(client, "/search")
    section = block(html, f'id="facet-{facet}"')
    assert f"<h3>{title}</h3>" in section
    value = re.search(r'data-value="([^"]+)"', section).group(1)
    response = client.get(f"/api/search?{facet}={value}&per_page=100")
    status, data = response.status_code, response.get_json()
    if facet == "tables":
        expected = {i for i, r in corpus_reports.items() if value == "has_table" and r.stats and r.stats.get("format")}
        assert value == "has_table"  # the most frequent property here
    else:
        expected = {i for i, r in corpus_reports.items() if getattr(r, facet) == value}
    assert status == 200 and {r["id"] for r in data["results"]} == expected


def test_level_labels_are_chinese(client):
    section = block(get(client, "/search")[1], 'id="facet-level"')
    assert "县级" in section and "省级" in section and ">county<" not in section


# --- office names, titles ---------------------------------------------------------------

def test_expanded_names_are_shown_with_a_way_to_search_the_term_alone(client, corpus_reports):
    status, html = get(client, "/search?q=安监局&per_page=100")
    assert status == 200
    note = block(html, '<div class="expanded"', "</div>")
    assert "“安监局”也搜索了" in note and "应急管理局" in note
    only = re.search(r'<a href="([^"]+)">只搜“安监局”</a>', note).group(1).replace("&amp;", "&")
    assert parse_qsl(urlsplit(only).query) == [("q", '"安监局"'), ("per_page", "100")]
    names = ["安监局"] + re.findall(r'<span class="alt">([^<]+)</span>', note)
    expanded_ids = set(page_ids(html))
    assert expanded_ids == {i for i, r in corpus_reports.items()
                            if any(n in r.text or n in (r.title or "") for n in names)}
    _, alone = get(client, only)
    assert '<div class="expanded"' not in alone
    _, alone = get(client, only)
    assert set(page_ids(alone)) == {i for i, r in corpus_reports.items()
                                   if "安监局" in r.text or "安监局" in (r.title or "")}
    assert set(page_ids(alone)) < expanded_ids


def test_title_matches_are_highlighted_in_result_titles(client, corpus_reports):
    _, html = get(client, "/search?q=平潭综合实验区")
    titles = re.findall(r'<h3><a href="/reports/[0-9a-f]{16}[^"]*">(.*?)</a></h3>', html)
    pingtan = [t for t in titles if "平潭综合实验区" in re.sub("<[^>]+>", "", t)]
    assert pingtan and all("<mark>平潭综合实验区</mark>" in t for t in pingtan)


# --- region tree ------------------------------------------------------------------------

def tree(html):
    return block(html, 'id="facet-province"')


def test_region_tree_opens_a_selected_province_to_its_cities(client, corpus_reports):
    _, html = get(client, "/search?province=山东省")
    section = tree(html)
    shandong = [r for r in corpus_reports.values() if r.province == "山东省"]
    for city in {r.city for r in shandong}:
        count = sum(r.city == city for r in shandong)
        assert re.search(rf'data-facet="city" data-value="{city}">.*?<span class="count">{count}</span>',
                         section, re.S)
    # the cities sit inside the province's node, one level down
    node = section.split('data-value="山东省"', 1)[1].split('<li class="node', 1)[0]
    assert 'class="tree-level depth-1"' in section.split('data-value="山东省"', 1)[1].split("</ul>", 1)[0] \
        or 'depth-1' in node
    assert 'data-facet="district"' not in section  # no city chosen yet
    # other provinces stay listed (disjunctive), with their own counts
    for province in {r.province for r in corpus_reports.values() if r.province}:
        count = sum(r.province == province for r in corpus_reports.values())
        assert re.search(rf'data-facet="province" data-value="{province}">.*?<span class="count">{count}</span>',
                         section, re.S)


def test_region_tree_shows_the_path_down_to_a_chosen_city(client, corpus_reports):
    _, html = get(client, "/search?city=威海市")
    section = tree(html)
    assert re.search(r'<li class="node open">\s*<a href="[^"]+" title="只看 山东省" data-facet="province"', section)
    assert re.search(r'<li class="node selected open">\s*<a href="[^"]+" aria-current="true"[^>]*data-facet="city" '
                     r'data-value="威海市"', section)
    districts = {r.district for r in corpus_reports.values() if r.city == "威海市" and r.district}
    assert districts and all(f'data-facet="district" data-value="{d}"' in section for d in districts)
    toggle = re.search(r'<a href="([^"]+)"[^>]*data-facet="district" data-value="环翠区"', section).group(1)
    assert parse_qsl(urlsplit(toggle.replace("&amp;", "&")).query) == [("city", "威海市"), ("district", "环翠区")]


# --- facets like Datasette's ----------------------------------------------------------------

def test_facets_say_how_many_values_they_have_and_show_more_asks_for_them(app, corpus_reports):
    client = create_app({"INDEX_DIR": app.config["INDEX_DIR"], "TESTING": True, "FACET_SIZE": 2}).test_client()
    agencies = {r.agency for r in corpus_reports.values() if r.agency}
    html = get(client, "/search")[1]
    section = block(html, 'id="facet-agency"')
    assert section.count("data-facet=") == 2 and f"显示更多（共 {len(agencies)} 项）" in section
    more = re.search(r'href="([^"]+)">显示更多', section).group(1).replace("&amp;", "&")
    expanded = block(get(client, more)[1], 'id="facet-agency"')
    assert set(re.findall(r'data-value="([^"]+)"', expanded)) == agencies and "收起" in expanded
    assert client.get("/api/search?facet_size=1").get_json()["facet_totals"]["agency"] == len(agencies)
    assert len(client.get("/api/search?facet_size=1").get_json()["facets"]["agency"]) == 1
    assert len(client.get("/api/search?facet_size=max").get_json()["facets"]["agency"]) == len(agencies)


# --- maps ---------------------------------------------------------------------------------

def test_the_map_of_china_counts_reports_per_province_and_links_them(client, corpus_reports):
    _, html = get(client, "/search")
    svg = block(html, '<svg class="map china"', "</svg>")
    provinces = {r.province for r in corpus_reports.values() if r.province}
    for province in provinces:
        count = sum(r.province == province for r in corpus_reports.values())
        link = re.search(rf'<a href="([^"]+)" id="map-p-{province}" aria-label="{province}：{count} 份报告">', svg)
        assert link, province
        assert parse_qsl(urlsplit(link.group(1).replace("&amp;", "&")).query) == [("province", province)]
    assert not re.search(r'id="map-p-西藏自治区"', svg)  # no report: drawn, not linked
    assert 'data-region="西藏自治区"' in svg and "南海诸岛" in svg
    assert '<svg class="map province"' not in html  # no province chosen


def test_choosing_a_province_draws_its_cities(client, corpus_reports):
    _, html = get(client, "/search?province=山东省")
    svg = block(html, '<svg class="map province"', "</svg>")
    for city in {r.city for r in corpus_reports.values() if r.province == "山东省"}:
        count = sum(r.city == city for r in corpus_reports.values())
        assert re.search(rf'id="map-c-{city}" aria-label="{city}：{count} 份报告"', svg)
    assert 'data-region="济南市"' in svg and 'id="map-c-济南市"' not in svg
    china = block(html, '<svg class="map china"', "</svg>")
    assert re.search(r'<path class="region q\d selected" [^>]*data-region="山东省"', china)


def test_a_directly_governed_city_on_a_province_map_counts_from_the_district_facet():
    from nianbao.web.maps import province_regions

    hubei = province_regions("湖北省")
    assert hubei["武汉市"] == "city" and hubei["仙桃市"] == "district"
    beijing = province_regions("北京市")
    assert beijing["海淀区"] == "district" and len(beijing) == 16


# --- suggestions --------------------------------------------------------------------------

def test_suggest_names_agencies_and_places_with_counts(client, corpus_reports):
    response = client.get("/api/suggest?q=环翠")
    data = response.get_json()
    assert response.status_code == 200 and data["q"] == "环翠"
    first = data["suggestions"][0]
    count = sum(r.district == "环翠区" for r in corpus_reports.values())
    assert (first["facet"], first["title"], first["value"], first["count"]) == ("district", "区县", "环翠区", count)
    assert unquote(first["url"]) == "/search?district=环翠区"
    agencies = {s["value"] for s in data["suggestions"] if s["facet"] == "agency"}
    assert agencies == {r.agency for r in corpus_reports.values() if r.agency and "环翠" in r.agency}
    assert len(client.get("/api/suggest?q=环翠&limit=1").get_json()["suggestions"]) == 1
    assert client.get("/api/suggest?q=").get_json() == {"q": "", "suggestions": []}


@pytest.mark.parametrize("query, message", [("q=" + "环" * 51, "建议词最多 50 个字符"), ("q=环&limit=0", "limit"),
                                            ("q=环&limit=21", "limit"), ("q=环&limit=x", "应为正整数")])
def test_suggest_errors_share_the_api_shape(client, query, message):
    response = client.get("/api/suggest?" + query)
    body = response.get_json()
    assert response.status_code == 400 and body["ok"] is False and message in body["error"]


def test_the_search_box_is_a_combobox_wired_to_suggest(client):
    html = get(client, "/search?q=保密审查&district=环翠区")[1]
    assert 'role="combobox"' in html and 'aria-controls="suggestions"' in html
    assert 'data-suggest="/api/suggest"' in html and '<script src="/static/search.js" defer>' in html
    # the box's form carries the page's other state, so a suggestion adds to it
    form = block(html, '<form class="searchbox"', "</form>")
    assert '<input type="hidden" name="district" value="环翠区">' in form
