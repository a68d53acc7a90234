"""Where a build's memory goes: the main process and each worker, sampled through the build.

    python -m benchmarks.build_memory CORPUS [--out DIR] [--interval 0.5]

Runs ``nianbao index CORPUS`` from scratch and samples every process of its tree: RSS and
PSS (``common.pss``: shared pages counted once across the tree). Prints the tree every tenth
of the build, the peak of each process, the peak of the sums and the moment it happened (seconds from the start and the
fraction of the build), so the figure ``bench_scale`` reports can be attributed: the main
process (its per-report arrays grow with the corpus) or the workers (bounded by the postings
a segment holds, ``index.segments.MAX_POSTINGS``).
"""
import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import bench_index, common


def sample(proc, interval):
    """[(seconds, {pid: (rss, pss)})] of ``proc``'s tree until it exits."""
    import psutil

    root, started, samples = psutil.Process(proc.pid), time.perf_counter(), []
    while proc.poll() is None:
        now = {}
        try:
            tree = [root] + root.children(recursive=True)
        except psutil.Error:
            break
        for p in tree:
            try:
                now[p.pid] = (p.memory_info().rss, common.pss(p.pid) or 0)
            except psutil.Error:
                pass
        samples.append((time.perf_counter() - started, now))
        time.sleep(interval)
    return samples


def summary(samples, root):
    """The lines printed: each process's peak, then the tree's peak sums and when."""
    end = samples[-1][0] if samples else 0
    peaks = {}
    for _, now in samples:
        for pid, (rss, pss) in now.items():
            old = peaks.get(pid, (0, 0))
            peaks[pid] = (max(old[0], rss), max(old[1], pss))
    lines = []
    for tenth in range(1, 11):  # the tree at each tenth of the build
        t, now = min(samples, key=lambda s: abs(s[0] - end * tenth / 10))
        main = now.get(root, (0, 0))[0]
        others = sorted((v[0] for pid, v in now.items() if pid != root), reverse=True)
        lines.append(f"{t:6.0f} s: main RSS {main / 1e6:,.0f} MB, others "
                     + ", ".join(f"{o / 1e6:,.0f}" for o in others) + " MB")
    lines += [f"{'main' if pid == root else 'worker'} {pid}: peak RSS {rss / 1e6:,.0f} MB, "
             f"peak PSS {pss / 1e6:,.0f} MB" for pid, (rss, pss) in sorted(peaks.items())]
    for i, name in ((0, "RSS"), (1, "PSS")):
        t, now = max(samples, key=lambda s: sum(v[i] for v in s[1].values()))
        main = now.get(root, (0, 0))[i]
        total = sum(v[i] for v in now.values())
        lines.append(f"peak sum of {name}: {total / 1e6:,.0f} MB at {t:.0f} s of {end:.0f} s "
                     f"({t / end:.0%} of the build): main {main / 1e6:,.0f} MB, "
                     f"{len(now) - 1} other processes {(total - main) / 1e6:,.0f} MB")
    return lines


def main(argv=None):
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, default=common.REPO / "bench-out" / "build-memory")
    parser.add_argument("--interval", type=float, default=0.5)
    args = parser.parse_args(argv)
    if args.out.exists():
        shutil.rmtree(args.out)
    corpus = args.corpus / "reports" if (args.corpus / "reports").is_dir() else args.corpus
    cmd = bench_index.nianbao_command("index", corpus, "--index", args.out)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples = sample(proc, args.interval)
    err = proc.stderr.read()
    if proc.wait() != 0:
        sys.exit(f"build failed ({proc.returncode}):\n{err[-2000:]}")
    print("\n".join(summary(samples, proc.pid)))


if __name__ == "__main__":
    main()
