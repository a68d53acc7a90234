"""Recall and phrase precision against literal substrings, on a built index of any size.

    python -m benchmarks.check_recall INDEX_DIR [--samples 200] [--seed 1]

Ground truth is a plain scan: every report's text (its sections as stored, in their matching
form, ``fold.normal``) and title, searched with ``str.find`` for each sampled string. The
strings are 2–6 character pieces cut at random positions of random reports (so many are not
words), plus a few fixed ones present in nearly every report. For each string the search
service's full result set (``SearchService.report_ids``: every matching report, each term
verified in full) must equal the scan's set — recall 1.0 — and the same
string quoted must return the same set — phrase precision 1.0. Prints both figures and the
time per query; exits 1 on any difference.
"""
import argparse
import random
import sys
import time

from nianbao.indexer.fold import normal
from nianbao.indexer.search import SearchRequest, open_service

FIXED = ["公开", "政府信息", "府信息公", "保密审查", "行政复议", "的"]


def corpus(service):
    """{report id: (matching-form text, matching-form title)} of every shown report."""
    with service._use() as gen:  # the benchmark reads the generation's files directly
        cat, out = gen.catalog, {}
        titles = gen.matcher.titles()
        shown = cat.reports_of(cat.live_docs())
        for ordinal in range(cat.n_reports):
            if shown[ordinal]:
                text, _ = gen.matcher.report_text(ordinal)
                out[cat.report_id(ordinal)] = (normal(text), titles[ordinal])
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("index")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    service = open_service(args.index, cache_bytes=0)
    started = time.perf_counter()
    texts = corpus(service)
    print(f"{len(texts):,} reports read in {time.perf_counter() - started:.0f} s", flush=True)
    rng = random.Random(args.seed)
    ids = sorted(texts)
    strings = list(FIXED)
    while len(strings) < args.samples:
        text = texts[rng.choice(ids)][0]
        if len(text) < 20:
            continue
        start = rng.randrange(len(text) - 8)
        piece = "".join(text[start:start + rng.randint(2, 6)].split()).replace('"', "")
        if len(piece) >= 2:
            strings.append(piece)
    wrong, times = [], []
    for s in strings:
        expected = {rid for rid, (text, title) in texts.items() if s in text or s in title}
        t = time.perf_counter()
        found = set(service.report_ids(SearchRequest(q=s)))
        times.append(time.perf_counter() - t)
        quoted = set(service.report_ids(SearchRequest(q=f'"{s}"')))
        if found != expected or quoted != expected:
            wrong.append((s, len(expected), len(found), len(quoted)))
    service.close()
    ok = len(strings) - len(wrong)
    times.sort()
    print(f"{len(strings)} strings, {len(texts):,} reports: recall and phrase precision 1.0 on "
          f"{ok}/{len(strings)}; search for every matching report p50 {times[len(times) // 2] * 1000:.0f} ms, "
          f"max {times[-1] * 1000:.0f} ms")
    for s, e, f, q in wrong[:20]:
        print(f"  {s!r}: expected {e}, found {f}, quoted {q}")
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
