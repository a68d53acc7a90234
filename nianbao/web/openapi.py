"""The OpenAPI 3 description of the JSON API, served at ``/api/openapi.json``.

Built from the same constants the service validates with (facets, sorts, page size, query
length, values per facet), so the document cannot drift from the limits it states; the
test suite runs schemathesis against it.
"""
from nianbao.indexer.labels import FACET_TITLES
from nianbao.indexer.search import (FACETS, MAX_FILTER_CHARS, MAX_FILTER_VALUES, MAX_PER_PAGE,
                                    MAX_QUERY_CHARS, MAX_VALUES_PER_FACET, SORTS)

MAX_PAGE = 999_999_999  # params accept at most nine digits


def _nullable(schema):
    return dict(schema, nullable=True)


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
METADATA = {
    "id": {"type": "string", "description": "Stable id: 16 hex characters."},
    "path": {"type": "string", "description": "Source file (``file.csv#row<N>`` for a crawl row)."},
    "title": _nullable(STRING),
    "agency": _nullable(STRING),
    "province": _nullable(STRING),
    "city": _nullable(STRING),
    "district": _nullable(STRING),
    "year": _nullable(INTEGER),
}
SPAN = {"type": "array", "items": INTEGER, "minItems": 2, "maxItems": 2,
        "description": "[start, end) character offsets."}
SCHEMAS = {
    "Error": {
        "type": "object", "required": ["ok", "status", "error", "errors"],
        "properties": {"ok": {"type": "boolean", "enum": [False]}, "status": INTEGER,
                       "error": {"type": "string", "description": "The message (Chinese)."},
                       "errors": {"type": "array", "items": STRING}},
    },
    "FacetValue": {
        "type": "object", "required": ["value", "label", "count", "selected"],
        "properties": {"value": STRING, "label": STRING, "count": INTEGER, "selected": {"type": "boolean"}},
    },
    "Snippet": {
        "type": "object", "required": ["text", "matches"],
        "properties": {"text": STRING, "matches": {"type": "array", "items": SPAN}},
    },
    "SearchResult": {
        "type": "object",
        "required": [*METADATA, "score", "sections", "snippets"],
        "properties": {
            **METADATA, "score": {"type": "number"},
            "sections": {"type": "array", "items": {
                "type": "object", "required": ["key", "label"],
                "properties": {"key": STRING, "label": STRING}}},
            "snippets": {"type": "array", "items": {"$ref": "#/components/schemas/Snippet"}},
        },
    },
    "SearchResponse": {
        "type": "object", "required": ["total", "page", "per_page", "took_ms", "results", "facets"],
        "properties": {
            "total": INTEGER, "page": INTEGER, "per_page": INTEGER, "took_ms": {"type": "number"},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}},
            "facets": {"type": "object", "properties": {
                name: {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}
                for name in FACETS}},
        },
    },
    "Report": {
        "type": "object",
        "required": [*METADATA, "agency_type", "published", "kind", "text", "sections", "matches",
                     "other_years", "page", "pages", "text_start", "text_length"],
        "properties": {
            **METADATA,
            "agency_type": _nullable(STRING),
            "published": _nullable({"type": "string", "description": "YYYY-MM-DD"}),
            "kind": _nullable(STRING),
            "text": {"type": "string", "description": "This page of the report's clean text."},
            "sections": {"type": "array", "items": {
                "type": "object", "required": ["key", "label", "heading", "start", "end"],
                "properties": {"key": STRING, "label": STRING, "heading": STRING,
                               "start": INTEGER, "end": INTEGER}}},
            "matches": {"type": "array", "items": SPAN,
                        "description": "Matches of q on this page (offsets in the whole text)."},
            "other_years": {"type": "array", "items": {
                "type": "object", "required": ["id", "year", "title"],
                "properties": {"id": STRING, "year": _nullable(INTEGER), "title": _nullable(STRING)}}},
            "page": INTEGER, "pages": INTEGER,
            "text_start": {"type": "integer", "description": "Offset of this page's text."},
            "text_length": {"type": "integer", "description": "Length of the whole text."},
        },
    },
}


def _error(description):
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


ERRORS = {
    "400": _error("A bad parameter (the message names it)."),
    "414": _error("The request target is longer than the server accepts."),
    "431": _error("The request headers are larger than the server accepts."),
    "503": _error("No index is published, or it must be rebuilt."),
}


def _query(name, schema, description):
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


def _parameters(config):
    q = _query("q", {"type": "string", "maxLength": MAX_QUERY_CHARS},
               'Words (ANDed), "exact phrase", OR, -exclude, title:word. Empty: every report.')
    facets = [
        _query(name, {"type": "array", "maxItems": MAX_VALUES_PER_FACET, "items": STRING},
               f"Only reports whose {FACET_TITLES[name]} is one of these values (repeat the "
               f"parameter; values of one facet are ORed, facets ANDed; an unknown value matches "
               f"nothing). At most {MAX_VALUES_PER_FACET} values per facet, {MAX_FILTER_VALUES} in "
               f"all and {MAX_FILTER_CHARS} characters in all.")
        for name in FACETS]
    for facet in facets:
        facet.update(style="form", explode=True)
    sort = _query("sort", {"type": "string", "default": "relevance", "maxLength": 100},
                  f"{', '.join(SORTS)} (newest first), or a figure of the statutory tables "
                  "(新收申请, 不予公开率 …): largest first, smallest first with ':asc'. "
                  "Anything else is a 400.")
    page = _query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
                  "Page of results (past the last page: no results).")
    per_page = _query("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                                   "default": config["PER_PAGE"]}, "Reports per page.")
    return q, facets, sort, page, per_page


def openapi_document(config):
    """The OpenAPI 3.0 document for an app with settings ``config``."""
    q, facets, sort, page, per_page = _parameters(config)
    text_page = _query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
                       f"Page of the report's text ({config['REPORT_PAGE_CHARS']:,} characters "
                       f"a page).")
    json_of = lambda ref: {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}  # noqa: E731
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "年报检索 nianbao JSON API", "version": "1",
            "description": "Search Chinese government information-disclosure annual reports. "
                           f"Request targets over {config['MAX_URL_BYTES']:,} bytes get a 414, "
                           f"request headers over {config['MAX_HEADER_BYTES']:,} bytes a 431. "
                           "Errors share one JSON shape (Error).",
        },
        "paths": {
            "/api/search": {"get": {
                "operationId": "search", "summary": "Search reports (the JSON of `nianbao search --json`).",
                "parameters": [q, *facets, sort, page, per_page],
                "responses": {"200": {"description": "One page of results and the facet counts.",
                                      "content": json_of("SearchResponse")}, **ERRORS},
            }},
            "/api/reports/{report_id}": {"get": {
                "operationId": "report", "summary": "One report: metadata, outline, a page of its text.",
                "parameters": [
                    {"name": "report_id", "in": "path", "required": True, "schema": STRING,
                     "description": "A result's id."},
                    dict(q, description="Highlight this query's matches (same syntax as search)."),
                    text_page],
                "responses": {"200": {"description": "The report.", "content": json_of("Report")},
                              "404": _error("No report has this id, or its text has no such page."),
                              **ERRORS},
            }},
            "/api/openapi.json": {"get": {
                "operationId": "openapi", "summary": "This document.",
                "responses": {"200": {"description": "OpenAPI 3.0 document.",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}},
            }},
        },
        "components": {"schemas": SCHEMAS},
    }
