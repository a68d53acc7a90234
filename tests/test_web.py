"""The web app through Flask's test client, on an index built from corpus/.

Expected values come from the extractor run on the same files (ground truth: which
reports contain a string, which district a report is in), never from the app itself.
"""
import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from nianbao.indexer.index.build import build_index
from nianbao.indexer.search import SearchRequest, open_service
from nianbao.web import create_app

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
QUERY = "保密审查"
LINK = re.compile(r'href="/reports/([0-9a-f]{16})')


@pytest.fixture(scope="module")
def index_dir(corpus_index):
    """The session's index of corpus/ (tests/conftest.py)."""
    return str(corpus_index)


@pytest.fixture(scope="module")
def truth(corpus_reports):
    """Every report of corpus/ by id, as the extractor sees it."""
    return corpus_reports


def page_ids(html):
    """Report ids linked from the result list, in order, without repeats."""
    hits = html.split('<ol class="hits"', 1)[-1] if '<ol class="hits"' in html else ""
    return list(dict.fromkeys(LINK.findall(hits)))


def containing(truth, text):
    """Ids of the reports whose clean text contains ``text``."""
    return {i for i, r in truth.items() if text in r.text}


def api(client, url):
    response = client.get(url)
    return response.status_code, response.get_json()


# --- search page -----------------------------------------------------------

def test_home_browses_the_whole_corpus(client, truth):
    html = client.get("/").get_data(as_text=True)
    assert f"共收录 <strong>{len(truth)}</strong> 份报告" in html
    assert 'name="q"' in html and '<label for="q"' in html
    provinces = {r.province for r in truth.values() if r.province}
    for province in provinces:  # the region tree's top level
        assert f'data-facet="province" data-value="{province}"' in html
    assert 'data-facet="district"' not in html  # children appear once a parent is chosen
    assert "<svg" in html  # the by-year chart


def test_search_finds_exactly_the_reports_containing_the_query(client, truth):
    html = client.get(f"/search?q={QUERY}&per_page=50").get_data(as_text=True)
    expected = containing(truth, QUERY)
    assert set(page_ids(html)) == expected
    assert f"找到 <strong>{len(expected)}</strong> 份报告" in html
    assert f"<mark>{QUERY}</mark>" in html
    assert re.search(r"用时 \d+ 毫秒", html)
    assert f'value="{QUERY}"' in html  # the box keeps the query


@pytest.mark.parametrize("district", ["环翠区", "张店区"])
def test_district_filter_keeps_only_that_districts_reports(client, truth, district):
    html = client.get(f"/search?q={QUERY}&district={district}").get_data(as_text=True)
    expected = {i for i in containing(truth, QUERY) if truth[i].district == district}
    assert expected and set(page_ids(html)) == expected
    assert re.search(r'class="chip"[^>]*>.*?' + district, html, re.S)
    # Disjunctive counts: the other districts stay on the page, ready to add: those of the same
    # city in the region tree (opened down to the selected district), all in the chart.
    others = {truth[i].district for i in containing(truth, QUERY)} - {district, None}
    city = next(r.city for r in truth.values() if r.district == district)
    for other in others:
        assert f"<title>{other}：" in html
        same_city = any(r.district == other and r.city == city for r in truth.values())
        assert (f'data-facet="district" data-value="{other}"' in html) == same_city


def test_two_values_of_one_facet_are_ored(client, truth):
    html = client.get(f"/search?q={QUERY}&district=环翠区&district=张店区").get_data(as_text=True)
    expected = {i for i in containing(truth, QUERY) if truth[i].district in ("环翠区", "张店区")}
    assert set(page_ids(html)) == expected


@pytest.mark.parametrize("facet", ["province", "city", "district", "agency", "year", "kind"])
def test_each_facet_parameter_filters_by_the_reports_metadata(client, truth, facet):
    values = sorted({str(getattr(r, facet)) for r in truth.values() if getattr(r, facet)})
    value = values[0]
    status, data = api(client, f"/api/search?{facet}={value}&per_page=50")
    assert status == 200
    expected = {i for i, r in truth.items() if str(getattr(r, facet)) == value}
    assert {r["id"] for r in data["results"]} == expected
    selected = [v for v in data["facets"][facet] if v["selected"]]
    assert [str(v["value"]) for v in selected] == [value]


def test_section_filter_keeps_reports_with_that_section(client, truth):
    status, data = api(client, f"/api/search?q={QUERY}&section=confidentiality&per_page=50")
    assert status == 200 and data["results"]
    for result in data["results"]:
        assert "confidentiality" in [s["key"] for s in result["sections"]]


def test_sort_by_year_is_newest_first(client):
    status, data = api(client, "/api/search?sort=year&per_page=50")
    years = [r["year"] or 0 for r in data["results"]]
    assert status == 200 and years == sorted(years, reverse=True) and len(set(years)) > 2


def test_pagination_pages_are_disjoint_and_linked(client, truth):
    first = client.get("/search?per_page=5").get_data(as_text=True)
    second = client.get("/search?per_page=5&page=2").get_data(as_text=True)
    assert len(page_ids(first)) == 5 and len(page_ids(second)) == 5
    assert not set(page_ids(first)) & set(page_ids(second))
    assert 'aria-current="page">2<' in second and 'rel="prev"' in second
    assert 'href="/search?per_page=5&amp;page=2" rel="next"' in first


def test_every_link_on_a_filtered_page_works(client):
    html = client.get(f"/search?q={QUERY}&district=环翠区&sort=year").get_data(as_text=True)
    links = set(re.findall(r'href="(/[^"#]*)', html))
    assert len(links) > 20
    for link in links:
        url = link.replace("&amp;", "&")
        assert client.get(url).status_code == 200, url


def test_filter_links_reset_the_page(client):
    html = client.get("/search?page=2&per_page=5").get_data(as_text=True)
    toggles = re.findall(r'<a href="([^"]+)"[^>]*data-facet=', html)
    assert toggles and all("page=2" not in t for t in toggles)


def test_unknown_facet_value_is_an_empty_result_not_an_error(client):
    response = client.get(f"/search?q={QUERY}&district=不存在区")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "没有找到匹配的报告" in html and "清除全部筛选" in html and "不存在区" in html


def test_empty_state_suggests_what_to_try(client):
    html = client.get('/search?q="保密审查的的的"').get_data(as_text=True)
    assert "没有找到匹配的报告" in html and "去掉引号" in html


def test_show_more_expands_a_long_facet(index_dir):
    client = create_app({"INDEX_DIR": index_dir, "TESTING": True, "FACET_SIZE": 2}).test_client()
    html = client.get("/search").get_data(as_text=True)
    agency_block = html.split('id="facet-agency"', 1)[1].split("</section>", 1)[0]
    assert agency_block.count("data-facet=") == 2 and "显示更多" in agency_block
    more = re.search(r'href="([^"]+)">显示更多', agency_block).group(1).replace("&amp;", "&")
    expanded = client.get(more).get_data(as_text=True)
    agency_block = expanded.split('id="facet-agency"', 1)[1].split("</section>", 1)[0]
    assert agency_block.count("data-facet=") > 2 and "收起" in agency_block


@pytest.mark.parametrize("query,message", [
    ("page=abc", "参数 page 应为正整数"),
    ("page=0", "页码必须是正整数"),
    ("sort=bogus", "未知的排序方式"),
    ("per_page=1000", "每页条数必须在 1 到 100 之间"),
    ('q="保密', "引号没有配对"),
    ("q=" + "保" * 501, "检索式过长"),
])
def test_bad_parameters_give_a_friendly_400_page(client, query, message):
    response = client.get("/search?" + query)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html and "无法执行这次检索" in html and 'name="q"' in html


# --- report page -------------------------------------------------------------

def test_report_page_highlights_matches_and_shows_outline(client, truth):
    rid = next(i for i in sorted(containing(truth, QUERY)) if truth[i].district == "环翠区")
    report = truth[rid]
    html = client.get(f"/reports/{rid}?q={QUERY}").get_data(as_text=True)
    assert html.count("<mark") == report.text.count(QUERY)
    assert f'<mark id="m0">{QUERY}</mark>' in html
    assert report.title in html and report.agency in html
    for section in report.sections:
        assert f'href="#at-{section.start}"' in html
        assert f'id="at-{section.start}"' in html
        assert section.label in html


def test_report_page_links_the_same_agencys_other_years(client, truth):
    by_agency = {}
    for i, r in truth.items():
        by_agency.setdefault(r.agency, set()).add(r.year)
    rid = next(i for i, r in sorted(truth.items()) if r.agency and len(by_agency[r.agency]) > 2)
    html = client.get(f"/reports/{rid}").get_data(as_text=True)
    linked = set(re.findall(r'href="/reports/([0-9a-f]{16})', html)) - {rid}
    assert linked and all(truth[o].agency == truth[rid].agency for o in linked)
    assert all(truth[o].year != truth[rid].year for o in linked)


def test_report_page_with_an_unparseable_query_still_shows_the_report(client, truth):
    rid = sorted(truth)[0]
    response = client.get(f'/reports/{rid}?q="保密')
    assert response.status_code == 200 and "检索词无法高亮" in response.get_data(as_text=True)


def test_unknown_report_is_404(client):
    response = client.get("/reports/0000000000000000")
    assert response.status_code == 404 and "没有这份报告" in response.get_data(as_text=True)


def test_unknown_page_is_a_chinese_404(client):
    response = client.get("/nowhere")
    assert response.status_code == 404 and "没有找到这个页面" in response.get_data(as_text=True)


# --- JSON API ----------------------------------------------------------------

def test_api_search_is_the_services_json(client, index_dir):
    status, data = api(client, f"/api/search?q={QUERY}&district=环翠区&sort=year")
    service = open_service(index_dir)
    try:
        direct = service.search(SearchRequest(q=QUERY, filters={"district": ["环翠区"]},
                                              sort="year")).to_dict()
    finally:
        service.close()
    data.pop("took_ms"), direct.pop("took_ms")
    assert status == 200 and data == json.loads(json.dumps(direct))


def test_api_report_has_metadata_sections_and_text(client, truth):
    rid = sorted(truth)[0]
    status, data = api(client, f"/api/reports/{rid}")
    report = truth[rid]
    assert status == 200 and data["id"] == rid
    assert data["text"] == report.text and data["title"] == report.title
    assert [(s["key"], s["start"], s["end"]) for s in data["sections"]] == [
        (s.key, s.start, s.end) for s in report.sections]


@pytest.mark.parametrize("url,status,message", [
    ("/api/search?page=abc", 400, "参数 page 应为正整数"),
    ("/api/search?page=0", 400, "页码必须是正整数"),
    ("/api/search?sort=bogus", 400, "未知的排序方式"),
    ("/api/search?per_page=101", 400, "每页条数必须在 1 到 100 之间"),
    ('/api/search?q="保密', 400, "引号没有配对"),
    ("/api/reports/0000000000000000", 404, "没有 id 为 0000000000000000 的报告"),
    ("/api/nowhere", 404, "没有找到这个页面"),
])
def test_api_errors_share_one_json_shape(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert response.get_json() == {"ok": False, "status": status, "error": response.get_json()["error"],
                                   "errors": [response.get_json()["error"]]}
    assert message in response.get_json()["error"]


def test_api_unknown_facet_value_is_fine(client):
    status, data = api(client, "/api/search?district=不存在区")
    assert status == 200 and data["total"] == 0 and data["results"] == []


# --- exports -----------------------------------------------------------------

def test_csv_export_has_the_pages_columns_and_rows(client, truth):
    response = client.get(f"/search.csv?q={QUERY}&page=3")
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert {r["id"] for r in rows} == containing(truth, QUERY)  # all of them, page ignored
    assert list(rows[0]) == ["id", "title", "agency", "province", "city", "district", "year",
                             "sections", "snippets", "url"]
    for row in rows:
        report = truth[row["id"]]
        assert row["title"] == report.title and row["district"] == (report.district or "")
        assert QUERY in row["snippets"] and "<mark>" not in row["snippets"]
        assert unquote(row["url"]).endswith(f"/reports/{row['id']}")


def test_json_export_is_capped(index_dir, truth):
    client = create_app({"INDEX_DIR": index_dir, "TESTING": True, "EXPORT_MAX": 3}).test_client()
    data = json.loads(client.get("/search.json").get_data(as_text=True))
    assert data["total"] == len(truth) and data["exported"] == 3 and data["truncated"] is True
    assert len(data["rows"]) == 3 and data["columns"][0] == "id"


def test_export_with_bad_parameters_is_400(client):
    assert client.get("/search.csv?page=abc").status_code == 400


# --- untrusted document text ------------------------------------------------

@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    """An index of one report whose title and text carry HTML and script."""
    folder = tmp_path_factory.mktemp("hostile")
    body = ("<script>alert('x')</script>某某区人民政府2023年政府信息公开工作年度报告\n"
            "一、总体情况\n我们加强<b>保密审查</b>，<img src=x onerror=alert(1)>做好公开工作。\n"
            "二、主动公开政府信息情况\n保密审查制度健全。\n")
    (folder / "report.html").write_text(
        f"<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;年度报告</title></head>"
        f"<body><pre>{body.replace('<', '&lt;').replace('>', '&gt;')}</pre></body></html>", encoding="utf-8")
    index = tmp_path_factory.mktemp("hostile-index")
    build_index([str(folder)], str(index))
    return create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()


@pytest.mark.parametrize("url", [f"/search?q={QUERY}", "/search", "/"])
def test_document_html_shows_as_text_on_the_search_page(hostile_client, url):
    html = hostile_client.get(url).get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>保密" not in html
    assert "&lt;script&gt;" in html


def test_document_html_shows_as_text_on_the_report_page(hostile_client):
    rid = LINK.search(hostile_client.get("/search").get_data(as_text=True)).group(1)
    html = hostile_client.get(f"/reports/{rid}?q={QUERY}").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert html.count("<mark") == 2


def test_year_chart_draws_every_year_even_when_the_sidebar_is_cut(index_dir, truth):
    client = create_app({"INDEX_DIR": index_dir, "TESTING": True, "FACET_SIZE": 2}).test_client()
    html = client.get("/search").get_data(as_text=True)
    chart = html.split('aria-labelledby="chart-year-title"', 1)[1].split("</svg>", 1)[0]
    years = sorted({r.year for r in truth.values() if r.year})
    assert re.findall(r'class="axis"[^>]*>(\d{4})<', chart) == [str(y) for y in years]
    counts = re.findall(r'class="count"[^>]*>(\d+)<', chart)
    assert [int(c) for c in counts] == [sum(r.year == y for r in truth.values()) for y in years]
