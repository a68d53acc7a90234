"""The real thing in a real browser: `nianbao serve` on the sample corpus, driven by Chromium.

Starts the server in a subprocess on a free loopback port in an empty folder, on the
default index (so it builds the index from corpus/ itself, as after a fresh install), and
with the Content-Security-Policy it always sends (the browser's console must show no
violation), searches 保密审查, narrows to the district 环翠区 through the region tree and the
map, opens a report; then tries the year range, the suggestion list, the figure filter and
sort, the comparison view, a report's tables and what changed since last year. Screenshots
(desktop and phone width) go to ``screenshots/`` at the repo root (git-ignored). Skips
cleanly when Debian's chromium/chromedriver or selenium are missing.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
SHOTS = ROOT / "screenshots"

webdriver = pytest.importorskip("selenium.webdriver")
if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
    pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


QUERY, DISTRICT = "保密审查", "环翠区"


def free_port():
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def corpus_truth(corpus_reports):
    """Reports of corpus/ whose clean text contains QUERY, from the extractor itself."""
    return [r for r in corpus_reports.values() if QUERY in r.text]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`nianbao serve` on the default index, not built yet; yields (base URL, log file)."""
    tmp = tmp_path_factory.mktemp("serve")
    port = free_port()
    log = open(tmp / "serve.log", "w+", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from nianbao.cli import main; main()", "serve",
         "--index", ".nianbao/index", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 180  # the first start builds the index from corpus/
    while True:
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as response:
                assert response.status == 200
            break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                log.seek(0)
                proc.kill()
                pytest.fail(f"server did not start:\n{log.read()}")
            time.sleep(0.5)
    yield base, log
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    """Headless Chromium with a fresh profile."""
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--lang=zh-CN",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_window_size(1280, 900)
    yield browser
    browser.quit()


def shoot(browser, name, width, full=True):
    """Save a screenshot at the given window width: the whole page, or the phone's view."""
    SHOTS.mkdir(exist_ok=True)
    browser.set_window_size(width, 900 if full else 844)
    if full:
        browser.execute_script("window.scrollTo(0, 0)")
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(width, min(max(height, 600), 5000))
    browser.save_screenshot(str(SHOTS / f"{name}.png"))
    browser.set_window_size(width, 900)


def hits(browser):
    """The result items on the page."""
    return browser.find_elements(By.CSS_SELECTOR, "ol.hits > li.hit")


def test_search_filter_and_report_in_a_browser(server, driver, corpus_truth):
    base, log = server
    wait = WebDriverWait(driver, 20)
    driver.get(base + "/")
    shoot(driver, "home-desktop", 1280)

    box = driver.find_element(By.CSS_SELECTOR, "input#q")
    assert driver.find_element(By.CSS_SELECTOR, "label[for=q]")  # labelled control
    box.send_keys(QUERY, Keys.ENTER)
    wait.until(EC.url_contains("/search?"))
    assert parse_qs(urlsplit(driver.current_url).query)["q"] == [QUERY]
    assert driver.find_element(By.ID, "q").get_attribute("value") == QUERY
    items = hits(driver)
    assert len(items) == len(corpus_truth)
    assert f"找到 {len(corpus_truth)} 份报告" in driver.find_element(By.CSS_SELECTOR, ".summary .count").text
    for item in items:
        marks = item.find_elements(By.CSS_SELECTOR, ".snippet mark")
        assert marks and all(QUERY in m.text for m in marks)
    shoot(driver, "search-desktop", 1280)

    # Narrow to one district: the province in the region tree, its city on the province's map,
    # the district in the tree (which now shows the province's cities and the city's districts).
    assert not driver.find_elements(By.CSS_SELECTOR, 'a[data-facet="district"]')
    driver.find_element(By.CSS_SELECTOR, '#facet-province a[data-facet="province"][data-value="山东省"]').click()
    wait.until(EC.url_contains("province="))
    cities = driver.find_elements(By.CSS_SELECTOR, '#facet-province .depth-1 a[data-facet="city"]')
    assert {c.get_attribute("data-value") for c in cities} == {r.city for r in corpus_truth if r.province == "山东省"}
    assert driver.find_element(By.CSS_SELECTOR, "svg.map.province")
    shoot(driver, "search-province-map-desktop", 1280)
    driver.find_element(By.ID, "map-c-威海市").click()
    wait.until(EC.url_contains("city="))
    assert parse_qs(urlsplit(driver.current_url).query)["city"] == ["威海市"]
    driver.find_element(By.CSS_SELECTOR, f'#facet-province .depth-2 a[data-facet="district"][data-value="{DISTRICT}"]').click()
    wait.until(EC.url_contains("district="))
    params = parse_qs(urlsplit(driver.current_url).query)
    assert params["district"] == [DISTRICT] and params["q"] == [QUERY]
    shoot(driver, "search-region-tree-desktop", 1280)
    expected = {r.title for r in corpus_truth if r.district == DISTRICT}
    items = hits(driver)
    assert expected and {i.find_element(By.CSS_SELECTOR, "h3 a").text for i in items} == expected
    assert all(DISTRICT in i.find_element(By.CSS_SELECTOR, ".meta").text for i in items)
    chip = driver.find_elements(By.CSS_SELECTOR, ".chips .chip")[-1]
    assert DISTRICT in chip.text
    shoot(driver, "search-district-desktop", 1280)
    shoot(driver, "search-district-phone", 390, full=False)
    driver.set_window_size(390, 844)
    driver.execute_script("document.getElementById('facets').scrollIntoView()")
    shoot(driver, "search-district-phone-facets", 390, full=False)

    # Open the first report: matches highlighted, the first one in view.
    driver.find_element(By.CSS_SELECTOR, "ol.hits > li.hit h3 a").click()
    wait.until(EC.url_contains("/reports/"))
    first = wait.until(EC.presence_of_element_located((By.ID, "m0")))
    assert first.text == QUERY
    in_view = driver.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", first)
    assert in_view
    outline = driver.find_elements(By.CSS_SELECTOR, ".outline ol a")
    assert outline and all(a.get_attribute("href").split("#")[1].startswith("at-") for a in outline)
    shoot(driver, "report-desktop", 1280)
    driver.set_window_size(390, 844)
    assert driver.execute_script("return document.documentElement.scrollWidth <= innerWidth + 1")
    driver.execute_script("document.getElementById('m0').scrollIntoView({block: 'center'})")
    shoot(driver, "report-phone", 390, full=False)

    driver.back()
    wait.until(EC.url_contains("district="))
    assert driver.execute_script("return document.documentElement.scrollWidth <= innerWidth + 1")

    # Nothing on the pages needs what the Content-Security-Policy forbids.
    console = [entry["message"] for entry in driver.get_log("browser")]
    assert not [m for m in console if "Content Security Policy" in m or "Refused to" in m], console

    log.flush()
    log.seek(0)
    output = log.read()
    assert f"http://127.0.0.1:{urlsplit(base).port}/" in output
    assert "/reports/" in output and '"GET /search?' in output  # one line per request


def query_of(browser):
    """The current URL's parameters."""
    return parse_qs(urlsplit(browser.current_url).query)


def no_sideways_scroll(browser):
    return browser.execute_script("return document.documentElement.scrollWidth <= innerWidth + 1")


def test_year_range_suggestions_and_figures_in_a_browser(server, driver, corpus_reports):
    base, _ = server
    wait = WebDriverWait(driver, 20)
    driver.set_window_size(1280, 900)

    # The year range: two selects and 应用.
    driver.get(base + "/search")
    Select(driver.find_element(By.ID, "year_from")).select_by_value("2018")
    Select(driver.find_element(By.ID, "year_to")).select_by_value("2021")
    driver.find_element(By.CSS_SELECTOR, "form.year-range button").click()
    wait.until(EC.url_contains("year_to=2021"))
    assert query_of(driver)["year_from"] == ["2018"]
    expected = [r for r in corpus_reports.values() if r.year and 2018 <= r.year <= 2021]
    assert f"找到 {len(expected)} 份报告" in driver.find_element(By.CSS_SELECTOR, ".summary .count").text
    years = [int(re.search(r"(\d{4}) 年度", h.find_element(By.CSS_SELECTOR, ".meta").text).group(1)) for h in hits(driver)]
    assert years and all(2018 <= y <= 2021 for y in years)
    assert driver.find_elements(By.CSS_SELECTOR, "svg.chart .bar.in-range")
    shoot(driver, "search-year-range-desktop", 1280)

    # Suggestions while typing: a list under the box, no page load; choosing one filters.
    driver.get(base + "/search?q=保密审查")
    box = driver.find_element(By.ID, "q")
    box.send_keys(Keys.END, " 环翠")
    items = wait.until(lambda d: [li for li in d.find_elements(By.CSS_SELECTOR, "#suggestions li") if li.is_displayed()])
    assert "环翠区" in items[0].text and "区县" in items[0].text
    assert box.get_attribute("aria-expanded") == "true" and "保密审查 环翠" == box.get_attribute("value")
    shoot(driver, "search-suggestions-desktop", 1280, full=False)
    box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    wait.until(EC.url_contains("district="))
    assert query_of(driver)["district"] == ["环翠区"] and query_of(driver)["q"] == ["保密审查"]

    # The figure filter (a condition from three fields) and a sort by a figure.
    driver.get(base + "/search")
    driver.find_element(By.CSS_SELECTOR, "details.figure-filter summary").click()
    Select(driver.find_element(By.ID, "wf")).select_by_visible_text("新收申请")
    Select(driver.find_element(By.ID, "wo")).select_by_value(">=")
    driver.find_element(By.ID, "wv").send_keys("1")
    driver.find_element(By.CSS_SELECTOR, "form.where-form button").click()
    wait.until(EC.url_contains("where="))
    assert query_of(driver)["where"] == ["新收申请>=1"]
    Select(driver.find_element(By.ID, "sort")).select_by_value("新收申请")  # applies at once
    wait.until(EC.url_contains("sort="))
    shown = [int(e.text.replace(",", "")) for e in driver.find_elements(
        By.XPATH, "//dl[@class='hit-figures']//dt[text()='新收申请']/following-sibling::dd")]
    assert len(shown) == len(hits(driver)) > 1 and shown == sorted(shown, reverse=True) and shown[-1] >= 1
    shoot(driver, "search-figures-desktop", 1280)

    # The comparison of these reports: a table and a chart per figure.
    driver.find_element(By.CSS_SELECTOR, "a.compare-link").click()
    wait.until(EC.url_contains("/compare?"))
    rows = driver.find_elements(By.CSS_SELECTOR, "table.compare-table tbody tr")
    with_figure = [r for r in corpus_reports.values() if (r.stats or {}).get("values")]
    assert 1 < len(rows) <= len(with_figure)
    assert driver.find_elements(By.CSS_SELECTOR, ".compare-charts svg.figure-chart")
    shoot(driver, "compare-search-desktop", 1280)
    driver.set_window_size(390, 844)
    assert no_sideways_scroll(driver)
    shoot(driver, "compare-search-phone", 390, full=False)
    driver.set_window_size(1280, 900)


def test_report_tables_changes_and_office_comparison_in_a_browser(server, driver, corpus_reports):
    base, _ = server
    wait = WebDriverWait(driver, 20)
    driver.set_window_size(1280, 900)
    driver.get(base + "/search?q=" + "title:河北省科学技术厅2023年")
    driver.find_element(By.CSS_SELECTOR, "ol.hits > li.hit h3 a").click()
    wait.until(EC.url_contains("/reports/"))
    # The statutory tables, drawn from the figures, with the headline figures.
    assert driver.find_element(By.ID, "figures").is_displayed()
    tables = driver.find_elements(By.CSS_SELECTOR, "details#tables table.stats-table")
    assert len(tables) == 3
    if not tables[0].is_displayed():  # folded when the reader came with a query
        driver.find_element(By.CSS_SELECTOR, "details#tables > summary").click()
    new = driver.find_element(By.CSS_SELECTOR, 'td[data-key="申请.本年新收.总计"]').text
    report = next(r for r in corpus_reports.values() if r.title and r.title.startswith("河北省科学技术厅2023年"))
    assert int(new) == report.stats["values"]["申请.本年新收.总计"]
    shoot(driver, "report-tables-desktop", 1280)
    driver.set_window_size(390, 844)
    assert no_sideways_scroll(driver)
    driver.execute_script("document.getElementById('tables').scrollIntoView()")
    shoot(driver, "report-tables-phone", 390, full=False)
    driver.set_window_size(1280, 900)

    # What changed since last year: the share, then the sentence diff.
    share = driver.find_element(By.CSS_SELECTOR, "#changes .share").text
    assert share.endswith("%")
    driver.find_element(By.PARTIAL_LINK_TEXT, "查看逐句对比").click()
    wait.until(EC.url_contains("/changes"))
    assert driver.find_element(By.CSS_SELECTOR, ".changes-summary .share").text == share
    for kind in ("added", "removed", "same"):
        assert driver.find_elements(By.CSS_SELECTOR, f"ol.diff > li.{kind}")
    shoot(driver, "report-changes-desktop", 1280)
    driver.back()

    # The office across the years.
    driver.find_element(By.LINK_TEXT, "本机关历年数字").click()
    wait.until(EC.url_contains("/compare?office="))
    years = [int(th.text.split()[0]) for th in driver.find_elements(By.CSS_SELECTOR, "table.compare-table tbody th")]
    expected = sorted(r.year for r in corpus_reports.values() if r.agency == report.agency and r.kind != "other")
    assert years == expected
    assert len(driver.find_elements(By.CSS_SELECTOR, ".compare-charts svg.figure-chart")) >= 6
    shoot(driver, "compare-office-desktop", 1280)

    console = [entry["message"] for entry in driver.get_log("browser")]
    assert not [m for m in console if "Content Security Policy" in m or "Refused to" in m], console
