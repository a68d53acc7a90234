"""A damaged index file never crashes nianbao: clear errors, a check command, a full rebuild.

Truncating a published file under a running service used to kill the process (SIGBUS on a
memory map); a fresh server answered every request with a bare 500; ``nianbao index`` said
无变化. Now the service answers 索引已损坏 with the repairing command, ``nianbao index
--check`` names the file, and the next ``nianbao index`` rebuilds without reusing anything.
"""
import os
import shutil
from pathlib import Path

import pytest

from nianbao.cli import cli
from nianbao.indexer.index import store
from nianbao.indexer.index.build import build_index
from nianbao.indexer.search import IndexDamaged, SearchRequest, open_service
from nianbao.web import create_app

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture
def built(tmp_path):
    """(corpus, index dir) of an index of four plain-text reports."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:4]:
        shutil.copy(path, corpus / path.name)
    index_dir = str(tmp_path / "index")
    build_index([str(corpus)], index_dir, jobs=1)
    return corpus, index_dir


def live_file(index_dir, suffix):
    """Path of a file of the live generation with this suffix."""
    gen = store.generation_path(index_dir, store.current_generation(index_dir))
    return next(os.path.join(root, n) for root, _dirs, names in os.walk(gen)
                for n in sorted(names) if n.endswith(suffix))


def truncate(path, keep=100):
    with open(path, "r+b") as f:
        f.truncate(keep)


@pytest.mark.parametrize("suffix", [".ntx", ".pst", ".trm", "doc_report.npy"])
def test_a_truncated_file_under_a_running_service_is_a_clear_error(built, suffix):
    corpus, index_dir = built
    service = open_service(index_dir)
    try:
        assert service.search(SearchRequest(q="保密审查")).total > 0
        truncate(live_file(index_dir, suffix))
        for _ in range(2):
            with pytest.raises(IndexDamaged, match="索引已损坏.*nianbao index .*--index"):
                service.search(SearchRequest(q="保密审查"))
    finally:
        service.close()
    with pytest.raises(IndexDamaged, match="索引已损坏"):
        open_service(index_dir)


def test_web_answers_503_with_the_repair_command(built):
    corpus, index_dir = built
    truncate(live_file(index_dir, ".ntx"))
    client = create_app({"INDEX_DIR": index_dir, "TESTING": True}).test_client()
    page = client.get("/search?q=保密审查")
    assert page.status_code == 503 and "索引已损坏" in page.get_data(as_text=True)
    api = client.get("/api/search?q=保密审查")
    assert api.status_code == 503
    assert "nianbao index" in api.get_json()["error"] and str(corpus.resolve()) in api.get_json()["error"]


def test_check_names_the_damaged_file_and_index_rebuilds_everything(built, runner):
    corpus, index_dir = built
    assert runner.invoke(cli, ["index", "--check", "--index", index_dir]).exit_code == 0
    damaged = live_file(index_dir, ".pst")
    with open(damaged, "r+b") as f:  # same size, altered bytes: only the checksum tells
        f.seek(20)
        f.write(b"\xff\xff\xff\xff")
    result = runner.invoke(cli, ["index", "--check", "--index", index_dir])
    assert result.exit_code == 1 and os.path.basename(damaged) in result.stderr
    old = store.current_generation(index_dir)
    summary = build_index([str(corpus)], index_dir, jobs=1)
    assert summary.published and summary.rebuilt_damaged == [os.path.basename(damaged)]
    assert summary.files_indexed == 4 and summary.unchanged == 0
    new_gen = store.generation_path(index_dir, store.current_generation(index_dir))
    assert store.current_generation(index_dir) != old
    assert all(os.stat(os.path.join(new_gen, n)).st_nlink == 1 for n in os.listdir(new_gen)
               if n.startswith("MAIN_") and not n.endswith("WRITELOCK"))  # nothing reused
    assert runner.invoke(cli, ["index", "--check", "--index", index_dir]).exit_code == 0
    service = open_service(index_dir)
    try:
        assert service.search(SearchRequest(q="保密审查")).total > 0
    finally:
        service.close()


def test_current_naming_a_missing_generation(built):
    _corpus, index_dir = built
    shutil.rmtree(store.generation_path(index_dir, store.current_generation(index_dir)))
    with pytest.raises(IndexDamaged, match="索引已损坏.*不存在"):
        open_service(index_dir)
