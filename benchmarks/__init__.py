"""Benchmarks for nianbao: a realistic corpus generator and speed measurements.

Run by hand, never in CI (the test suite only runs a tiny smoke of each)::

    python -m benchmarks.generate --reports 10000 --out bench-out/10k
    python -m benchmarks.bench_index --sizes 1000,10000
    python -m benchmarks.bench_query --sizes 1000,10000
    python -m benchmarks.bench_http --reports 1000

Modules:

- ``generate``: the corpus generator (CLI) and the report assembly.
- ``sources``: sentence pools per section type, cut from the real reports.
- ``tables``: the statistics tables of both report formats.
- ``render``: txt (UTF-8, GB18030), HTML page with site chrome, docx.
- ``baseline_naive`` / ``baseline_fts5``: the alternatives measured side by side.
- ``bench_index`` / ``bench_query`` / ``bench_http``: the measurements.
"""
