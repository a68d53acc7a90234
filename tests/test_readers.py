"""Readers on real reports (seeds, ../shared/reports) and on variants generated from them."""
import csv
import json
import re
from pathlib import Path

import pytest

from nianbao.indexer.clean import clean_text
from nianbao.indexer.extract import ExtractError, extract_file, extract_paths
from nianbao.indexer.readers import read_file
from nianbao.indexer.report import ReadError
from variants import REPORTS, SEEDS, blank_pdf, reencode, to_docx, truncated, wrap_in_gov_page

REPO = Path(__file__).resolve().parents[1]
RAW = REPORTS / "raw"
PINGTAN_TXT = sorted((RAW / "changwu__pingtan-gov-zwgk-archive").glob("*.txt"))
PINGTAN_HTML = sorted((RAW / "changwu__pingtan-gov-zwgk-archive").glob("*.html"))
PDFS = sorted(RAW.glob("*/*.pdf"))
CSVS = sorted(RAW.glob("*/*.csv"))
CRAWL_TXT = sorted((REPORTS / "extracted" / "gerry0208__spider_project").glob("*.txt"))
CJK = re.compile(r"[\u3400-\u9fff]")

needs_shared = pytest.mark.skipif(not SEEDS, reason="../shared is absent")


def cjk(text):
    """The Chinese characters of ``text`` in order (what must survive reading and cleaning)."""
    return "".join(CJK.findall(text))


def squeeze(text):
    return re.sub(r"\s+", "", text)


def header_lines(path):
    """The ``key: value`` lines at the top of a crawler txt, read independently of the reader."""
    fields = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("="):
            break
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def index_rows():
    with open(REPORTS / "INDEX.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


# --- txt ---------------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_reads_as_plain_text(seed):
    [doc] = read_file(seed)
    assert doc.format == "txt" and doc.header == {}
    assert doc.text.lstrip("\ufeff") == seed.read_text("utf-8").lstrip("\ufeff")


@needs_shared
@pytest.mark.parametrize("path", PINGTAN_TXT[:6] + CRAWL_TXT[:6], ids=lambda p: p.name[:40])
def test_crawler_header_is_metadata_not_body(path):
    fields = header_lines(path)
    [doc] = read_file(path)
    assert doc.header["title"] == fields["标题"]
    assert doc.header["date"] == (fields.get("发布时间") or fields["日期"])
    assert doc.header["url"] == (fields.get("原文链接") or fields["来源"])
    if fields.get("发布机构"):
        assert doc.header["agency"] == fields["发布机构"]
    for label in ("标题:", "原文链接", "本地目录", "页面链接", "==== 正文"):
        assert label not in doc.text[:400]
    body = path.read_text("utf-8").split("\n\n", 1)[1] if "日期" in fields else path.read_text("utf-8").split("正文 ====================\n", 1)[1]
    assert cjk(doc.text) == cjk(body)


@pytest.mark.parametrize("text", [
    "时间：2017年，我局认真贯彻落实条例。\n\n一、概述\n",
    "标题: 只有一行像表头\n\n正文第一段。\n",
    "来源：本局\n日期：2020年\n这一行之后没有空行，所以不是表头\n正文。\n",
])
def test_body_that_looks_like_a_header_is_kept(tmp_path, text):
    path = tmp_path / "report.txt"
    path.write_text(text, "utf-8")
    [doc] = read_file(path)
    assert doc.header == {} and doc.text == text


def test_header_with_full_width_colons_and_separator(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("标题：某县2019年政府信息公开工作年度报告\n发布时间：2020-01-20\n发布机构：某县人民政府办公室\n"
                    "------------\n根据条例要求，现公布本年度报告。\n", "utf-8")
    [doc] = read_file(path)
    assert doc.header == {"title": "某县2019年政府信息公开工作年度报告", "date": "2020-01-20", "agency": "某县人民政府办公室"}
    assert doc.text == "根据条例要求，现公布本年度报告。\n"


@needs_shared
@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_reencoded_seed_reads_the_same(tmp_path, seed, encoding):
    [original] = read_file(seed)
    [doc] = read_file(reencode(seed, tmp_path / seed.name, encoding))
    assert doc.text.lstrip("\ufeff") == original.text.lstrip("\ufeff")


@needs_shared
def test_gbk_crawler_page_keeps_its_header(tmp_path):
    src = PINGTAN_TXT[0]
    [original] = read_file(src)
    [doc] = read_file(reencode(src, tmp_path / "page.txt", "gb18030"))
    assert doc.header == original.header and doc.text == original.text


# --- html --------------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize("page", PINGTAN_HTML, ids=lambda p: p.name[:30])
def test_saved_government_page(page):
    fields = header_lines(page.with_suffix(".txt"))
    [doc] = read_file(page)
    text = clean_text(doc.text)
    assert doc.format == "html"
    assert doc.header["title"] == fields["标题"]
    assert doc.header["date"] == fields["发布时间"]
    # the whole body: every Chinese character of the crawler's text version, minus its chrome
    crawled = cjk(page.with_suffix(".txt").read_text("utf-8").split("正文 ====================\n", 1)[1])
    assert len(cjk(text)) >= 0.97 * len(crawled)
    assert cjk(text)[-200:] in crawled
    for chrome in ("QQ空间", "相关链接", "当前位置", "var ", "function("):
        assert chrome not in text
    rows = [line for line in text.splitlines() if "\t" in line]
    assert len(rows) >= 8 and all(not line.startswith("\t") for line in rows)


@needs_shared
@pytest.mark.parametrize("container", ["TRS_Editor", "zoom", "article-content", "Custom_UnionStyle", "print_content", "unknown-cms-box"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_wrapped_in_government_page(tmp_path, seed, container):
    page = wrap_in_gov_page(seed, tmp_path / "page.html", container=container, title="某区2020年政府信息公开工作年度报告")
    [doc] = read_file(page)
    assert squeeze(clean_text(doc.text)) == squeeze(clean_text(seed.read_text("utf-8")))
    assert doc.header["title"] == "某区2020年政府信息公开工作年度报告"
    assert doc.header["date"] == "2021-01-15 09:30"


@needs_shared
def test_page_declaring_gb2312_but_served_as_utf8(tmp_path):
    page = wrap_in_gov_page(SEEDS[0], tmp_path / "page.html")
    page.write_bytes(page.read_bytes().decode("gb18030").encode("utf-8"))
    [doc] = read_file(page)
    assert squeeze(clean_text(doc.text)) == squeeze(clean_text(SEEDS[0].read_text("utf-8")))


def test_plain_page_title_date_and_table(tmp_path):
    page = tmp_path / "t.htm"
    page.write_text(
        "<html><head><title>某县2019年政府信息公开工作年度报告_政务公开_某县人民政府</title></head><body>"
        "<div class='nav'>首页 机构概况 政务公开 互动交流 办事服务</div>"
        "<div id='wrap'><p>发布日期：2020年1月20日</p><p>根据条例要求，现公布本县2019年度报告。</p>"
        "<table><tr><td colspan='2'>统计指标</td><td>数量</td></tr>"
        "<tr><td>主动公开</td><td>条</td><td>\n 120 </td></tr></table>"
        "<p>政府信息\n公开工作稳步推进。</p></div>"
        "<div class='bdshare'>分享到微信</div></body></html>", "utf-8")
    [doc] = read_file(page)
    assert doc.header == {"title": "某县2019年政府信息公开工作年度报告", "date": "2020年1月20日"}
    text = clean_text(doc.text)
    assert "统计指标\t数量\n主动公开\t条\t120" in text
    assert "政府信息公开工作稳步推进。" in text
    assert "分享" not in text and "机构概况" not in text


@needs_shared
def test_html_saved_as_txt_is_read_as_html(tmp_path):
    page = wrap_in_gov_page(SEEDS[0], tmp_path / "page.txt")
    [doc] = read_file(page)
    assert doc.format == "html" and "<p>" not in doc.text and "版权所有" not in doc.text


# --- pdf ---------------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.name)
def test_pdf_text_layer(pdf):
    [doc] = read_file(pdf)
    text = clean_text(doc.text)
    assert doc.format == "pdf"
    assert "政府信息公开" in text and "政府信息公\n开" not in text
    assert not re.search(r"[0-9] +[年月日件条]|[年第] +[0-9]", text)
    assert not re.search(r"(?m)^\s*- \d+ -\s*$", text)
    # nothing lost: the same Chinese characters as the text layer pypdf gives (extracted/)
    extracted = REPORTS / "extracted" / pdf.parent.name / (pdf.stem + ".txt")
    assert cjk(text) == cjk(extracted.read_text("utf-8"))
    # the title stays on lines of its own, not glued to the first paragraph
    assert any(line.endswith("年度报告") for line in text.splitlines()[:3])


@needs_shared
def test_truncated_pdf_is_an_error(tmp_path):
    with pytest.raises(ReadError, match="PDF"):
        read_file(truncated(PDFS[0], tmp_path / "broken.pdf"))


def test_pdf_without_text_layer(tmp_path):
    with pytest.raises(ReadError, match="no text layer"):
        read_file(blank_pdf(tmp_path / "scan.pdf"))


@needs_shared
def test_pdf_named_txt_is_read_as_pdf(tmp_path):
    dest = tmp_path / "report.txt"
    dest.write_bytes(PDFS[0].read_bytes())
    [doc] = read_file(dest)
    assert doc.format == "pdf" and "政府信息公开" in doc.text


# --- docx --------------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_converted_to_docx(tmp_path, seed):
    rows = [["统计指标", "单位", "统计数"], ["主动公开政府信息数", "条", "335"]]
    lines = seed.read_text("utf-8").splitlines()
    after = len(lines) // 2
    [doc] = read_file(to_docx(seed, tmp_path / "report.docx", table_rows=rows, table_after=after))
    assert doc.format == "docx"
    text = clean_text(doc.text)
    assert "统计指标\t单位\t统计数\n主动公开政府信息数\t条\t335" in text
    without_table = text.replace("统计指标\t单位\t统计数\n主动公开政府信息数\t条\t335", "")
    assert squeeze(without_table) == squeeze(clean_text(seed.read_text("utf-8")))
    # the table sits where it was inserted, between the paragraphs around it
    before = clean_text("\n".join(lines[: after + 1]))
    assert squeeze(text).startswith(squeeze(before) + "统计指标")


def _rewrite_docx_body(src, dest, edit):
    """Copy docx ``src`` to ``dest`` with ``edit`` applied to the text of word/document.xml."""
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for item in zin.namelist():
            data = zin.read(item)
            zout.writestr(item, edit(data.decode("utf-8")).encode("utf-8") if item == "word/document.xml" else data)
    return dest


@needs_shared
def test_docx_with_orphan_merge_mark_and_xml_comment(tmp_path):
    # Word writers sometimes mark a first-row cell as continuing a vertical merge, or leave an XML
    # comment in the body: python-docx's row.cells raises on the first, the text must still read
    rows = [["统计指标", "单位", "统计数"], ["主动公开政府信息数", "条", "335"]]
    src = to_docx(SEEDS[0], tmp_path / "src.docx", table_rows=rows, table_after=1)

    def edit(xml):
        first_cell = xml.index("<w:tc>") + len("<w:tc>")
        xml = xml[:first_cell] + '<w:tcPr><w:vMerge w:val="continue"/></w:tcPr>' + xml[first_cell:]
        return xml.replace("<w:body>", "<w:body><!-- converted -->", 1)

    [doc] = read_file(_rewrite_docx_body(src, tmp_path / "odd.docx", edit))
    text = clean_text(doc.text)
    assert "统计指标\t单位\t统计数\n主动公开政府信息数\t条\t335" in text
    without_table = text.replace("统计指标\t单位\t统计数\n主动公开政府信息数\t条\t335", "")
    assert squeeze(without_table) == squeeze(clean_text(SEEDS[0].read_text("utf-8")))


@needs_shared
def test_docx_vertical_merge_repeats_and_horizontal_merge_is_written_once(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["统计指标", "单位", "统计数"], ["申请数", "件", "12"], ["", "", "7"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))  # 申请数 spans two rows
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(0, 0).merge(table.cell(0, 1))  # header spans two columns
    document.save(str(tmp_path / "merged.docx"))
    [doc] = read_file(tmp_path / "merged.docx")
    assert doc.text.split("\n") == ["统计指标 单位\t统计数", "申请数\t件\t12", "申请数\t件\t7"]


@needs_shared
def test_truncated_docx_is_an_error(tmp_path):
    whole = to_docx(SEEDS[0], tmp_path / "whole.docx")
    with pytest.raises(ReadError, match="docx"):
        read_file(truncated(whole, tmp_path / "broken.docx"))


# --- csv / jsonl -------------------------------------------------------------------------

@needs_shared
@pytest.mark.parametrize("path", CSVS, ids=lambda p: p.name[-30:])
def test_crawl_csv_one_document_per_row(path):
    docs = read_file(path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        records = list(csv.DictReader(f))
    with_content = [n for n, r in enumerate(records, 2) if (r.get("内容") or "").strip()]
    assert [d.path for d in docs] == [f"{path}#row{n}" for n in with_content]
    assert all(d.format == "csv" for d in docs)
    by_row = {int(d.path.rsplit("#row", 1)[1]): d for d in docs}
    listed = [r for r in index_rows() if r["raw_file"] == str(path.relative_to(REPORTS))]
    assert listed
    for row in listed:
        doc = by_row[int(row["row"])]
        assert doc.header["title"] == row["title"]
        assert doc.header["url"] == row["url"]
        assert cjk(doc.text) == cjk((REPORTS / row["extracted"]).read_text("utf-8").split("\n\n", 1)[1])


@needs_shared
def test_big_csv_and_multiline_cells():
    path = max(CSVS, key=lambda p: p.stat().st_size)
    assert path.stat().st_size > 3_000_000 and len(read_file(path)) > 500
    multiline = [d for p in CSVS for d in read_file(p) if "\n" in d.text]
    assert len(multiline) >= 10  # cells that span lines still make one row each


@needs_shared
def test_gb18030_csv(tmp_path):
    src = min(CSVS, key=lambda p: p.stat().st_size)
    dest = reencode(src, tmp_path / "export.csv", "gb18030")
    original, docs = read_file(src), read_file(dest)
    assert [(d.header, d.text) for d in docs] == [(d.header, d.text) for d in original]


@needs_shared
def test_jsonl_export(tmp_path):
    src = min(CSVS, key=lambda p: p.stat().st_size)
    with open(src, encoding="utf-8-sig", newline="") as f:
        records = list(csv.DictReader(f))
    lines = [json.dumps({"Title": r["标题"], "content": r["内容"], "pubDate": r["时间"], "URL": r["访问地址"]},
                        ensure_ascii=False) for r in records]
    lines.insert(1, "{not json")
    (tmp_path / "pages.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    docs = read_file(tmp_path / "pages.jsonl")
    expected = [i for i, r in enumerate(records) if r["内容"].strip()]
    assert len(docs) == len(expected)
    first = records[expected[0]]
    assert docs[0].header["title"] == first["标题"] and docs[0].header["date"] == first["时间"]
    assert docs[0].text == first["内容"] and docs[0].format == "jsonl"
    assert docs[0].path.endswith(f"#row{expected[0] + (1 if expected[0] == 0 else 2)}")


def test_csv_without_content_column(tmp_path):
    (tmp_path / "list.csv").write_text("标题,时间\n某报告,2020-01-01\n", "utf-8")
    with pytest.raises(ReadError, match="content column"):
        read_file(tmp_path / "list.csv")


# --- broken input ------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n\t", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "corrupt image"),
    ("noise.txt", bytes(range(256)) * 8, "binary"),
    ("table.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "corrupt Office file"),
    ("report.odt", "某报告".encode(), "unsupported file type .odt"),
    ("fake.pdf", "不是PDF".encode(), "not a PDF"),
    ("fake.docx", "不是Word".encode(), "not a docx"),
])
def test_unreadable_files_give_a_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError, match=reason):
        read_file(path)
    error = extract_file(str(path))
    assert isinstance(error, ExtractError) and str(error).startswith(str(path))


@needs_shared
def test_bad_file_does_not_stop_a_run(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    reencode(SEEDS[0], tmp_path / "b_seed.txt", "gb18030")
    items = list(extract_paths([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["ExtractError", "Report"]


@pytest.mark.skipif(not (REPO / "corpus").is_dir(), reason="no corpus")
def test_every_corpus_file_reads():
    for path in sorted((REPO / "corpus").iterdir()):
        docs = read_file(path)
        assert docs and all(clean_text(d.text) for d in docs), path


@needs_shared
@pytest.mark.parametrize("seed", range(3))
def test_docx_body_is_the_one_python_docx_opens(tmp_path, seed):
    import docx

    from nianbao.indexer.readers.docx import body_text

    path = to_docx(SEEDS[seed], tmp_path / "seed.docx")
    [doc] = read_file(path)
    expected = body_text(docx.Document(str(path)).element.body)  # python-docx finds the main part
    assert doc.text == expected and len(doc.text) > 1000
