"""The statutory tables' figures: extracted right, never invented, and checked.

Expected figures are transcribed by hand from the source documents (tests/data/stats/*.json, each
with where every figure was read); variants of those tables are generated in code
(tests/stats_variants.py). Accuracy figures are printed by ``python -m benchmarks.bench_stats``.
"""
import json

import pytest
from click.testing import CliRunner

import stats_cases as S
import stats_variants as V
from nianbao.cli import cli
from nianbao.indexer.extract import extract_file
from nianbao.indexer.stats import extract_stats
from nianbao.indexer.stats.shapes import consensus, parse_row
from nianbao.indexer.stats.values import parse_cell

needs_shared = pytest.mark.skipif(not S.SHARED.is_dir(), reason="../shared not present")
CASES = S.case_files()


# ------------------------------------------------------------------ hand-transcribed reports
@needs_shared
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_hand_transcribed_report(path):
    case = S.load(path)
    report = S.report_for(case)
    sc = S.score(case, report.stats, report.stats_issues)
    assert sc["wrong"] == []
    assert sc["invented"] == []
    assert sorted(sc["missing"]) == sorted(case["hidden"])  # only the cells no reading can decide
    assert sc["hidden_ok"] == sc["hidden"]  # … and those are named as unreadable
    assert sc["blank_right"] == sc["blank_expected"]
    assert (report.stats or {}).get("format") == case["format"]
    assert S.issue_pairs(report.stats_issues) == S.expected_issue_pairs(case)


@needs_shared
def test_hand_transcribed_totals():
    stated = right = reported = 0
    for path in CASES:
        case = S.load(path)
        report = S.report_for(case)
        sc = S.score(case, report.stats, report.stats_issues)
        stated, right, reported = stated + sc["stated"], right + sc["right"], reported + sc["reported"]
    assert len(CASES) >= 10 and stated > 2000
    assert right / stated >= 0.98
    assert right == reported  # every figure reported is the figure printed


def test_cases_cover_the_shapes_and_eras():
    shapes = " ".join(json.loads(p.read_text("utf-8"))["shape"] for p in CASES)
    formats = {json.loads(p.read_text("utf-8")).get("format") for p in CASES}
    for shape in ("HTML", "PDF", "CSV", "one cell per line", "flattened", "Word", "no table", "bars"):
        assert shape in shapes
    assert {"2021", "2019", "pre2019", None} <= formats | {None}


# ------------------------------------------------------------------ variants generated in code
def _extract(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    reports = extract_file(str(path))
    assert isinstance(reports, list), reports
    return reports[0]


SHAPES = {
    "html": lambda f: ("v.html", V.html_page(f).encode("utf-8")),
    "docx": lambda f: ("v.docx", V.docx_bytes(f)),
    "pdf_text": lambda f: ("v.txt", V.pdf_like_text(f).encode("utf-8")),
    "one_cell_per_line": lambda f: ("v.csv", V.crawl_csv(V.one_cell_per_line(f))),
}
BASES = ["szfgs2024_pdf.json", "pingtan2024_html.json", "pingtan2022_txt.json"]


@needs_shared
@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("base", BASES)
def test_variant_reads_every_figure(tmp_path, shape, base):
    figures = S.load(S.DATA / base)["figures"]
    report = _extract(tmp_path, *SHAPES[shape](figures))
    sc = S.score({"figures": figures, "hidden": set()}, report.stats, report.stats_issues)
    assert (sc["wrong"], sc["invented"], sc["missing"]) == ([], [], [])
    assert report.stats["format"] == "2021"
    assert [i for i in report.stats_issues if i["kind"] != "text_vs_table"] == []


@needs_shared
@pytest.mark.parametrize("base", BASES)
def test_variant_digits_run_together_never_wrong(tmp_path, base):
    figures = S.load(S.DATA / base)["figures"]
    report = _extract(tmp_path, "v.csv", V.crawl_csv(V.flattened(figures)))
    sc = S.score({"figures": figures, "hidden": set()}, report.stats, report.stats_issues)
    assert (sc["wrong"], sc["invented"]) == ([], [])
    # the 申请 rows are recovered by their arithmetic; a missing figure is named as unreadable
    request = [k for k in figures if k.startswith("申请.")]
    assert [k for k in request if k in sc["missing"]] == []
    unreadable = {i["key"] for i in report.stats_issues if i["kind"] == "unreadable"}
    assert set(sc["missing"]) <= unreadable


@needs_shared
def test_variant_blank_cells_are_blank_not_zero(tmp_path):
    """教育厅 2021 prints 上年结转 总计 blank: blank in every shape that shows blank cells."""
    figures = S.load(S.DATA / "hebei_edu2021_csv.json")["figures"]
    assert figures["申请.上年结转.总计"] is None
    for shape in ("html", "docx", "one_cell_per_line"):
        report = _extract(tmp_path, *SHAPES[shape](figures))
        values = report.stats["values"]
        assert values["申请.上年结转.总计"] is None and values["申请.上年结转.自然人"] == 0
        assert ("申请.上年结转.总计", "incomplete") in S.issue_pairs(report.stats_issues)
    # PDF text shows no blank cell: six figures for seven cells cannot be placed, nothing is guessed
    report = _extract(tmp_path, *SHAPES["pdf_text"](figures))
    assert not any(k.startswith("申请.上年结转.") for k in report.stats["values"])


BROKEN = [
    ({"申请.予以公开.自然人": +1}, {("申请.予以公开.总计", "arithmetic"), ("申请.办理结果总计.自然人", "arithmetic")}),
    ({"申请.结转下年度.总计": +2}, {("申请.结转下年度.总计", "arithmetic"), ("申请.办理结果总计.总计", "arithmetic")}),
    ({"申请.本年新收.商业企业": +1, "申请.本年新收.总计": +1},
     {("申请.办理结果总计.商业企业", "arithmetic"), ("申请.办理结果总计.总计", "arithmetic")}),
    ({"复议.总计": +1}, {("复议.总计", "arithmetic")}),
    ({"诉讼.复议后起诉.结果纠正": +3}, {("诉讼.复议后起诉.总计", "arithmetic")}),
    ({"申请.本年新收.总计": None}, {("申请.本年新收.总计", "incomplete")}),
]


@needs_shared
@pytest.mark.parametrize("shape", ["html", "docx", "one_cell_per_line"])
@pytest.mark.parametrize("changes,issues", BROKEN)
def test_broken_variant_flags_exactly_where_it_does_not_add_up(tmp_path, shape, changes, issues):
    figures = S.load(S.DATA / "szfgs2024_pdf.json")["figures"]
    broken = V.with_figures(figures, {k: None if d is None else figures[k] + d for k, d in changes.items()})
    report = _extract(tmp_path, *SHAPES[shape](broken))
    got = {p for p in S.issue_pairs(report.stats_issues) if p[1] in ("arithmetic", "incomplete")}
    assert got == issues
    for key, delta in changes.items():
        assert report.stats["values"][key] == broken[key]  # the figure as printed, not corrected


# ------------------------------------------------------------------ precision: no table, no figure
@needs_shared
def test_documents_without_tables_get_no_table_figures():
    csv_path = S.SHARED / "reports/raw/gerry0208__spider_project/河北政府网站__2人力资源和社会保障厅-政府信息公开__人力资源和社会保障厅_政策法规+政府信息公开年报.csv"
    reports = extract_file(str(csv_path))
    others = [r for r in reports if r.kind == "other"]
    assert len(others) > 100
    assert [r.path for r in others if r.stats] == []
    # its 2019–2023 reports lost their tables (images): only the figures their prose states
    for row, values in {584: {"旧.收费金额": 0.0}, 587: {"旧.收到申请数": 78}, 589: {"旧.收到申请数": 98}}.items():
        report = next(r for r in reports if r.path.endswith(f"#row{row}"))
        assert report.stats == {"format": None, "values": values}


@needs_shared
def test_distractor_rule_of_law_report_has_no_review_figures():
    """A 法治政府建设情况报告 counts all 行政复议 cases, not information-disclosure ones."""
    path = S.SHARED / "reports/raw/gerry0208__spider_project/河北政府网站__6工业和信息化厅-政府信息公开__政府信息公开年报.csv"
    reports = [r for r in extract_file(str(path)) if "法治政府" in (r.title or "")]
    assert reports and all(r.stats is None for r in reports)


def test_prose_mentions_are_not_a_table():
    text = "2023年，本机关本年新收政府信息公开申请21件，上年结转2件，予以公开10件，部分公开3件。"
    result = extract_stats(text)
    assert not any(k.startswith("申请.") and k != "申请.本年新收.总计" for k in result.values)
    assert result.format is None


def test_cumulative_and_part_figures_are_not_the_years_figure():
    text = ("一、概述\n截止2017年底，区安监局累计主动公开政府信息26条。\n"
            "2017年，区安监局无信息公开申请。\n"
            "其中，区直各部门主动公开政府信息30条，各乡镇主动公开政府信息12条。")
    assert extract_stats(text).values == {"旧.收到申请数": 0}


# ------------------------------------------------------------------ cells and rows
@pytest.mark.parametrize("text,money,kind,value,issue", [
    ("0", False, "number", 0, None),
    ("", False, "blank", None, None),
    ("  ", False, "blank", None, None),
    ("/", False, "na", "不适用", None),
    ("—", False, "na", "不适用", None),
    ("－", False, "na", "不适用", None),
    ("-", False, "na", "不适用", None),
    ("不适用", False, "na", "不适用", None),
    ("无此项", False, "na", "不适用", None),
    ("+2", False, "number", 2, None),
    ("-18", False, "number", -18, None),
    ("22（其中修订16件）", False, "number", 22, "annotated"),
    ("251000元", True, "number", 25.1, "unit"),
    ("73802895.90元", True, "number", 7380.28959, "unit"),
    ("253.168万元", True, "number", 253.168, None),
    ("0", True, "number", 0.0, None),
    ("1,234", False, "number", 1234, None),
    ("5件", False, "number", 5, None),
    ("无", False, "unreadable", None, "unreadable"),
    ("3 5", False, "unreadable", None, "unreadable"),
    ("5元", False, "unreadable", None, "unreadable"),
])
def test_parse_cell(text, money, kind, value, issue):
    cell = parse_cell(text, money)
    assert (cell.kind, cell.value, cell.issue[0] if cell.issue else None) == (kind, value, issue)
    if money and kind == "number":
        assert isinstance(cell.value, float)


def _request_rule(xs):
    return len(xs) < 7 or None in xs or sum(xs[:6]) == xs[6]


@pytest.mark.parametrize("segment,expected", [
    # the issue's example: the space and the arithmetic leave one reading
    ("200 000121", [20, 0, 0, 0, 0, 1, 21]),
    ("6000017", [6, 0, 0, 0, 0, 1, 7]),
    ("0 0 00 00 0", [0] * 7),
    ("\t20\t0\t\t0\t0\t1\t21", [20, 0, None, 0, 0, 1, 21]),  # an empty field is a blank cell
    ("\n\n\n34\n\n\n1\n\n\n0\n\n\n0\n\n\n2\n\n\n0\n\n\n37\n\n\n\n\n", [34, 1, 0, 0, 2, 0, 37]),
    ("（区分处理的，只计这一情形，不计其他情形）447 7 0 0 0 0 454\n", [447, 7, 0, 0, 0, 0, 454]),
    ("§.申请人无正当理由逾期不补\n正、行政机关不再处理其政府信\n息公开申请\n67 3 0 0 1 0 71", [67, 3, 0, 0, 1, 0, 71]),
])
def test_parse_row_reads_a_row(segment, expected):
    cells = consensus(parse_row(segment, 7, rule=_request_rule))
    assert [c.value for c in cells] == expected


@pytest.mark.parametrize("segment,n", [
    ("11", 7),                 # two digits for seven cells: blank cells, place unknown
    ("3001 53 0 0 61 4", 7),   # six figures apart, one cell blank: which one is not printed
    ("693665", 3),             # 6|93|665, 69|3|665, … with no arithmetic to choose
    ("1 2 3 4 5 6 7 8", 7),    # more figures than cells
])
def test_parse_row_never_guesses(segment, n):
    cells = consensus(parse_row(segment, n, rule=_request_rule if n == 7 else None))
    assert all(c.kind == "unreadable" for c in cells if c.value not in (0,))
    assert not any(c.kind == "number" and c.value != 0 for c in cells)


def test_empty_row_is_blank():
    cells = consensus(parse_row("（三）不予公开", 7))
    assert [(c.kind, c.value) for c in cells] == [("blank", None)] * 7


# ------------------------------------------------------------------ the JSON of nianbao extract
@needs_shared
def test_extract_json_has_stats():
    path = S.SHARED / "seeds" / "004_452541e5d8850dfa.txt"
    result = CliRunner().invoke(cli, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.splitlines()[0])
    assert data["stats"]["format"] == "2019"
    assert data["stats"]["values"]["主动公开.行政许可.处理决定数量"] == 18
    assert data["stats"]["values"]["申请.予以公开.总计"] is None
    assert data["stats_issues"] == [{"key": "诉讼.复议后起诉.总计", "kind": "incomplete",
                                     "message": data["stats_issues"][0]["message"]}]


def test_every_key_is_a_contract_key_or_documented():
    from nianbao.indexer.stats import KEYS

    figures = {}
    for path in CASES:
        figures.update(S.load(path)["figures"])
    assert set(figures) <= set(KEYS)
    assert len(KEYS) == 241
