"""Snippets and match offsets on real report text and generated variants."""
from pathlib import Path

import pytest

from nianbao.indexer.index.build import build_index
from nianbao.indexer.search import SearchRequest, open_service
from nianbao.indexer.search.snippets import MAX_CHARS, find_matches, lead_snippet, make_snippets

SEED = Path(__file__).resolve().parents[1] / "corpus" / "000_198abac0211c756f.txt"


def marked(snippet):
    """The matched pieces of a snippet dict."""
    return [snippet["text"][a:b] for a, b in snippet["matches"]]


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
        assert set(marked(snippet)) == {"保密审查"}
        plain = snippet["text"]
        assert len(plain) <= MAX_CHARS + 2
        if not plain.startswith("…"):
            start = " ".join(seed_text.split()).find(plain)
            assert start == 0 or " ".join(seed_text.split())[start - 1] in "。！？；!?; "


def test_overlapping_matches_merge_and_longest_wins():
    text = "认真执行保密审查制度。"
    assert find_matches(text, ["保密", "保密审查", "审查制"]) == [[4, 9]]
    assert make_snippets(text, find_matches(text, ["保密", "保密审查"])) == [
        {"text": "认真执行保密审查制度。", "matches": [[4, 8]]}]


def test_snippets_are_plain_text_with_offsets():
    text = "页面含有<script>alert('保密审查')</script>的内容。\n\n  第二段　　保密审查。"
    snippets = make_snippets(text, find_matches(text, ["保密审查"]))
    assert [s["text"] for s in snippets] == [
        "页面含有<script>alert('保密审查')</script>的内容。 第二段 保密审查。"]
    assert marked(snippets[0]) == ["保密审查", "保密审查"]
    assert lead_snippet(text) == {"text": text.split()[0] + " 第二段 保密审查。", "matches": []}


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
        assert marked(resp.results[0]["snippets"][0]) == ["独角兽条款"]
        report = service.report(resp.results[0]["id"], q="独角兽条款")
        [(start, end)] = report["matches"]
        assert start > 40000 and report["text"][start:end] == "独角兽条款"
    finally:
        service.close()


def test_empty_query_shows_the_lead_without_marks(corpus_service):
    resp = corpus_service.search(SearchRequest(per_page=3))
    for r in resp.results:
        [lead] = r["snippets"]
        assert lead["matches"] == [] and 0 < len(lead["text"]) <= 151
