"""Shared pieces of the benchmarks: corpora, the query mix, timing, memory, reporting.

Decisions:
- Corpora live in ``bench-out/corpus-<N>-s<seed>/`` (git-ignored) and are generated on
  first use; a ``stats.json`` beside the manifest caches the clean-text volume (UTF-8
  bytes of every report's clean text, as ``indexer.extract`` produces it), so
  throughput is "MB of clean text per second" for every engine alike.
- Peak memory is the largest sum of RSS over a process and all its children, sampled
  every 50 ms with psutil (children of ``nianbao index`` are its worker processes).
- The query mix is fixed; its facet filters use the corpus's most frequent province and
  the year 2021, which every corpus of 1,000 reports or more contains.
"""
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench-out"

# (name, query): a rare word, a common word, two words ANDed, a quoted phrase, a non-word substring.
QUERIES = (
    ("rare word", "发文卡"),
    ("common word", "公开"),
    ("two words", "保密审查 政务微博"),
    ("phrase", '"主动公开政府信息"'),
    ("substring", "府信息公"),
)
FILTER_YEAR = 2021


def corpus_dir(reports, seed=1, formats=None):
    """The folder of a generated corpus (generated here if missing)."""
    name = f"corpus-{reports}-s{seed}" + (f"-{formats.replace(',', '+')}" if formats else "")
    path = OUT / name
    if not (path / "manifest.jsonl").exists():
        from .generate import generate

        generate(reports, path, seed=seed, jobs=cpu_count(),
                 formats=set(formats.split(",")) if formats else None)
    return path


def manifest(corpus):
    """The manifest rows of a generated corpus."""
    with open(Path(corpus) / "manifest.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _clean_bytes(paths):
    from nianbao.indexer.extract import ExtractError, extract_file

    total = reports = 0
    for path in paths:
        result = extract_file(path)
        if not isinstance(result, ExtractError):
            reports += len(result)
            total += sum(len(r.text.encode("utf-8")) for r in result)
    return total, reports


def corpus_stats(corpus):
    """{'files', 'reports', 'clean_bytes', 'file_bytes'} of a corpus (computed once, cached)."""
    corpus = Path(corpus)
    cache = corpus / "stats.json"
    if cache.exists():
        return json.loads(cache.read_text())
    files = [str(corpus / row["path"]) for row in manifest(corpus)]
    chunks = [files[i::cpu_count()] for i in range(cpu_count())]
    with ProcessPoolExecutor(cpu_count()) as pool:
        parts = list(pool.map(_clean_bytes, chunks))
    stats = {"files": len(files), "reports": sum(p[1] for p in parts),
             "clean_bytes": sum(p[0] for p in parts),
             "file_bytes": sum(os.path.getsize(f) for f in files)}
    cache.write_text(json.dumps(stats))
    return stats


def filters_for(corpus):
    """The two facet filters of the query mix: the most frequent province, and 2021."""
    counts = {}
    for row in manifest(corpus):
        counts[row["province"]] = counts.get(row["province"], 0) + 1
    province = max(sorted(counts), key=counts.get)
    return {"province": [province], "year": [str(FILTER_YEAR)]}


def query_mix(corpus):
    """[(label, q, filters)]: every query without and with the two facet filters."""
    filters = filters_for(corpus)
    mix = [(name, q, {}) for name, q in QUERIES]
    mix += [(name + " + 2 filters", q, filters) for name, q in QUERIES]
    return mix


def cpu_count():
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def machine():
    """One line describing where a benchmark ran."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        mem = f", {psutil.virtual_memory().total / 2**30:.1f} GiB RAM"
        load = f", load {os.getloadavg()[0]:.1f} at start"
    except (ImportError, OSError):
        mem = load = ""
    return f"{cpu}, {cpu_count()} cores{mem}{load}; Python {platform.python_version()}, {platform.system()}"


def percentile(values, p):
    """The p-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def dir_size(path):
    """Bytes of every file under ``path``."""
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def pss(pid):
    """Proportional set size of ``pid`` in bytes (Linux ``smaps_rollup``), or None where unknown.

    Pages shared by several processes (a forked worker's copy of the parent's jieba
    dictionary and tables) count once in the sum of the tree's PSS, where the sum of RSS
    counts them in every process.
    """
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


class PeakMemory:
    """Samples the memory of a process tree in a thread: ``peak`` is the largest sum of RSS seen,
    ``peak_pss`` the largest sum of PSS (None where the system does not report it)."""

    def __init__(self, pid, interval=0.05):
        import psutil

        self.process = psutil.Process(pid)
        self.interval, self.peak, self.peak_pss = interval, 0, None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.process] + self.process.children(recursive=True)
                total, shared = 0, 0
                for proc in procs:
                    try:
                        total += proc.memory_info().rss
                    except psutil.Error:
                        continue
                    size = pss(proc.pid)
                    shared = None if size is None or shared is None else shared + size
                self.peak = max(self.peak, total)
                if shared is not None:
                    self.peak_pss = max(self.peak_pss or 0, shared)
            except psutil.Error:
                return
            self._stop.wait(self.interval)

    def stop(self):
        """Stop sampling; return (peak RSS sum, peak PSS sum or None) in bytes."""
        self._stop.set()
        self._thread.join()
        return self.peak, self.peak_pss


def run_measured(cmd, timeout=None):
    """Run ``cmd``; return (wall seconds, CPU seconds, (peak RSS, peak PSS) bytes of its process
    tree, stdout).

    CPU seconds (user + system of the command and every descendant it waited for) are
    what a busy shared machine distorts least.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # A session of its own, so that a timeout kills the worker processes too.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    mem = PeakMemory(proc.pid)
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    seconds = time.perf_counter() - started
    peak = mem.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{err[-2000:]}")
    return seconds, cpu, peak, out


def python_module(module, *args):
    """A command line running ``python -m module args`` in this interpreter."""
    return [sys.executable, "-m", module, *map(str, args)]


def table(headers, rows):
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def ratio(a, b):
    """``a / b`` formatted, or '-' when undefined."""
    return f"{a / b:.2f}x" if a and b else "-"


def baseline_main(argv, build, engine_cls, module, target):
    """The command line of a baseline: ``index TARGET PATH...`` or ``search TARGET QUERY``."""
    if len(argv) >= 3 and argv[0] == "index":
        started = time.perf_counter()
        reports, clean = build(argv[2:], argv[1])
        print(json.dumps({"reports": reports, "clean_bytes": clean,
                          "seconds": time.perf_counter() - started}))
    elif len(argv) == 3 and argv[0] == "search":
        engine = engine_cls(argv[1])
        print(json.dumps(engine.search(argv[2]), ensure_ascii=False, default=str))
        engine.close()
    else:
        sys.exit(f"usage: python -m benchmarks.{module} index {target} PATH... | search {target} QUERY")
