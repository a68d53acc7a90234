"""Every format government sites publish, built in code from real reports' text and read back:
.doc/.wps (LibreOffice writes them, antiword reads them), .xls/.et/.xlsx, OFD, MHTML, scanned PDFs
and page images (Tesseract), and attachments joined to their page.

Tests needing a system tool (antiword, LibreOffice, Tesseract with chi_sim, a CJK font) skip with
the reason where it is missing; ``.ci/run`` installs them all, so they run in CI.
"""
import csv
import re
import shutil
from pathlib import Path

import pytest

from formats import (char_error_rate, cjk_font, docx_with_table, soffice, to_doc, to_mhtml, to_ofd,
                     to_scanned_pdf, to_xls, to_xlsx, render_pages, wrap)
from nianbao.indexer.clean import clean_text
from nianbao.indexer.extract import ExtractError, extract_file, extract_paths
from nianbao.indexer.readers import ocr, read_file
from nianbao.indexer.readers.doc import MISSING as ANTIWORD_MISSING
from nianbao.indexer.report import ReadError
from variants import REPORTS, SEEDS, truncated, wrap_in_gov_page

RAW = REPORTS / "raw"
PINGTAN_HTML = sorted((RAW / "changwu__pingtan-gov-zwgk-archive").glob("*.html"))
PDFS = sorted(RAW.glob("*/*.pdf"))
READABLE = re.compile(r"[\u3400-\u9fff0-9A-Za-z]")

needs_shared = pytest.mark.skipif(not SEEDS, reason="../shared is absent")
needs_antiword = pytest.mark.skipif(not shutil.which("antiword"), reason="antiword is not installed")
needs_soffice = pytest.mark.skipif(not soffice(), reason="LibreOffice (libreoffice-writer-nogui) is not installed")
needs_ocr = pytest.mark.skipif(ocr.unavailable() is not None or cjk_font() is None,
                               reason="tesseract-ocr with chi_sim, or a CJK font, is not installed")
# The bound on OCR's character error rate for a 16 pt Song-typeface page scanned at 200 dpi,
# slightly skewed and speckled (measured 2-4%: benchmarks/ocr_accuracy.py prints the figures).
MAX_CER = 0.08


def squeeze(text):
    return re.sub(r"\s+", "", text)


def readable(text):
    """The characters OCR is judged on: Chinese, digits and latin letters, in order."""
    return "".join(READABLE.findall(text))


def table_rows(page):
    """The rows of the statistics tables of a real report page, as the HTML reader gives them."""
    [doc] = read_file(page)
    return [line.split("\t") for line in clean_text(doc.text).splitlines() if line.strip() and "\t" in line]


def seed_lines(seed):
    return seed.read_text("utf-8").splitlines()


def without(text, rows):
    """``text`` with the table lines ``rows`` removed (each must be there, whole, in order)."""
    lines = ["\t".join(r) for r in rows]
    block = "\n".join(lines)
    assert block in text
    return text.replace(block, "")


# --- .doc / .wps ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def word97(tmp_path_factory):
    """(seed, .doc path, table rows) for each seed: a docx with a real statistics table after its
    opening paragraphs, converted to Word 97 by LibreOffice in one run."""
    if not SEEDS or not PINGTAN_HTML or not soffice():
        pytest.skip("needs ../shared and LibreOffice")
    out = tmp_path_factory.mktemp("doc")
    rows = table_rows(PINGTAN_HTML[-1])[:12]
    docx = [docx_with_table(seed_lines(s), out / f"{s.stem}.docx", rows, table_after=6) for s in SEEDS]
    docs = to_doc(docx, out)
    return [(s, d, rows) for s, d in zip(SEEDS, docs)]


@needs_antiword
@needs_soffice
@needs_shared
def test_doc_reads_paragraphs_and_table_rows(word97):
    for seed, path, rows in word97:
        [doc] = read_file(path)
        assert doc.format == "doc" and doc.quality == "text"
        text = clean_text(doc.text)
        body = without(text, rows)  # every row of the table, as tab-separated cells, in order
        assert squeeze(body) == squeeze(clean_text(seed.read_text("utf-8"))), seed.name
        # the table sits where it was inserted, after the opening paragraphs
        assert squeeze(text).startswith(squeeze(clean_text("\n".join(seed_lines(seed)[:7]))) + squeeze(rows[0][0]))


@needs_antiword
@needs_soffice
@needs_shared
def test_wps_is_read_as_word_97(word97, tmp_path):
    seed, path, rows = word97[0]
    wps = tmp_path / "report.wps"
    wps.write_bytes(path.read_bytes())
    [doc] = read_file(wps)
    assert doc.format == "wps" and doc.text == read_file(path)[0].text


@needs_antiword
@needs_soffice
@needs_shared
def test_ole_files_are_told_apart_by_their_streams_not_their_suffix(word97, tmp_path):
    seed, path, rows = word97[0]
    doc_as_xls = tmp_path / "附件.xls"
    doc_as_xls.write_bytes(path.read_bytes())
    assert read_file(doc_as_xls)[0].format == "doc"
    xls_as_doc = to_xls({"统计表": rows}, tmp_path / "统计表.doc")
    [sheet] = read_file(xls_as_doc)
    assert sheet.format == "xls" and sheet.text.split("\n") == ["\t".join(r).rstrip("\t") for r in rows]


@needs_soffice
@needs_shared
def test_doc_without_antiword_says_what_to_install(word97, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no antiword on this PATH
    with pytest.raises(ReadError, match="需要安装 antiword"):
        read_file(word97[0][1])
    error = extract_file(str(word97[0][1]))
    assert isinstance(error, ExtractError) and ANTIWORD_MISSING in error.reason


@needs_antiword
@needs_soffice
@needs_shared
def test_truncated_doc_is_an_error(word97, tmp_path):
    with pytest.raises(ReadError, match="corrupt Office file|antiword cannot read it"):
        read_file(truncated(word97[0][1], tmp_path / "broken.doc"))


# --- spreadsheets --------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize("page", PINGTAN_HTML, ids=lambda p: p.name[:14])
@pytest.mark.parametrize("suffix", [".xls", ".et", ".xlsx"])
def test_statistics_table_spreadsheet(tmp_path, page, suffix):
    rows = table_rows(page)
    assert len(rows) >= 10
    half = len(rows) // 2
    sheets = {"附表1": rows[:half], "附表2": rows[half:]}
    path = tmp_path / f"统计表{suffix}"
    (to_xlsx if suffix == ".xlsx" else to_xls)(sheets, path)
    [doc] = read_file(path)
    assert doc.format == suffix[1:] and doc.header == {"kind": "statistics_table"}
    expected = ["附表1"] + ["\t".join(r).rstrip("\t") for r in rows[:half]] + [""] + \
               ["附表2"] + ["\t".join(r).rstrip("\t") for r in rows[half:]]
    assert doc.text.split("\n") == expected


def test_xlsx_merged_cells_values_hidden_sheet_and_formula(tmp_path):
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    rows = [["政府信息公开情况统计表", None, None, None],
            ["统计指标", None, "单位", "统计数"],
            ["主动公开", "政府信息数", "条", 335.0],
            [None, "其中：网站公开", "条", 120],
            ["收费金额", None, "万元", 25.1],
            ["填报日期", datetime.datetime(2020, 1, 20), None, "#DIV/0!"]]
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:D1")  # title across the table
    sheet.merge_cells("A2:B2")  # header across two columns
    sheet.merge_cells("A3:A4")  # 主动公开 down two rows
    sheet.merge_cells("A5:B5")
    hidden = book.create_sheet("lookup")
    hidden.append(["不应出现"])
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "表.xlsx")
    [doc] = read_file(tmp_path / "表.xlsx")
    assert doc.text.split("\n") == [
        "政府信息公开情况统计表",
        "统计指标\t单位\t统计数",
        "主动公开\t政府信息数\t条\t335",
        "主动公开\t其中：网站公开\t条\t120",
        "收费金额\t万元\t25.1",
        "填报日期\t2020-01-20",
    ]


def test_xls_dates_and_numbers(tmp_path):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, value in enumerate(["依申请公开", 12.0, 0.1 + 0.2, "第二行\n续"]):
        sheet.write(0, c, value)
    sheet.write(1, 0, "填报日期")
    import datetime
    sheet.write(1, 1, datetime.date(2021, 1, 15), date_style)
    sheet.write_merge(2, 2, 0, 2, "合并单元格")
    book.save(str(tmp_path / "t.xls"))
    [doc] = read_file(tmp_path / "t.xls")
    assert doc.text.split("\n") == ["依申请公开\t12\t0.3\t第二行 续", "填报日期\t2021-01-15", "合并单元格"]


@pytest.mark.parametrize("name, data, reason", [
    ("t.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000, "corrupt Office file"),
    ("t.xls", "统计指标,单位".encode("gb18030"), "not a .xls file"),
    ("t.xlsx", b"PK\x03\x04" + b"\x00" * 100, "xlsx"),
    ("t.ofd", b"PK\x03\x04" + b"\x00" * 100, "OFD"),
    ("t.ofd", "不是OFD".encode(), "not a .ofd file"),
    ("report.doc", b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}", "RTF document"),
    ("slides.doc", b"PK\x03\x04", "corrupt zip archive"),
])
def test_broken_spreadsheets_and_ofd_give_a_reason(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ReadError, match=reason):
        read_file(tmp_path / name)


# --- OFD -----------------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_ofd_text_in_reading_order(tmp_path, seed):
    rows = table_rows(PINGTAN_HTML[-1])[:6]
    paragraphs = seed_lines(seed)
    before = wrap("\n".join(paragraphs[:8]))  # the table follows the 8th paragraph, as printed
    lines = before + wrap("\n".join(paragraphs[8:]))
    [doc] = read_file(to_ofd(lines, tmp_path / "report.ofd", table_rows=rows, table_after=len(before) - 1))
    assert doc.format == "ofd" and doc.quality == "text"
    text = clean_text(doc.text)
    body = without(text, rows)
    assert squeeze(body) == squeeze(clean_text(seed.read_text("utf-8")))
    assert "模板页眉文字" not in text  # page template (running header) is not the report's text
    assert not re.search(r"(?m)^- \d+ -$", text)  # page numbers dropped
    # printed lines are rejoined into the source's paragraphs (indented first lines start them)
    paragraphs = [squeeze(p) for p in clean_text(seed.read_text("utf-8")).splitlines() if p.strip()]
    assert [squeeze(line) for line in body.splitlines() if line.strip()] == paragraphs


@needs_shared
def test_truncated_ofd_is_an_error(tmp_path):
    whole = to_ofd(wrap(SEEDS[0].read_text("utf-8")), tmp_path / "whole.ofd")
    with pytest.raises(ReadError, match="OFD"):
        read_file(truncated(whole, tmp_path / "broken.ofd"))


def test_ofd_zip_is_told_apart_from_docx_by_its_members(tmp_path):
    title, body = "某县2020年政府信息公开工作年度报告", "根据《条例》要求，现公布本县2020年度政府信息公开工作年度报告，" * 3
    path = to_ofd([title] + wrap(body), tmp_path / "报告.docx", shuffle=False)
    [doc] = read_file(path)
    assert doc.format == "ofd" and doc.text == f"{title}\n{body}"


# --- MHTML ---------------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_mhtml_page_reads_like_its_html(tmp_path, seed):
    page = wrap_in_gov_page(seed, tmp_path / "page.html", title="某区2020年政府信息公开工作年度报告")
    [html] = read_file(page)
    [doc] = read_file(to_mhtml(page.read_bytes(), tmp_path / "page.mht"))
    assert doc.format == "mhtml" and doc.text == html.text
    assert squeeze(clean_text(doc.text)) == squeeze(clean_text(seed.read_text("utf-8")))
    assert doc.header == {**html.header, "url": "http://www.example.gov.cn/zwgk/nb/2021/page.html"}


@needs_shared
def test_mhtml_utf8_page_without_meta_charset(tmp_path):
    text = SEEDS[1].read_text("utf-8")
    page = ("<html><body><div class='TRS_Editor'>" + "".join(f"<p>{line}</p>" for line in text.splitlines())
            + "</div></body></html>").encode("gb18030")
    [doc] = read_file(to_mhtml(page, tmp_path / "saved.mhtml", charset="gbk"))
    assert squeeze(clean_text(doc.text)) == squeeze(clean_text(text))


def test_mhtml_without_html_part(tmp_path):
    path = tmp_path / "empty.mht"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
                     b"Content-Type: image/png\r\n\r\nxxxx\r\n--b--\r\n")
    with pytest.raises(ReadError, match="HTML part"):
        read_file(path)


# --- scans: OCR ----------------------------------------------------------------------------

@needs_ocr
@needs_shared
@pytest.mark.parametrize("seed", SEEDS[:2], ids=lambda p: p.name)
def test_scanned_pdf_is_recognised(tmp_path, seed):
    source = seed.read_text("utf-8")
    pdf = to_scanned_pdf(wrap(source), tmp_path / "scan.pdf")
    [report] = extract_file(str(pdf))
    assert report.format == "pdf" and report.source_quality == "ocr"
    assert report.to_dict()["source_quality"] == "ocr"
    cer = char_error_rate(readable(source), readable(report.text))
    assert cer <= MAX_CER, f"character error rate {cer:.3f}"
    # line breaks inside words are repaired: the first long paragraph is on one line
    lines = report.text.splitlines()
    assert max(len(line) for line in lines) > 2 * 28


@needs_ocr
@needs_shared
def test_page_image_is_recognised(tmp_path):
    source = "\n".join(seed_lines(SEEDS[0])[:8])
    [page] = render_pages(wrap(source)[:24], per_page=24)
    source = "".join(wrap(source)[:24])
    page.save(tmp_path / "第1页.png", dpi=(200, 200))
    [doc] = read_file(tmp_path / "第1页.png")
    assert doc.format == "image" and doc.quality == "ocr"
    assert char_error_rate(readable(source), readable(doc.text)) <= MAX_CER


@needs_ocr
@needs_shared
def test_text_pdf_with_a_scanned_page(tmp_path):
    from pypdf import PdfReader, PdfWriter

    signed = "\n".join(seed_lines(SEEDS[0])[-8:])
    scan = to_scanned_pdf(wrap(signed), tmp_path / "signed.pdf")
    writer = PdfWriter()
    for page in PdfReader(PDFS[0]).pages:
        writer.add_page(page)
    writer.add_page(PdfReader(scan).pages[0])
    with open(tmp_path / "mixed.pdf", "wb") as f:
        writer.write(f)
    [doc] = read_file(tmp_path / "mixed.pdf")
    [text_only] = read_file(PDFS[0])
    assert doc.quality == "ocr" and doc.text.startswith(text_only.text)
    assert char_error_rate(readable(signed), readable(doc.text[len(text_only.text):])) <= MAX_CER


@needs_shared
def test_scanned_pdf_without_ocr_says_why(tmp_path, monkeypatch):
    if cjk_font() is None:
        pytest.skip("no CJK font")
    pdf = to_scanned_pdf(wrap("\n".join(seed_lines(SEEDS[0])[:6])), tmp_path / "scan.pdf")
    monkeypatch.setenv("NIANBAO_OCR", "0")
    with pytest.raises(ReadError, match="OCR 已关闭"):
        read_file(pdf)
    monkeypatch.delenv("NIANBAO_OCR")
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on this PATH
    ocr._installed.cache_clear()
    try:
        with pytest.raises(ReadError, match="需要安装 tesseract-ocr 和 tesseract-ocr-chi-sim"):
            read_file(pdf)
        # a text-layer PDF with a scanned page keeps its text pages without OCR
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        writer.append(PdfReader(PDFS[0]))
        writer.add_page(PdfReader(pdf).pages[0])
        with open(tmp_path / "mixed.pdf", "wb") as f:
            writer.write(f)
        [doc] = read_file(tmp_path / "mixed.pdf")
        assert doc.quality == "text" and doc.text == read_file(PDFS[0])[0].text
    finally:
        monkeypatch.undo()
        ocr._installed.cache_clear()


def test_small_image_is_not_a_page(tmp_path):
    from PIL import Image

    Image.new("RGB", (120, 40), "white").save(tmp_path / "logo.png")
    with pytest.raises(ReadError, match="too small"):
        read_file(tmp_path / "logo.png")


# --- attachments ---------------------------------------------------------------------------

def _export(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["标题", "时间", "内容", "一级类别", "来源网站", "访问地址", "附件链接"])
        writer.writerows(rows)
    return path


@needs_shared
def test_csv_attachment_column_joins_local_files(tmp_path):
    # the crawl's real link shapes: a download.jsp?pathfile=… link and ;-separated URLs
    crawl = tmp_path / "河北政府网站"
    crawl.mkdir()
    rows = table_rows(PINGTAN_HTML[-1])
    report = SEEDS[2].read_text("utf-8")
    to_xlsx({"Sheet1": rows}, crawl / "20230131173706156.xlsx")
    docx_with_table(report.splitlines(), crawl / "2024031917015743670.docx", rows[:2], table_after=3)
    export = _export(crawl / "政府信息公开年报.csv", [
        ["某厅2022年政府信息公开工作年度报告", "2023-01-31", "现将我厅2022年度报告公布如下。", "年报", "河北省某厅",
         "http://jyt.hebei.gov.cn/col/2023/a.html",
         "http://jyt.hebei.gov.cn/download.jsp?pathfile=/atm/7/20230131173706156.xlsx;"],
        ["某厅2023年政府信息公开工作年度报告", "2024-03-19", "", "年报", "河北省某厅",
         "https://kjt.hebei.gov.cn/www/xxgk2020/298933.html",
         "https://kjt.hebei.gov.cn/www/xxgk2020/212936/298933/2024031917015743670.docx;"
         "https://kjt.hebei.gov.cn/www/xxgk2020/212936/298933/2024031917101572192.pdf;"],
        ["没有附件的一行", "2024-01-01", "正文。", "年报", "河北省某厅", "http://x.gov.cn/1.html", ""],
    ])
    first, second, third = read_file(export)
    assert first.path.endswith("#row2") and first.text.startswith("现将我厅2022年度报告公布如下。\n\n")
    assert first.text.split("\n\n", 1)[1] == "\n".join("\t".join(r).rstrip("\t") for r in rows)
    assert first.attachments == [str(crawl / "20230131173706156.xlsx")]
    # a row without text of its own is its attachment (the missing .pdf is simply not there)
    assert second.path.endswith("#row3") and squeeze(without(clean_text(second.text), rows[:2])) == squeeze(clean_text(report))
    assert second.header["title"] == "某厅2023年政府信息公开工作年度报告" and "kind" not in second.header
    assert third.attachments == [] and third.text == "正文。"
    # the attachments are not indexed a second time: read alone they name their page
    results = list(extract_paths([str(tmp_path)]))
    errors = {Path(e.path).name: e.reason for e in results if isinstance(e, ExtractError)}
    assert errors == {"20230131173706156.xlsx": f"附件，已并入 {export}#row2",
                      "2024031917015743670.docx": f"附件，已并入 {export}#row3"}
    assert [r.path for r in results if not isinstance(r, ExtractError)] == [d.path for d in (first, second, third)]


@needs_shared
def test_html_page_linking_a_local_attachment(tmp_path):
    page = wrap_in_gov_page(SEEDS[0], tmp_path / "content_80595.html")
    rows = table_rows(PINGTAN_HTML[-1])
    (tmp_path / "content_80595_files").mkdir()
    to_xls({"附表": rows}, tmp_path / "content_80595_files" / "统计表.xls")
    link = '<div class="fj">附件：<a href="/xxgk/P020210115%E7%BB%9F%E8%AE%A1%E8%A1%A8.xls">x</a>' \
           '<a href="./content_80595_files/%E7%BB%9F%E8%AE%A1%E8%A1%A8.xls">统计表.xls</a></div></body>'
    page.write_bytes(page.read_bytes().replace(b"</body>", link.encode("gb18030")))
    [doc] = read_file(page)
    assert doc.attachments == [str(tmp_path / "content_80595_files" / "统计表.xls")]
    assert doc.text.endswith("\n\n" + "\n".join("\t".join(r).rstrip("\t") for r in rows))
    with pytest.raises(ReadError, match="附件，已并入 .*content_80595.html"):
        read_file(tmp_path / "content_80595_files" / "统计表.xls")


@needs_shared
def test_attachment_repeating_the_page_is_not_added_twice_and_scans_mark_ocr(tmp_path):
    page = wrap_in_gov_page(SEEDS[1], tmp_path / "page.html")
    docx_with_table(seed_lines(SEEDS[1]), tmp_path / "正文.docx", [["统计指标", "数量"]], table_after=0)
    page.write_bytes(page.read_bytes().replace(b"</body>", '<a href="正文.docx">正文</a></body>'.encode("gb18030")))
    [doc] = read_file(page)
    assert doc.attachments == [str(tmp_path / "正文.docx")] and doc.text == read_file(wrap_in_gov_page(
        SEEDS[1], tmp_path / "plain.htm"))[0].text


@needs_shared
def test_listing_page_claims_nothing(tmp_path):
    links = []
    for i, seed in enumerate(SEEDS + SEEDS[:2]):
        docx_with_table(seed_lines(seed), tmp_path / f"report{i}.docx", [["a", "b"]], table_after=0)
        links.append(f'<li><a href="report{i}.docx">年度报告{i}</a></li>')
    listing = tmp_path / "list.html"
    listing.write_text("<html><body><div class='content'><p>政府信息公开年报栏目</p><ul>" + "".join(links)
                       + "</ul></div></body></html>", "utf-8")
    [doc] = read_file(listing)
    assert doc.attachments == [] and "统计指标" not in doc.text
    assert read_file(tmp_path / "report0.docx")[0].format == "docx"


def test_ambiguous_attachment_name_is_not_guessed(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        to_xls({"表": [["统计指标", folder]]}, tmp_path / folder / "附件1.xls")
    page = tmp_path / "page.html"
    page.write_text("<html><body><div class='content'><p>某县2020年政府信息公开工作年度报告正文内容。</p>"
                    "<a href='http://x.gov.cn/files/附件1.xls'>附件1</a></div></body></html>", "utf-8")
    [doc] = read_file(page)
    assert doc.attachments == [] and read_file(tmp_path / "a" / "附件1.xls")[0].text == "统计指标\ta"


def test_jsonl_attachment_by_relative_path_stays_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("crawl/files").mkdir(parents=True)
    to_xls({"Sheet1": [["统计指标", "单位", "统计数"], ["主动公开政府信息数", "条", "335"]]}, Path("crawl/files/tj.xls"))
    Path("crawl/pages.jsonl").write_text(
        '{"title": "某县2018年政府信息公开情况统计表", "content": "", "attachments": "files/tj.xls"}\n', "utf-8")
    [doc] = read_file("crawl/pages.jsonl")
    assert doc.path == "crawl/pages.jsonl#row1" and doc.attachments == ["crawl/files/tj.xls"]
    assert doc.text == "统计指标\t单位\t统计数\n主动公开政府信息数\t条\t335"
    assert doc.header["kind"] == "statistics_table"  # a row that is only a spreadsheet
    [report] = extract_file("crawl/pages.jsonl")
    assert report.attachments == ["crawl/files/tj.xls"] and report.source_quality == "text"
    error = extract_file("crawl/files/tj.xls")
    assert isinstance(error, ExtractError) and error.reason.startswith("附件，已并入 ") and error.reason.endswith("pages.jsonl#row1")
