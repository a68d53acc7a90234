"""Index builds on the sample corpus: incremental updates, skipped files, the lock."""
import os
import shutil
from pathlib import Path

import pytest
from whoosh.query import Every, Term

from nianbao.indexer.index import store
from nianbao.indexer.index.build import build_index
from nianbao.indexer.extract import ExtractError, extract_file, extract_paths
from nianbao.indexer.report import report_id
from nianbao.indexer.search import SearchRequest, open_service

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def live_docs(index_dir, field=None):
    """Every live section document as (source, section no), or its stored ``field`` where it
    has one (searched through Whoosh directly; the source is indexed, not stored)."""
    _, ix = store.open_index(index_dir)
    with ix.searcher() as s:
        if field:
            return sorted(hit[field] for hit in s.search(Every(), limit=None) if field in hit)
        sources = {t.decode("utf-8") for t in s.reader().lexicon("source")}
        return sorted(doc for source in sources for doc in docs_of(index_dir, source))


def docs_of(index_dir, source):
    """(source, section no) of the live documents from one source file."""
    _, ix = store.open_index(index_dir)
    with ix.searcher() as s:
        return sorted((source, hit["section_no"])
                      for hit in s.search(Term("source", source), limit=None))


@pytest.fixture
def corpus(tmp_path):
    """A copy of the plain-text and HTML files of corpus/ (fast to extract), free to change."""
    root = tmp_path / "corpus"
    root.mkdir()
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".txt", ".html"):
            shutil.copy(path, root / path.name)
    return root


def test_builds_every_report_of_the_corpus(tmp_path):
    index_dir = tmp_path / "index"
    summary = build_index([str(CORPUS)], str(index_dir), jobs=2)
    expected = [r for r in extract_paths([str(CORPUS.resolve())]) if not isinstance(r, ExtractError)]
    assert summary.reports == len(expected) > len(list(CORPUS.iterdir()))  # CSVs hold many
    assert summary.sections == sum(len(r.sections) for r in expected)
    assert summary.files_indexed == len(list(CORPUS.iterdir()))
    assert summary.published and summary.skipped == []
    ids = live_docs(index_dir, "report_id")  # stored on each report's first section
    assert sorted(ids) == sorted(report_id(r.path) for r in expected)
    assert len(live_docs(index_dir)) == summary.sections == summary.total_sections


def test_rerun_on_unchanged_corpus_does_no_work(corpus, tmp_path):
    index_dir = str(tmp_path / "index")
    first = build_index([str(corpus)], index_dir, jobs=2)
    version = store.current_generation(index_dir)
    again = build_index([str(corpus)], index_dir, jobs=2)
    assert (again.files_indexed, again.reports, again.sections, again.removed) == (0, 0, 0, 0)
    assert again.unchanged == first.files_indexed == len(list(corpus.iterdir()))
    assert not again.published
    assert store.current_generation(index_dir) == version
    assert again.total_sections == first.sections == len(live_docs(index_dir))


def test_changed_file_is_the_only_one_reindexed(corpus, tmp_path):
    index_dir = str(tmp_path / "index")
    build_index([str(corpus)], index_dir, jobs=2)
    version = store.current_generation(index_dir)
    before = live_docs(index_dir)
    old_gen = store.generation_path(index_dir, version)
    old_segments = {e.name: e.inode() for e in os.scandir(old_gen) if e.name.startswith("MAIN_")
                    and e.name.endswith((".pst", ".trm", ".ntx", ".ncat"))}
    assert old_segments

    changed = sorted(corpus.glob("*.txt"))[0]
    with open(changed, "a", encoding="utf-8") as f:
        f.write("\n新增段落：本机关年度内新设政务公开专区。\n")
    source = str(changed.resolve())
    old_ids = docs_of(index_dir, source)

    summary = build_index([str(corpus)], index_dir, jobs=2)
    assert (summary.files_indexed, summary.unchanged, summary.removed) == (1, len(list(corpus.iterdir())) - 1, 0)
    assert summary.reports == 1
    assert store.current_generation(index_dir) != version
    after = live_docs(index_dir)
    # The other files' documents are the same ones, in the same, untouched segment files.
    assert sorted(set(before) - set(old_ids)) == sorted(set(after) - set(docs_of(index_dir, source)))
    new_gen = store.generation_path(index_dir, store.current_generation(index_dir))
    for name, inode in old_segments.items():
        assert os.stat(os.path.join(new_gen, name)).st_ino == inode
    _, ix = store.open_index(index_dir)
    with ix.searcher() as s:
        hits = s.search(Term("source", source), limit=None)
        assert {hit["file_hash"] for hit in hits if "file_hash" in hit} == {summary_hash(changed)}
    service = open_service(index_dir)
    try:
        [hit] = service.search(SearchRequest(q="新设政务公开专区")).results
        assert hit["path"] == source
    finally:
        service.close()


def summary_hash(path):
    """SHA-1 of a file's bytes, computed independently of the indexer."""
    import hashlib

    return hashlib.sha1(Path(path).read_bytes()).hexdigest()


def test_removed_file_is_dropped(corpus, tmp_path):
    index_dir = str(tmp_path / "index")
    first = build_index([str(corpus)], index_dir, jobs=2)
    gone = sorted(corpus.glob("*.html"))[0]
    source = str(gone.resolve())
    assert docs_of(index_dir, source)
    gone.unlink()
    summary = build_index([str(corpus)], index_dir, jobs=2)
    assert (summary.removed, summary.files_indexed) == (1, 0)
    assert docs_of(index_dir, source) == []
    assert len(live_docs(index_dir)) == summary.total_sections < first.total_sections


def test_removed_file_leaves_no_report_behind_in_the_service(corpus, tmp_path):
    index_dir = str(tmp_path / "index")
    build_index([str(corpus)], index_dir, jobs=2)
    before = browse_ids(index_dir)
    sorted(corpus.glob("*.html"))[0].unlink()
    build_index([str(corpus)], index_dir, jobs=2)
    service = open_service(index_dir)
    try:
        after = browse_ids(index_dir)
        assert after < before and len(after) == len(before) - 1 == service.report_count
        (removed,) = before - after
        assert service.report(removed) is None
    finally:
        service.close()


def browse_ids(index_dir):
    """Ids of every report an empty query lists (the whole corpus, browsed)."""
    service = open_service(index_dir)
    try:
        resp = service.search(SearchRequest(per_page=100))
        assert resp.total == len(resp.results)
        return {r["id"] for r in resp.results}
    finally:
        service.close()


def test_files_under_other_paths_are_kept(corpus, tmp_path):
    index_dir = str(tmp_path / "index")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(sorted(corpus.glob("*.txt"))[0], other / "extra.txt")
    build_index([str(corpus)], index_dir, jobs=1)
    summary = build_index([str(other)], index_dir, jobs=1)
    assert (summary.files_indexed, summary.removed, summary.unchanged) == (1, 0, 0)
    assert docs_of(index_dir, str(corpus.resolve() / sorted(p.name for p in corpus.glob("*.txt"))[0]))


def test_broken_files_are_skipped_with_their_reason(corpus, tmp_path):
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not a PDF body")
    (corpus / "blank.txt").write_text("   \n\n", encoding="utf-8")
    index_dir = str(tmp_path / "index")
    summary = build_index([str(corpus)], index_dir, jobs=2)
    expected = {str((corpus / n).resolve()): extract_file(str((corpus / n).resolve())).reason
                for n in ("broken.pdf", "blank.txt")}
    assert {e.path: e.reason for e in summary.skipped} == expected
    assert all(expected.values())
    good = len(list(corpus.iterdir())) - 2
    assert summary.files_indexed == good
    assert len({source for source, _ in live_docs(index_dir)}) == good
    # Unchanged broken files are reported again without being retried.
    again = build_index([str(corpus)], index_dir, jobs=2)
    assert {e.path: e.reason for e in again.skipped} == expected
    assert again.files_indexed == 0 and not again.published


def test_concurrent_build_is_refused(corpus, tmp_path):
    index_dir = str(tmp_path / "index")
    build_index([str(corpus)], index_dir, jobs=1)
    version = store.current_generation(index_dir)
    with store.BuildLock(index_dir):
        with pytest.raises(store.IndexLocked, match="正在写入"):
            build_index([str(corpus)], index_dir, jobs=1)
    assert store.current_generation(index_dir) == version


def test_open_index_without_an_index(tmp_path):
    with pytest.raises(store.IndexNotFound, match="nianbao index"):
        store.open_index(str(tmp_path / "nothing"))
    assert store.current_generation(str(tmp_path / "nothing")) is None


def test_old_generations_are_removed_after_the_flip(corpus, tmp_path):
    index_dir = tmp_path / "index"
    names = []
    for i in range(3):
        (corpus / f"new{i}.txt").write_text(f"关于2023年政府信息公开工作的第{i}份报告。", encoding="utf-8")
        build_index([str(corpus)], str(index_dir), jobs=1)
        names.append(store.current_generation(str(index_dir)))
    gens = sorted(p.name for p in index_dir.iterdir() if p.name.startswith("gen-"))
    assert gens == names[-2:]  # the live one and its predecessor


def test_small_segments_are_compacted(corpus, tmp_path, monkeypatch):
    import nianbao.indexer.index.build as build

    monkeypatch.setattr(build, "MAX_SEGMENTS", 3)
    index_dir = str(tmp_path / "index")
    files = sorted(corpus.iterdir())
    staging = tmp_path / "staging"
    staging.mkdir()
    for path in files:  # one file at a time: each build adds a segment
        path.rename(staging / path.name)
    counts, compacted = [], 0
    for name in sorted(p.name for p in staging.iterdir()):
        (staging / name).rename(corpus / name)
        compacted += build_index([str(corpus)], index_dir, jobs=1).compacted
        _, ix = store.open_index(index_dir)
        with ix.reader() as reader:
            counts.append(len(reader.leaf_readers()))
    assert len(counts) > 6 and max(counts) <= 3 + 1 and compacted > 0  # compaction kept it down
    fresh = str(tmp_path / "fresh")
    build_index([str(corpus)], fresh, jobs=1)
    a, b = open_service(index_dir), open_service(fresh)
    try:
        for q in ["保密审查", "公开", "平潭", ""]:
            ra = a.search(SearchRequest(q=q, per_page=100)).to_dict()
            rb = b.search(SearchRequest(q=q, per_page=100)).to_dict()
            assert ra["total"] == rb["total"] and ra["facets"] == rb["facets"]
            assert {r["id"] for r in ra["results"]} == {r["id"] for r in rb["results"]}
    finally:
        a.close()
        b.close()


def test_a_report_whose_analysis_fails_skips_its_file_only(corpus, tmp_path, monkeypatch):
    import nianbao.indexer.index.segments as segments

    real = segments.bigram_codes

    def fragile(text):
        if "独角兽条款" in text:
            raise ValueError("analysis broke on this text")
        return real(text)

    monkeypatch.setattr(segments, "bigram_codes", fragile)  # the forked workers inherit it
    bad = corpus / "bad.txt"
    bad.write_text("关于2023年政府信息公开工作的报告。本报告写到独角兽条款。", encoding="utf-8")
    index_dir = str(tmp_path / "index")
    summary = build_index([str(corpus)], index_dir, jobs=2)
    assert summary.published and summary.files_indexed == len(list(corpus.iterdir())) - 1
    [skipped] = summary.skipped
    assert skipped.path == str(bad.resolve()) and "indexing failed (ValueError" in skipped.reason
    service = open_service(index_dir)
    try:
        assert service.search(SearchRequest(q="保密审查")).total > 0
        assert service.search(SearchRequest(q="独角兽条款")).total == 0
    finally:
        service.close()


def test_raising_the_file_limit_retries_files_skipped_as_too_large(corpus, tmp_path):
    from nianbao.indexer import limits as limits_module

    index_dir = str(tmp_path / "index")
    big = max(corpus.iterdir(), key=lambda p: p.stat().st_size)
    small_limit = limits_module.Limits(max_file_bytes=big.stat().st_size - 1)
    old = limits_module.get_limits()
    try:
        limits_module.set_limits(small_limit)
        first = build_index([str(corpus)], index_dir, jobs=1)
        assert [e.path for e in first.skipped] == [str(big.resolve())]
        again = build_index([str(corpus)], index_dir, jobs=1)  # same limits: not retried
        assert not again.published and [e.path for e in again.skipped] == [str(big.resolve())]
        limits_module.set_limits(limits_module.Limits())
        raised = build_index([str(corpus)], index_dir, jobs=1)
        assert raised.published and raised.skipped == []
        assert raised.files_indexed == len(list(corpus.iterdir()))
    finally:
        limits_module.set_limits(old)


def test_reports_cut_at_the_length_limit_are_listed(corpus, tmp_path, runner):
    from nianbao.cli import cli

    long = corpus / "long.txt"
    long.write_text("关于2023年政府信息公开工作的报告\n" + "本机关主动公开政府信息。\n" * 3000, "utf-8")
    result = runner.invoke(cli, ["index", str(corpus), "--index", str(tmp_path / "index"),
                                 "--max-report-chars", "20000"])
    assert result.exit_code == 0, result.output
    assert "过长被截断的报告 1 份（--max-report-chars 可放宽）：long.txt" in result.stdout


def test_unreadable_entries_do_not_republish_an_unchanged_corpus(corpus, tmp_path):
    (corpus / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # a dangling symlink
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)  # a loop: not followed
    fifo = corpus / "pipe.txt"
    os.mkfifo(fifo)  # would block a reader: never opened (not a regular file)
    index_dir = str(tmp_path / "index")
    first = build_index([str(corpus)], index_dir, jobs=1)
    skipped = {os.path.basename(e.path): e.reason for e in first.skipped}
    assert set(skipped) == {"gone.txt", "pipe.txt"} and "无法读取" in skipped["gone.txt"]
    version = store.current_generation(index_dir)
    for _ in range(2):
        again = build_index([str(corpus)], index_dir, jobs=1)
        assert not again.published and store.current_generation(index_dir) == version
        assert {os.path.basename(e.path) for e in again.skipped} == {"gone.txt", "pipe.txt"}


def test_full_segments_are_never_compacted(corpus, tmp_path, monkeypatch):
    # Every file fills a segment (MAX_POSTINGS of 1): a large corpus in miniature. With room
    # for 3 partial segments, rebuilding after one changed file must re-index that file only.
    import nianbao.indexer.index.build as build

    monkeypatch.setattr(build, "MAX_POSTINGS", 1)
    monkeypatch.setattr(build, "MAX_SEGMENTS", 3)
    index_dir = str(tmp_path / "index")
    first = build_index([str(corpus)], index_dir, jobs=1)
    _, ix = store.open_index(index_dir)
    with ix.reader() as reader:
        segments = len(reader.leaf_readers())
    assert segments > 3  # more full segments than partial ones are allowed
    changed = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n补记。", encoding="utf-8")
    second = build_index([str(corpus)], index_dir, jobs=1)
    assert second.compacted == 0 and second.files_indexed == 1, (first, second)
