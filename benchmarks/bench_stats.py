"""Statistics benchmark: accuracy of the extracted table figures, and time per report.

    python -m benchmarks.bench_stats

1. The hand-transcribed set (``tests/data/stats/*.json``, figures read by hand from the real
   reports in ../shared): per case and in total, the figures a table states (printed numbers and
   not-applicable marks), how many came back right, wrong, missing; figures reported that the
   report does not print (invented); blank cells told apart; the checked issues (arithmetic,
   incomplete, text_vs_table, unit, annotated) found against those expected.
2. Variants generated from those cases' figures (``tests/stats_variants.py``): the same tables as
   an HTML page with rowspan/colspan, a docx with merged cells, PDF reading-order text, one cell per
   line in a crawl CSV, digits run together; and copies broken so that they do not add up.
3. Time: ``extract_stats`` alone (``time.perf_counter``) on the reader text of every document under
   ../shared/reports/raw and ../shared/seeds (the readers' own time is not counted); median, p95,
   max and mean per document, 5 rounds after one unmeasured round.

Precision is right / reported over the figures the cases state (blank cells are scored apart).
"""
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import stats_cases as S  # noqa: E402
import stats_variants as V  # noqa: E402

# cases printing the 2021 format's complete tables, used as the base of the variants
VARIANT_BASES = ("szfgs2024_pdf.json", "pingtan2024_html.json", "pingtan2022_txt.json",
                 "hebei_edu2021_csv.json")
# bases whose own tables add up, for the broken copies (hebei_edu2021 has a blank total of its own)
BROKEN_BASES = ("szfgs2024_pdf.json", "pingtan2024_html.json", "pingtan2022_txt.json")
# (name, changes) of broken copies, and the issues each must raise
BROKEN = [
    ("予以公开 自然人 +1", lambda f: {"申请.予以公开.自然人": f["申请.予以公开.自然人"] + 1},
     {("申请.予以公开.总计", "arithmetic"), ("申请.办理结果总计.自然人", "arithmetic")}),
    ("结转下年度 总计 +2", lambda f: {"申请.结转下年度.总计": f["申请.结转下年度.总计"] + 2},
     {("申请.结转下年度.总计", "arithmetic"), ("申请.办理结果总计.总计", "arithmetic")}),
    ("复议 总计 +1", lambda f: {"复议.总计": f["复议.总计"] + 1}, {("复议.总计", "arithmetic")}),
    ("本年新收 总计 blank", lambda f: {"申请.本年新收.总计": None}, {("申请.本年新收.总计", "incomplete")}),
]


def _totals():
    return {"stated": 0, "right": 0, "reported": 0, "wrong": 0, "missing": 0, "invented": 0,
            "blank_expected": 0, "blank_right": 0}


def _add(total, sc):
    for k in ("stated", "right", "reported", "blank_expected", "blank_right"):
        total[k] += sc[k]
    total["wrong"] += len(sc["wrong"])
    total["missing"] += len(sc["missing"])
    total["invented"] += len(sc["invented"])


def _line(name, t):
    recall = t["right"] / t["stated"] if t["stated"] else 1.0
    precision = t["right"] / t["reported"] if t["reported"] else 1.0
    blanks = f"  blank {t['blank_right']}/{t['blank_expected']}" if t["blank_expected"] else ""
    return (f"{name:<28} stated {t['stated']:>5}  right {t['right']:>5} ({recall:6.1%})  "
            f"precision {precision:6.1%}  wrong {t['wrong']}  missing {t['missing']}  invented {t['invented']}{blanks}")


def hand_transcribed():
    """Score every hand-transcribed case; return the totals."""
    print("1. Hand-transcribed reports (tests/data/stats)")
    total, issues_right, issues_expected, issues_found = _totals(), 0, 0, 0
    for path in S.case_files():
        case = S.load(path)
        report = S.report_for(case)
        sc = S.score(case, report.stats, report.stats_issues)
        t = _totals()
        _add(t, sc)
        _add(total, sc)
        got, want = set(S.issue_pairs(report.stats_issues)), set(S.expected_issue_pairs(case))
        issues_right += len(got & want)
        issues_expected += len(want)
        issues_found += len(got)
        print("  " + _line(path.stem, t) + f"  issues {len(got & want)}/{len(want)} (+{len(got - want)})")
    print("  " + _line("TOTAL", total))
    print(f"  checked issues: {issues_right} of {issues_expected} expected found, "
          f"{issues_found - issues_right} unexpected")
    return total


def _extract(name, data):
    from nianbao.indexer.extract import extract_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return extract_file(str(path))[0]


def _shapes(figures):
    return {
        "HTML rowspan/colspan": ("v.html", V.html_page(figures).encode("utf-8")),
        "docx merged cells": ("v.docx", V.docx_bytes(figures)),
        "PDF reading order": ("v.txt", V.pdf_like_text(figures).encode("utf-8")),
        "one cell per line (CSV)": ("v.csv", V.crawl_csv(V.one_cell_per_line(figures))),
        "digits run together (CSV)": ("v.csv", V.crawl_csv(V.flattened(figures))),
    }


def variants():
    """Score the generated variants of the base cases; return the totals per shape."""
    print("2. Variants generated from the hand-transcribed figures")
    by_shape = {}
    for base in VARIANT_BASES:
        case = S.load(S.DATA / base)
        for shape, (name, data) in _shapes(case["figures"]).items():
            report = _extract(name, data)
            sc = S.score({"figures": case["figures"], "hidden": set()}, report.stats, report.stats_issues)
            _add(by_shape.setdefault(shape, _totals()), sc)
    for shape, t in by_shape.items():
        print("  " + _line(shape, t))
    right = expected = unexpected = 0
    for base in BROKEN_BASES:
        figures = S.load(S.DATA / base)["figures"]
        for _name, change, want in BROKEN:
            broken = V.with_figures(figures, change(figures))
            for shape, (name, data) in _shapes(broken).items():
                if shape.startswith("digits") or (shape.startswith("PDF") and "blank" in _name):
                    continue  # runs that do not add up are not cut by their arithmetic; PDF text shows no blank cell
                report = _extract(name, data)
                got = {p for p in S.issue_pairs(report.stats_issues) if p[1] in ("arithmetic", "incomplete")}
                right += len(got & want)
                expected += len(want)
                unexpected += len(got - want)
    print(f"  broken copies ({len(BROKEN)} changes × {len(BROKEN_BASES)} reports, structured shapes): "
          f"{right} of {expected} expected issues found, {unexpected} unexpected")
    return by_shape


def timing(rounds=5):
    """Time extract_stats on the reader text of every document in ../shared."""
    from nianbao.indexer import readers
    from nianbao.indexer.extract import iter_files
    from nianbao.indexer.stats import extract_stats

    texts = []
    for path in iter_files([str(S.SHARED / "reports" / "raw"), str(S.SHARED / "seeds")]):
        try:
            texts.extend(d.text for d in readers.read_file(path))
        except Exception:  # noqa: BLE001 - a file the readers reject has no stats either
            continue
    for text in texts:
        extract_stats(text)
    per_doc = [[] for _ in texts]
    for _ in range(rounds):
        for i, text in enumerate(texts):
            start = time.perf_counter()
            extract_stats(text)
            per_doc[i].append(time.perf_counter() - start)
    best = sorted(min(t) for t in per_doc)
    tables = sum(1 for t in texts if not extract_stats(t).empty)
    ms = [x * 1000 for x in best]
    print(f"3. Time of extract_stats on {len(texts)} documents of ../shared ({tables} with figures), "
          f"best of {rounds} rounds each:")
    print(f"  median {statistics.median(ms):.2f} ms, p95 {ms[int(len(ms) * 0.95)]:.2f} ms, "
          f"max {ms[-1]:.2f} ms, mean {statistics.mean(ms):.2f} ms per document")


def main():
    hand_transcribed()
    variants()
    timing()


if __name__ == "__main__":
    main()
