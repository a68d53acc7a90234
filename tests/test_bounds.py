"""Searches whose terms are too common to verify everywhere: bounds, never wrong answers.

A service opened with ``verify_limit=0`` verifies no term of three or more characters in
full (as a 100,000-report index does for 府信息公 or 的): its totals and facet counts must
never be below the truth (the brute-force reference engine), and every report it lists —
over all pages — must be one the reference finds, with the same matching sections, each
listed once.
"""
import random

import pytest

from engines import ReferenceEngine
from nianbao.indexer.search import SearchRequest, open_service
from nianbao.web import create_app

from conftest import CORPUS
from test_contract import comparable, every, queries


@pytest.fixture(scope="module")
def reference():
    return ReferenceEngine([str(CORPUS.resolve())])


@pytest.fixture(scope="module")
def bounded(corpus_index):
    service = open_service(str(corpus_index), verify_limit=0)
    yield service
    service.close()


def pages(engine, request, per_page):
    """Every result of a request, page by page until a page comes back short."""
    first, results, page = None, [], 1
    while True:
        resp = engine.search(SearchRequest(q=request.q, filters=request.filters, page=page,
                                           per_page=per_page, sort=request.sort,
                                           where=request.where))
        first = first or resp
        results += resp.results
        if len(resp.results) < per_page:
            return first, results
        page += 1


def test_bounded_counts_are_upper_bounds_and_listed_reports_are_exact(bounded, reference):
    rng = random.Random(11)
    districts = sorted({r.district for r in reference.reports if r.district})
    bounded_queries = differing = 0
    for q in queries(reference.reports, 60, seed=5):
        filters = {}
        if rng.random() < 0.3:
            filters["district"] = rng.sample(districts, 2)
        if rng.random() < 0.2:
            filters["section"] = [rng.choice(["overview", "proactive", "requests", "statistics"])]
        sort = rng.choice(["relevance", "year", "新收申请"])
        request = SearchRequest(q=q, filters=filters, sort=sort)
        ours, ours_all = pages(bounded, request, per_page=3)
        theirs, theirs_all = every(reference, request)
        assert ours.total >= theirs.total, q
        for facet, values in theirs.facets.items():
            counts = {v["value"]: v["count"] for v in ours.facets[facet]}
            for v in values:
                assert counts.get(v["value"], 0) >= v["count"], (q, facet, v)
        ids = [r["id"] for r in ours_all]
        assert len(ids) == len(set(ids)), q  # no report on two pages
        assert sorted(map(comparable, ours_all), key=lambda r: r["id"]) == sorted(
            map(comparable, theirs_all), key=lambda r: r["id"]), q
        if ours.exact:
            assert ours.total == theirs.total and ours.facets == theirs.facets, q
        else:
            bounded_queries += 1
            differing += ours.total > theirs.total
    assert bounded_queries > 20  # the limit of 0 really bounds most queries here
    assert differing > 0  # and some bounds really exceed the truth (the test can tell)


def test_bounds_are_flagged_and_name_the_unverified_term(bounded, corpus_service):
    # 依申请公开政府: every bigram is in most reports, the string in fewer (the reference's
    # count); the bounded answer names the term and lists only reports that hold it.
    exact = corpus_service.search(SearchRequest(q="依申请公开政府", per_page=100))
    loose = bounded.search(SearchRequest(q="依申请公开政府", per_page=3))
    assert exact.exact and exact.unverified_terms == []
    assert not loose.exact and loose.unverified_terms == ["依申请公开政府"]
    assert loose.total >= exact.total
    assert {r["id"] for r in loose.results} <= {r["id"] for r in exact.results}
    data = loose.to_dict()
    assert data["exact"] is False and data["unverified_terms"] == ["依申请公开政府"]


def test_a_rare_string_of_common_bigrams_is_answered_exactly(corpus_index, reference):
    # 公开信息公开: every bigram is in most reports, the string in none: the candidates
    # read are all false, so the search verifies in full rather than answer "at most" a
    # number far from the truth.
    truth = reference.search(SearchRequest(q="公开信息公开", per_page=100))
    service = open_service(str(corpus_index), verify_limit=0)
    try:
        for per_page in (1, 10):
            resp = service.search(SearchRequest(q="公开信息公开", per_page=per_page))
            assert resp.exact and resp.total == truth.total
            assert resp.facets == truth.facets
    finally:
        service.close()


def test_two_character_and_negated_terms_stay_exact(bounded, corpus_service):
    for q in ("公开", "复议 -依申请公开政府", "政务 OR 网站"):
        ours = bounded.search(SearchRequest(q=q, per_page=100))
        theirs = corpus_service.search(SearchRequest(q=q, per_page=100))
        assert ours.exact, q
        assert ours.total == theirs.total and ours.facets == theirs.facets, q


def test_the_search_page_says_the_counts_are_bounds(corpus_index):
    app = create_app({"INDEX_DIR": str(corpus_index), "TESTING": True})
    # a fresh service: one that has verified a term in full (a negated term) answers exactly
    app.extensions["nianbao_service"] = service = open_service(str(corpus_index), verify_limit=0)
    page = app.test_client().get("/search?q=依申请公开政府").get_data(as_text=True)
    assert "找到至多" in page
    assert "“依申请公开政府”几乎出现在每一份报告中" in page
    exact = app.test_client().get("/search?q=公开").get_data(as_text=True)
    assert "至多" not in exact
    service.close()


def test_pages_past_the_verified_reports_are_refused_clearly(corpus_index, monkeypatch):
    from nianbao.indexer.search import QueryError, service as service_module

    monkeypatch.setattr(service_module, "MAX_VERIFIED_REPORTS", 4)
    service = open_service(str(corpus_index), verify_limit=0)
    try:
        first = service.search(SearchRequest(q="年度报告", per_page=2, page=2))
        assert not first.exact and len(first.results) == 2
        with pytest.raises(QueryError) as raised:
            service.search(SearchRequest(q="年度报告", per_page=2, page=3))
        assert raised.value.param == "page" and "过于常见" in str(raised.value)
    finally:
        service.close()


def test_report_ids_are_exact_whatever_the_limit(bounded, reference):
    rng = random.Random(12)
    districts = sorted({r.district for r in reference.reports if r.district})
    for q in queries(reference.reports, 40, seed=6) + ["依申请公开政府", "公开信息公开"]:
        filters = {"district": rng.sample(districts, 2)} if rng.random() < 0.3 else {}
        request = SearchRequest(q=q, filters=filters)
        _, theirs = every(reference, request)
        assert sorted(bounded.report_ids(request)) == sorted(r["id"] for r in theirs), q
