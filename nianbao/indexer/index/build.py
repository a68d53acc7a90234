"""Build or update an index: only what changed since the last run is redone.

``build_index(paths, index_dir)`` compares the files under ``paths`` with the live
generation's manifest (source path → SHA-1 of the file's bytes, counts, error):

- a file whose hash is new or different is extracted and indexed; a changed file's
  old documents are deleted first (by its ``source`` term);
- a file with the same hash is left alone: no reading beyond hashing, no extraction,
  no analysis (a file that failed before and has not changed is reported as skipped
  again, from the manifest, without being retried);
- *removed* = a file in the manifest that lies under one of the given ``paths`` (is
  one of them, or inside one of them as a directory) and no longer exists there. Files
  indexed earlier from other paths are kept, so ``index a/`` then ``index b/`` holds
  both; to drop ``a/`` entirely, delete its files and run ``index a/`` again — or start
  a fresh index directory.

Sources are recorded as absolute paths, so a run from another working directory
recognises the same files (report ids, ``report_id(path)``, hash the absolute path too).

Parallelism: extraction, analysis and Whoosh's segment writing are the cost (at
10,000 generated reports extraction is about half of a worker's CPU, writing most of
the rest, rjieba analysis under a tenth), so one writer fed by extraction workers
would leave the writer's core saturated. Instead each worker process (``jobs``, default: the cores we may
use) extracts files taken from a shared queue *and* writes its own Whoosh segments
(``indexer.segments``: a compact posting pool, a new segment past a size bound); the
main process only deletes replaced documents and commits the table of contents listing
the workers' segments (what ``whoosh.multiproc.MpWriter(multisegment=True)`` does, but
with extraction inside the workers). Workers are forked after jieba's dictionary is
loaded, so it is loaded once. The commit uses Whoosh's default merge policy (small
segments are merged, large ones left alone).

The workers also do all the analysis: ``schema.report_documents`` segments the text
(rjieba) and builds the bigram sets, so the writer only stores precomputed terms.

An index whose manifest records another ``schema.INDEX_FORMAT`` (written by an older
nianbao) is rebuilt from scratch: every file counts as new.

Crash-safety, the lock and the generation layout are ``indexer.store``'s.
"""
import hashlib
import multiprocessing
import os
import queue
import signal
import time
import traceback
from dataclasses import dataclass, field

from whoosh.index import create_in
from whoosh.filedb.filestore import FileStorage

from . import store
from .. import analysis
from ..extract import ExtractError, extract_file, iter_files
from .schema import INDEX_FORMAT, make_schema, report_documents
from .segments import MAX_POSTINGS, FastSegmentWriter, codec

_POLL_SECONDS = 0.5


class BuildError(Exception):
    """The build failed; the previously published index is untouched."""


@dataclass
class BuildSummary:
    """What a build did. Counts of files unless they say reports or sections."""

    index_dir: str
    generation: str | None = None
    files_indexed: int = 0
    reports: int = 0
    sections: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list = field(default_factory=list)
    clean_bytes: int = 0
    total_reports: int = 0
    total_sections: int = 0
    seconds: float = 0.0
    published: bool = False


def file_hash(path):
    """SHA-1 hex digest of a file's bytes."""
    digest = hashlib.sha1()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _under(source, roots):
    """True if ``source`` is one of ``roots`` or inside one of them."""
    return any(source == root or source.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def plan(paths, manifest):
    """Split the files under ``paths`` into (todo, unchanged, removed).

    ``todo`` holds ``(path, hash, size, error)`` for files new or changed since the
    manifest; ``error`` is set (and ``hash`` None) for a file that cannot be read.
    """
    roots = [os.path.abspath(p) for p in paths]
    todo, unchanged, seen = [], [], set()
    for path in iter_files(roots):
        if path in seen:
            continue
        seen.add(path)
        try:
            digest, size = file_hash(path), os.path.getsize(path)
        except OSError as exc:  # vanished or unreadable since the walk
            todo.append((path, None, 0, f"无法读取（{exc.strerror or exc}）"))
            continue
        record = manifest.get(path)
        if record is not None and record["hash"] == digest:
            unchanged.append(path)
        else:
            todo.append((path, digest, size, None))
    removed = sorted(s for s in manifest if s not in seen and _under(s, roots))
    return todo, unchanged, removed


def _worker(ix, tasks, results, parent, lock_fd):
    """Worker process: extract files from ``tasks`` into segments of our own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    # Our copy of the build lock's descriptor would keep the lock held if the main
    # process were killed while we finish; the main process's copy keeps it held.
    os.close(lock_fd)
    try:
        writer, segments = FastSegmentWriter(ix, _lk=False), []
        while True:
            if os.getppid() != parent:  # the main process died: nobody to report to
                return
            try:
                item = tasks.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                continue
            if item is None:
                break
            path, digest = item
            result = extract_file(path)
            if isinstance(result, ExtractError):
                results.put(("file", path, 0, 0, result.reason, 0))
                continue
            sections = clean = 0
            for report in result:
                clean += len(report.text.encode("utf-8"))
                for doc in report_documents(report, path, digest):
                    writer.add_document(**doc)
                    sections += 1
            results.put(("file", path, len(result), sections, None, clean))
            if writer.pool.count > MAX_POSTINGS:  # bound memory: start another segment
                segments.append(writer._finalize_segment())
                writer = FastSegmentWriter(ix, _lk=False)
        if writer._added:
            segments.append(writer._finalize_segment())
        else:
            writer._close_segment()
        # Not writer._finish(): it would delete the temp folder the other workers share.
        results.put(("done", segments))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def _cpu_count():
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _run_workers(ix, todo, jobs, progress, records, summary, lock_fd):
    """Index ``todo`` in ``jobs`` worker processes; return their segments."""
    analysis.load()  # load the segmenter's dictionary once, before forking
    ctx = multiprocessing.get_context("fork")
    tasks, results = ctx.Queue(), ctx.Queue()
    # Largest files first, so no worker is left with a big one at the end.
    for path, digest, _size in sorted(todo, key=lambda t: -t[2]):
        tasks.put((path, digest))
    jobs = max(1, min(jobs, len(todo)))
    for _ in range(jobs):
        tasks.put(None)
    workers = [ctx.Process(target=_worker, args=(ix, tasks, results, os.getpid(), lock_fd), daemon=True)
               for _ in range(jobs)]
    hashes = {path: (digest, size) for path, digest, size in todo}
    segments, finished, done = [], 0, 0
    try:
        for w in workers:
            w.start()
        while finished < jobs:
            try:
                msg = results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                if any(w.exitcode not in (None, 0) for w in workers):
                    raise BuildError("索引子进程意外退出，原索引未改变") from None
                continue
            if msg[0] == "file":
                _, path, reports, sections, error, clean = msg
                digest, size = hashes[path]
                records[path] = _record(digest, size, reports, sections, error)
                if error:
                    summary.skipped.append(ExtractError(path, error))
                else:
                    summary.files_indexed += 1
                    summary.reports += reports
                    summary.sections += sections
                    summary.clean_bytes += clean
                done += 1
                if progress:
                    progress(done, len(todo))
            elif msg[0] == "done":
                finished += 1
                segments.extend(msg[1])
            else:
                raise BuildError(f"索引子进程出错，原索引未改变：\n{msg[1]}")
        for w in workers:
            w.join()
    finally:
        for w in workers:
            if w.is_alive():
                w.terminate()
                w.join()
    return segments


def _record(digest, size, reports, sections, error):
    """A manifest entry."""
    record = {"hash": digest, "size": size, "reports": reports, "sections": sections}
    if error:
        record["error"] = error
    return record


def _apply(gen_dir, fresh, todo, removed, replaced, jobs, progress, records, summary, lock_fd):
    """Delete, index and commit the changes into the (unpublished) generation."""
    ix = create_in(gen_dir, make_schema()) if fresh else FileStorage(gen_dir).open_index()
    writer = ix.writer(codec=codec())
    try:
        for source in removed + replaced:
            writer.delete_by_term("source", source)
        segments = _run_workers(ix, todo, jobs, progress, records, summary, lock_fd) if todo else []
        final = writer._merge_segments(None, None, None) + segments
        writer._close_segment()
        writer._commit_toc(final)
        writer._finish()
    except BaseException:
        writer.cancel()
        raise


def build_index(paths, index_dir=None, jobs=None, progress=None):
    """Bring the index in ``index_dir`` up to date with the files under ``paths``.

    ``progress(done, total)`` is called after each extracted file. Returns a BuildSummary.
    Raises store.IndexLocked if another build is running and BuildError if a worker fails;
    in both cases, and on KeyboardInterrupt, the published index is left as it was.
    """
    started = time.perf_counter()
    index_dir = index_dir or store.DEFAULT_INDEX_DIR
    os.makedirs(index_dir, exist_ok=True)
    summary = BuildSummary(index_dir=index_dir)
    with store.BuildLock(index_dir) as lock:
        store.remove_unpublished(index_dir)
        live = store.current_generation(index_dir)
        if live is not None and store.read_format(index_dir, live) != INDEX_FORMAT:
            live = None  # an older format: rebuild everything into a fresh generation
        manifest = store.read_manifest(index_dir, live)
        scanned, unchanged, removed = plan(paths, manifest)
        todo = [(p, d, s) for p, d, s, err in scanned if err is None]
        gone = set(removed)
        records = {s: r for s, r in manifest.items() if s not in gone}
        for path, digest, size, error in scanned:
            if error is not None:
                summary.skipped.append(ExtractError(path, error))
                records[path] = _record(digest, size, 0, 0, error)
        summary.unchanged = len(unchanged)
        summary.removed = len(removed)
        for path in unchanged:
            if manifest[path].get("error"):
                summary.skipped.append(ExtractError(path, manifest[path]["error"]))
        replaced = [p for p, _, _, _ in scanned if p in manifest]
        summary.generation = live
        if live is None or todo or removed or replaced:
            name = store.new_generation(index_dir, live)
            gen_dir = store.generation_path(index_dir, name)
            try:
                _apply(gen_dir, live is None, todo, removed, replaced,
                       jobs or _cpu_count(), progress, records, summary, lock.fd)
                store.write_manifest(gen_dir, records, INDEX_FORMAT)
            except BaseException:
                store.discard(index_dir, name)
                raise
            store.publish(index_dir, name)
            summary.generation, summary.published = name, True
        summary.total_reports = sum(r["reports"] for r in records.values())
        summary.total_sections = sum(r["sections"] for r in records.values())
    summary.skipped.sort(key=lambda e: e.path)
    summary.seconds = time.perf_counter() - started
    return summary


def format_summary(summary):
    """The closing lines of ``nianbao index`` (Chinese, for a terminal)."""
    state = "已更新" if summary.published else "无变化，未改动"
    return (
        f"索引{state}：{summary.index_dir}（{summary.generation}）\n"
        f"本次索引 {summary.files_indexed} 个文件：{summary.reports} 份报告，{summary.sections} 个章节；"
        f"未变 {summary.unchanged}，删除 {summary.removed}，跳过 {len(summary.skipped)}\n"
        f"索引共 {summary.total_reports} 份报告，{summary.total_sections} 个章节；"
        f"用时 {summary.seconds:.1f} 秒"
        + (f"（{summary.reports / summary.seconds:.1f} 份/秒，"
           f"净文本 {summary.clean_bytes / 1e6 / summary.seconds:.2f} MB/秒）" if summary.reports else "")
    )
