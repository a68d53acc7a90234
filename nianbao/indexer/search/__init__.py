"""The search service: the one module the CLI and the web layer call to query an index.

Nothing outside ``indexer`` touches Whoosh. A second engine could sit behind the same
calls: ``open_service(index_dir)`` returns an object with ``search(request)`` and
``report(report_id, q=None)``; both return plain data.

CONTRACT (shared by the CLI, web/ and benchmarks/; keep these names stable):

    FACETS = ("province", "city", "district", "town", "level", "agency", "agency_type", "year",
              "section", "kind", "tables")

    SearchRequest(q="", filters={"district": ["环翠区"], ...}, sort="relevance"|"year",
                  page=1, per_page=10, facet_size=100)

    service = open_service(index_dir)        # opens once; cheap to call .search many times
    response = service.search(request)       # -> SearchResponse; raises QueryError for a
                                             #    query it cannot run (message in Chinese)
    response.to_dict()                       # the JSON of `nianbao search --json`:
        {total, exact, unverified_terms, page, per_page, took_ms,
         # exact is false when a term was too common to verify in every report
         # (open_service's verify_limit): total and facet counts are then upper bounds
         results: [{id, path, title, agency, agency_type, province, city, district, town, level,
                    year, score,
                    sections: [{key, label}], title_matches: [[start, end]],
                    snippets: [{text, matches: [[start, end]]}]}],
         facets: {name: [{value, label, count, selected}]},
         facet_totals: {name: values in all}, facet_parents: {region facet: {value: parent}},
         expanded: {term: [other names searched too]}}   # 人社局 → 人力资源和社会保障局 …
        # each facet list: its facet_size first values by count desc then value,
        # plus every selected value
    service.report(report_id, q=None)        # -> dict or None: metadata (as in results),
        # agency_type, published, kind, path, text, sections [{key,label,heading,start,end}],
        # matches: [[start, end], ...] character offsets of q's matches in text,
        # other_years: [{id, year, title}] same agency's reports for other years
    service.close()
    # Also: service.report_count (reports in the live index); open_service raises
    # IndexNotFound (message in Chinese) when the directory holds no published index;
    # DEFAULT_INDEX_DIR = store.DEFAULT_INDEX_DIR ($NIANBAO_INDEX or .nianbao/index).
"""
from ..index import store
from .cache import CACHE_BYTES
from .matching import VERIFY_LIMIT
from .query import MAX_QUERY_CHARS, QueryError
from .request import (FACET_SIZE, FACETS, MAX_FILTER_CHARS, MAX_FILTER_VALUES, MAX_PER_PAGE,
                      MAX_VALUES_PER_FACET, SORTS, SearchRequest, SearchResponse, check_request)
from .service import SearchService

DEFAULT_INDEX_DIR = store.DEFAULT_INDEX_DIR
IndexNotFound = store.IndexNotFound
IndexDamaged = store.IndexDamaged

__all__ = ["FACETS", "SORTS", "MAX_PER_PAGE", "MAX_QUERY_CHARS", "FACET_SIZE", "MAX_VALUES_PER_FACET",
           "MAX_FILTER_VALUES", "MAX_FILTER_CHARS", "QueryError", "IndexNotFound", "IndexDamaged",
           "SearchRequest", "SearchResponse", "SearchService", "check_request", "open_service",
           "DEFAULT_INDEX_DIR"]


def open_service(index_dir=None, cache_bytes=CACHE_BYTES, verify_limit=VERIFY_LIMIT):
    """Open the index in ``index_dir`` (default ``DEFAULT_INDEX_DIR``) for searching.

    ``cache_bytes`` bounds the per-generation cache of posting arrays and verified term
    matches (0 turns it off: every call reads and verifies postings). ``verify_limit``: the
    candidate sections a search verifies per term before its counts become upper bounds
    (``matching.VERIFY_LIMIT``; None verifies everything).
    """
    return SearchService(index_dir or DEFAULT_INDEX_DIR, cache_bytes, verify_limit)
