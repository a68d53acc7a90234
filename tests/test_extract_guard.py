"""No file stops a run: malformed headings, failing steps, size limits, broken quotes, odd bytes.

Issue 10, items 1, 7, 8 and the reader items of 10. The property tests feed random and
mutated real reports (corpus/ and ../shared/reports) through the whole extraction.
"""
import csv
import io
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.cli import cli
from nianbao.indexer import extract as extract_module
from nianbao.indexer.extract import ExtractError, extract_file, extract_paths
from nianbao.indexer.index.build import build_index
from nianbao.indexer.limits import Limits, get_limits, limits_from_env, set_limits
from nianbao.indexer.readers import read_file
from nianbao.indexer.report import ReadError, Report
from nianbao.indexer.search import SearchRequest, open_service
from nianbao.indexer.sections import TAXONOMY, split_sections

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED_REPORTS = ROOT.parent / "shared" / "reports"
SEED = sorted(CORPUS.glob("0*.txt"))[0]
CJK = re.compile(r"[\u3400-\u9fff]")
MALFORMED = ["十三一、其他", "三一十、其他", "（十三一）其他", "第三一十部分 其他", "一一、其他", "十十、其他",
             "二二二、其他", "（十一十）其他"]


def real_texts():
    """Texts of real reports: the corpus's plain-text files, and ../shared's extracted ones."""
    paths = sorted(CORPUS.glob("*.txt"))
    if SHARED_REPORTS.is_dir():
        paths += sorted((SHARED_REPORTS / "extracted").rglob("*.txt"))[::10]
    return [p.read_text("utf-8") for p in paths]


TEXTS = real_texts()


def check_report(report):
    """What every extracted report satisfies: contiguous sections over its whole text."""
    assert report.text.strip()
    assert report.sections[0].start == 0 and report.sections[-1].end == len(report.text)
    for a, b in zip(report.sections, report.sections[1:]):
        assert a.end == b.start
    assert all(s.key in TAXONOMY for s in report.sections)


@pytest.fixture
def limits():
    """Restore the limits in force after a test that changes them."""
    saved = get_limits()
    yield
    set_limits(saved)


# --- item 1: malformed headings, and the guard around every step after the reader ---------

@pytest.mark.parametrize("line", MALFORMED)
def test_malformed_heading_number_is_text_not_a_crash(line):
    text = SEED.read_text("utf-8").lstrip("\ufeff")
    cut = text.index("二、")
    mutated = text[:cut] + line + "\n本节内容。\n" + text[cut:]
    sections = split_sections(mutated)
    assert line not in [s.heading for s in sections]
    assert [s.heading for s in sections] == [s.heading for s in split_sections(text)]


@pytest.mark.parametrize("line", MALFORMED)
def test_file_with_a_malformed_heading_is_indexed(tmp_path, runner, line):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = SEED.read_text("utf-8")
    (corpus / "bad.txt").write_text(text.replace("二、", line + "\n本节内容。\n二、", 1), "utf-8")
    (corpus / "good.txt").write_text(text, "utf-8")
    result = runner.invoke(cli, ["index", str(corpus), "--index", str(tmp_path / "index"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "本次索引 2 个文件：2 份报告" in result.output
    result = runner.invoke(cli, ["extract", str(corpus / "bad.txt")])
    assert result.exit_code == 0 and result.exception is None
    assert len(result.stdout.splitlines()) == 1


def _fail(*args, **kwargs):
    raise KeyError("三一")


@pytest.mark.parametrize("step", ["clean.clean_text", "metadata.apply_metadata", "sections.split_sections"])
def test_a_failing_step_after_the_reader_is_that_files_error(monkeypatch, step):
    module, name = step.split(".")
    monkeypatch.setattr(getattr(extract_module, module), name, _fail)
    error = extract_file(str(SEED))
    assert isinstance(error, ExtractError)
    assert error.reason == "extraction failed (KeyError: '三一')"


def test_a_failing_row_names_the_row(monkeypatch):
    monkeypatch.setattr(extract_module.sections, "split_sections", _fail)
    [path] = [p for p in CORPUS.glob("*.csv")][:1]
    error = extract_file(str(path))
    assert error.reason == "extraction failed at #row2 (KeyError: '三一')"


def test_a_failing_step_never_stops_a_build_or_extract(tmp_path, monkeypatch, runner):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS.glob("0*.txt"))[:3]:
        (corpus / path.name).write_bytes(path.read_bytes())
    real = extract_module.sections.split_sections

    def fails_on_one(text):
        if "环翠区" in text[:200]:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text)

    monkeypatch.setattr(extract_module.sections, "split_sections", fails_on_one)
    expected = [p for p in corpus.iterdir() if "环翠区" in p.read_text("utf-8")[:200]]
    assert len(expected) == 1
    summary = build_index([str(corpus)], str(tmp_path / "index"), jobs=2)
    assert [e.path for e in summary.skipped] == [str(expected[0])]
    assert "RecursionError" in summary.skipped[0].reason and summary.files_indexed == 2
    result = runner.invoke(cli, ["extract", str(corpus)])
    assert result.exit_code == 0 and result.exception is None
    assert f"error: {expected[0]}: extraction failed (RecursionError" in result.stderr


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(["", "（", "第"]),
    st.text(alphabet="一二三四五六七八九十", min_size=1, max_size=4),
    st.sampled_from(["、", "．", "）", "部分"]),
    st.text(alphabet="总体情况其他事项主动公开依申请保密审查。，\n 0123", max_size=12)), max_size=12))
def test_split_sections_takes_any_numbering(lines):
    text = "\n".join(a + n + b + rest for a, n, b, rest in lines) or "正文"
    sections = split_sections(text)
    assert sections[0].start == 0 and sections[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(sections, sections[1:]))


MUTATIONS = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(MALFORMED + [
        "一、", "十、总体情况", "附件：统计表", "\n\n", "（", "第十部分", "　　", "\t", "=", "\ufeff"])),
    st.tuples(st.just("insert"), st.floats(0, 1), st.text(max_size=40)),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 2000)),
    st.tuples(st.just("repeat"), st.floats(0, 1), st.integers(1, 500)),
)


def mutate(text, ops):
    """Apply (kind, where 0..1, what) mutations to ``text``."""
    for kind, where, what in ops:
        at = int(where * len(text))
        if kind == "insert":
            text = text[:at] + what + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + what:]
        else:
            text = text[:at] + text[at:at + what] * 3 + text[at:]
    return text


def as_file(tmp_path, text, fmt):
    """Write ``text`` as a file of format ``fmt``; return its path."""
    path = tmp_path / f"report.{fmt}"
    if fmt == "txt":
        path.write_text(text, "utf-8")
    elif fmt == "gb.txt":
        path.write_bytes(text.encode("gb18030", errors="replace"))
    elif fmt == "html":
        body = "".join(f"<p>{line}</p>" for line in text.replace("&", "&amp;").replace("<", "&lt;").split("\n"))
        path.write_text(f"<html><head><title>报告</title></head><body><div class='content'>{body}</div></body></html>",
                        "utf-8")
    else:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerows([["标题", "内容"], ["报告", text], ["报告二", text[::-1]]])
        path.write_text(buf.getvalue(), "utf-8")
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(text=st.sampled_from(TEXTS), ops=st.lists(MUTATIONS, max_size=6),
       fmt=st.sampled_from(["txt", "gb.txt", "html", "csv"]))
def test_mutated_real_reports_extract_or_fail_cleanly(tmp_path, text, ops, fmt):
    path = as_file(tmp_path, mutate(text, ops), fmt)
    result = extract_file(str(path))
    if isinstance(result, ExtractError):
        # The guard would hide a crash as an error: no step after the reader may fail at all.
        assert result.path == str(path) and not result.reason.startswith("extraction failed"), result
        return
    for report in result:
        assert isinstance(report, Report)
        check_report(report)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".csv", ".jsonl", ".pdf",
                                                               ".docx", ""]))
def test_random_bytes_extract_or_fail_cleanly(tmp_path, data, suffix):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    result = extract_file(str(path))
    if isinstance(result, ExtractError):
        assert result.reason and not result.reason.startswith(("extraction failed", "unreadable")), result
    else:
        for report in result:
            check_report(report)


# --- item 7: size limits ---------------------------------------------------------------

def test_file_over_the_size_limit_is_skipped_with_its_size(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text("政府信息公开。\n" * 100_000, "utf-8")  # 2.2 MB
    error = extract_file(str(path), Limits(max_file_bytes=2**20))
    assert isinstance(error, ExtractError)
    assert error.reason == "file too large: 2.1 MB, limit 1 MB (--max-file-mb raises it)"


def test_report_over_the_length_limit_is_cut_at_a_line_with_a_warning(tmp_path, caplog):
    path = tmp_path / "long.txt"
    lines = [f"第{i}行：本机关主动公开政府信息。" for i in range(20_000)]
    path.write_text("\n".join(lines), "utf-8")
    with caplog.at_level(logging.WARNING, logger="nianbao.extract"):
        [report] = extract_file(str(path), Limits(max_report_chars=10_000))
    assert len(report.text) <= 10_000 and report.text.endswith("主动公开政府信息。") and report.truncated
    assert report.text.split("\n") == lines[:len(report.text.split("\n"))]
    assert report.sections[-1].end == len(report.text)
    [record] = [r for r in caplog.records if r.name == "nianbao.extract"]
    assert record.getMessage().startswith(f"{path}: text cut to its first {len(report.text)} characters")


def test_report_under_the_limit_is_whole():
    [report] = extract_file(str(SEED), Limits(max_report_chars=len(SEED.read_text("utf-8"))))
    assert report.text == extract_file(str(SEED))[0].text and not report.truncated


def test_index_options_set_the_limits(tmp_path, runner, limits):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_bytes(SEED.read_bytes())
    (corpus / "big.txt").write_text("政府信息公开。\n" * 200_000, "utf-8")  # 4.4 MB
    result = runner.invoke(cli, ["index", str(corpus), "--index", str(tmp_path / "index"),
                                 "--max-file-mb", "2", "--max-report-chars", "3000"])
    assert result.exit_code == 0, result.output
    assert f"跳过 {corpus / 'big.txt'}: file too large: 4.2 MB, limit 2 MB" in result.stderr
    service = open_service(str(tmp_path / "index"))
    try:
        [hit] = service.search(SearchRequest()).results
        assert 2500 < len(service.report(hit["id"])["text"]) <= 3000
    finally:
        service.close()


@pytest.mark.parametrize("env, message", [
    ({"NIANBAO_MAX_FILE_MB": "abc"}, "NIANBAO_MAX_FILE_MB must be a positive number, got 'abc'"),
    ({"NIANBAO_MAX_REPORT_CHARS": "-5"}, "NIANBAO_MAX_REPORT_CHARS must be a positive number, got '-5'"),
    ({"NIANBAO_MAX_FILE_MB": "nan"}, "NIANBAO_MAX_FILE_MB must be a positive number, got 'nan'"),
])
def test_bad_limit_in_the_environment_is_a_clear_error(tmp_path, runner, limits, env, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        limits_from_env(env)
    result = runner.invoke(cli, ["extract", str(SEED)], env=env)
    assert result.exit_code == 1 and f"Error: {message}" in result.output


def test_limits_from_the_environment():
    assert limits_from_env({"NIANBAO_MAX_FILE_MB": "0.5", "NIANBAO_MAX_REPORT_CHARS": "1000"}) == \
        Limits(max_file_bytes=2**19, max_report_chars=1000)
    assert limits_from_env({}) == Limits(max_file_bytes=64 * 2**20, max_report_chars=500_000)


# --- item 8: a CSV quote that is never closed ----------------------------------------------

@pytest.mark.parametrize("rows, row, line", [
    ('A,"第一份报告内容\nB,"第二份报告\n内容"\nC,第三份报告内容\n', 2, 2),
    ('A,第一份报告内容\nB,"第二份报告内容\nC,第三份报告内容\n', 3, 3),
    ('A,"第一份\n报告"\nB,"第二份"报告\nC,第三份报告内容\n', 3, 4),
])
def test_csv_with_an_unbalanced_quote_names_the_row(tmp_path, rows, row, line):
    path = tmp_path / "crawl.csv"
    path.write_text("标题,内容\n" + rows, "utf-8")
    with pytest.raises(ReadError, match=rf"^unbalanced quote in row {row} \(line {line}\)"):
        read_file(path)
    error = extract_file(str(path))
    assert str(error).startswith(f"{path}: unbalanced quote in row {row} (line {line})")


def test_csv_with_quoted_multiline_cells_still_reads(tmp_path):
    path = tmp_path / "crawl.csv"
    path.write_text('标题,内容\nA,"第一份\n报告，含""引号"""\nB,第二份报告\nC,"第三份"\n', "utf-8")
    docs = read_file(path)
    assert [(d.path.rsplit("#", 1)[1], d.text) for d in docs] == [
        ("row2", '第一份\n报告，含"引号"'), ("row3", "第二份报告"), ("row4", "第三份")]


# --- item 10: readers -------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(tmp_path, codec):
    text = SEED.read_text("utf-8").lstrip("\ufeff")
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(codec))
    [doc] = read_file(path)
    assert doc.text == text


def test_nul_bytes_past_the_first_8kb_are_dropped(tmp_path):
    text = max(CORPUS.glob("0*.txt"), key=lambda p: p.stat().st_size).read_text("utf-8").lstrip("\ufeff")
    assert len(text.encode("utf-8")) > 8192
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("utf-8") + b"\x00\x00\xe9\x99\x84\x00")
    [doc] = read_file(path)
    assert doc.text == text + "附"


@pytest.mark.parametrize("tag", ["font", "div", "table><tr><td"])
def test_html_nested_thousands_deep_reads(tmp_path, tag):
    text = SEED.read_text("utf-8").lstrip("\ufeff")
    body = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    close = "</" + "></".join(reversed(tag.split("><"))) + ">"
    page = f"<html><body>{f'<{tag}>' * 3000}{body}{close * 3000}</body></html>"
    (tmp_path / "deep.html").write_text(page, "utf-8")
    [doc] = read_file(tmp_path / "deep.html")
    assert CJK.findall(doc.text) == CJK.findall(text)


def test_truncated_pdf_reason_carries_pypdfs_words(tmp_path):
    pdf = sorted(CORPUS.glob("*.pdf"))[0]
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdf.read_bytes()[:5000])
    error = extract_file(str(path))
    assert error.reason == "truncated or corrupt PDF (PdfStreamError; EOF marker not found)"


def test_pypdf_warnings_name_the_file(tmp_path):
    data = sorted(CORPUS.glob("*.pdf"))[0].read_bytes()
    tail = re.search(rb"startxref\s+(\d+)", data[-200:])
    path = tmp_path / "moved.pdf"
    path.write_bytes(data[:-200] + data[-200:].replace(
        tail.group(0), b"startxref\n" + str(int(tail.group(1)) + 7).encode()))
    # A process of its own: what reaches stderr when nobody configured logging (`nianbao index`).
    run = subprocess.run([sys.executable, "-c", "import sys; from nianbao.indexer.extract import "
                          "extract_file; print(len(extract_file(sys.argv[1])))", str(path)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.stdout == "1\n"
    assert run.stderr.splitlines() == [f"{path}: pypdf: incorrect startxref pointer(1)",
                                       f"{path}: pypdf: parsing for Object Streams"]


def test_extract_paths_keeps_going_past_every_kind_of_bad_file(tmp_path):
    (tmp_path / "a.csv").write_text('标题,内容\nA,"未闭合\nB,内容\n', "utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 100)
    (tmp_path / "c.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "d.html").write_text("<font>" * 5000 + "正文", "utf-8")
    kinds = [type(i).__name__ for i in extract_paths([str(tmp_path)])]
    assert kinds == ["ExtractError", "ExtractError", "Report", "Report"]
