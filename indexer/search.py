"""The search service: the one module the CLI and the web layer call to query an index.

Nothing outside ``indexer`` touches Whoosh. A second engine could sit behind the same
calls: ``open_service(index_dir)`` returns an object with ``search(request)`` and
``report(report_id, q=None)``; both return plain data.

CONTRACT (shared by the CLI, web/ and benchmarks/; keep these names stable):

    FACETS = ("province", "city", "district", "agency", "year", "section", "kind")

    SearchRequest(q="", filters={"district": ["环翠区"], ...}, sort="relevance"|"year",
                  page=1, per_page=10)

    service = open_service(index_dir)        # opens once; cheap to call .search many times
    response = service.search(request)       # -> SearchResponse; raises QueryError for a
                                             #    query it cannot run (message in Chinese)
    response.to_dict()                       # the JSON of `nianbao search --json`:
        {total, page, per_page, took_ms,
         results: [{id, path, title, agency, province, city, district, year, score,
                    sections: [{key, label}], snippets: ["…<mark>保密审查</mark>…"]}],
         facets: {name: [{value, label, count, selected}]}}
    service.report(report_id, q=None)        # -> dict or None: metadata (as in results),
        # agency_type, published, kind, path, text, sections [{key,label,heading,start,end}],
        # matches: [[start, end], ...] character offsets of q's matches in text,
        # other_years: [{id, year, title}] same agency's reports for other years
    service.close()
"""
from dataclasses import dataclass, field

FACETS = ("province", "city", "district", "agency", "year", "section", "kind")
SORTS = ("relevance", "year")


class QueryError(ValueError):
    """A query that cannot be run; the message is shown to the user (Chinese)."""


@dataclass
class SearchRequest:
    """Everything that selects a page of results; all of it lives in the URL."""

    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
