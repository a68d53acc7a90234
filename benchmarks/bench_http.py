"""HTTP benchmark: ``nianbao serve`` under concurrent load on loopback.

    python -m benchmarks.bench_http --reports 1000 [--clients 8] [--seconds 30]

Starts ``nianbao serve --index IDX --host 127.0.0.1 --port <free port>`` on the nianbao
index of the generated corpus (built first if missing), waits until it answers, then
runs ``--clients`` client threads for ``--seconds``, each with its own keep-alive
connection, cycling through the query mix (``common.query_mix``) alternately as the page
(``GET /search?q=…``) and the JSON API (``GET /api/search?q=…``), with the mix's facet
filters as query parameters. The load is bounded in time and in count
(``--max-requests``), stays on 127.0.0.1, and the server is stopped (SIGINT, then
SIGKILL after 10 s) however the run ends. An error is any status other than 200 or any
exception, a client timeout (120 s) included; the count must be 0.

The baselines have no HTTP server, so this benchmark has no side-by-side column.
"""
import argparse
import http.client
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

from . import bench_index, common

CLIENT_TIMEOUT = 120  # seconds; a request slower than this counts as an error


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def urls(corpus):
    """The request targets: every query of the mix, as page and as API call."""
    targets = []
    for _label, q, filters in common.query_mix(corpus):
        query = urlencode([("q", q)] + [(k, v) for k, vs in filters.items() for v in vs])
        targets += [f"/search?{query}", f"/api/search?{query}"]
    return targets


def wait_ready(port, proc, timeout=180):
    """Wait until the server answers GET /; raise if it exits or never answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nianbao serve exited ({proc.returncode})")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("nianbao serve did not answer within the timeout")


def fetch(conn, port, target, timeout=CLIENT_TIMEOUT):
    """GET ``target`` on a keep-alive connection: (connection to use next, status or the
    exception's class name, body). A failed connection is replaced by a new one."""
    try:
        conn.request("GET", target)
        response = conn.getresponse()
        return conn, response.status, response.read()
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout), type(exc).__name__, b""


def load(port, targets, clients, seconds, max_requests):
    """Run the client threads; return [(endpoint, latency ms, outcome)] and the elapsed time.

    ``outcome`` is the HTTP status, or the exception's class name (a timeout is an error too).
    """
    records, lock = [], threading.Lock()
    counter = itertools.count()
    deadline = time.monotonic() + seconds

    def client(offset):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)
        mine = []
        i = offset
        while time.monotonic() < deadline and next(counter) < max_requests:
            target = targets[i % len(targets)]
            i += 1
            started = time.perf_counter()
            conn, outcome, _body = fetch(conn, port, target)
            mine.append((target.split("?")[0], (time.perf_counter() - started) * 1000, outcome))
        conn.close()
        with lock:
            records.extend(mine)

    threads = [threading.Thread(target=client, args=(n * 3,)) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return records, time.perf_counter() - started


def run(corpus, clients=8, seconds=30.0, max_requests=100_000, server_threads=None):
    """Serve the corpus's nianbao index and load it; return the figures."""
    index = bench_index.index_path("nianbao", corpus)
    if not index.exists():
        bench_index.measure("nianbao", corpus)
    port = free_port()
    cmd = bench_index.nianbao_command("serve", "--index", index, "--host", "127.0.0.1", "--port", port,
                                      *(["--threads", server_threads] if server_threads else []))
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        wait_ready(port, proc)
        records, elapsed = load(port, urls(corpus), clients, seconds, max_requests)
    finally:
        stop(proc)
    return summarize(records, elapsed)


def stop(proc):
    """Stop the server we started (its own process group), politely first."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def summarize(records, elapsed):
    """Figures overall and per endpoint."""
    def figures(rows):
        times = [t for _e, t, _outcome in rows]
        kinds = {}
        for _e, _t, outcome in rows:
            if outcome != 200:
                kinds[str(outcome)] = kinds.get(str(outcome), 0) + 1
        return {"requests": len(rows), "errors": sum(kinds.values()), "error_kinds": kinds,
                "rps": len(rows) / elapsed if elapsed else 0.0,
                "p50": common.percentile(times, 50), "p95": common.percentile(times, 95),
                "p99": common.percentile(times, 99)}

    out = {"all": figures(records), "seconds": elapsed}
    for endpoint in sorted({r[0] for r in records}):
        out[endpoint] = figures([r for r in records if r[0] == endpoint])
    return out


def report(size, result, clients, machine):
    """Markdown table with how it was measured."""
    rows = [(name, f["requests"], f"{f['rps']:.1f}", f"{f['p50']:.0f}", f"{f['p95']:.0f}",
             f"{f['p99']:.0f}", f["errors"] if not f["errors"] else f"{f['errors']} {f['error_kinds']}")
            for name, f in result.items() if name != "seconds"]
    return "\n".join([
        f"### HTTP, {size:,} reports: `nianbao serve`, {clients} clients, {result['seconds']:.0f} s",
        common.table(("endpoint", "requests", "requests/s", "p50 (ms)", "p95 (ms)", "p99 (ms)", "errors"), rows),
        f"Keep-alive clients on 127.0.0.1 cycling the 10-query mix as page and API; server and "
        f"clients on the same machine: {machine}."])


def main(argv=None):
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000, help="corpus size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--server-threads", type=int, help="nianbao serve --threads (default: its own)")
    args = parser.parse_args(argv)
    corpus = common.corpus_dir(args.reports, args.seed)
    machine = common.machine()
    result = run(corpus, args.clients, args.seconds, args.max_requests, args.server_threads)
    print(report(args.reports, result, args.clients, machine), flush=True)
    (common.OUT / f"results-http-{args.reports}.json").write_text(
        json.dumps({"result": result, "machine": machine}, indent=1))
    if result["all"]["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
