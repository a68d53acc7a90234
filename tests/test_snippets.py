"""Snippets and match offsets on real report text and generated variants."""
import re
from pathlib import Path

import pytest

from indexer.build import build_index
from indexer.search import SearchRequest, open_service
from indexer.snippets import MAX_CHARS, find_matches, lead_snippet, make_snippets

SEED = Path(__file__).resolve().parents[1] / "corpus" / "000_198abac0211c756f.txt"
MARK = re.compile(r"<mark>(.*?)</mark>")


@pytest.fixture(scope="module")
def seed_text():
    """The clean-ish text of a real seed report."""
    return SEED.read_text("utf-8")


def test_every_match_is_marked_and_cut_at_sentences(seed_text):
    spans = find_matches(seed_text, ["保密审查"])
    assert len(spans) == seed_text.count("保密审查") > 3
    snippets = make_snippets(seed_text, spans)
    assert 1 <= len(snippets) <= 3
    for snippet in snippets:
        assert set(MARK.findall(snippet)) == {"保密审查"}
        plain = MARK.sub(r"\1", snippet)
        assert len(plain) <= MAX_CHARS + 2
        if not plain.startswith("…"):
            start = " ".join(seed_text.split()).find(plain)
            assert start == 0 or " ".join(seed_text.split())[start - 1] in "。！？；!?; "


def test_overlapping_matches_merge_and_longest_wins():
    text = "认真执行保密审查制度。"
    assert find_matches(text, ["保密", "保密审查", "审查制"]) == [[4, 9]]
    assert make_snippets(text, find_matches(text, ["保密", "保密审查"])) == [
        "认真执行<mark>保密审查</mark>制度。"]


def test_html_is_escaped_around_the_marks():
    text = "页面含有<script>alert('保密审查')</script>的内容。"
    [snippet] = make_snippets(text, find_matches(text, ["保密审查"]))
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert "<mark>保密审查</mark>" in snippet
    assert "<" not in lead_snippet(text)


def test_a_match_far_into_a_long_report_is_found(seed_text, tmp_path):
    filler = "本机关持续推进政务公开标准化规范化建设。" * 2500
    assert len(filler) > 40000
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "long.txt").write_text(seed_text + filler + "最后一句提到独角兽条款。",
                                                 "utf-8")
    build_index([str(tmp_path / "corpus")], str(tmp_path / "index"), jobs=1)
    service = open_service(str(tmp_path / "index"))
    try:
        resp = service.search(SearchRequest(q="独角兽条款"))
        assert resp.total == 1
        assert "<mark>独角兽条款</mark>" in resp.results[0]["snippets"][0]
        report = service.report(resp.results[0]["id"], q="独角兽条款")
        [(start, end)] = report["matches"]
        assert start > 40000 and report["text"][start:end] == "独角兽条款"
    finally:
        service.close()


def test_empty_query_shows_the_lead_without_marks(corpus_service):
    resp = corpus_service.search(SearchRequest(per_page=3))
    for r in resp.results:
        [lead] = r["snippets"]
        assert "<mark>" not in lead and 0 < len(lead) <= 151
