"""`nianbao serve`: builds a missing index, binds loopback, logs one line per request."""
import logging
import shutil
from pathlib import Path

import pytest
import waitress
from werkzeug.test import Client

from nianbao.indexer.index.build import build_index
from nianbao.web import create_app
from nianbao.web import serve as serve_module
from nianbao.cli import cli
from nianbao.web.serve import AccessLog, find_corpus
from nianbao.web.settings import DEFAULT_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
SEED = sorted((ROOT / "corpus").glob("0*.txt"))[0]


def test_find_corpus_is_the_repositorys_corpus_folder():
    assert find_corpus() == ROOT / "corpus"


def test_serve_builds_the_missing_default_index_then_serves_on_loopback(tmp_path, monkeypatch, runner):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    calls = []
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(serve_module, "find_corpus", lambda: corpus)
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: calls.append((app, kw)))
    result = runner.invoke(cli, ["serve", "--index", ".nianbao/index"])
    assert result.exit_code == 0, result.output
    assert "正在从示例语料" in result.output and "已索引 1 份报告" in result.output
    assert "http://127.0.0.1:5000/" in result.output
    [(app, kwargs)] = calls
    assert isinstance(app, AccessLog)
    assert (kwargs["host"], kwargs["port"]) == ("127.0.0.1", 5000)
    assert kwargs["max_request_header_size"] > DEFAULT_SETTINGS["MAX_HEADER_BYTES"]
    assert Client(app).get("/search?q=政府信息").status_code == 200


@pytest.mark.parametrize("where", ["other", "default-used", "env"])
def test_serve_never_seeds_a_users_index(tmp_path, monkeypatch, runner, where):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(serve_module, "find_corpus", lambda: corpus)
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: pytest.fail("must not serve"))
    if where == "default-used":  # a first real build was killed: its lock file is left
        index = Path(".nianbao/index")
        index.mkdir(parents=True)
        (index / "LOCK").write_bytes(b"")
        args = ["--index", str(index)]
    elif where == "env":
        index = tmp_path / "mine"
        args = ["--index", str(index)]
        monkeypatch.setenv("NIANBAO_INDEX", str(index))
    else:
        index = tmp_path / "index"
        args = ["--index", str(index)]
    result = runner.invoke(cli, ["serve", *args])
    assert result.exit_code == 1
    assert f"索引不存在：{index} 中还没有建好的索引。请先运行 nianbao index <报告文件夹> --index {index}" \
        in result.output
    assert not (Path(index) / "CURRENT").exists() and "正在从" not in result.output


def test_serve_without_index_or_corpus_is_a_clear_error(tmp_path, monkeypatch, runner):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(serve_module, "find_corpus", lambda: None)
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: pytest.fail("must not serve"))
    result = runner.invoke(cli, ["serve", "--index", ".nianbao/index"])
    assert result.exit_code == 1 and "也没有可用来建立示例索引的 corpus/ 文件夹" in result.output


def test_serve_rejects_a_bad_base_url(tmp_path, runner, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder)
    build_index([str(folder)], str(tmp_path / "index"))
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: pytest.fail("must not serve"))
    result = runner.invoke(cli, ["serve", "--index", str(tmp_path / "index"), "--base-url", "javascript:x"])
    assert result.exit_code == 1 and "BASE_URL must be an http(s) address" in result.output


def test_access_log_writes_one_line_per_request(tmp_path, caplog):
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED, folder)
    build_index([str(folder)], str(tmp_path / "index"))
    app = AccessLog(create_app({"INDEX_DIR": str(tmp_path / "index")}))
    with caplog.at_level(logging.INFO, logger="nianbao.access"):
        Client(app).get("/search?q=%E4%BF%9D%E5%AF%86%E5%AE%A1%E6%9F%A5")
        Client(app).get("/api/search?page=0")
    lines = [r.getMessage() for r in caplog.records if r.name == "nianbao.access"]
    assert len(lines) == 2
    assert '"GET /search?q=保密审查" 200' in lines[0]
    assert '"GET /api/search?page=0" 400' in lines[1] and lines[1].endswith("ms")
