"""nianbao's engine against the brute-force reference engine on random queries and filters.

Both implement the search contract (``tests/engines.py``); for every query the two must
agree on the total, every facet's counts, the set of reports, each report's matching
sections and metadata. Only the order of equal-relevance results and the scores may
differ (the contract fixes ordering by score, not the scoring).
"""
import random

import pytest

from engines import ReferenceEngine
from nianbao.indexer.search import SearchRequest

from conftest import CORPUS


@pytest.fixture(scope="module")
def reference():
    return ReferenceEngine([str(CORPUS.resolve())])


def queries(reports, count, seed):
    """Random queries over the corpus's own text: substrings, ANDs, ORs, exclusions, phrases."""
    rng = random.Random(seed)
    texts = [r.text for r in reports]
    def piece():
        text = rng.choice(texts)
        start = rng.randrange(len(text) - 8)
        return "".join(text[start:start + rng.randint(1, 5)].split()) or "公开"
    out = []
    for _ in range(count):
        kind = rng.randrange(6)
        if kind == 0:
            out.append(piece())
        elif kind == 1:
            out.append(f"{piece()} {piece()}")
        elif kind == 2:
            out.append(f"{piece()} OR {piece()}")
        elif kind == 3:
            out.append(f"{piece()} -{piece()}")
        elif kind == 4:
            out.append(f"title:{piece()}")
        else:
            text = rng.choice(texts)
            start = rng.randrange(len(text) - 12)
            out.append('"' + text[start:start + 8].replace('"', "") + '"')
    return out


def every(engine, request):
    """All results of a request (pages of 100) and the first response."""
    first, results, page = None, [], 1
    while True:
        resp = engine.search(SearchRequest(q=request.q, filters=request.filters, page=page,
                                           per_page=100, sort=request.sort, where=request.where))
        first = first or resp
        results += resp.results
        if page * 100 >= resp.total:
            return first, results
        page += 1


def comparable(result):
    return {k: v for k, v in result.items() if k not in ("score", "snippets")}


def test_nianbao_agrees_with_the_reference(corpus_service, reference):
    rng = random.Random(7)
    reports = reference.reports
    districts = sorted({r.district for r in reports if r.district})
    years = sorted({str(r.year) for r in reports if r.year})
    checked = 0
    for q in queries(reports, 80, seed=3):
        filters = {}
        if rng.random() < 0.3:
            filters["district"] = rng.sample(districts, 2)
        if rng.random() < 0.3:
            filters["year"] = [rng.choice(years)]
        if rng.random() < 0.2:
            filters["section"] = [rng.choice(["overview", "proactive", "requests", "statistics"])]
        if rng.random() < 0.2:
            filters["tables"] = [rng.choice(["has_table", "has_suit", "has_refusal"])]
        where = [rng.choice(["新收申请>=10", "行政诉讼>0", "不予公开率<0.1", "申请.予以公开.总计>=5"])] \
            if rng.random() < 0.25 else []
        sort = rng.choice(["relevance", "year", "新收申请", "不予公开率:asc"])
        request = SearchRequest(q=q, filters=filters, where=where, sort=sort)
        ours, ours_all = every(corpus_service, request)
        theirs, theirs_all = every(reference, request)
        assert ours.total == theirs.total, q
        assert ours.facets == theirs.facets, q
        assert sorted(map(comparable, ours_all), key=lambda r: r["id"]) == sorted(
            map(comparable, theirs_all), key=lambda r: r["id"]), q
        if request.sort == "year":
            assert [r["year"] for r in ours_all] == [r["year"] for r in theirs_all], q
        checked += ours.total > 0
    assert checked > 30  # most random queries find something
