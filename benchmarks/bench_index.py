"""Indexing benchmark: ``nianbao index`` end to end, against the naive baseline and FTS5.

    python -m benchmarks.bench_index --sizes 1000,10000 [--engines nianbao,naive,fts5,fts5-rjieba]

For each corpus size, each engine builds a fresh index of the same generated corpus in its
own process (so peak memory is that process tree's, sampled with psutil), from the same
files: nianbao with ``nianbao index DIR --index OUT`` (its worker processes: one per core
unless ``--jobs``), the baselines with their ``index`` commands (one process each).
Figures: wall time, MB of clean text per second (clean text = what ``indexer.extract``
yields, counted once per corpus), reports per second, CPU seconds of the whole process
tree (the figure a busy shared machine distorts least), peak RSS, index size on disk,
and nianbao's throughput as a multiple of each alternative's. Results are also written as JSON
to ``bench-out/results-index-<size>.json``.
"""
import argparse
import json
import shutil
import sys
from pathlib import Path

from . import common

ENGINES = ("nianbao", "naive", "fts5", "fts5-rjieba")
# fts5-rjieba: FTS5 fed by nianbao's own segmenter (rjieba's cut_for_search), the fair competitor


def index_path(engine, corpus):
    """Where ``engine``'s index of ``corpus`` lives."""
    corpus = Path(corpus)
    name = f"index-{engine}-{corpus.name}"
    return common.OUT / (name + ".db" if engine.startswith("fts5") else name)


def nianbao_command(*args):
    """The ``nianbao`` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("nianbao")
    if script.exists():
        return [str(script), *map(str, args)]
    return [sys.executable, "-c", "from nianbao.cli import main; main()", *map(str, args)]


def build_command(engine, corpus, out, jobs=None):
    """The command line that builds ``engine``'s index of ``corpus`` into ``out``."""
    reports = Path(corpus) / "reports"
    if engine == "nianbao":
        return nianbao_command("index", reports, "--index", out, *(["--jobs", jobs] if jobs else []))
    module = {"naive": "benchmarks.baseline_naive", "fts5": "benchmarks.baseline_fts5",
              "fts5-rjieba": "benchmarks.baseline_fts5"}[engine]
    extra = ["--rjieba"] if engine == "fts5-rjieba" else []
    return common.python_module(module, "index", out, reports, *extra)


def measure(engine, corpus, jobs=None, timeout=None):
    """Build ``engine``'s index of ``corpus`` from scratch; return its figures."""
    out = index_path(engine, corpus)
    if out.is_dir():
        shutil.rmtree(out)
    elif out.exists():
        out.unlink()
    stats = common.corpus_stats(corpus)
    seconds, cpu, (peak, peak_pss), _stdout = common.run_measured(build_command(engine, corpus, out, jobs), timeout)
    size = common.dir_size(out) if out.is_dir() else out.stat().st_size
    return {"engine": engine, "reports": stats["reports"], "clean_mb": stats["clean_bytes"] / 1e6,
            "seconds": seconds, "mb_per_s": stats["clean_bytes"] / 1e6 / seconds,
            "cpu_seconds": cpu, "mb_per_cpu_s": stats["clean_bytes"] / 1e6 / cpu if cpu else 0.0,
            "reports_per_s": stats["reports"] / seconds, "peak_mb": peak / 1e6,
            "peak_pss_mb": peak_pss / 1e6 if peak_pss is not None else None, "index_mb": size / 1e6}


def report(size, rows, corpus, machine):
    """The Markdown table of one size, with how it was measured."""
    base = next((r for r in rows if r["engine"] == "nianbao"), None)
    lines = [f"### Indexing, {size:,} reports ({rows[0]['clean_mb']:.1f} MB clean text, "
             f"{common.corpus_stats(corpus)['file_bytes'] / 1e6:.1f} MB of files)"]
    lines.append(common.table(
        ("engine", "wall (s)", "MB/s", "reports/s", "CPU (s)", "MB per CPU-s", "peak RSS (MB)",
         "index (MB)", "nianbao's MB/s ÷ this"),
        [(r["engine"], f"{r['seconds']:.1f}", f"{r['mb_per_s']:.3f}", f"{r['reports_per_s']:.1f}",
          f"{r['cpu_seconds']:.0f}", f"{r['mb_per_cpu_s']:.3f}", f"{r['peak_mb']:.0f}", f"{r['index_mb']:.1f}",
          common.ratio(base["mb_per_s"], r["mb_per_s"]) if base else "-") for r in rows]))
    lines.append(f"Measured on {machine}; one fresh build per engine, corpus `{corpus}`.")
    return "\n".join(lines)


def main(argv=None):
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated corpus sizes (reports)")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, help="nianbao index --jobs (default: its own)")
    parser.add_argument("--timeout", type=float, help="give up an engine's build after this many seconds")
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = common.corpus_dir(size, args.seed)
        rows, machine = [], common.machine()
        for engine in args.engines.split(","):
            print(f"[{size}] indexing with {engine} …", file=sys.stderr, flush=True)
            rows.append(measure(engine, corpus, args.jobs, args.timeout))
        print(report(size, rows, corpus, machine), flush=True)
        (common.OUT / f"results-index-{size}.json").write_text(
            json.dumps({"rows": rows, "machine": machine}, indent=1))


if __name__ == "__main__":
    main()
