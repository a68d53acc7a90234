"""Recall and phrase precision against literal-substring ground truth on real reports.

The index holds corpus/ and ../shared/reports/extracted; the ground truth is a scan of
the clean texts that ``indexer.extract`` produces for the same files.
"""
import random
import re
from pathlib import Path

import pytest

from nianbao.indexer.analysis import word_spans
from nianbao.indexer.index.build import build_index
from nianbao.indexer.extract import ExtractError, extract_paths
from nianbao.indexer.report import report_id
from nianbao.indexer.search import SearchRequest, open_service

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
EXTRACTED = ROOT.parent / "shared" / "reports" / "extracted"
PAIRED_QUOTES = re.compile(r"“[^”]*”|「[^」]*」")
FIXED = ["审查制", "府信息", "及互动交流", "保密审查", "依申请公开", "政府信息公开", "公开", "的"]


@pytest.fixture(scope="module")
def reports():
    """{report id: Report} of every report in the recall index."""
    if not EXTRACTED.is_dir():
        pytest.skip("../shared/reports is absent")
    paths = [str(CORPUS.resolve()), str(EXTRACTED.resolve())]
    found = [r for r in extract_paths(paths) if not isinstance(r, ExtractError)]
    # The same report saved twice (a crawl CSV's row and its extracted copy) is one report,
    # listed under the smallest path: keep that one of each identical text.
    first = {}
    for r in sorted(found, key=lambda r: r.path):
        first.setdefault(r.text, r)
    assert len(first) < len(found)  # corpus/ and shared/ do share reports
    return {report_id(r.path): r for r in first.values()}


@pytest.fixture(scope="module")
def service(reports, tmp_path_factory):
    """A service over an index of the same files."""
    index_dir = tmp_path_factory.mktemp("recall") / "index"
    build_index([str(CORPUS.resolve()), str(EXTRACTED.resolve())], str(index_dir), jobs=2)
    svc = open_service(str(index_dir))
    yield svc
    svc.close()


def all_ids(service, q):
    """Ids of every report the query returns (all pages)."""
    ids, page = [], 1
    while True:
        resp = service.search(SearchRequest(q=q, page=page, per_page=100))
        ids += [r["id"] for r in resp.results]
        if page * 100 >= resp.total:
            assert len(ids) == resp.total
            return set(ids)
        page += 1


def sample_strings(reports, count, seed):
    """Random 2-6 character substrings (no whitespace), half starting inside a jieba word."""
    rng = random.Random(seed)
    texts = [r.text for _, r in sorted(reports.items())]
    out = set()
    while len(out) < count:
        text = rng.choice(texts)
        length = rng.randint(2, 6)
        if len(out) % 2:
            words = [(s, e) for _, s, e in word_spans(text[:20000]) if e - s >= 2]
            start = rng.choice(words)[0] + 1 if words else 0
        else:
            start = rng.randrange(max(len(text) - length, 1))
        piece = text[start:start + length]
        # Query syntax aside (", a leading -, wildcard ends), every string is a query.
        if (len(piece) == length and not any(c.isspace() or c == '"' for c in piece)
                and piece[0] not in "-*?~^" and piece[-1] not in "*?~^"):
            out.add(piece)
    return sorted(out)


def boundary_strings(reports, count):
    """Substrings that cross a section boundary with no whitespace at the cut."""
    out = set()
    for _, r in sorted(reports.items()):
        for s in r.sections[1:]:
            piece = r.text[s.start - 3:s.start + 4]
            if len(piece) == 7 and not any(c.isspace() or c == '"' for c in piece):
                out.add(piece)
    return sorted(out)[:count]


def contains(text, needle):
    """Substring test with the index's case folding (ASCII letters only matter here)."""
    return needle.lower() in (text or "").lower()


def found_in(report, needle):
    """Where a term matches: the report's text or its title."""
    return contains(report.text, needle) or contains(report.title, needle)


def test_index_holds_every_extracted_report(service, reports):
    assert all_ids(service, "") == set(reports)


def test_recall_and_phrase_precision_on_random_substrings(service, reports):
    strings = FIXED + sample_strings(reports, 240, seed=3) + boundary_strings(reports, 40)
    assert len(strings) > 250
    for s in strings:
        in_text = {rid for rid, r in reports.items() if found_in(r, s)}
        if PAIRED_QUOTES.search(s):  # “…” inside the string is query syntax: recall only
            assert all_ids(service, s) >= in_text, s
            continue
        assert all_ids(service, s) == in_text, s
        assert all_ids(service, f'"{s}"') == in_text, s


def test_single_characters_match_wherever_they_occur(service, reports):
    for ch in ["县", "审", "。", "1"]:
        in_text = {rid for rid, r in reports.items() if found_in(r, ch)}
        assert all_ids(service, ch) == in_text, ch


def test_long_phrase_across_a_section_boundary(service, reports):
    # Longer than the bigram overlap: found by chunks, confirmed in the full text.
    rid, r = next((rid, r) for rid, r in sorted(reports.items())
                  if len(r.sections) > 2 and r.sections[2].start > 60)
    cut = r.sections[2].start
    phrase = " ".join(r.text[cut - 50:cut + 50].split())
    expected = {i for i, rep in reports.items() if phrase in " ".join(rep.text.split())
                or phrase in " ".join((rep.title or "").split())}
    assert rid in expected
    assert all_ids(service, f'"{phrase}"') == expected


def test_words_anded_ored_and_excluded_report_wide(service, reports):
    a, b = "保密审查", "行政复议"
    has = {w: {rid for rid, r in reports.items() if found_in(r, w)} for w in (a, b)}
    assert all_ids(service, f'"{a}" "{b}"') == has[a] & has[b]
    assert all_ids(service, f'"{a}" OR "{b}"') == has[a] | has[b]
    assert all_ids(service, f'"{a}" -"{b}"') == has[a] - has[b]
    assert has[a] - has[b] and has[a] & has[b]  # the data exercises every branch
