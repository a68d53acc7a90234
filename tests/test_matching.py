"""Numpy matching: bigram candidates verified on text, posting arrays, the index format."""
import json
from pathlib import Path

import pytest

from nianbao.indexer.index import store
from nianbao.indexer.index.build import build_index
from nianbao.indexer.search import IndexNotFound, SearchRequest, open_service

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
HEAD = "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"


def ids(service, q):
    """Ids of every report a query returns."""
    resp = service.search(SearchRequest(q=q, per_page=100))
    return {r["path"].rsplit("/", 1)[-1] for r in resp.results}


@pytest.fixture
def tiny(tmp_path):
    """An index of three generated reports: bigram false positives and a boundary string."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # a.txt holds 审查 and 查制 but never 审查制; b.txt holds 审查制.
    (corpus / "a.txt").write_text(HEAD + "本机关加强审查工作。严格落实检查制度。\n", "utf-8")
    (corpus / "b.txt").write_text(HEAD + "本机关严格执行保密审查制度。\n", "utf-8")
    (corpus / "c.txt").write_text(HEAD + "全年未收到申请。\n二、主动公开政府信息情况\n无。\n", "utf-8")
    index_dir = tmp_path / "index"
    build_index([str(corpus)], str(index_dir), jobs=1)
    service = open_service(str(index_dir))
    yield service, corpus, index_dir
    service.close()


def test_verification_removes_bigram_false_positives(tiny):
    service, _, _ = tiny
    assert ids(service, "审查") == {"a.txt", "b.txt"} and ids(service, "查制") == {"a.txt", "b.txt"}
    assert ids(service, "审查制") == {"b.txt"}
    assert ids(service, '"审查制"') == {"b.txt"}
    assert ids(service, "-审查制 审查") == {"a.txt"}


def test_posting_cache_does_not_change_results(corpus_index):
    cached = open_service(str(corpus_index))
    uncached = open_service(str(corpus_index), cache_bytes=0)
    try:
        for q in ["保密审查", "政府信息", "审查制", '"依申请公开" -保密审查', "title:人民政府", "的"]:
            for _ in range(2):
                a = cached.search(SearchRequest(q=q)).to_dict()
                b = uncached.search(SearchRequest(q=q)).to_dict()
                assert [r["id"] for r in a["results"]] == [r["id"] for r in b["results"]]
                assert a["total"] == b["total"] and a["facets"] == b["facets"]
        assert cached._gen.matcher.cache._items and not uncached._gen.matcher.cache._items
    finally:
        cached.close()
        uncached.close()


@pytest.mark.parametrize("damage", ["old format", "corrupt manifest"])
def test_an_index_of_an_older_format_must_be_rebuilt(tiny, damage):
    service, corpus, index_dir = tiny
    live = store.current_generation(str(index_dir))
    manifest = Path(index_dir) / live / store.MANIFEST
    data = json.loads(manifest.read_text("utf-8"))
    data["format"] = 1  # as written by the nianbao before the numpy search core
    text = json.dumps(data) if damage == "old format" else manifest.read_text("utf-8")[:40]
    manifest.write_text(text, "utf-8")
    with pytest.raises(IndexNotFound, match="索引格式已更新，请重新运行 nianbao index"):
        open_service(str(index_dir))
    summary = build_index([str(corpus)], str(index_dir), jobs=1)
    assert summary.published and summary.files_indexed == 3 and summary.unchanged == 0
    rebuilt = open_service(str(index_dir))
    try:
        assert rebuilt.search(SearchRequest(q="审查制")).total == 1
    finally:
        rebuilt.close()


def test_many_segments_search_like_one(tmp_path, monkeypatch, corpus_service):
    import nianbao.indexer.index.build

    monkeypatch.setattr(nianbao.indexer.index.build, "MAX_POSTINGS", 5000)  # workers rotate segments often
    index_dir = tmp_path / "index"
    build_index([str(CORPUS)], str(index_dir), jobs=2)
    _, ix = store.open_index(str(index_dir))
    with ix.reader() as reader:
        assert len(reader.leaf_readers()) > 4
    service = open_service(str(index_dir))
    try:
        for q in ["保密审查", "审查制", '"依申请公开" -保密审查', "title:人民政府", "公开 OR 的"]:
            a = service.search(SearchRequest(q=q, per_page=100)).to_dict()
            b = corpus_service.search(SearchRequest(q=q, per_page=100)).to_dict()
            assert a["total"] == b["total"] > 0 and a["facets"] == b["facets"]
            assert {r["id"] for r in a["results"]} == {r["id"] for r in b["results"]}
    finally:
        service.close()
