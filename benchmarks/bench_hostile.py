"""Hostile and heavy requests against ``nianbao serve``: status, response size and time of each.

    python -m benchmarks.bench_hostile --reports 1000 [--rounds 3]

Starts ``nianbao serve`` on 127.0.0.1 (a free port) on the nianbao index of the generated
corpus (built first if missing), then sends each request below ``--rounds`` times, one at
a time, on a fresh connection, and prints the status, the response's size and the median
time to the first byte and to the last byte. Everything stays on loopback, every request
has a client timeout, and the server is stopped however the run ends.

The requests (issue 10): a search repeating one filter 1,000 times (22 KB of query
string); a search carrying an unknown 50 KB and 5 KB parameter; the full CSV and JSON
exports of the corpus (1,000 rows), without and with a query; requests whose headers
exceed the server's limits; a request line over the URL limit.
"""
import argparse
import json
import socket
import statistics
import subprocess
import time
from urllib.parse import quote, urlencode

from . import bench_http, bench_index, common

TIMEOUT = 120


def get(target, extra=b""):
    """A raw GET request for ``target`` with ``extra`` header lines."""
    return b"GET " + target.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + b"Connection: close\r\n\r\n"


def largest_allowed(port):
    """The heaviest search page the limits allow: a 500-character query matching every report,
    20 districts and long agency names up to the 30-value and 600-character caps, the
    district facet shown in full."""
    status, body, _, _ = send(port, get("/api/search?per_page=1"), keep=True)
    facets = json.loads(body)["facets"]
    districts = [v["value"] for v in facets["district"]][:20]
    pairs = [("q", "公开 OR " + "保" * 492)] + [("district", d) for d in districts]
    chars = sum(map(len, districts))
    for agency in sorted((v["value"] for v in facets["agency"]), key=len, reverse=True)[:10]:
        if chars + len(agency) <= 600:
            pairs.append(("agency", agency))
            chars += len(agency)
    return get("/search?" + urlencode(pairs + [("more", "district"), ("sort", "year")]))


def requests(port):
    """(label, raw request bytes) of every request measured."""
    districts = urlencode([("district", f"区{i}") for i in range(1000)])
    return [
        ("search, the largest page the limits allow", largest_allowed(port)),
        ("search, district x1000 (22 KB)", get(f"/search?{districts}")),
        ("search, unknown utm=50 KB", get(f"/search?q={quote('公开')}&utm={'x' * 50_000}")),
        ("search, unknown utm=5 KB", get(f"/search?q={quote('公开')}&utm={'x' * 5_000}")),
        ("search.csv, 1,000 rows", get("/search.csv")),
        ("search.json, 1,000 rows", get("/search.json")),
        ("search.csv?q=公开, 1,000 rows", get(f"/search.csv?q={quote('公开')}")),
        ("search.json?q=公开, 1,000 rows", get(f"/search.json?q={quote('公开')}")),
        ("search, 300 KB header", get("/search", b"X-Big: " + b"y" * 300_000 + b"\r\n")),
        ("search, 4 MB of headers", get("/search", b"".join(b"X-Big%d: " % i + b"y" * 8000 + b"\r\n"
                                                            for i in range(500)))),
        ("search, 100 KB request line", get(f"/search?q=a&utm={'x' * 100_000}")),
        ("plain search 公开 (reference)", get(f"/search?q={quote('公开')}")),
    ]


def send(port, raw, keep=False):
    """Send one raw request; return (status or error name, bytes received, ttfb s, total s),
    or with ``keep`` the body instead of its size."""
    started = time.perf_counter()
    first = None
    received = bytearray()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as sock:
            sock.sendall(raw)
            while True:
                chunk = sock.recv(1 << 16)
                if not chunk:
                    break
                if first is None:
                    first = time.perf_counter()
                received += chunk
    except OSError as exc:
        if not received:
            return type(exc).__name__, 0, None, time.perf_counter() - started
    total = time.perf_counter() - started
    head, _, body = bytes(received).partition(b"\r\n\r\n")
    status = head.split(b" ", 2)[1].decode() if head.startswith(b"HTTP/") else "no response"
    if b"chunked" in head.lower():
        body = _dechunk(body)
    return status, (body if keep else len(body)), (first - started) if first else None, total


def _dechunk(data):
    """The body of a chunked response."""
    out, pos = bytearray(), 0
    while True:
        end = data.find(b"\r\n", pos)
        if end < 0:
            return bytes(out)
        size = int(data[pos:end].split(b";")[0] or b"0", 16)
        if size == 0:
            return bytes(out)
        out += data[end + 2:end + 2 + size]
        pos = end + 2 + size + 2


def run(corpus, rounds):
    """Serve the corpus's index and send each request ``rounds`` times; return rows."""
    index = bench_index.index_path("nianbao", corpus)
    if not index.exists():
        bench_index.measure("nianbao", corpus)
    port = bench_http.free_port()
    cmd = bench_index.nianbao_command("serve", "--index", index, "--host", "127.0.0.1", "--port", port)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    rows = []
    try:
        bench_http.wait_ready(port, proc)
        send(port, get("/search"))  # warm up: the first search opens the index
        for label, raw in requests(port):
            results = [send(port, raw) for _ in range(rounds)]
            statuses = sorted({str(r[0]) for r in results})
            ttfb = [r[2] for r in results if r[2] is not None]
            rows.append((label, "/".join(statuses), f"{max(r[1] for r in results):,}",
                         f"{statistics.median(ttfb) * 1000:.0f}" if ttfb else "-",
                         f"{statistics.median(r[3] for r in results) * 1000:.0f}"))
    finally:
        bench_http.stop(proc)
    return rows


def main(argv=None):
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=1000, help="corpus size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    corpus = common.corpus_dir(args.reports, args.seed)
    rows = run(corpus, args.rounds)
    print(common.table(("request", "status", "body bytes", "first byte (ms)", "total (ms)"), rows))
    print(f"\nmedian of {args.rounds} rounds, one request at a time, `nianbao serve` (waitress, "
          f"4 threads) on 127.0.0.1, {args.reports:,}-report generated corpus; {common.machine()}")


if __name__ == "__main__":
    main()
