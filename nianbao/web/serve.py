"""What ``nianbao serve`` runs: find or build the index, then serve the app under waitress.

Seeding: only the default index (``.nianbao/index`` under the working directory), and
only when that folder does not exist yet or is empty, is built from the sample corpus:
the ``corpus/`` folder next to the ``web`` package (the repository root, for the editable
install the README uses), or else ``./corpus`` in the working directory. Any other index
folder (``--index DIR``, ``$NIANBAO_INDEX``), or a default one that a build has already
used (a build that was killed leaves its lock file), is the user's: with nothing
published there, ``serve`` says so and how to build it, and never fills it with the
sample reports.
Waitress (a production WSGI server, pure Python, works on every OS) serves the app;
it does not log requests itself, so ``AccessLog`` logs one line per request.
"""
import logging
import os
import time
from pathlib import Path
from urllib.parse import unquote

import click

BUILTIN_INDEX_DIR = os.path.join(".nianbao", "index")  # store.DEFAULT_INDEX_DIR without $NIANBAO_INDEX

log = logging.getLogger("nianbao.access")


def find_corpus():
    """The sample corpus folder, or None when neither candidate exists."""
    for candidate in (Path(__file__).resolve().parents[2] / "corpus", Path.cwd() / "corpus"):
        if candidate.is_dir():
            return candidate
    return None


def is_seedable(index_dir):
    """True when ``index_dir`` is the default index and no build has used it yet."""
    if os.path.abspath(index_dir) != os.path.abspath(BUILTIN_INDEX_DIR):
        return False
    return not os.path.isdir(index_dir) or not os.listdir(index_dir)


def seed_sample_index(index_dir, say):
    """Build the default index from the sample corpus, or raise ClickException saying why not."""
    from nianbao.indexer.index.build import build_index

    build = f"nianbao index <报告文件夹> --index {index_dir}"
    if not is_seedable(index_dir):
        raise click.ClickException(f"索引不存在：{index_dir} 中还没有建好的索引。请先运行 {build} 建立索引，"
                                   f"再运行 nianbao serve --index {index_dir}")
    corpus = find_corpus()
    if corpus is None:
        raise click.ClickException(f"索引不存在：{index_dir}，也没有可用来建立示例索引的 corpus/ 文件夹。"
                                   f"请先运行 {build}")
    say(f"索引不存在，正在从示例语料 {corpus} 构建索引到 {index_dir} …")
    summary = build_index([str(corpus)], index_dir)
    say(f"已索引 {summary.total_reports} 份报告，用时 {summary.seconds:.1f} 秒")


def _readable(wsgi_string):
    """A WSGI path/query (UTF-8 bytes carried as latin-1) as readable text: 保密审查, not %E4…."""
    return unquote(wsgi_string.encode("latin-1").decode("utf-8", "replace"))


class AccessLog:
    """WSGI middleware: one log line per request (client, request line, status, bytes, ms)."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        seen = {}

        def recording_start_response(status, headers, exc_info=None):
            seen["status"] = status.split(" ", 1)[0]
            seen["length"] = next((v for k, v in headers if k.lower() == "content-length"), "-")
            return start_response(status, headers, exc_info)

        body = self.app(environ, recording_start_response)
        try:
            yield from body
        finally:
            if hasattr(body, "close"):
                body.close()
            query = environ.get("QUERY_STRING")
            target = _readable(environ.get("PATH_INFO", "") + (f"?{query}" if query else ""))
            log.info('%s "%s %s" %s %s %.1fms', environ.get("REMOTE_ADDR", "-"),
                     environ.get("REQUEST_METHOD"), target, seen.get("status", "-"),
                     seen.get("length", "-"), (time.perf_counter() - started) * 1000)
