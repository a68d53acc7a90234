"""Build or update an index: only what changed since the last run is redone.

``build_index(paths, index_dir)`` compares the files under ``paths`` with the live
generation's manifest (source path → size, modification time, SHA-1 of the bytes, counts,
error):

- a file whose size and modification time are unchanged is not read at all; one whose size
  or time changed is hashed, and only a new or different hash is extracted and indexed
  (a changed file's old sections are deleted first, by their ``source`` term);
- a file that failed before and has not changed (an unreadable entry included: a dangling
  symlink, permission denied) is reported as skipped again from the manifest, not retried,
  so an unchanged corpus publishes nothing;
- *removed* = a file in the manifest that lies under one of the given ``paths`` and no
  longer exists there. Files indexed earlier from other paths are kept, so ``index a/``
  then ``index b/`` holds both; to drop ``a/`` entirely, delete its files and run
  ``index a/`` again — or start a fresh index directory.

Sources are recorded as absolute paths, so a run from another working directory recognises
the same files (report ids hash the absolute path too).

Parallelism: extraction and analysis are the cost, so each worker process (``jobs``,
default: the cores we may use) takes files from a shared queue (largest first), extracts
them and writes its own Whoosh segments in bulk (``indexer.index.segments``, a new segment
past ``MAX_POSTINGS``). The main process deletes replaced sections, then commits the
workers' segments through Whoosh's documented hook, ``writer.commit(mergetype=...)``
(empty segments are dropped; no segment is merged), and writes the generation's arrays for
the search service (``indexer.index.arrays``). Workers are forked after jieba's dictionary
is loaded, so it is loaded once.

An index whose manifest records another ``schema.INDEX_FORMAT``, or other extraction size
limits (``indexer.limits``: a file skipped as too large, or a report cut, may fit now), or
whose files fail their checksums (``store.verify``), is rebuilt from scratch into a fresh
generation: nothing of a damaged generation is reused.

Crash-safety, the lock and the generation layout are ``indexer.index.store``'s.
"""
import hashlib
import multiprocessing
import os
import queue
import signal
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from stat import S_ISREG

from whoosh.filedb.filestore import FileStorage

from .. import analysis
from ..limits import get_limits
from ..extract import ExtractError, extract_file, iter_files
from . import arrays, store
from .schema import INDEX_FORMAT, make_schema
from .segments import MAX_POSTINGS, SegmentBuilder, is_full, load_catalog

_POLL_SECONDS = 0.5
MAX_SEGMENTS = 16  # partial segments allowed; past this the smallest are re-indexed (compaction)
JOINED = "附件，已并入"  # the reason of an attachment read with its page, not alone


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
    formats: Counter = field(default_factory=Counter)
    joined: int = 0
    compacted: int = 0
    truncated: list = field(default_factory=list)  # reports cut at the length limit
    duplicates: int = 0
    rebuilt_damaged: list = field(default_factory=list)
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

    ``todo`` holds ``(path, record)`` for files new or changed since the manifest, where
    ``record`` is the new manifest entry so far (``hash``, ``size``, ``mtime``; ``error``
    for a file that cannot be read). ``unchanged`` holds paths whose record stands.
    """
    roots = [os.path.abspath(p) for p in paths]
    todo, unchanged, seen = [], [], set()
    for path in iter_files(roots):
        if path in seen:
            continue
        seen.add(path)
        old = manifest.get(path)
        try:
            stat = os.stat(path)
            if not S_ISREG(stat.st_mode):  # a FIFO or device would block the read: never opened
                raise OSError(0, "不是普通文件")
            if (old and (old.get("size"), old.get("mtime")) == (stat.st_size, stat.st_mtime_ns)
                    and not _attachments_changed(old)):
                unchanged.append(path)
                continue
            record = {"hash": file_hash(path), "size": stat.st_size, "mtime": stat.st_mtime_ns}
        except OSError as exc:  # unreadable, a dangling symlink, vanished since the walk
            record = {"hash": None, "size": 0, "mtime": 0,
                      "error": f"无法读取（{exc.strerror or exc}）"}
            if old and old.get("error") == record["error"]:
                unchanged.append(path)
                continue
        if old and old.get("hash") and old["hash"] == record["hash"] and not _attachments_changed(old):
            old.update(size=record["size"], mtime=record["mtime"])  # touched, not changed
            unchanged.append(path)
        else:
            todo.append((path, record))
    removed = sorted(s for s in manifest if s not in seen and _under(s, roots))
    return todo, unchanged, removed


def _attachments_changed(record):
    """True when a file joined into this one (an attachment) changed since it was indexed."""
    for path, (size, mtime) in (record.get("attachments") or {}).items():
        try:
            stat = os.stat(path)
        except OSError:
            return True
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
            return True
    return False


def _stats(paths):
    """{path: [size, mtime]} of attachment files (the ones that can be read)."""
    out = {}
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            continue
        out[path] = [stat.st_size, stat.st_mtime_ns]
    return out


def _compaction(index_dir, live, records, busy):
    """Unchanged files to re-index so that the smallest segments empty out (and are dropped).

    Each build adds at least one partial segment (a worker's last); past ``MAX_SEGMENTS``
    partial segments the smallest ones, down to half that number, are compacted: their files
    are extracted again into this build's segments (both cores busy) instead of merging
    postings in one process. Full segments (closed at ``MAX_POSTINGS``, the size a worker's
    memory allows) are left alone: a large corpus is many full segments, and compacting
    them would re-index it all on every build. Only files that are still there, unchanged
    and readable are taken.
    """
    gen_dir = store.generation_path(index_dir, live)
    ix = FileStorage(gen_dir, supports_mmap=False).open_index()
    with ix.reader() as reader:
        segments = sorted((leaf.segment() for leaf, _ in reader.leaf_readers()
                           if not is_full(gen_dir, leaf.segment())), key=lambda s: s.doc_count())
    if len(segments) <= MAX_SEGMENTS:
        return []
    sources = set()
    for segment in segments[:len(segments) - MAX_SEGMENTS // 2]:
        cat = load_catalog(gen_dir, segment)
        deleted = set(segment.deleted_docs())
        live_reports = {int(r) for d, r in enumerate(cat["report"].tolist()) if d not in deleted}
        sources.update(cat["reports"][i]["source"] for i in live_reports)
    return sorted(s for s in sources if s not in busy and s in records
                  and records[s].get("reports") and not _attachments_changed(records[s])
                  and os.path.exists(s))


def _worker(gen_dir, tasks, results, parent, lock_fd):
    """Worker process: extract files from ``tasks`` into segments of our own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C
    # Our copy of the build lock's descriptor would keep the lock held if the main
    # process were killed while we finish; the main process's copy keeps it held.
    os.close(lock_fd)
    try:
        storage, schema = FileStorage(gen_dir), make_schema()
        builder, segments = SegmentBuilder(storage, schema), []
        while True:
            if os.getppid() != parent:  # the main process died: nobody to report to
                builder.discard()
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
                results.put(("file", path, 0, 0, result.reason, 0, {}, []))
                continue
            sections = clean = 0
            try:
                prepared = [builder.prepare(report, path, digest) for report in result]
            except Exception as exc:  # analysis failed on odd text: skip the file, keep the build
                results.put(("file", path, 0, 0, f"indexing failed ({type(exc).__name__}: {exc})",
                             0, {}, []))
                continue
            for report, ready in zip(result, prepared):
                clean += len(report.text.encode("utf-8"))
                builder.commit(ready)
                sections += len(report.sections)
            formats = Counter(_format_key(r) for r in result)
            joined = sorted({a for r in result for a in getattr(r, "attachments", ())})
            formats.update({"_truncated": sum(1 for r in result if r.truncated)})
            results.put(("file", path, len(result), sections, None, clean, formats, joined))
            if builder.posting_count > MAX_POSTINGS:  # bound memory: start another segment
                segments.append(builder.finish(full=True))
                builder = SegmentBuilder(storage, schema)
        segment = builder.finish()
        if segment is not None:
            segments.append(segment)
        results.put(("done", segments))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def _format_key(report):
    """How a report was read: its format, and ``+ocr`` when its text came from OCR."""
    quality = getattr(report, "source_quality", None)
    return report.format + ("+ocr" if quality == "ocr" else "")


def _cpu_count():
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _run_workers(gen_dir, todo, jobs, progress, records, summary, lock_fd):
    """Index ``todo`` in ``jobs`` worker processes; return their segments."""
    analysis.load()  # load the segmenter's dictionary once, before forking
    ctx = multiprocessing.get_context("fork")
    tasks, results = ctx.Queue(), ctx.Queue()
    # Largest files first, so no worker is left with a big one at the end.
    for path, record in sorted(todo, key=lambda t: -t[1]["size"]):
        tasks.put((path, record["hash"]))
    jobs = max(1, min(jobs, len(todo)))
    for _ in range(jobs):
        tasks.put(None)
    workers = [ctx.Process(target=_worker, args=(gen_dir, tasks, results, os.getpid(), lock_fd),
                           daemon=True) for _ in range(jobs)]
    pending = dict(todo)
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
                _, path, reports, sections, error, clean, formats, joined = msg
                records[path] = dict(pending[path], reports=reports, sections=sections)
                if joined:
                    records[path]["attachments"] = _stats(joined)
                if error and error.startswith(JOINED):
                    records[path]["error"] = error
                    summary.joined += 1
                elif error:
                    records[path]["error"] = error
                    summary.skipped.append(ExtractError(path, error))
                else:
                    summary.files_indexed += 1
                    summary.reports += reports
                    summary.sections += sections
                    summary.clean_bytes += clean
                    if formats.pop("_truncated", 0):
                        summary.truncated.append(path)
                    summary.formats.update(formats)
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


def _apply(gen_dir, fresh, todo, gone, jobs, progress, records, summary, lock_fd):
    """Delete, index and commit the changes into the (unpublished) generation."""
    storage = FileStorage(gen_dir)
    ix = storage.create_index(make_schema()) if fresh else storage.open_index()
    writer = ix.writer()
    try:
        for source in gone:
            writer.delete_by_term("source", source)
        new = _run_workers(gen_dir, todo, jobs, progress, records, summary, lock_fd) if todo else []
        # Whoosh's documented hook: the kept segments plus the workers' (none merged).
        writer.commit(mergetype=lambda _writer, segments: [s for s in segments if s.doc_count()] + new)
    except BaseException:
        if not writer.is_closed:
            try:
                writer.cancel()
            except Exception:  # the generation is discarded anyway; keep the first error
                pass
        raise
    return arrays.write(gen_dir, storage.open_index())


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
        limits = get_limits()
        limits = [limits.max_file_bytes, limits.max_report_chars]
        if live is not None and store.read_format(index_dir, live) != INDEX_FORMAT:
            live = None  # an older format: rebuild everything into a fresh generation
        elif live is not None and store.read_limits(index_dir, live) not in (None, limits):
            live = None  # other size limits: files skipped or reports cut before may now fit
        if live is not None:
            summary.rebuilt_damaged = store.verify(index_dir, live)
            if summary.rebuilt_damaged:
                live = None  # never reuse a damaged generation's files
        manifest = store.read_manifest(index_dir, live)
        roots = sorted(set(store.read_roots(index_dir)) | {os.path.abspath(p) for p in paths})
        todo, unchanged, removed = plan(paths, manifest)
        records = {s: r for s, r in manifest.items() if s not in set(removed)}
        for path in unchanged:
            error = records[path].get("error")
            if error and error.startswith(JOINED):
                summary.joined += 1
            elif error:
                summary.skipped.append(ExtractError(path, error))
        readable = [(p, r) for p, r in todo if not r.get("error")]
        for path, record in todo:
            if record.get("error"):
                summary.skipped.append(ExtractError(path, record["error"]))
                records[path] = dict(record, reports=0, sections=0)
        summary.unchanged, summary.removed = len(unchanged), len(removed)
        gone = removed + [p for p, _ in todo if manifest.get(p, {}).get("reports")]
        if live is not None and (readable or gone):
            compact = _compaction(index_dir, live, records, {p for p, _ in todo})
            readable += [(p, records[p]) for p in compact]
            gone += compact
            summary.compacted = len(compact)
        summary.generation = live
        if live is None or readable or gone:
            name = store.new_generation(index_dir, live)
            gen_dir = store.generation_path(index_dir, name)
            try:
                totals = _apply(gen_dir, live is None, readable, gone, jobs or _cpu_count(),
                                progress, records, summary, lock.fd)
                summary.duplicates = totals["duplicates"]
                store.write_manifest(gen_dir, records, INDEX_FORMAT, roots, limits)
                store.write_checksums(index_dir, name, live)
            except BaseException:
                store.discard(index_dir, name)
                raise
            store.publish(index_dir, name)
            summary.generation, summary.published = name, True
        elif records != store.read_manifest(index_dir, live) or roots != store.read_roots(index_dir):
            # New unreadable entries or touched files: recorded, nothing to republish.
            store.write_manifest(store.generation_path(index_dir, live), records, INDEX_FORMAT, roots,
                                 limits)
        summary.total_reports = sum(r.get("reports", 0) for r in records.values())
        summary.total_sections = sum(r.get("sections", 0) for r in records.values())
    summary.skipped.sort(key=lambda e: e.path)
    summary.seconds = time.perf_counter() - started
    return summary


def format_summary(summary):
    """The closing lines of ``nianbao index`` (Chinese, for a terminal)."""
    state = "已更新" if summary.published else "无变化，未改动"
    lines = [f"索引{state}：{summary.index_dir}（{summary.generation}）"]
    if summary.rebuilt_damaged:
        lines.append(f"原索引文件已损坏（{', '.join(summary.rebuilt_damaged[:3])}），已全部重建")
    lines.append(f"本次索引 {summary.files_indexed} 个文件：{summary.reports} 份报告，"
                 f"{summary.sections} 个章节；未变 {summary.unchanged}，删除 {summary.removed}，"
                 f"跳过 {len(summary.skipped)}")
    if summary.formats:
        lines.append("按格式：" + "，".join(f"{k} {v}" for k, v in sorted(summary.formats.items()))
                     + "（+ocr：文字由扫描件识别）" * any(k.endswith("+ocr") for k in summary.formats))
    if summary.joined:
        lines.append(f"附件 {summary.joined} 个已并入其所在页面的报告")
    if summary.truncated:
        lines.append(f"过长被截断的报告 {len(summary.truncated)} 份（--max-report-chars 可放宽）："
                     + "、".join(os.path.basename(p) for p in summary.truncated[:3])
                     + ("等" if len(summary.truncated) > 3 else ""))
    if summary.compacted:
        lines.append(f"整理索引：重新索引了最小分段中的 {summary.compacted} 个未变文件")
    if summary.duplicates:
        lines.append(f"内容重复的报告 {summary.duplicates} 份：只检索一次，列出全部路径")
    lines.append(f"索引共 {summary.total_reports} 份报告，{summary.total_sections} 个章节；"
                 f"用时 {summary.seconds:.1f} 秒"
                 + (f"（{summary.reports / summary.seconds:.1f} 份/秒，"
                    f"净文本 {summary.clean_bytes / 1e6 / summary.seconds:.2f} MB/秒）"
                    if summary.reports else ""))
    return "\n".join(lines)
