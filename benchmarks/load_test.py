"""Load test: 16 clients for 60 s while the index is rebuilt twice and repaired once.

    python -m benchmarks.load_test [--reports 1000] [--clients 16] [--seconds 60]

On a generated corpus (copied to ``bench-out/load-<N>/`` so it can be changed), builds an
index, starts ``nianbao serve`` on a free 127.0.0.1 port and runs ``--clients`` keep-alive
client threads cycling the query mix as page and API plus report pages. In the middle:

- at 25% of the run, a rebuild: 2% of the files get a new paragraph, ``nianbao index``
  publishes a new generation, the server picks it up;
- at 45%, damage: one postings file of the live generation is truncated; the server must
  answer 503 索引已损坏 (never crash, never 500) until ``nianbao index`` — started right
  away, as an operator following the message would — has rebuilt the index from scratch;
- at 75%, a second rebuild.

Bounded (time, request count), loopback only; the server is stopped however the run ends.
An *error* is a connection failure, a timeout, a 5xx other than the damaged index's 503,
or a 503 outside the damage window (from the truncation to the repair's publication).
Prints the requests, the 503s of the damage window, the errors (must be 0), latency
percentiles per phase, and the server's resident memory (sampled every 0.5 s).
"""
import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

from . import bench_http, bench_index, common

CLIENT_TIMEOUT = 60


def damage(index_dir):
    """Truncate the largest postings file of the live generation; return its name."""
    gen = os.path.join(index_dir, open(os.path.join(index_dir, "CURRENT")).read().strip())
    victim = max((n for n in os.listdir(gen) if n.endswith(".pst")),
                 key=lambda n: os.path.getsize(os.path.join(gen, n)))
    with open(os.path.join(gen, victim), "r+b") as f:
        f.truncate(os.path.getsize(os.path.join(gen, victim)) // 3)
    return victim


def touch_some(corpus, share, rng):
    """Append a paragraph to ``share`` of the corpus's text files (a real update)."""
    files = sorted(p for p in corpus.rglob("*.txt"))
    for path in rng.sample(files, max(1, int(len(files) * share))):
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"\n补充说明：本机关于{rng.randint(1, 12)}月更新了政务公开专栏。\n")


def run(reports=1000, clients=16, seconds=60.0, seed=1):
    """The load test; returns its figures."""
    source = common.corpus_dir(reports, seed)
    work = common.OUT / f"load-{reports}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source / "reports", work / "corpus")
    corpus, index_dir = work / "corpus", str(work / "index")
    build = bench_index.nianbao_command("index", corpus, "--index", index_dir)
    subprocess.run(build, check=True, capture_output=True)
    targets = bench_http.urls(source)
    port = bench_http.free_port()
    proc = subprocess.Popen(bench_index.nianbao_command("serve", "--index", index_dir, "--host",
                                                        "127.0.0.1", "--port", port),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    records, events, memory, lock = [], {}, [], threading.Lock()
    stop = threading.Event()
    try:
        bench_http.wait_ready(port, proc)
        ids = _report_ids(port)
        targets += [f"/reports/{rid}" for rid in ids[:20]]
        import psutil

        server = psutil.Process(proc.pid)

        def sample():
            while not stop.is_set():
                try:
                    memory.append((time.monotonic(), sum(p.memory_info().rss for p in
                                                         [server] + server.children(recursive=True))))
                except psutil.Error:
                    pass
                stop.wait(0.5)

        def client(offset):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
            i, mine = offset, []
            while not stop.is_set():
                target = targets[i % len(targets)]
                i += 1
                started = time.monotonic()
                conn, outcome, body = bench_http.fetch(conn, port, target, CLIENT_TIMEOUT)
                if outcome == 503 and "索引已损坏".encode() not in body:
                    outcome = "503 without 索引已损坏"
                mine.append((started, (time.monotonic() - started) * 1000, outcome))
            with lock:
                records.extend(mine)

        rng = random.Random(seed)
        threads = [threading.Thread(target=client, args=(n * 5,)) for n in range(clients)]
        threads.append(threading.Thread(target=sample))
        start = time.monotonic()
        for t in threads:
            t.start()

        def at(share):
            time.sleep(max(0.0, start + seconds * share - time.monotonic()))

        def rebuild(name):
            touch_some(corpus, 0.02, rng)
            began = time.monotonic()
            subprocess.run(build, check=True, capture_output=True)
            events[name] = (began, time.monotonic())

        at(0.25)
        rebuild("rebuild 1")
        at(0.45)
        victim = damage(index_dir)
        events["damage"] = (time.monotonic(), None)
        repaired = subprocess.run(build, capture_output=True, text=True)
        events["damage"] = (events["damage"][0], time.monotonic())
        events["repair output"] = repaired.stdout.strip().splitlines()[:2]
        at(0.75)
        rebuild("rebuild 2")
        at(1.0)
    finally:
        stop.set()
        for t in threading.enumerate():
            if t is not threading.current_thread() and not t.daemon:
                t.join(timeout=CLIENT_TIMEOUT + 5)
        bench_http.stop(proc)
    return _figures(records, events, memory, start, victim)


def _report_ids(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
    conn.request("GET", "/api/search?" + urlencode({"per_page": 20}))
    data = json.loads(conn.getresponse().read())
    conn.close()
    return [r["id"] for r in data["results"]]


def _figures(records, events, memory, start, victim):
    damage_from, damage_to = events["damage"]
    # The server notices the repair on its next request after publication: allow a second.
    in_window = lambda t: damage_from - 0.5 <= t <= damage_to + 1.0  # noqa: E731
    errors, damaged = {}, 0
    for t, _ms, outcome in records:
        if outcome == 200 or outcome == 404:
            continue
        if outcome == 503 and in_window(t):
            damaged += 1
            continue
        errors[str(outcome)] = errors.get(str(outcome), 0) + 1
    phases = {"before": (start, events["rebuild 1"][0]), "rebuild 1": events["rebuild 1"],
              "damaged → repaired": events["damage"], "rebuild 2": events["rebuild 2"],
              "after": (events["rebuild 2"][1], float("inf"))}
    latency = {}
    for name, (a, b) in phases.items():
        times = [ms for t, ms, outcome in records if a <= t < b and outcome == 200]
        latency[name] = {"requests": len(times), "p50": common.percentile(times, 50),
                         "p95": common.percentile(times, 95), "p99": common.percentile(times, 99)}
    rss = [m for _t, m in memory]
    return {"requests": len(records), "ok": sum(1 for r in records if r[2] == 200),
            "damaged_503": damaged, "errors": sum(errors.values()), "error_kinds": errors,
            "ok_after_repair": sum(1 for t, _ms, o in records if o == 200 and t > damage_to),
            "latency": latency, "rss_start_mb": rss[0] / 1e6 if rss else 0,
            "rss_max_mb": max(rss) / 1e6 if rss else 0, "rss_end_mb": rss[-1] / 1e6 if rss else 0,
            "damaged_file": victim, "repair": events.get("repair output"),
            "repair_seconds": damage_to - damage_from}


def main(argv=None):
    """Command line; exits 1 when there was any error."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    figures = run(args.reports, args.clients, args.seconds, args.seed)
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    print(f"\n{figures['requests']} requests, {figures['ok']} OK, {figures['damaged_503']} answered "
          f"503 索引已损坏 while the index was damaged (repaired in {figures['repair_seconds']:.1f} s), "
          f"{figures['errors']} errors; server RSS {figures['rss_start_mb']:.0f} → max "
          f"{figures['rss_max_mb']:.0f} → {figures['rss_end_mb']:.0f} MB. {common.machine()}")
    (common.OUT / "results-load.json").write_text(json.dumps(figures, ensure_ascii=False, indent=1))
    sys.exit(1 if figures["errors"] else 0)


if __name__ == "__main__":
    main()
