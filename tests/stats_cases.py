"""Hand-transcribed statistics of real reports (tests/data/stats/*.json) and how to score extraction.

Each JSON file names a document under ../shared (and its CSV row), the table shape, where each
figure was read, and the figures as printed: ``主动公开`` and ``旧`` map contract keys to values,
``申请`` maps a row (the key's middle) to its seven cells in printed column order, ``复议诉讼`` lists
the fifteen cells of the review/litigation row in printed order. ``null`` is a printed blank cell.
``not_extractable`` lists cells that are printed but cannot be read from the text the reader gives
(a digit run with several readings): they must come back as unreadable, and count as misses.
``same_figures_as`` reuses another file's figures (the same report in another shape).
``issues`` lists every arithmetic/incomplete/text_vs_table/unit/annotated issue expected.

The key names and column orders below are written out here, not taken from the package under test.
"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "tests" / "data" / "stats"
REQUEST_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
REVIEW_ORDER = ("复议.结果维持", "复议.结果纠正", "复议.其他结果", "复议.尚未审结", "复议.总计",
                "诉讼.未经复议直接起诉.结果维持", "诉讼.未经复议直接起诉.结果纠正", "诉讼.未经复议直接起诉.其他结果",
                "诉讼.未经复议直接起诉.尚未审结", "诉讼.未经复议直接起诉.总计",
                "诉讼.复议后起诉.结果维持", "诉讼.复议后起诉.结果纠正", "诉讼.复议后起诉.其他结果",
                "诉讼.复议后起诉.尚未审结", "诉讼.复议后起诉.总计")
CHECKED_KINDS = {"arithmetic", "incomplete", "text_vs_table", "unit", "annotated"}


def case_files():
    """Every expected-value file, sorted."""
    return sorted(DATA.glob("*.json"))


def load(path):
    """The case at ``path`` with its figures expanded to ``{key: value}`` (``figures``)."""
    case = json.loads(Path(path).read_text("utf-8"))
    source = case
    if "same_figures_as" in case:
        source = json.loads((DATA / case["same_figures_as"]).read_text("utf-8"))
        case.setdefault("format", source["format"])
    figures = {}
    figures.update(source.get("主动公开", {}))
    figures.update(source.get("旧", {}))
    for row, cells in source.get("申请", {}).items():
        assert len(cells) == 7, (path, row)
        figures.update({f"申请.{row}.{c}": v for c, v in zip(REQUEST_COLUMNS, cells)})
    if "复议诉讼" in source:
        assert len(source["复议诉讼"]) == 15, path
        figures.update(zip(REVIEW_ORDER, source["复议诉讼"]))
    hidden = set(case.get("not_extractable", {}).get("keys", ()))
    for key in hidden:
        figures.pop(key, None)
    case["figures"], case["hidden"] = figures, hidden
    return case


def report_for(case):
    """The extracted Report the case describes (its CSV row, if any)."""
    from nianbao.indexer.extract import extract_file

    reports = extract_file(str(SHARED / case["document"]))
    assert isinstance(reports, list), reports
    if case.get("row"):
        reports = [r for r in reports if r.path.endswith(f"#row{case['row']}")]
    assert len(reports) == 1, case["document"]
    return reports[0]


def same(expected, got):
    """Value equality as the contract means it: numbers by value, blank, 不适用."""
    if expected is None or isinstance(expected, str):
        return got == expected
    if isinstance(got, bool) or not isinstance(got, (int, float)):
        return False
    return abs(expected - got) < 1e-6


def score(case, stats, issues):
    """Per-case counts: stated figures, right, reported, wrong, invented, blanks; and the mismatches."""
    values = (stats or {}).get("values", {})
    out = {"stated": 0, "right": 0, "reported": 0, "wrong": [], "missing": [], "invented": [],
           "blank_expected": 0, "blank_right": 0, "hidden_ok": 0, "hidden": len(case["hidden"])}
    for key, want in case["figures"].items():
        got = values.get(key, KeyError)
        if want is None:
            out["blank_expected"] += 1
            out["blank_right"] += got is None
            if got is not None and got is not KeyError:
                out["wrong"].append((key, want, got))
            continue
        out["stated"] += 1
        if got is KeyError:
            out["missing"].append(key)
        elif same(want, got):
            out["right"] += 1
        else:
            out["wrong"].append((key, want, got))
    unreadable = {i["key"] for i in issues if i["kind"] == "unreadable"}
    for key in case["hidden"]:
        out["stated"] += 1
        out["missing"].append(key)
        out["hidden_ok"] += key not in values and key in unreadable
    for key, got in values.items():
        if got is not None:
            out["reported"] += 1
        if key not in case["figures"] and got is not None:
            out["invented"].append((key, got))
    return out


def issue_pairs(issues):
    """The (key, kind) pairs of the checked issue kinds."""
    return sorted({(i["key"], i["kind"]) for i in issues if i["kind"] in CHECKED_KINDS})


def expected_issue_pairs(case):
    """The (key, kind) pairs the case expects."""
    return sorted({(i["key"], i["kind"]) for i in case.get("issues", [])})
