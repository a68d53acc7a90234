"""Smoke runs of the benchmarks on a tiny generated corpus: figures are produced (never timed)."""
import json

import pytest

from benchmarks import bench_http, bench_index, bench_query, build_memory, common, generate
from nianbao.indexer.extract import ExtractError, extract_file

SMALL = 50


@pytest.fixture(scope="module")
def bench_out(tmp_path_factory):
    """``common.OUT`` redirected to a temporary folder for the whole module."""
    out = tmp_path_factory.mktemp("bench-out")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(common, "OUT", out)
        yield out


@pytest.fixture(scope="module")
def corpus(bench_out):
    """A generated corpus of SMALL reports."""
    return common.corpus_dir(SMALL, seed=3)


@pytest.fixture(scope="module")
def built(corpus):
    """Index figures of every engine on the small corpus (the indexes stay for the query smoke)."""
    return {engine: bench_index.measure(engine, corpus) for engine in bench_index.ENGINES}


def test_generator_is_deterministic(tmp_path):
    generate.generate(12, tmp_path / "a", seed=5)
    generate.generate(12, tmp_path / "b", seed=5, jobs=2)
    generate.generate(12, tmp_path / "c", seed=6)
    a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert a == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in a)
    assert (tmp_path / "a" / "manifest.jsonl").read_bytes() != (tmp_path / "c" / "manifest.jsonl").read_bytes()


def test_generated_reports_name_their_body_and_year(corpus):
    rows = common.manifest(corpus)
    assert len(rows) == SMALL
    assert {r["format"].split("-")[0] for r in rows} == {"txt", "html", "docx"}
    assert {r["year"] < 2019 for r in rows} == {True, False}  # both report formats
    for row in rows:
        reports = extract_file(str(corpus / row["path"]))
        assert not isinstance(reports, ExtractError), reports
        text = reports[0].text
        assert row["agency"] in text and f"{row['year']}年" in text
        y, m, d = (int(x) for x in row["published"].split("-"))
        assert f"{y}年{m}月{d}日" in text  # the signature date, never "varied"
        assert "\x01" not in text and "\x03" not in text and "\x04" not in text and "\x05" not in text


def test_index_benchmark_produces_figures(built, corpus):
    for engine, figures in built.items():
        assert figures["reports"] == SMALL, engine
        assert figures["seconds"] > 0 and figures["mb_per_s"] > 0 and figures["peak_mb"] > 0
        assert figures["cpu_seconds"] > 0
        assert figures["index_mb"] > 0
        if common.pss("self") is not None:  # Linux: smaps_rollup
            assert 0 < figures["peak_pss_mb"] <= figures["peak_mb"], engine
    text = bench_index.report(SMALL, list(built.values()), corpus, common.machine())
    assert all(engine in text for engine in bench_index.ENGINES)


def test_build_memory_names_the_main_process_and_the_workers(corpus, tmp_path, capsys):
    build_memory.main([str(corpus), "--out", str(tmp_path / "index"), "--interval", "0.05"])
    lines = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("main ") for line in lines) == 1
    assert any(line.startswith("worker ") for line in lines)
    assert [line.split(":")[0] for line in lines[-2:]] == ["peak sum of RSS", "peak sum of PSS"]
    assert (tmp_path / "index" / "CURRENT").exists()


def test_query_benchmark_produces_figures(built, corpus):
    rows = [bench_query.measure(engine, corpus, reps=1) for engine in bench_index.ENGINES]
    labels = [label for label, _q, _f in common.query_mix(corpus)]
    for row in rows:
        assert list(row["times"]) == labels
        assert all(len(ts) == 1 and ts[0] > 0 for ts in row["times"].values())
    nianbao = rows[0]["found"]
    assert nianbao["common word"] == SMALL  # every report says 公开
    assert nianbao["substring"] == SMALL  # 府信息公 is in every report's 政府信息公开
    text = bench_query.report(SMALL, rows, corpus, 1, common.machine())
    assert "p95" in text and "fts5" in text


def test_http_benchmark_produces_figures(built, corpus):
    from nianbao.cli import cli

    if "serve" not in cli.commands:
        pytest.skip("nianbao serve is not there yet")
    result = bench_http.run(corpus, clients=2, seconds=3, max_requests=12)
    assert 0 < result["all"]["requests"] <= 12
    assert result["all"]["errors"] == 0
    assert {"/search", "/api/search"} <= set(result)
    json.dumps(result)  # figures are plain data


def test_scale_probe_and_report(built, corpus):
    from benchmarks import bench_scale

    rows = []
    for engine in ("nianbao", "fts5-rjieba"):
        probe = bench_scale.probe(engine, corpus, reps=1)
        assert probe["open_s"] > 0 and probe["rss_after_mb"] > 0 and probe["p95"] >= probe["p50"] > 0
        rows.append({"reports": SMALL, "engine": engine, "build": built[engine], "probe": probe})
    assert rows[0]["probe"]["found"]["substring"] == SMALL
    rows.append({"reports": SMALL * 2, "engine": "nianbao", "build": built["nianbao"],
                 "probe": rows[0]["probe"]})
    text = bench_scale.report(rows, common.machine(), 1)
    assert "fts5-rjieba" in text and "1,000,000 reports" in text


def test_load_test_survives_rebuilds_and_a_damaged_file(built, corpus):
    from benchmarks import load_test

    figures = load_test.run(SMALL, clients=2, seconds=6, seed=3)
    assert figures["errors"] == 0, figures["error_kinds"]
    assert figures["ok"] > 0 and figures["damaged_503"] > 0  # the damage was seen, then repaired
    assert "已全部重建" in figures["repair"][1]
    assert figures["ok_after_repair"] > 0  # served again after the repair


KNOWN_ITEM_PAGES = common.REPO.parent / "shared" / "reports" / "pages"


@pytest.mark.skipif(not (KNOWN_ITEM_PAGES / "gold.tsv").is_file(),
                    reason="../shared/reports/pages is absent")
def test_known_item_queries_find_the_labelled_report_first(capsys):
    from benchmarks import known_items

    known_items.main([str(KNOWN_ITEM_PAGES)])
    out = capsys.readouterr().out
    first = out.split("first: ")[1].split()[0]
    found, asked = map(int, first.split("/"))
    assert asked >= 100 and found >= 0.95 * asked, out


def test_recall_check_passes_on_the_corpus_index(corpus_index, capsys):
    from benchmarks import check_recall

    with pytest.raises(SystemExit) as done:
        check_recall.main([str(corpus_index), "--samples", "40"])
    out = capsys.readouterr().out
    assert done.value.code == 0, out
    assert "recall and phrase precision 1.0 on 40/40" in out
