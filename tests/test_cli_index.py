"""`nianbao index` from the command line: summary, lock error, progress bar, kill mid-build."""
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nianbao.indexer.extract import ExtractError, extract_paths
from nianbao.indexer.index import store
from nianbao.indexer.index.build import build_index
from nianbao.cli import cli

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TEXTS = sorted(p for p in CORPUS.iterdir() if p.suffix == ".txt")


def doc_count(index_dir):
    """Live documents in the published index (through Whoosh directly)."""
    _, ix = store.open_index(index_dir)
    with ix.searcher() as s:
        return s.doc_count()


def test_index_prints_a_summary_and_skips_with_reasons(tmp_path, runner):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in TEXTS[:3]:
        shutil.copy(path, corpus / path.name)
    (corpus / "broken.docx").write_bytes(b"PK\x03\x04 not really a docx")
    index_dir = tmp_path / "index"
    result = runner.invoke(cli, ["index", str(corpus), "--index", str(index_dir)])
    assert result.exit_code == 0, result.output
    assert "本次索引 3 个文件" in result.stdout
    assert "跳过 1" in result.stdout
    assert f"跳过 {corpus.resolve() / 'broken.docx'}: " in result.stderr
    sections = sum(len(r.sections) for r in extract_paths([str(corpus)]) if not isinstance(r, ExtractError))
    assert doc_count(str(index_dir)) == sections  # one document per section
    again = runner.invoke(cli, ["index", str(corpus), "--index", str(index_dir)])
    assert "无变化" in again.stdout and "本次索引 0 个文件" in again.stdout


def test_index_refuses_a_concurrent_build(tmp_path, runner):
    index_dir = tmp_path / "index"
    with store.BuildLock(str(index_dir)):
        result = runner.invoke(cli, ["index", str(TEXTS[0]), "--index", str(index_dir)])
    assert result.exit_code == 1
    assert "另一个 nianbao index 正在写入" in result.output
    assert store.current_generation(str(index_dir)) is None


@pytest.fixture
def big_corpus(tmp_path):
    """A corpus already indexed from a few files, then grown enough to take seconds to index."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in TEXTS[:2]:
        shutil.copy(path, corpus / path.name)
    index_dir = str(tmp_path / "index")
    build_index([str(corpus)], index_dir, jobs=1)
    for i in range(120):
        folder = corpus / f"copy{i:02d}"
        folder.mkdir()
        for path in TEXTS:
            shutil.copy(path, folder / path.name)
    return corpus, index_dir


def start_on_a_terminal(corpus, index_dir):
    """Run `nianbao index` with stderr on a pseudo-terminal; return it once the bar shows."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from nianbao.cli import cli; cli()", "index", str(corpus),
         "--index", index_dir, "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=slave, cwd=Path(__file__).resolve().parents[1])
    os.close(slave)
    seen, deadline = b"", time.monotonic() + 120
    while "建立索引".encode() not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        if ready:
            seen += os.read(master, 4096)
    return proc, master, seen


def drain(master):
    """What is left to read on the terminal (the process has ended)."""
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if not ready:
            return out
        try:
            chunk = os.read(master, 65536)
        except OSError:
            return out
        if not chunk:
            return out
        out += chunk


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killing_a_build_leaves_the_old_index(big_corpus, sig):
    corpus, index_dir = big_corpus
    version, count = store.current_generation(index_dir), doc_count(index_dir)
    proc, master, seen = start_on_a_terminal(corpus, index_dir)
    try:
        assert "建立索引".encode() in seen, seen  # the progress bar is on the terminal
        assert proc.poll() is None, "the build finished before it could be interrupted"
        proc.send_signal(sig)
        proc.wait(timeout=60)
        seen += drain(master)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert proc.returncode == (-signal.SIGKILL if sig == signal.SIGKILL else 130), seen.decode(
        "utf-8", "replace")[-3000:]
    assert store.current_generation(index_dir) == version
    assert doc_count(index_dir) == count
    if sig == signal.SIGINT:  # cleaned up on the way out
        assert [p for p in os.listdir(index_dir) if p.startswith("gen-")] == [version]
    # The next build removes the leftovers and completes (on a smaller corpus, for speed).
    for folder in sorted(corpus.glob("copy*"))[1:]:
        shutil.rmtree(folder)
    summary = build_index([str(corpus)], index_dir, jobs=2)
    assert (summary.unchanged, summary.files_indexed, summary.removed) == (2, len(TEXTS), 0)
    assert doc_count(index_dir) == summary.total_sections > count
