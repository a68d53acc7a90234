"""The report page's tables, peers and changes, the changes page and API, and the comparison
view with its exports, through Flask's test client.

Expected figures are the ones transcribed by hand from the source documents
(``tests/data/stats/*.json``, read with ``stats_cases.load``), the extractor's metadata
(``corpus_reports``), or counted here; never the page's own output.
"""
import csv
import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest

import stats_cases as S
from nianbao.indexer.index.build import build_index
from nianbao.indexer.search import SearchRequest
from nianbao.indexer.stats.measures import value as figure_value
from nianbao.web import create_app
from nianbao.web.figures import format_figure, report_tables
from nianbao.web.views.search import quote_term_url

ROOT = Path(__file__).resolve().parents[1]
PINGTAN_2020 = "202103__80595_平潭综合实验区2020年度政府信息公开工作年度报告__page.html"


def rid_of(corpus_reports, name):
    return next(i for i, r in corpus_reports.items() if r.path.endswith(name))


def cell(html, key):
    """(classes, text) of the table cell for contract key ``key``."""
    m = re.search(rf'<td class="([^"]+)"(?: title="[^"]*")? data-key="{re.escape(key)}">([^<]*)', html)
    return (m.group(1), m.group(2)) if m else None


# --- the statutory tables on the report page -----------------------------------------------

def test_report_page_draws_the_tables_from_the_figures(client, corpus_reports):
    case = S.load(S.DATA / "pingtan2020_html.json")
    rid = rid_of(corpus_reports, PINGTAN_2020)
    html = client.get(f"/reports/{rid}").get_data(as_text=True)
    tables = html.split('id="tables"', 1)[1].split("</details>", 1)[0]
    assert "2019 年格式" in tables
    checked = 0
    for key, expected in case["figures"].items():
        got = cell(tables, key)
        assert got, key
        if expected is None:
            assert got == ("cell-blank", "空白"), key
        elif isinstance(expected, str):
            assert got[1] == "不适用", key
        else:
            assert float(got[1].replace(",", "")) == pytest.approx(expected, abs=0.01), key
            checked += 1
    assert checked > 150  # every cell of the three tables, transcribed by hand


def test_cells_that_break_the_arithmetic_are_marked_and_explained(client, corpus_reports):
    case = S.load(S.DATA / "pingtan2020_html.json")
    rid = rid_of(corpus_reports, PINGTAN_2020)
    html = client.get(f"/reports/{rid}").get_data(as_text=True)
    tables = html.split('id="tables"', 1)[1].split("</details>", 1)[0]
    broken = {i["key"] for i in case["issues"] if i["kind"] == "arithmetic"}
    assert broken == {"申请.办理结果总计.自然人", "申请.办理结果总计.总计"}
    for key in broken:
        classes, _ = cell(tables, key)
        assert "flag-arithmetic" in classes
        number = re.search(rf'data-key="{re.escape(key)}">[^<]*<a class="note-ref" href="#note-(\d+)"', tables).group(1)
        note = re.search(rf'<li id="note-{number}">(.*?)</li>', tables).group(1)
        assert "数字不平" in note and key in note and "≠" in note
    flagged = set(re.findall(r'class="[^"]*flag-arithmetic[^"]*"(?: title="[^"]*")? data-key="([^"]+)"', tables))
    assert flagged == broken  # no other cell is marked


def test_blank_not_applicable_unreadable_and_absent_cells_differ():
    values = {"申请.本年新收.自然人": 3, "申请.本年新收.商业企业": None, "申请.本年新收.科研机构": "不适用",
              "复议.总计": 2, "复议.结果维持": 1, "复议.结果纠正": 0, "复议.其他结果": 0, "复议.尚未审结": 0}
    issues = [{"key": "申请.本年新收.总计", "kind": "unreadable", "message": "无法唯一确定（1153）"},
              {"key": "复议.总计", "kind": "arithmetic", "message": "复议：各项之和 1 ≠ 总计 2"},
              {"key": "旧.收到申请数", "kind": "text_vs_table", "message": "正文称 5 件"}]
    tables = report_tables({"format": "2021", "values": values}, issues)
    row = next(r for r in tables["requests"] if r["label"].startswith("一、"))
    states = {c["key"].rsplit(".", 1)[1]: (c["state"], c["text"]) for c in row["cells"]}
    assert states["自然人"] == ("num", "3") and states["商业企业"] == ("blank", "空白")
    assert states["科研机构"] == ("na", "不适用") and states["总计"] == ("unreadable", "无法识别")
    assert states["其他"] == ("absent", "")
    unreadable = next(c for c in row["cells"] if c["key"] == "申请.本年新收.总计")
    assert unreadable["title"] == "无法唯一确定（1153）"
    total = next(c for c in tables["appeals"] if c["key"] == "复议.总计")
    assert total["flag"] == "arithmetic" and total["notes"] == [1]
    # an issue on a cell no table draws still gets its note
    assert [(n["n"], n["key"], n["label"]) for n in tables["notes"]] == [
        (1, "复议.总计", "数字不平"), (2, "旧.收到申请数", "正文与表格不符")]
    assert report_tables(None, []) is None and report_tables({"format": None, "values": {}}, []) is None


def test_older_format_and_prose_figures_get_their_own_table():
    tables = report_tables({"format": None, "values": {"旧.行政复议数": 1, "旧.行政诉讼数": 0}}, [])
    assert tables["requests"] is None and tables["appeals"] is None
    assert [(r["label"], r["cells"][0]["text"]) for r in tables["older"]] == [
        ("因政府信息公开申请行政复议数", "1"), ("因政府信息公开申请行政诉讼数", "0")]


@pytest.mark.parametrize("name, value, shown", [
    ("新收申请", 1234, "1,234"), ("不予公开率", 0.25, "25.0%"), ("沿用上年比例", 0.2857, "28.6%"),
    ("收费金额", 7545.0, "7,545.00"), ("主动公开.行政事业性收费.本年收费金额", 0.5, "0.50"),
    ("新收申请", None, "—"), ("主动公开.行政许可.本年增减", -18, "-18")])
def test_figures_are_printed_by_kind(name, value, shown):
    assert format_figure(name, value) == shown


# --- headline figures, peers, changes on the report page ----------------------------------

def test_report_page_lists_headline_figures_and_links_the_office_across_years(client, corpus_reports):
    case = S.load(S.DATA / "pingtan2020_html.json")
    rid = rid_of(corpus_reports, PINGTAN_2020)
    html = client.get(f"/reports/{rid}").get_data(as_text=True)
    panel = html.split('id="figures"', 1)[1].split("</section>", 1)[0]
    new = case["figures"]["申请.本年新收.总计"]
    assert re.search(rf'<tr data-figure="新收申请"><th scope="row">新收申请</th><td class="num">{new}</td>', panel)
    assert "同类报告（同一层级、机关类型和年度）不足" in panel  # the corpus has one report per office and year
    assert f'href="/compare?office={rid}"' in html and "本机关历年数字" in html


@pytest.fixture(scope="module")
def peers_client(tmp_path_factory):
    """An index of three county 应急管理局 reports of 2020 (one real report, its place renamed)."""
    folder = tmp_path_factory.mktemp("peers")
    source = next((ROOT / "corpus").glob("004_*.txt"))
    text = source.read_text("utf-8")
    assert "环翠区应急管理局2020年" in text
    shutil.copy(source, folder / "a.txt")
    (folder / "b.txt").write_text(text.replace("环翠区", "文登区"), "utf-8")
    (folder / "c.txt").write_text(text.replace("环翠区", "乳山市"), "utf-8")
    index = tmp_path_factory.mktemp("peers-index")
    build_index([str(folder)], str(index), jobs=1)
    return create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()


def test_peers_stand_beside_the_headline_figures(peers_client, corpus_reports):
    report = next(r for r in corpus_reports.values() if r.path.endswith(".txt") and "004_" in r.path)
    results = peers_client.get("/api/search").get_json()["results"]
    assert len(results) == 3 and {r["agency_type"] for r in results} == {report.agency_type}
    rid = results[0]["id"]
    data = peers_client.get(f"/api/reports/{rid}").get_json()
    assert data["peers"]["reports"] == 3
    html = peers_client.get(f"/reports/{rid}").get_data(as_text=True)
    panel = html.split('id="figures"', 1)[1].split("</section>", 1)[0]
    assert "与同类机关比较" in panel and "同一年度的 3 份报告" in panel
    new = figure_value(report.stats["values"], "新收申请")
    row = re.search(r'<tr data-figure="新收申请">(.*?)</tr>', panel, re.S).group(1)
    # three identical tables: the median is the figure itself, and this report is at the top
    assert re.findall(r'<td class="num[^"]*">([^<]*)</td>', row) == [
        format_figure("新收申请", new), format_figure("新收申请", new), "第 100 百分位", "3"]


def test_report_page_says_what_changed_since_last_year(client, corpus_service):
    [this] = corpus_service.search(SearchRequest(q="title:河北省科学技术厅2023年")).results
    html = client.get(f"/reports/{this['id']}").get_data(as_text=True)
    panel = html.split('id="changes"', 1)[1].split("</section>", 1)[0]
    changes = corpus_service.changes(this["id"])
    counts = {op: sum(o["op"] == op for o in changes["ops"]) for op in ("same", "added", "removed")}
    assert f'{changes["share"] * 100:.1f}%' in panel and "2022 年度报告" in panel
    assert f"未变 {counts['same']} 句，新增 {counts['added']} 句，删去 {counts['removed']} 句" in panel
    assert f'href="/reports/{this["id"]}/changes"' in panel


def test_changes_page_marks_every_sentence(client, corpus_service, corpus_reports):
    [this] = corpus_service.search(SearchRequest(q="title:河北省科学技术厅2023年")).results
    response = client.get(f"/reports/{this['id']}/changes")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    this_text = corpus_reports[this["id"]].text
    previous = corpus_service.changes(this["id"])["previous"]
    last_text = corpus_reports[previous["id"]].text
    added = re.findall(r'<li class="added"><span class="visually-hidden">新增：</span>([^<]+)</li>', html)
    removed = re.findall(r'<li class="removed"><span class="visually-hidden">删去：</span>([^<]+)</li>', html)
    same = re.findall(r'<li class="same(?: fold)?"><span class="visually-hidden">未变：</span>([^<]+)</li>', html)
    unescape = lambda t: t.replace("&#34;", '"').replace("&#39;", "'").replace("&amp;", "&")  # noqa: E731
    assert added and removed and same
    squash = lambda t: re.sub(r"\s+", "", t)  # noqa: E731
    assert all(squash(unescape(t)) in squash(this_text) and squash(unescape(t)) not in squash(last_text)
               for t in added)
    assert all(squash(unescape(t)) in squash(last_text) for t in removed)
    assert all(squash(unescape(t)) in squash(this_text) and squash(unescape(t)) in squash(last_text) for t in same)


def test_changes_api_and_its_errors(client, corpus_service):
    [this] = corpus_service.search(SearchRequest(q="title:河北省科学技术厅2023年")).results
    data = client.get(f"/api/reports/{this['id']}/changes").get_json()
    assert data == json.loads(json.dumps(corpus_service.changes(this["id"])))
    assert data["previous"]["year"] == 2022 and {o["op"] for o in data["ops"]} == {"same", "added", "removed"}
    missing = client.get("/api/reports/0000000000000000/changes")
    assert missing.status_code == 404 and missing.get_json()["ok"] is False
    assert client.get("/reports/0000000000000000/changes").status_code == 404
    first = corpus_service.report(this["id"])["other_years"][-1]
    html = client.get(f"/reports/{first['id']}/changes").get_data(as_text=True)
    assert "没有这一机关更早的报告" in html


# --- the comparison view ------------------------------------------------------------------

def office_rows(corpus_reports, agency):
    return sorted((r for r in corpus_reports.values() if r.agency == agency and r.kind != "other"),
                  key=lambda r: r.year)


def test_compare_an_office_across_years(client, corpus_service, corpus_reports):
    [this] = corpus_service.search(SearchRequest(q="title:河北省科学技术厅2023年")).results
    data = client.get(f"/api/compare?office={this['id']}").get_json()
    expected = office_rows(corpus_reports, "河北省科学技术厅")
    assert data["mode"] == "office" and data["title"] == "河北省科学技术厅历年统计数字"
    assert [r["year"] for r in data["rows"]] == [r.year for r in expected]
    case = S.load(S.DATA / "hebei_sci2023_csv.json")
    latest = data["rows"][-1]
    assert latest["id"] == this["id"]
    assert latest["figures"]["新收申请"] == case["figures"]["申请.本年新收.总计"]
    assert latest["figures"]["予以公开"] == case["figures"]["申请.予以公开.总计"]
    html = client.get(f"/compare?office={this['id']}").get_data(as_text=True)
    assert html.count("<tr>") == 1 + len(expected)
    assert html.count('class="chart figure-chart"') >= 6  # a chart per figure some year has
    axis = re.findall(r'class="axis"[^>]*>(\d{4})<', html.split("新收申请</figcaption>", 1)[1].split("</svg>", 1)[0])
    assert axis == [str(r.year) for r in expected]


def test_office_mode_leaves_out_documents_without_tables(client, corpus_reports):
    rid = next(i for i, r in corpus_reports.items() if r.agency == "河北省工业和信息化厅" and r.year == 2023
               and r.kind != "other")
    data = client.get(f"/api/compare?office={rid}").get_json()
    others = [r for r in corpus_reports.values() if r.agency == "河北省工业和信息化厅" and r.kind == "other"
              and r.year != 2023]
    assert others and data["omitted"] == len(others)
    assert all(corpus_reports[r["id"]].kind != "other" for r in data["rows"])


def test_compare_a_search_and_export_it(client, corpus_reports):
    query = urlencode({"city": "威海市", "fig": ["新收申请", "行政诉讼", "申请.本年新收.自然人"]}, doseq=True)
    data = client.get(f"/api/compare?{query}").get_json()
    expected = {i for i, r in corpus_reports.items() if r.city == "威海市"}
    assert data["mode"] == "search" and {r["id"] for r in data["rows"]} == expected
    assert data["figures"] == ["新收申请", "行政诉讼", "申请.本年新收.自然人"]
    text = client.get(f"/compare.csv?{query}").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0]) == ["id", "title", "agency", "province", "city", "district", "year",
                             "新收申请", "行政诉讼", "申请.本年新收.自然人", "url"]
    for row in rows:
        report = corpus_reports[row["id"]]
        want = figure_value((report.stats or {}).get("values") or {}, "申请.本年新收.自然人")
        assert row["申请.本年新收.自然人"] == ("" if want is None else str(int(want)))
        assert row["url"] == f"/reports/{row['id']}"
    exported = json.loads(client.get(f"/compare.json?{query}").get_data(as_text=True))
    assert exported == data
    html = client.get(f"/compare?{query}").get_data(as_text=True)
    assert "← 返回检索结果" in html and 'href="/search?city=' in html


def test_compare_chosen_reports_in_their_order(client, corpus_reports):
    ids = sorted(corpus_reports)[:3][::-1]
    data = client.get("/api/compare?" + urlencode([("id", i) for i in ids] + [("id", "nonsense")])).get_json()
    assert data["mode"] == "reports" and [r["id"] for r in data["rows"]] == ids


def test_the_search_page_links_its_comparison(client):
    html = client.get("/search?q=公开&city=威海市&page=1&sort=year").get_data(as_text=True)
    link = re.search(r'<a class="compare-link" href="([^"]+)">比较这些报告的统计数字</a>', html).group(1)
    assert link.replace("&amp;", "&") == "/compare?" + urlencode({"q": "公开", "city": "威海市", "sort": "year"})


@pytest.mark.parametrize("url, status, message", [
    ("/api/compare?fig=不存在", 400, "没有名为“不存在”的统计数字"),
    ("/api/compare?" + urlencode([("fig", f"申请.本年新收.{c}") for c in "abcdefghijklmnopqrstu"]), 400,
     "最多同时比较 20 个统计数字"),
    ("/api/compare?office=0000000000000000", 404, "没有 id 为"),
    ("/api/compare?" + urlencode([("id", f"{i:016x}") for i in range(101)]), 400, "最多同时比较 100 份报告"),
    ("/api/compare?year_from=2030&year_to=2020", 400, "起始年份不能晚于结束年份"),
])
def test_compare_errors(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status and message in response.get_json()["error"]
    page = client.get(url.replace("/api/compare", "/compare"))
    assert page.status_code == status and message in page.get_data(as_text=True)


def test_compare_is_capped(app, corpus_reports):
    client = create_app({"INDEX_DIR": app.config["INDEX_DIR"], "TESTING": True, "COMPARE_MAX": 4}).test_client()
    data = client.get("/api/compare").get_json()
    assert len(data["rows"]) == 4 and data["truncated"] and data["total"] == len(corpus_reports)
    assert "只比较前 4 份" in client.get("/compare").get_data(as_text=True)


@pytest.mark.parametrize("q, term, expected", [
    ("人社局", "人社局", '"人社局"'), ("人社局 OR 发改委", "人社局", '"人社局" OR 发改委'),
    ("保密 -人社局", "人社局", '保密 -"人社局"'), ("环翠区人社局 2020", "人社局", None),
    ('"人社局" 人社局', "人社局", '"人社局" "人社局"')])
def test_quoting_an_expanded_term(q, term, expected):
    url = quote_term_url("/search", [("q", q), ("page", "2")], q, term)
    if expected is None:
        assert url is None
    else:
        assert url == "/search?" + urlencode({"q": expected})


def test_new_pages_hold_no_inline_code(client, corpus_reports):
    from test_web_hostile import inline_code

    rid = rid_of(corpus_reports, PINGTAN_2020)
    for url in [f"/reports/{rid}", f"/reports/{rid}/changes", f"/compare?office={rid}", "/compare?city=威海市",
                "/search?province=山东省&city=威海市&where=新收申请>=0&sort=新收申请&year_from=2017",
                "/search?q=人社局", "/compare?fig=bogus"]:
        response = client.get(url)
        assert response.status_code in (200, 400), url
        assert inline_code(response.get_data(as_text=True)) == [], url
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_pickers_list_the_measures_then_every_contract_key():
    from nianbao.indexer.stats.measures import MEASURES, names
    from nianbao.web.figures import figure_groups, sort_options

    groups = figure_groups()
    assert groups[0] == ("常用", list(MEASURES) + ["沿用上年比例"])
    assert [name for _, items in groups for name in items] == names()
    options = sort_options("申请.本年新收.总计:asc")
    assert options[:2] == [("relevance", "相关度"), ("year", "年度（从新到旧）")]
    assert ("不予公开率:asc", "不予公开率（从小到大）") in options
    assert options[-1] == ("申请.本年新收.总计:asc", "申请.本年新收.总计（从小到大）")
    assert sort_options("新收申请")[-1] == ("沿用上年比例:asc", "沿用上年比例（从小到大）")
