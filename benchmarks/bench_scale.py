"""The scale curve: build, open, memory and queries at growing corpus sizes, every engine.

    python -m benchmarks.bench_scale --sizes 1000,10000,100000 [--engines ...] [--reps 3]

For each size (a corpus from ``benchmarks.generate``, seed 1) and each engine (nianbao, the
naive Whoosh demo, SQLite FTS5 with jieba, SQLite FTS5 with rjieba — the segmenter nianbao
uses — the fair competitor):

1. build a fresh index (``bench_index.measure``: wall and CPU seconds of the whole process
   tree, its peak memory as the sum of RSS and as the sum of PSS — shared pages of forked
   workers counted once — and the index size on disk); an engine whose build exceeds ``--timeout``
   (default 30 minutes) is reported as not finished and skipped for queries;
2. in a fresh process (``probe``): open the index and time it (nianbao: ``open_service`` plus
   one query, so the time includes everything a first request waits for), record the RSS
   after opening, run the query mix (``common.query_mix``: rare word, 公开, two words,
   phrase, non-word substring, each with and without two facet filters; top 10 + snippets +
   every facet) once to warm up and ``--reps`` times measured with nianbao's posting cache
   OFF (every call reads and verifies its postings), and record the RSS after.

Prints one Markdown table and a linear extrapolation of nianbao's figures to 1,000,000
reports; writes ``bench-out/results-scale.json``. A run replaces the rows of the sizes and
engines it measures and keeps the others (``--fresh`` forgets them), so a curve can be
measured piece by piece: a 100,000-report build takes half an hour. ``--probe-only``
re-measures opening and queries on an index already built, keeping its build figures.
"""
import argparse
import json
import subprocess
import sys
import time

from . import bench_index, bench_query, common

ENGINES = ("nianbao", "naive", "fts5", "fts5-rjieba")


def probe(engine, corpus, reps):
    """Open ``engine``'s index of ``corpus`` in this process; time it, measure RSS and queries."""
    import psutil

    proc = psutil.Process()
    started = time.perf_counter()
    search, close = bench_query.open_engine(engine, corpus, cache=False)
    search("公开", {})
    opened = time.perf_counter() - started
    rss_open = proc.memory_info().rss
    try:
        found, times = bench_query.time_mix(search, common.query_mix(corpus), reps)
        rss_after = proc.memory_info().rss
    finally:
        close()
    every = [t for ts in times.values() for t in ts]
    return {"engine": engine, "open_s": opened, "rss_open_mb": rss_open / 1e6,
            "rss_after_mb": rss_after / 1e6, "p50": common.percentile(every, 50),
            "p95": common.percentile(every, 95), "found": found,
            "per_query_p50": {k: common.percentile(v, 50) for k, v in times.items()},
            "per_query_max": {k: max(v) for k, v in times.items()}}


def run_probe(engine, corpus, reps, timeout):
    """``probe`` in a fresh interpreter (so its memory is the engine's alone)."""
    cmd = [sys.executable, "-m", "benchmarks.bench_scale", "probe", engine, str(corpus), str(reps)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=common.REPO)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def extrapolate(rows, size=1_000_000):
    """nianbao's figures at ``size`` reports, by a line through its two largest measured sizes."""
    ours = sorted((r for r in rows if r["engine"] == "nianbao" and "build" in r), key=lambda r: r["reports"])
    if len(ours) < 2:
        return None
    a, b = ours[-2], ours[-1]
    def line(key, get):
        ya, yb = get(a), get(b)
        return yb + (yb - ya) * (size - b["reports"]) / (b["reports"] - a["reports"])
    return {"reports": size,
            "build_s": line("build", lambda r: r["build"]["seconds"]),
            "index_mb": line("index", lambda r: r["build"]["index_mb"]),
            "peak_build_mb": line("peak", lambda r: r["build"]["peak_mb"]),
            "open_s": line("open", lambda r: r["probe"]["open_s"]),
            "rss_after_mb": line("rss", lambda r: r["probe"]["rss_after_mb"])}


def report(rows, machine, reps):
    """The Markdown tables."""
    lines = ["| reports | engine | build (s) | reports/s | CPU (s) | peak RSS / PSS (MB) | index (MB) | "
             "index ÷ clean text | open (s) | RSS open / after (MB) | p50 (ms) | p95 (ms) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        b, p = r.get("build"), r.get("probe")
        if b is None:
            lines.append(f"| {r['reports']:,} | {r['engine']} | not finished in {r['timeout']:.0f} s "
                         "| | | | | | | | | |")
            continue
        ratio = b["index_mb"] / b["clean_mb"] if b["clean_mb"] else 0
        pss = f"{b['peak_pss_mb']:.0f}" if b.get("peak_pss_mb") is not None else "-"
        probe_cells = (f"{p['open_s']:.2f} | {p['rss_open_mb']:.0f} / {p['rss_after_mb']:.0f} | "
                       f"{p['p50']:.1f} | {p['p95']:.1f}") if p else "- | - | - | -"
        lines.append(f"| {r['reports']:,} | {r['engine']} | {b['seconds']:.1f} | {b['reports_per_s']:.0f} | "
                     f"{b['cpu_seconds']:.0f} | {b['peak_mb']:.0f} / {pss} | {b['index_mb']:.0f} | {ratio:.2f} | "
                     f"{probe_cells} |")
    guess = extrapolate(rows)
    if guess:
        lines.append("")
        lines.append(f"nianbao at 1,000,000 reports (straight line through the two largest sizes): "
                     f"build {guess['build_s'] / 60:.0f} min, index {guess['index_mb'] / 1000:.1f} GB, "
                     f"peak build memory {guess['peak_build_mb'] / 1000:.1f} GB, open "
                     f"{guess['open_s']:.1f} s, RSS after the query mix {guess['rss_after_mb'] / 1000:.1f} GB.")
    machines = list(dict.fromkeys(r.get("machine", machine) for r in rows))
    lines.append(f"\nQueries: {reps} rounds of the 10-query mix after one warm-up, nianbao's posting "
                 f"cache off. Measured on {'; '.join(machines)}.")
    return "\n".join(lines)


def main(argv=None):
    """Command line (``probe`` is the internal per-engine subprocess)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "probe":
        print(json.dumps(probe(argv[1], argv[2], int(argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed per build")
    parser.add_argument("--probe-only", action="store_true",
                        help="keep the stored build figures and index; measure open and queries again")
    parser.add_argument("--fresh", action="store_true",
                        help="forget the rows stored by earlier runs (default: a run replaces "
                             "only the sizes and engines it measures)")
    args = parser.parse_args(argv)
    results, machine = common.OUT / "results-scale.json", common.machine()
    stored = {} if args.fresh or not results.exists() else {
        (r["reports"], r["engine"]): r for r in json.loads(results.read_text())["rows"]}
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = common.corpus_dir(size, args.seed)
        for engine in args.engines.split(","):
            row = {"reports": size, "engine": engine, "timeout": args.timeout}
            if args.probe_only:
                old = stored.get((size, engine), {})
                if "build" not in old:
                    sys.exit(f"no stored build of {engine} at {size:,} reports: run without --probe-only")
                row["build"] = old["build"]
            else:
                print(f"[{size}] {engine}: building …", file=sys.stderr, flush=True)
                try:
                    row["build"] = bench_index.measure(engine, corpus, timeout=args.timeout)
                except subprocess.TimeoutExpired:
                    stored[size, engine] = row
                    continue
                print(f"[{size}] {engine}: built in {row['build']['seconds']:.0f} s; probing …",
                      file=sys.stderr, flush=True)
            row["probe"] = run_probe(engine, corpus, args.reps, timeout=4 * args.timeout)
            row["machine"] = machine
            stored[size, engine] = row
            rows = _ordered(stored)
            results.write_text(json.dumps(
                {"rows": rows, "machine": machine, "extrapolated": extrapolate(rows)}, indent=1))
    print(report(_ordered(stored), machine, args.reps))


def _ordered(stored):
    """Rows by size, then in ``ENGINES`` order."""
    rank = {e: i for i, e in enumerate(ENGINES)}
    return [stored[k] for k in sorted(stored, key=lambda k: (k[0], rank.get(k[1], 99)))]


if __name__ == "__main__":
    main()
