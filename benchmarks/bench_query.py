"""Query benchmark: latency of nianbao's search service against the naive baseline and FTS5.

    python -m benchmarks.bench_query --sizes 1000,10000 [--reps 20]

The mix (``common.query_mix``): a rare word, a common word (公开), two words ANDed, a
quoted phrase, a non-word substring — each alone and with two facet filters (the
corpus's most frequent province, and 2021). Every call produces the top 10 reports with
snippets and the counts of all seven facets: nianbao through ``indexer.search``'s
service (``service.search(SearchRequest(...)).to_dict()``), the baselines through
their ``search``. Each engine opens its index once, runs the mix once unmeasured (warm
caches, jieba loaded), then ``--reps`` rounds of the mix; every call is timed alone
(``time.perf_counter``). Indexes missing are built first (``bench_index``).

Printed: p50/p95/p99 over all calls, each alternative's p95 over nianbao's, and per query
the median latency and the number of reports found (the baselines miss what their jieba
segmentation cannot match: the non-word substring, and phrases where positions are
character offsets).
"""
import argparse
import json
import sys
import time

from . import bench_index, common


def open_engine(engine, corpus, cache=True):
    """A callable ``search(q, filters) -> (total, results)`` and a close function."""
    path = bench_index.index_path(engine, corpus)
    if not path.exists():
        print(f"building the {engine} index of {corpus} first …", file=sys.stderr, flush=True)
        bench_index.measure(engine, corpus)
    if engine == "nianbao":
        from nianbao.indexer.search import SearchRequest, open_service

        service = open_service(str(path)) if cache else open_service(str(path), cache_bytes=0)

        def search(q, filters):
            data = service.search(SearchRequest(q=q, filters=filters, per_page=10)).to_dict()
            return data["total"], data["results"]

        return search, service.close
    if engine == "naive":
        from .baseline_naive import NaiveSearch

        naive = NaiveSearch(str(path))
    else:
        from .baseline_fts5 import Fts5Search

        naive = Fts5Search(str(path))

    def search(q, filters):
        data = naive.search(q, filters)
        return data["total"], data["results"]

    return search, naive.close


def time_mix(search, mix, reps):
    """Run the mix once (warm-up: reports found per label), then ``reps`` times timed (ms)."""
    found = {}
    for label, q, filters in mix:
        total, results = search(q, filters)
        if len(results) > 10:
            raise AssertionError(f"{len(results)} results for {q!r}: the mix asks for 10")
        found[label] = total
    times = {label: [] for label, _q, _f in mix}
    for _ in range(reps):
        for label, q, filters in mix:
            started = time.perf_counter()
            search(q, filters)
            times[label].append((time.perf_counter() - started) * 1000)
    return found, times


def measure(engine, corpus, reps, cache=True):
    """Latencies (ms) per query label, and reports found per label, for one engine."""
    search, close = open_engine(engine, corpus, cache)
    try:
        found, times = time_mix(search, common.query_mix(corpus), reps)
    finally:
        close()
    return {"engine": engine, "times": times, "found": found}


def summary(rows):
    """Overall percentiles per engine."""
    out = []
    for r in rows:
        every = [t for ts in r["times"].values() for t in ts]
        out.append({"engine": r["engine"], "calls": len(every), "p50": common.percentile(every, 50),
                    "p95": common.percentile(every, 95), "p99": common.percentile(every, 99)})
    return out


def report(size, rows, corpus, reps, machine):
    """Markdown tables of one size, with how it was measured."""
    overall = summary(rows)
    base = next((s for s in overall if s["engine"] == "nianbao"), None)
    lines = [f"### Queries, {size:,} reports"]
    lines.append(common.table(
        ("engine", "calls", "p50 (ms)", "p95 (ms)", "p99 (ms)", "p95 vs nianbao's"),
        [(s["engine"], s["calls"], f"{s['p50']:.1f}", f"{s['p95']:.1f}", f"{s['p99']:.1f}",
          common.ratio(s["p95"], base["p95"]) if base else "-") for s in overall]))
    labels = list(rows[0]["times"])
    lines.append("")
    lines.append(common.table(
        ["query"] + [f"{r['engine']} p50 ms (found)" for r in rows],
        [[label] + [f"{common.percentile(r['times'][label], 50):.1f} ({r['found'][label]})" for r in rows]
         for label in labels]))
    queries = "; ".join(f"{name}: `{q}`" for name, q in common.QUERIES)
    filters = common.filters_for(corpus)
    lines.append(f"\nQueries: {queries}; filters: {json.dumps(filters, ensure_ascii=False)}. "
                 f"{reps} rounds of the {len(labels)}-query mix after one warm-up round, one thread; "
                 f"top 10 with snippets and all 7 facet counts per call. Measured on {machine}.")
    return "\n".join(lines)


def main(argv=None):
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated corpus sizes (reports)")
    parser.add_argument("--engines", default=",".join(bench_index.ENGINES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, default=20, help="rounds of the query mix")
    parser.add_argument("--no-cache", action="store_true",
                        help="nianbao without its posting/term cache (every call reads postings)")
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        corpus = common.corpus_dir(size, args.seed)
        machine = common.machine()
        rows = [measure(engine, corpus, args.reps, cache=not args.no_cache)
                for engine in args.engines.split(",")]
        print(report(size, rows, corpus, args.reps, machine), flush=True)
        (common.OUT / f"results-query-{size}.json").write_text(
            json.dumps({"rows": rows, "summary": summary(rows), "machine": machine}, indent=1))


if __name__ == "__main__":
    main()
