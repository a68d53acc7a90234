"""The search contract on the corpus: facets, filters, sorting, pages, errors, reports.

Tests taking ``engine`` run against every engine of ``tests/engines.py`` (nianbao's service
and a brute-force reference); the others are about nianbao's service itself.
"""
import json
import shutil
import threading
from collections import Counter
from pathlib import Path

import pytest

from nianbao.indexer.index.build import build_index
from nianbao.cli import cli
from nianbao.indexer.search import FACETS, QueryError, SearchRequest, open_service
from nianbao.indexer.sections import TAXONOMY

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def everything(service, q="", filters=None, sort="relevance"):
    """Every result of a search (all pages), and the first page's response."""
    results, page, first = [], 1, None
    while True:
        resp = service.search(SearchRequest(q=q, filters=filters or {}, sort=sort, page=page,
                                            per_page=7))
        first = first or resp
        results += resp.results
        if page * 7 >= resp.total:
            assert len(results) == resp.total
            return results, first
        page += 1


def by_hand(results, facet, service=None):
    """Facet counts made by hand from a full result list (kind from the report pages)."""
    if facet == "section":
        return Counter(s["key"] for r in results for s in r["sections"])
    if facet == "kind":
        return Counter(service.report(r["id"])["kind"] for r in results)
    if facet == "tables":
        from nianbao.indexer.stats.measures import flags

        reports = [service.report(r["id"]) for r in results]
        return Counter(f for rep in reports for f in flags(
            (rep["stats"] or {}).get("values") or {}, rep["stats_issues"], (rep["stats"] or {}).get("format")))
    return Counter(str(r[facet]) for r in results if r[facet] is not None)


def counts(resp, facet):
    """{value: count} of one facet of a response."""
    return {v["value"]: v["count"] for v in resp.facets[facet]}


def test_empty_query_browses_every_report(engine):
    results, resp = everything(engine)
    # corpus/: 11 single-report files, plus the content rows of two crawl CSVs (13 and 9)
    assert resp.total == engine.report_count == len({r["id"] for r in results}) == 33
    assert all(r["sections"] == [] and len(r["snippets"]) == 1 for r in results)
    assert all(r["snippets"][0]["matches"] == [] for r in results)
    for facet in ("province", "city", "district", "agency", "year", "kind"):
        assert counts(resp, facet) == by_hand(results, facet, engine), facet


def test_facet_counts_equal_counts_made_by_hand(engine):
    results, resp = everything(engine, "保密审查")
    assert 5 < resp.total < engine.report_count
    for facet in FACETS:
        assert counts(resp, facet) == by_hand(results, facet, engine), facet
    values = resp.facets["agency"]
    assert [v["count"] for v in values] == sorted((v["count"] for v in values), reverse=True)
    assert {v["label"] for v in resp.facets["section"]} <= set(TAXONOMY.values())


def test_filters_or_within_a_facet_and_across_facets(engine):
    results, _ = everything(engine, "公开")
    districts = Counter(r["district"] for r in results if r["district"])
    two = [d for d, _ in districts.most_common(2)]
    assert len(two) == 2
    got, resp = everything(engine, "公开", {"district": two})
    assert {r["id"] for r in got} == {r["id"] for r in results if r["district"] in two}
    year = str(got[0]["year"])
    both, _ = everything(engine, "公开", {"district": two, "year": [year]})
    assert {r["id"] for r in both} == {r["id"] for r in got if str(r["year"]) == year}
    assert everything(engine, "公开", {"district": ["不存在区"]})[1].total == 0


def test_facets_are_disjunctive(engine):
    _, unfiltered = everything(engine, "公开")
    district = unfiltered.facets["district"][0]["value"]
    results, resp = everything(engine, "公开", {"district": [district]})
    # The district facet ignores its own selection; the others count the filtered results.
    assert resp.facets["district"] == [dict(v, selected=v["value"] == district)
                                       for v in unfiltered.facets["district"]]
    assert counts(resp, "year") == by_hand(results, "year")
    assert any(v["selected"] for v in resp.facets["district"])


def test_selected_values_are_listed_even_without_matches(engine):
    resp = engine.search(SearchRequest(q="保密审查", filters={"year": ["1999"]}))
    assert resp.total == 0
    assert {"value": "1999", "label": "1999", "count": 0, "selected": True} in resp.facets["year"]


def test_section_filter_restricts_the_matching_sections(engine):
    results, resp = everything(engine, "保密审查")
    key = resp.facets["section"][-1]["value"]
    filtered, fresp = everything(engine, "保密审查", {"section": [key]})
    assert {r["id"] for r in filtered} == {r["id"] for r in results
                                           if key in [s["key"] for s in r["sections"]]}
    assert fresp.total == counts(resp, "section")[key]
    assert all([s["key"] for s in r["sections"]] == [key] for r in filtered)
    assert counts(fresp, "section") == counts(resp, "section")  # disjunctive
    assert counts(fresp, "agency") == by_hand(filtered, "agency")


def test_section_filter_applies_to_an_empty_query(engine):
    results, resp = everything(engine)
    outlines = {r["id"]: {s["key"] for s in engine.report(r["id"])["sections"]}
                for r in results}
    key = resp.facets["section"][-1]["value"]  # the rarest section: a real restriction
    filtered, fresp = everything(engine, "", {"section": [key]})
    assert {r["id"] for r in filtered} == {rid for rid, keys in outlines.items() if key in keys}
    assert 0 < fresp.total == counts(resp, "section")[key] < resp.total
    assert everything(engine, "", {"section": ["no_such_section"]})[1].total == 0


def test_sort_by_year_then_relevance(engine):
    results, _ = everything(engine, "政府信息公开", sort="year")
    keys = [(-(r["year"] or 0), -r["score"]) for r in results]
    assert keys == sorted(keys)
    relevance, _ = everything(engine, "政府信息公开")
    assert [r["score"] for r in relevance] == sorted((r["score"] for r in relevance), reverse=True)
    assert {r["id"] for r in relevance} == {r["id"] for r in results}


@pytest.mark.parametrize("word", ["人民政府", "应急管理", "年报"])
def test_title_words_weigh_more(corpus_service, word):
    results, _ = everything(corpus_service, word)
    in_title = [r["score"] for r in results if word in (r["title"] or "")]
    others = [r["score"] for r in results if word not in (r["title"] or "")]
    assert in_title and others and max(others) < min(in_title)


def test_title_prefix_limits_to_titles(engine):
    anywhere, _ = everything(engine, "人民政府")
    results, _ = everything(engine, "title:人民政府")
    assert {r["id"] for r in results} == {r["id"] for r in anywhere if "人民政府" in r["title"]}
    assert len(results) < len(anywhere)


def test_pages_partition_the_results(engine):
    pages = [engine.search(SearchRequest(q="公开", page=p, per_page=5)) for p in (1, 2, 3)]
    ids = [r["id"] for p in pages for r in p.results]
    assert len(ids) == len(set(ids)) == 15 and pages[0].total > 15
    beyond = engine.search(SearchRequest(q="公开", page=999, per_page=5))
    assert beyond.results == [] and beyond.total == pages[0].total


@pytest.mark.parametrize("q", [
    '"依申请公开', "OR", "保密 OR", "OR OR", "保密 OR -审查", "x" * 501, "保密\x00审查", "*",
    "title:", "-", "保密*审查?", "(a OR b)", "a:b:c", "~^", "\ufeff保密", "“保密", "”", "-\"\"",
])
def test_bad_queries_raise_only_query_error(engine, q):
    try:
        resp = engine.search(SearchRequest(q=q))
    except QueryError as exc:
        assert str(exc) and not str(exc).isascii()  # a Chinese message
    else:
        assert resp.total >= 0


@pytest.mark.parametrize("request_", [
    SearchRequest(sort="newest"), SearchRequest(page=0), SearchRequest(per_page=1000),
    SearchRequest(filters={"colour": ["red"]}),
])
def test_bad_requests_raise_query_error(engine, request_):
    with pytest.raises(QueryError):
        engine.search(request_)


def test_report_has_text_outline_matches_and_other_years(engine):
    results, _ = everything(engine, "保密审查")
    hit = next(r for r in results if r["agency"])
    report = engine.report(hit["id"], q="保密审查")
    assert report["title"] == hit["title"]
    text = report["text"]
    assert report["matches"] and all(text[s:e] == "保密审查" for s, e in report["matches"])
    assert len(report["matches"]) == text.count("保密审查")
    outline = report["sections"]
    assert outline[0]["start"] == 0 and outline[-1]["end"] == len(text)
    assert all(a["end"] == b["start"] for a, b in zip(outline, outline[1:]))
    # Other years of the same office: the same agency type at the same place and level
    # (followed across renames), or the same name where the type is unknown.
    def office(r):
        if r["agency_type"]:
            return tuple(r[k] for k in ("agency_type", "province", "city", "district", "town", "level"))
        return r["agency"]
    every, _ = everything(engine, "")
    expected = {r["id"] for r in every if office(r) == office(hit) and r["year"] != hit["year"]}
    assert {o["id"] for o in report["other_years"]} == expected
    assert engine.report("0000000000000000") is None


def test_threads_share_one_service(corpus_service):
    expected = corpus_service.search(SearchRequest(q="保密审查")).to_dict()
    errors, seen = [], []

    def worker():
        try:
            for _ in range(5):
                got = corpus_service.search(SearchRequest(q="保密审查")).to_dict()
                seen.append([r["id"] for r in got["results"]] == [r["id"] for r in expected["results"]])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(seen) == 20 and all(seen)


def test_service_follows_a_rebuild(tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    files = sorted(CORPUS.glob("*.txt"))[:3]
    for path in files[:2]:
        shutil.copy(path, corpus / path.name)
    build_index([str(corpus)], str(index_dir), jobs=1)
    service = open_service(str(index_dir))
    try:
        before = service.search(SearchRequest()).total
        shutil.copy(files[2], corpus / files[2].name)
        build_index([str(corpus)], str(index_dir), jobs=1)
        assert service.search(SearchRequest()).total > before
    finally:
        service.close()


def test_cli_json_has_the_contract_shape(corpus_index, runner):
    result = runner.invoke(cli, ["search", "保密审查", "--index", str(corpus_index),
                                      "--per-page", "3", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"total", "exact", "unverified_terms", "page", "per_page", "took_ms",
                         "results", "facets", "expanded", "facet_totals", "facet_parents"}
    assert set(data["results"][0]) == {"id", "path", "title", "agency", "agency_type", "province", "city",
                                       "district", "town", "level", "year", "score", "sections",
                                       "title_matches", "snippets"}
    assert set(data["facets"]) == set(FACETS)
    assert set(data["facets"]["year"][0]) == {"value", "label", "count", "selected"}
    snippet = data["results"][0]["snippets"][0]
    assert len(data["results"]) == 3 and set(snippet) == {"text", "matches"}
    assert [snippet["text"][a:b] for a, b in snippet["matches"]] == ["保密审查"]


def test_cli_listing_filters_and_errors(corpus_index, tmp_path, runner):
    result = runner.invoke(cli, ["search", "保密审查", "--index", str(corpus_index),
                                      "--district", "环翠区", "--district", "张店区"])
    assert result.exit_code == 0, result.output
    assert "【保密审查】" in result.output and "<mark>" not in result.output
    missing = runner.invoke(cli, ["search", "x", "--index", str(tmp_path / "none")])
    assert missing.exit_code == 1 and len(missing.output.strip().splitlines()) == 1
    bad = runner.invoke(cli, ["search", '"x', "--index", str(corpus_index)])
    assert bad.exit_code == 1 and "引号" in bad.output


def test_facet_size_keeps_the_most_frequent_values_and_the_selected(engine):
    full = engine.search(SearchRequest(q="公开"))
    agencies = full.facets["agency"]
    assert len(agencies) > 3
    rare = agencies[-1]["value"]
    cut = engine.search(SearchRequest(q="公开", facet_size=2, filters={"agency": [rare]}))
    values = cut.facets["agency"]
    # The top two by count then value, then the selected one, counts unchanged.
    assert values[:2] == [dict(v, selected=v["value"] == rare) for v in agencies[:2]]
    assert values[2:] == [dict(agencies[-1], selected=True)]
    assert all(len(v) <= 3 for v in cut.facets.values())


def test_known_item_queries_rank_the_report_first(corpus_service, corpus_reports):
    """'<publisher as in its title> <year as in its title>' puts that report first."""
    import re

    items = {}
    for rid, r in corpus_reports.items():
        m = re.match(r"(\S+?)(20\d\d年度?)", r.title or "")
        if m and len(m.group(1)) >= 4:
            items.setdefault((m.group(1), m.group(2)), []).append(rid)
    queries = {f"{who} {year}": ids[0] for (who, year), ids in items.items() if len(ids) == 1}
    assert len(queries) >= 15
    first = {q: corpus_service.search(SearchRequest(q=q)).results[0]["id"] for q in queries}
    assert [q for q in queries if first[q] != queries[q]] == []


def test_a_term_in_the_title_alone_finds_the_report(corpus_service, corpus_reports):
    rid, report = next((rid, r) for rid, r in sorted(corpus_reports.items())
                       if r.title and r.title[:6] not in r.text)
    resp = corpus_service.search(SearchRequest(q=report.title[:6], per_page=100))
    hit = next(r for r in resp.results if r["id"] == rid)
    assert hit["sections"] == [] and hit["title_matches"] == [[0, 6]]


def test_year_range_narrows_results_but_not_the_year_facet(engine):
    every, _ = everything(engine, "公开")
    inside = {r["id"] for r in every if r["year"] and 2018 <= r["year"] <= 2021}
    assert inside and len(inside) < len(every)
    results, page = [], 1
    while True:
        resp = engine.search(SearchRequest(q="公开", year_from=2018, year_to=2021, page=page, per_page=50))
        results += resp.results
        if page * 50 >= resp.total:
            break
        page += 1
    assert {r["id"] for r in results} == inside
    assert counts(resp, "year") == by_hand(every, "year")  # the year facet ignores its own range
    with pytest.raises(QueryError):
        engine.search(SearchRequest(year_from=2022, year_to=2019))


def test_facet_totals_and_per_facet_sizes(engine):
    every, full = everything(engine, "公开")
    agencies = by_hand(every, "agency")
    assert full.facet_totals["agency"] == len(agencies) > 3
    cut = engine.search(SearchRequest(q="公开", facet_size=2))
    assert len(cut.facets["agency"]) == 2 and cut.facet_totals["agency"] == len(agencies)
    more = engine.search(SearchRequest(q="公开", facet_size=2, facet_sizes={"agency": 1000}))
    assert counts(more, "agency") == agencies and len(more.facets["province"]) <= 2


def test_region_parents_come_from_the_reports(engine):
    every, resp = everything(engine, "")
    for child, parent in (("city", "province"), ("district", "city")):
        for value, up in resp.facet_parents[child].items():
            assert any(r[child] == value and r[parent] == up for r in every), (child, value)


def test_suggestions_name_agencies_and_places(corpus_service):
    found = corpus_service.suggest("环翠")
    assert found[0] == {"facet": "district", "value": "环翠区", "count": 3}
    assert {"facet": "agency", "value": "威海市环翠区安监局", "count": 1} in found
    assert corpus_service.suggest("不存在的名字") == [] and corpus_service.suggest("  ") == []


def test_changes_since_the_offices_previous_report(corpus_service):
    [this] = corpus_service.search(SearchRequest(q="title:河北省科学技术厅2023年")).results
    changes = corpus_service.changes(this["id"])
    assert changes["previous"]["year"] == 2022 and "科学技术厅" in changes["previous"]["title"]
    ops = {op["op"] for op in changes["ops"]}
    assert ops == {"same", "added", "removed"}
    same = [op["text"] for op in changes["ops"] if op["op"] == "same"]
    assert any(s.startswith("根据《中华人民共和国政府信息公开条例》") for s in same)
    figure = corpus_service.figures([this["id"]], ["沿用上年比例"])[this["id"]]["沿用上年比例"]
    assert 0 < changes["share"] < 1 and abs(figure - changes["share"]) < 1e-3
    oldest = corpus_service.report(this["id"])["other_years"][-1]  # the office's first report here
    assert corpus_service.changes(oldest["id"])["previous"] is None
