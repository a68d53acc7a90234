"""Hostile and unlucky requests (issue 10): filters, links, exports, headers, limits, long reports.

The property tests send hypothesis-made parameters to every endpoint and check what must
hold for any request: no 5xx, a bounded response, links that carry only the page's own
state, the security headers. The time bound there is a guard against pathological
blow-ups (the 52 MB page took 11 s), far above normal times, not a speed goal.
"""
import csv
import io
import json
import re
import socket
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import pytest
import waitress
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.indexer.index import store
from nianbao.indexer.index.build import build_index
from nianbao.indexer.search import FACETS, MAX_FILTER_VALUES, MAX_VALUES_PER_FACET
from nianbao.web import create_app
from nianbao.web.security import HEADERS, WAITRESS_HEADER_BYTES
from nianbao.web.settings import DEFAULT_SETTINGS
from nianbao.web.views import search as search_views
from nianbao.web.views.search import FORMULA_START

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "nianbao" / "web" / "templates"
STATIC = ROOT / "nianbao" / "web" / "static"
STATE_KEYS = {"q", *FACETS, "where", "year_from", "year_to", "sort", "page", "per_page", "more"}
COMPARE_KEYS = STATE_KEYS - {"page", "per_page", "more"} | {"office", "id", "fig"}
MAX_BYTES = 2_000_000  # no response to any request of these tests may be larger
MAX_SECONDS = 10
ENDPOINTS = ["/", "/search", "/search.csv", "/search.json", "/reports/{id}", "/api/search",
             "/api/reports/{id}", "/api/openapi.json", "/reports/{id}/changes", "/api/reports/{id}/changes",
             "/compare", "/compare.csv", "/compare.json", "/api/compare", "/api/suggest"]


def hrefs(html):
    """Every link of a page, unescaped."""
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]*)"', html)]


def state_links_are_clean(html):
    """True when every link to a search page carries only state parameters."""
    for link in hrefs(html):
        parts = urlsplit(link)
        keys = {k for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
        if parts.path in ("/", "/search", "/search.csv", "/search.json") or parts.path.startswith("/reports/"):
            if not keys <= STATE_KEYS:
                return False
        if parts.path in ("/compare", "/compare.csv", "/compare.json") and not keys <= COMPARE_KEYS:
            return False
    return True


def app_with(app, **settings):
    """A test client of ``app``'s index with other settings."""
    return create_app({"INDEX_DIR": app.config["INDEX_DIR"], "TESTING": True, **settings}).test_client()


@pytest.fixture(scope="module")
def ids(corpus_reports):
    """Report ids of the corpus index."""
    return sorted(corpus_reports)


# --- item 2: repeated filters, unknown parameters, bounded pages -------------------------

@pytest.mark.parametrize("endpoint", ["/search", "/api/search", "/search.csv", "/search.json"])
@pytest.mark.parametrize("count, status, message", [
    (300, 400, f"“区县”最多同时选 {MAX_VALUES_PER_FACET} 个值，收到 300 个"),
    (1000, 414, "请求地址过长"),  # the 22 KB request
])
def test_hundreds_of_values_of_one_filter_is_a_short_error(client, endpoint, count, status, message):
    url = endpoint + "?" + urlencode([("district", f"区{i}") for i in range(count)])
    response = client.get(url)
    assert response.status_code == status and len(response.data) < 20_000
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("pairs, message", [
    ([("district", f"区{i}") for i in range(20)] + [("agency", f"机关{i}") for i in range(11)],
     f"筛选条件过多：最多同时选 {MAX_FILTER_VALUES} 个值，收到 31 个"),
    ([("agency", "某" * 301), ("district", "区" * 300)], "筛选条件过长：所选的值合计最多 600 个字符"),
    ([("district", "环翠区")] * 300, None),  # one value repeated is one value
])
def test_filter_totals_are_capped(client, pairs, message):
    response = client.get("/api/search?" + urlencode(pairs))
    if message is None:
        assert response.status_code == 200
    else:
        assert response.status_code == 400 and message in response.get_json()["error"]


def test_unknown_parameters_never_reach_a_link(client):
    plain = client.get("/search?q=保密审查&district=环翠区").get_data(as_text=True)
    url = "/search?q=保密审查&utm_source=" + "x" * 5000 + "&district=环翠区&fbclid=abc"
    html = client.get(url).get_data(as_text=True)
    assert "utm_source" not in html and "xxxxx" not in html and "fbclid" not in html
    assert abs(len(html) - len(plain)) < 200  # only the timing differs
    assert state_links_are_clean(html)


def test_links_follow_one_order_and_drop_defaults(client):
    html = client.get("/search?sort=year&district=环翠区&q=保密审查&per_page=10&page=1").get_data(as_text=True)
    sort_link = next(h for h in hrefs(html) if h.startswith("/search?") and "sort=relevance" in h)
    assert sort_link == "/search?" + urlencode([("q", "保密审查"), ("district", "环翠区"), ("sort", "relevance")])


def test_show_more_expands_one_facet_at_a_time(app):
    client = app_with(app, FACET_SIZE=2)
    html = client.get("/search?more=agency&more=agency_type").get_data(as_text=True)
    assert "收起" in html.split('id="facet-agency_type"', 1)[1].split("</section>", 1)[0]
    assert "显示更多" in html.split('id="facet-agency"', 1)[1].split("</section>", 1)[0]
    more = re.search(r'href="([^"]+)">显示更多', html.split('id="facet-agency"', 1)[1]).group(1)
    assert parse_qsl(urlsplit(more.replace("&amp;", "&")).query) == [("more", "agency")]


def test_the_largest_page_the_limits_allow_stays_small(client, corpus_reports):
    data = client.get("/api/search?per_page=1").get_json()
    districts = [v["value"] for v in data["facets"]["district"]][:MAX_VALUES_PER_FACET]
    agencies = sorted((v["value"] for v in data["facets"]["agency"]), key=len, reverse=True)
    pairs = [("q", "公开 OR " + "保" * 492)] + [("district", d) for d in districts]
    chars = sum(map(len, districts))
    for agency in agencies[:MAX_FILTER_VALUES - len(districts)]:
        if chars + len(agency) <= 600:
            pairs.append(("agency", agency))
            chars += len(agency)
    for more in ("district", "agency", "year"):
        response = client.get("/search?" + urlencode(pairs + [("more", more), ("sort", "year")]))
        assert response.status_code == 200
        assert len(response.data) < MAX_BYTES


# --- item 4: CSV formula injection -------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://example.com/x","点此")', "+1+2", "-3+4", "@SUM(A1:A2)",
            "\t=1+1", "\r=2+2"]


@pytest.fixture(scope="module")
def formula_client(tmp_path_factory):
    """An index of crawl rows whose titles and agencies a spreadsheet would run as formulas."""
    folder = tmp_path_factory.mktemp("formulas")
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["标题", "发布机构", "内容"])
    for i, formula in enumerate(FORMULAS):
        writer.writerow([formula, "=1+" + str(i), f"-{i} 一、总体情况\n本机关做好保密审查工作{i}。"])
    (folder / "crawl.csv").write_text(buf.getvalue(), "utf-8")
    index = tmp_path_factory.mktemp("formulas-index")
    build_index([str(folder)], str(index), jobs=1)
    return create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()


def test_csv_export_neutralises_formulas(formula_client):
    text = formula_client.get("/search.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 1 + len(FORMULAS)
    api = {r["id"]: r for r in formula_client.get("/api/search?per_page=50").get_json()["results"]}
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    titles = {row[0]: row[1] for row in rows[1:]}
    for rid, title in titles.items():
        assert title.startswith("'") and title[1:] == api[rid]["title"]
    assert {api[rid]["title"][0] for rid in titles} == {"=", "+", "-", "@"}
    assert all(line.startswith('"') for line in text.lstrip("\ufeff").splitlines() if line)


# --- item 5: security headers, no inline script, no Host in exports ----------------------

@pytest.mark.parametrize("url", ["/", "/search?q=保密审查", "/search.csv", "/search.json", "/api/search",
                                 "/api/openapi.json", "/api/reports/0000000000000000", "/nowhere",
                                 "/search?page=0", "/static/style.css", "/static/report.js",
                                 "/search?q=" + "x" * 20_000])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (url, name)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_report_page_has_the_headers(client, ids):
    response = client.get(f"/reports/{ids[0]}?q=保密审查")
    assert response.status_code == 200 and response.headers["X-Frame-Options"] == "DENY"


class InlineFinder(HTMLParser):
    """Collects what a strict CSP would block: inline scripts and styles, handlers, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and "src" not in names:
            self._in_script = True
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}=javascript:")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.found.append("inline <script>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def inline_code(html):
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.html")) + sorted(STATIC.glob("*.svg")),
                         ids=lambda p: p.name)
def test_templates_and_static_files_hold_no_inline_code(path):
    assert inline_code(path.read_text("utf-8")) == []


def test_rendered_pages_hold_no_inline_code(client, ids):
    for url in ["/", "/search?q=保密审查&district=环翠区", f"/reports/{ids[0]}?q=保密审查", "/nowhere",
                "/search?page=0"]:
        assert inline_code(client.get(url).get_data(as_text=True)) == [], url


def test_the_host_header_never_reaches_an_export(client):
    headers = {"Host": "evil.example", "X-Forwarded-Host": "evil2.example"}
    for url in ["/search.csv?q=保密审查", "/search.json?q=保密审查"]:
        body = client.get(url, headers=headers).get_data(as_text=True)
        assert "evil" not in body and "/reports/" in body
    rows = client.get("/search.json?q=保密审查", headers=headers).get_json()["rows"]
    assert all(re.fullmatch(r"/reports/[0-9a-f]{16}", r["url"]) for r in rows)


@pytest.mark.parametrize("path", ["//search", "//", "/api/reports//x", "//static/style.css", "/search/",
                                  "/reports/"])
def test_no_path_redirects_to_the_host_header(client, path):
    response = client.get("/", environ_overrides={"PATH_INFO": path}, headers={"Host": "evil.example"})
    assert response.status_code in (200, 404) and "Location" not in response.headers


def test_base_url_setting_makes_export_links_absolute(app):
    client = app_with(app, BASE_URL="https://nianbao.example.org/sub/")
    rows = client.get("/search.json?q=保密审查", headers={"Host": "evil.example"}).get_json()["rows"]
    assert rows and all(re.fullmatch(r"https://nianbao\.example\.org/sub/reports/[0-9a-f]{16}", r["url"])
                        for r in rows)


# --- exports stream --------------------------------------------------------------------

def chunks(response):
    """The pieces of a response body as the app sent them."""
    return [c.decode("utf-8") if isinstance(c, bytes) else c for c in response.response]


def test_exports_stream_every_row_in_chunks(app, corpus_reports, monkeypatch):
    monkeypatch.setattr(search_views, "EXPORT_CHUNK", 5)  # several searches, as with 1,000 rows
    client = app_with(app, EXPORT_MAX=1000)
    response = client.get("/search.json", buffered=False)
    assert response.headers["X-Total-Count"] == str(len(corpus_reports))
    parts = chunks(response)
    assert len(parts) >= 2  # the head goes out before the rows are fetched
    data = json.loads("".join(parts))
    assert data["exported"] == data["total"] == len(data["rows"]) == len(corpus_reports)
    assert data["truncated"] is False and {r["id"] for r in data["rows"]} == set(corpus_reports)
    parts = chunks(client.get("/search.csv", buffered=False))
    assert len(parts) >= 2 and parts[0].startswith('\ufeff"id","title"') and parts[0].count("\n") == 1
    rows = list(csv.DictReader(io.StringIO("".join(parts).lstrip("\ufeff"))))
    assert [r["id"] for r in rows] == [r["id"] for r in data["rows"]]


def test_export_cap_cuts_across_chunks(app, corpus_reports):
    client = app_with(app, EXPORT_MAX=7)
    data = client.get("/search.json").get_json()
    assert (data["total"], data["exported"], data["truncated"]) == (len(corpus_reports), 7, True)
    text = client.get("/search.csv").get_data(as_text=True)
    assert len(list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))) == 8


# --- item 7: a very long report is paged --------------------------------------------------

@pytest.fixture(scope="module")
def long_report(tmp_path_factory):
    """(client, report id, text) for an index holding one 60,000-character report, 10,000 a page."""
    folder = tmp_path_factory.mktemp("long")
    lines = ["某某区人民政府2023年政府信息公开工作年度报告", "一、总体情况"]
    lines += [f"第{i}段：本机关依法主动公开政府信息，做好公开工作。" for i in range(1, 2000)]
    lines += ["二、保密审查及监督检查情况", "本机关严格落实保密审查制度，全年审查稿件二十件。"]
    lines += [f"附记{i}：持续推进政务公开标准化规范化建设。" for i in range(1, 600)]
    (folder / "long.txt").write_text("\n".join(lines), "utf-8")
    index = tmp_path_factory.mktemp("long-index")
    build_index([str(folder)], str(index), jobs=1)
    client = create_app({"INDEX_DIR": str(index), "TESTING": True, "REPORT_PAGE_CHARS": 10_000}).test_client()
    [result] = client.get("/api/search").get_json()["results"]
    text = client.get(f"/api/reports/{result['id']}?page=1").get_json()
    return client, result["id"], text["text_length"]


def test_long_report_page_shows_one_page_and_links_the_others(long_report):
    client, rid, length = long_report
    assert length > 60_000
    html = client.get(f"/reports/{rid}").get_data(as_text=True)
    last = client.get(f"/api/reports/{rid}").get_json()["pages"]
    assert last >= length // 10_000
    pages = {int(p) for p in re.findall(rf'href="/reports/{rid}\?page=(\d+)"', html)}
    assert pages == set(range(2, last + 1))
    assert 'aria-current="page">1<' in html and len(html) < 60_000
    assert client.get(f"/reports/{rid}?page={last}").status_code == 200
    assert client.get(f"/reports/{rid}?page={last + 1}").status_code == 404
    assert client.get(f"/reports/{rid}?page=0").status_code == 400


def test_long_report_opens_on_the_page_of_the_first_match(long_report):
    client, rid, _ = long_report
    html = client.get(f"/reports/{rid}?q=保密审查").get_data(as_text=True)
    assert '<mark id="m0">保密审查</mark>' in html
    page = int(re.search(r'aria-current="page">(\d+)<', html).group(1))
    assert page > 1
    outline = re.findall(r'<li><a href="([^"]+)"><span class="sec-label">([^<]+)<', html)
    hrefs_by_label = dict((label, href) for href, label in outline)
    assert hrefs_by_label["总体情况"].startswith(f"/reports/{rid}?q=")  # on page 1
    assert hrefs_by_label["保密审查及监督检查"].startswith("#at-")  # on this page


def test_api_pages_put_the_whole_text_back_together(long_report):
    client, rid, length = long_report
    first = client.get(f"/api/reports/{rid}").get_json()
    parts, page = [first], 2
    while page <= first["pages"]:
        parts.append(client.get(f"/api/reports/{rid}?page={page}").get_json())
        page += 1
    assert first["pages"] > 1 and all(len(p["text"]) <= 10_000 for p in parts)
    assert [p["text_start"] for p in parts] == [sum(len(x["text"]) for x in parts[:i]) for i in range(len(parts))]
    assert sum(len(p["text"]) for p in parts) == length
    assert client.get(f"/api/reports/{rid}?page={first['pages'] + 1}").status_code == 404
    with_q = [client.get(f"/api/reports/{rid}?q=保密审查&page={p}").get_json() for p in range(1, first["pages"] + 1)]
    found = [(p["page"], m) for p in with_q for m in p["matches"]]
    assert len(found) == 2
    for page, (a, b) in found:
        text = with_q[page - 1]["text"]
        start = with_q[page - 1]["text_start"]
        assert text[a - start:b - start] == "保密审查"


# --- item 10: a missing generation, odd page numbers, oversized requests ---------------------

def test_current_naming_a_missing_generation_is_a_damaged_index_503(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_bytes(sorted((ROOT / "corpus").glob("0*.txt"))[0].read_bytes())
    index = tmp_path / "index"
    build_index([str(folder)], str(index), jobs=1)
    (index / store.CURRENT).write_text("gen-999999-deadbeef\n", "utf-8")
    client = create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()
    response = client.get("/api/search")
    assert response.status_code == 503
    assert "索引已损坏" in response.get_json()["error"] and "格式" not in response.get_json()["error"]


@pytest.mark.parametrize("value", ["٣", "1_0", "１", "①", "1e3", "0x10", "+1", "1.0", "", "1" * 5000])
@pytest.mark.parametrize("endpoint", ["/search", "/api/search", "/search.csv", "/reports/{id}",
                                      "/api/reports/{id}"])
def test_odd_page_numbers_are_400_not_pages(client, ids, endpoint, value):
    response = client.get(endpoint.format(id=ids[0]) + "?page=" + quote(value))
    if value == "":
        assert response.status_code == 200
    else:
        assert response.status_code == 400, value
        assert len(response.data) < 20_000


@pytest.mark.parametrize("headers, target, status", [
    ({}, "/search?q=" + "x" * (DEFAULT_SETTINGS["MAX_URL_BYTES"] + 1), 414),
    ({"X-Big": "y" * (DEFAULT_SETTINGS["MAX_HEADER_BYTES"] + 1)}, "/api/search", 431),
    ({f"X-H{i}": "y" * 1000 for i in range(70)}, "/search", 431),
    ({}, "/search?q=" + "x" * (DEFAULT_SETTINGS["MAX_URL_BYTES"] - 100), 400),
])
def test_oversized_requests_get_414_or_431(client, headers, target, status):
    response = client.get(target, headers=headers)
    assert response.status_code == status and len(response.data) < 3 * DEFAULT_SETTINGS["MAX_URL_BYTES"]
    if target.startswith("/api/"):
        assert response.get_json()["status"] == status


@pytest.fixture(scope="module")
def live_server(app):
    """``app`` under waitress as ``nianbao serve`` runs it, on a free loopback port."""
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2,
                                    max_request_header_size=WAITRESS_HEADER_BYTES)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server.effective_port
    server.close()


def raw_request(port, raw):
    """Send raw bytes; return the response's status line (or the error's name)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        try:
            sock.sendall(raw)
            return sock.recv(200).split(b"\r\n", 1)[0].decode()
        except OSError as exc:
            return type(exc).__name__


@pytest.mark.parametrize("extra, target, status", [
    (b"X-Big: " + b"y" * 900_000 + b"\r\n", "/search", "431"),
    (b"".join(b"X-H%d: %s\r\n" % (i, b"y" * 8000) for i in range(100)), "/search", "431"),
    (b"", "/search?q=" + "x" * 500_000, "414"),
])
def test_waitress_answers_oversized_requests_instead_of_resetting(live_server, extra, target, status):
    raw = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode() + extra + b"Connection: close\r\n\r\n"
    assert raw_request(live_server, raw).split(" ")[1:2] == [status]


# --- every endpoint, every parameter: hypothesis --------------------------------------------

KNOWN_VALUES = ["环翠区", "张店区", "山东省", "威海市", "2023", "2019", "confidentiality", "annual_report",
                "relevance", "year", "保密审查", '"依申请公开"', "保密 OR 复议", "-诉讼", "title:年度",
                "新收申请>=10", "新收申请", "不予公开率:asc", "申请.本年新收.总计<5", "行政诉讼 > 0", "沿用上年比例",
                "人社局", "环翠", ">=", "1e309", "NaN", "2019", "1989", "2101",
                "0", "-1", "٣", "1_0", "１", "99999999999", "1" * 40, " 2 ", "", "%", "%zz", "&", "=",
                "\x00", "\u200b", "<script>alert(1)</script>", "'\"><img src=x onerror=alert(1)>",
                '"', "“", "OR", "*", "title:", "x" * 600, "保" * 501]
VALUES = st.one_of(st.sampled_from(KNOWN_VALUES), st.text(max_size=40),
                   st.text(alphabet='保密审查公开 OR"-:title', max_size=700))
NAMES = st.one_of(st.sampled_from(sorted(COMPARE_KEYS | STATE_KEYS)),
                  st.sampled_from(["utm_source", "callback", "_", "", "wf", "wo", "wv", "limit", "facet_size"]),
                  st.text(max_size=10))
PAIRS = st.lists(st.tuples(NAMES, VALUES), max_size=30)


def check_response(response, elapsed):
    """What any response to any request must satisfy."""
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    assert response.status_code in (200, 303, 400, 404, 414, 431)
    if response.status_code == 303:  # the figure form's fields folded into one condition
        assert response.headers["Location"].startswith("/search")
    assert len(response.data) <= MAX_BYTES
    assert elapsed < MAX_SECONDS
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value
    kind = response.mimetype
    if kind == "text/html":
        assert state_links_are_clean(response.get_data(as_text=True))
    elif kind == "application/json":
        json.loads(response.get_data(as_text=True))


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(pairs=PAIRS, report=st.one_of(st.none(), st.text(max_size=30)), raw=st.sampled_from(["", "&&", "=x&", "%", "a=%ff"]))
def test_any_parameters_on_any_endpoint(client, ids, endpoint, pairs, report, raw):
    rid = ids[len(pairs) % len(ids)] if report is None else quote(report, safe="")
    query = urlencode(pairs) + ("&" + raw if raw else "")
    url = endpoint.format(id=rid) + ("?" + query if query else "")
    started = time.perf_counter()
    response = client.get(url)
    check_response(response, time.perf_counter() - started)
    if endpoint.startswith("/reports/") and report is None and response.status_code == 200:
        assert rid in response.get_data(as_text=True)
