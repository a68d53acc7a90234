"""Web helpers that need no index: settings, parameters, safe highlighting, charts, facets."""
import re

import pytest
from werkzeug.datastructures import MultiDict

from nianbao.web import create_app
from nianbao.web.chart import district_chart, year_chart
from nianbao.web.facets import build_chips, build_facets
from nianbao.web.highlight import render_text, snippet_html
from nianbao.indexer.search import MAX_PER_PAGE, MAX_QUERY_CHARS, QueryError, SearchRequest
from nianbao.web.params import parse_args
from nianbao.web.settings import DEFAULT_SETTINGS, SETTINGS, StartupError

CONFIG = dict(DEFAULT_SETTINGS)


# --- settings -------------------------------------------------------------

def test_every_setting_has_help_and_a_unique_name():
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)
    assert all(s.help.strip() for s in SETTINGS)


@pytest.mark.parametrize("config,message", [
    ({"INDEX_DIR": "x", "PERPAGE": 20}, "unknown setting 'PERPAGE'"),
    ({"INDEX_DIR": "x", "PER_PAGE": "20"}, "PER_PAGE must be int"),
    ({"INDEX_DIR": "x", "FACET_SIZE": True}, "FACET_SIZE must be int"),
    ({}, "INDEX_DIR is required"),
])
def test_bad_settings_stop_startup(config, message):
    with pytest.raises(StartupError, match=message):
        create_app(config)


def test_flask_keys_and_known_settings_are_accepted(tmp_path):
    app = create_app({"INDEX_DIR": str(tmp_path), "TESTING": True, "PER_PAGE": 5})
    assert app.config["PER_PAGE"] == 5 and app.config["TESTING"] is True
    assert app.config["FACET_SIZE"] == DEFAULT_SETTINGS["FACET_SIZE"]


# --- parameters -----------------------------------------------------------

def test_parse_args_reads_every_parameter():
    args = MultiDict([("q", " 保密审查 "), ("province", "山东省"), ("city", "威海市"),
                      ("district", "环翠区"), ("district", "荣成市"), ("district", "环翠区"),
                      ("agency", "威海市环翠区人民政府"), ("year", "2023"), ("section", "confidentiality"),
                      ("kind", "annual_report"), ("sort", "year"), ("page", "2"), ("per_page", "20"),
                      ("more", "agency"), ("more", "bogus"), ("utm_source", "x")])
    state = parse_args(args, CONFIG)
    req = state.request
    assert req.q == "保密审查"
    assert req.filters == {"province": ["山东省"], "city": ["威海市"], "district": ["环翠区", "荣成市"],
                           "agency": ["威海市环翠区人民政府"], "year": ["2023"],
                           "section": ["confidentiality"], "kind": ["annual_report"]}
    assert (req.sort, req.page, req.per_page) == ("year", 2, 20)
    assert state.expanded == ("agency",)


def test_parse_args_defaults():
    req = parse_args(MultiDict(), CONFIG).request
    assert (req.q, req.filters, req.sort, req.page, req.per_page) == ("", {}, "relevance", 1, 10)


@pytest.mark.parametrize("args,param", [
    ({"page": "abc"}, "page"), ({"page": "0"}, "page"), ({"page": "-3"}, "page"),
    ({"page": "1.5"}, "page"), ({"page": "٣"}, "page"), ({"page": "1_0"}, "page"),
    ({"per_page": str(MAX_PER_PAGE + 1)}, "per_page"), ({"per_page": "0"}, "per_page"),
    ({"sort": "bogus"}, "sort"), ({"q": "保" * (MAX_QUERY_CHARS + 1)}, "q"), ({"q": '"保密'}, "q"),
])
def test_parse_args_rejects_bad_values(args, param):
    with pytest.raises(QueryError) as info:
        parse_args(MultiDict(args), CONFIG)
    assert info.value.param == param
    assert re.search(r"[\u4e00-\u9fff]", str(info.value))  # the message is Chinese


# --- snippets and full text -----------------------------------------------

@pytest.mark.parametrize("snippet,expected", [
    ({"text": "做好保密审查工作。", "matches": [[2, 6]]}, "做好<mark>保密审查</mark>工作。"),
    ({"text": "a <b> & x", "matches": [[8, 9]]}, "a &lt;b&gt; &amp; <mark>x</mark>"),
    ({"text": "<script>alert(1)</script>x", "matches": [[25, 26]]},
     "&lt;script&gt;alert(1)&lt;/script&gt;<mark>x</mark>"),
    ({"text": "<mark>y", "matches": []}, "&lt;mark&gt;y"),
    ({"text": "abc", "matches": [[0, 2], [1, 3]]}, "<mark>abc</mark>"),
    ({"text": "abc", "matches": [[2, 9]]}, "ab<mark>c</mark>"),
    ({"text": "abc", "matches": [[0, 1], [1, 2]]}, "<mark>a</mark><mark>b</mark>c"),
])
def test_snippet_html_escapes_text_and_marks_only_matches(snippet, expected):
    assert str(snippet_html(snippet)) == expected


def test_render_text_escapes_marks_and_sections():
    text = "一、总体情况\n<script>alert(1)</script>保密审查\n二、主动公开\n保密审查。"
    second = text.index("二")
    spans = [[m.start(), m.end()] for m in re.finditer("保密审查", text)]
    html, n = render_text(text, [{"start": 0}, {"start": second}], spans + [spans[0]])
    assert n == 2
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count('<mark id="m') == 2 and '<mark id="m0">保密审查</mark>' in html
    assert f'<section class="sec" id="at-{second}">二、主动公开' in html
    assert re.sub(r"<[^>]+>", "", str(html)).replace("&lt;", "<").replace("&gt;", ">") == text


def test_render_text_splits_a_match_that_crosses_a_section_start():
    text = "甲乙丙丁"
    html, n = render_text(text, [{"start": 0}, {"start": 2}], [[1, 3]])
    assert n == 1
    assert str(html) == ('<section class="sec" id="at-0">甲<mark id="m0">乙</mark>'
                         '</section><section class="sec" id="at-2"><mark>丙</mark>丁</section>')


# --- charts and facets ----------------------------------------------------

def facet_dicts(pairs):
    return [{"value": v, "label": v, "count": c, "selected": s, "toggle_url": f"/search?year={v}"}
            for v, c, s in pairs]


def test_year_chart_draws_one_linked_bar_per_year_in_order():
    svg = str(year_chart(facet_dicts([("2023", 4, False), ("2021", 2, True), ("2022", 0, False)])))
    assert svg.startswith("<svg") and "http" not in svg.replace('href="/search', "")
    assert re.findall(r'class="axis"[^>]*>(\d+)<', svg) == ["2021", "2022", "2023"]
    assert svg.count("<rect") == 3 and svg.count('class="bar selected"') == 1
    heights = [int(h) for h in re.findall(r'height="(\d+)" rx', svg)]
    assert heights[0] * 2 == heights[2] and heights[1] == 0


def test_district_chart_limits_bars_and_escapes_labels():
    svg = str(district_chart(facet_dicts([("<b>区</b>", 5, False), ("环翠区", 3, False),
                                          ("荣成市", 1, False)]), limit=2))
    assert svg.count("<rect") == 2 and "&lt;b&gt;区&lt;/b&gt;" in svg and "荣成市" not in svg


def test_build_facets_truncates_expands_and_keeps_selected_values():
    raw = {"district": [{"value": f"区{i}", "label": f"区{i}", "count": 10 - i, "selected": False}
                        for i in range(6)],
           "kind": [{"value": "annual_report", "label": "年度报告", "count": 6, "selected": False}]}
    raw["agency"] = raw.pop("district")
    pairs = [("agency", "区5"), ("agency", "未知区")]
    filters = {"agency": ["区5", "未知区"]}
    # the service listed 6 of the 9 values this facet has
    [agency] = build_facets(raw, {"agency": 9}, filters, "/search", pairs, 3, ())
    assert [v["value"] for v in agency["values"]] == ["区0", "区1", "区2", "区5", "未知区"]
    assert agency["truncated"] and "more=agency" in agency["more_url"] and agency["total_values"] == 9
    assert [v["selected"] for v in agency["values"]] == [False, False, False, True, True]
    [expanded] = build_facets(raw, {"agency": 9}, filters, "/search", pairs, 3, ("agency",))
    assert len(expanded["values"]) == 7 and expanded["expanded"] and not expanded["truncated"]
    assert expanded["cut"] == 3  # still not all: the page says it shows 6 of 9
    [whole] = build_facets(raw, {"agency": 6}, filters, "/search", pairs, 3, ("agency",))
    assert whole["cut"] == 0
    req = SearchRequest(filters=filters, where=["新收申请>=10"], year_from=2019)
    chips = build_chips([agency], req, "/search", pairs + [("where", "新收申请>=10"), ("year_from", "2019")])
    assert [(c["title"], c["label"]) for c in chips] == [("机关", "区5"), ("机关", "未知区"),
                                                         ("统计数字", "新收申请>=10"), ("年度范围", "2019–不限")]
    assert chips[0]["remove_url"] == ("/search?agency=%E6%9C%AA%E7%9F%A5%E5%8C%BA&where=%E6%96%B0%E6%94%B6"
                                      "%E7%94%B3%E8%AF%B7%3E%3D10&year_from=2019")
    assert chips[3]["remove_url"] == "/search?agency=%E5%8C%BA5&agency=%E6%9C%AA%E7%9F%A5%E5%8C%BA&where=%E6%96%B0%E6%94%B6%E7%94%B3%E8%AF%B7%3E%3D10"


def test_years_are_listed_newest_first():
    raw = {"year": [{"value": y, "label": str(y), "count": c, "selected": False}
                    for y, c in ((2017, 5), (2024, 1), (2020, 3))]}
    [year] = build_facets(raw, {"year": 3}, {}, "/search", [], 8, ())
    assert [v["value"] for v in year["values"]] == ["2024", "2020", "2017"]


def test_a_missing_index_is_a_503_with_its_message(tmp_path):
    client = create_app({"INDEX_DIR": str(tmp_path / "none")}).test_client()
    api = client.get("/api/search?q=保密审查")
    assert api.status_code == 503
    body = api.get_json()
    assert body["ok"] is False and body["status"] == 503 and "索引不存在" in body["error"]
    page = client.get("/search?q=保密审查")
    assert page.status_code == 503 and "索引不存在" in page.get_data(as_text=True)
