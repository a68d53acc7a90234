"""The OpenAPI 3 description of the JSON API, served at ``/api/openapi.json``.

Built from the same constants the service validates with (facets, sorts, page size, query
length, values per facet), so the document cannot drift from the limits it states; the
test suite runs schemathesis against it.
"""
from nianbao.indexer.labels import FACET_TITLES
from nianbao.indexer.search import (FACET_SIZE, FACETS, MAX_FILTER_CHARS, MAX_FILTER_VALUES,
                                    MAX_PER_PAGE, MAX_QUERY_CHARS, MAX_VALUES_PER_FACET, SORTS)
from nianbao.indexer.search.request import MAX_CONDITION_CHARS, MAX_CONDITIONS, MAX_FACET_SIZE

MAX_PAGE = 999_999_999  # params accept at most nine digits
MAX_SUGGEST = 20  # suggestions one /api/suggest call returns at most
MAX_SUGGEST_CHARS = 50  # characters of the typed text looked up
YEARS = {"type": "integer", "minimum": 1990, "maximum": 2100}


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
MORE_METADATA = {
    "agency_type": _nullable({"type": "string", "description": "Canonical office type (机关类型)."}),
    "town": _nullable(STRING),
    "level": _nullable({"type": "string", "description": "central, province, city, county or town."}),
}
NUMBER_OR_NULL = {"type": "number", "nullable": True}
CELL = {"nullable": True, "oneOf": [{"type": "number"}, {"type": "string", "enum": ["不适用"]}],
        "description": "A figure as printed; null for a blank cell; 不适用 for not applicable."}
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
        "required": [*METADATA, "score", "sections", "snippets", "title_matches"],
        "properties": {
            **METADATA, **MORE_METADATA, "score": {"type": "number"},
            "title_matches": {"type": "array", "items": SPAN,
                              "description": "Matches of q in the title (offsets into title)."},
            "sections": {"type": "array", "items": {
                "type": "object", "required": ["key", "label"],
                "properties": {"key": STRING, "label": STRING}}},
            "snippets": {"type": "array", "items": {"$ref": "#/components/schemas/Snippet"}},
        },
    },
    "SearchResponse": {
        "type": "object", "required": ["total", "exact", "unverified_terms", "page", "per_page",
                                       "took_ms", "results", "facets"],
        "properties": {
            "total": INTEGER,
            "exact": {"type": "boolean", "description": "False when a query term is too common to "
                      "verify in every report (it stands in nearly every section of a large "
                      "index): total and the facet counts are then upper bounds; the results "
                      "listed are verified."},
            "unverified_terms": {"type": "array", "items": STRING,
                                 "description": "The terms that were not verified everywhere."},
            "page": INTEGER, "per_page": INTEGER, "took_ms": {"type": "number"},
            "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchResult"}},
            "facets": {"type": "object", "properties": {
                name: {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}
                for name in FACETS}},
            "facet_totals": {"type": "object", "description": "How many values each facet has "
                             "in all (a facet list holds at most facet_size of them).",
                             "additionalProperties": INTEGER},
            "facet_parents": {"type": "object", "description": "For city, district and town: each "
                              "listed value's parent region (the region tree).",
                              "additionalProperties": {"type": "object",
                                                       "additionalProperties": _nullable(STRING)}},
            "expanded": {"type": "object", "description": "Query terms also searched under other "
                         "names (人社局 → 人力资源和社会保障局 …); a quoted term is not expanded.",
                         "additionalProperties": {"type": "array", "items": STRING}},
        },
    },
    "StatsIssue": {
        "type": "object", "required": ["key", "kind", "message"],
        "properties": {"key": _nullable(STRING),
                       "kind": {"type": "string", "description": "arithmetic, incomplete, "
                                "text_vs_table, unreadable, unit or annotated."},
                       "message": STRING},
    },
    "Peers": {
        "type": "object", "nullable": True, "required": ["reports", "figures"],
        "description": "The headline figures beside the same figure among peers (same level, "
                       "office type and year); null when there are too few peers.",
        "properties": {"reports": INTEGER, "figures": {"type": "array", "items": {
            "type": "object", "required": ["figure", "value", "median", "percentile", "peers"],
            "properties": {"figure": STRING, "value": {"type": "number"},
                           "median": {"type": "number"}, "percentile": {"type": "number"},
                           "peers": INTEGER}}}},
    },
    "Changes": {
        "type": "object", "required": ["id", "previous", "share", "ops", "cut"],
        "properties": {
            "id": STRING,
            "previous": {"type": "object", "nullable": True, "required": ["id", "year", "title"],
                         "description": "The same office's previous report (null: none indexed).",
                         "properties": {"id": STRING, "year": _nullable(INTEGER), "title": _nullable(STRING)}},
            "share": dict(NUMBER_OR_NULL, description="Share of this report's sentences found "
                          "unchanged in the previous report (沿用上年比例), 0 to 1."),
            "ops": {"type": "array", "items": {
                "type": "object", "required": ["op", "text"],
                "properties": {"op": {"type": "string", "enum": ["same", "added", "removed"]},
                               "text": STRING}}},
            "cut": {"type": "boolean", "description": "True when the list of sentences was cut."},
        },
    },
    "Comparison": {
        "type": "object", "required": ["mode", "title", "figures", "rows", "total", "truncated", "omitted"],
        "properties": {
            "mode": {"type": "string", "enum": ["office", "reports", "search"]},
            "title": STRING,
            "figures": {"type": "array", "items": STRING},
            "rows": {"type": "array", "items": {
                "type": "object", "required": [*(k for k in METADATA if k != "path"), "url", "figures"],
                "properties": {**{k: v for k, v in METADATA.items() if k != "path"},
                               "agency_type": _nullable(STRING), "url": STRING,
                               "figures": {"type": "object", "additionalProperties": NUMBER_OR_NULL}}}},
            "total": {"type": "integer", "description": "Reports selected (before the cap)."},
            "truncated": {"type": "boolean"},
            "omitted": {"type": "integer", "description": "Office mode: documents without tables left out."},
        },
    },
    "Suggestions": {
        "type": "object", "required": ["q", "suggestions"],
        "properties": {"q": STRING, "suggestions": {"type": "array", "items": {
            "type": "object", "required": ["facet", "title", "value", "count", "url"],
            "properties": {"facet": {"type": "string", "enum": ["agency", "province", "city", "district", "town"]},
                           "title": STRING, "value": STRING, "count": INTEGER,
                           "url": {"type": "string", "description": "The search filtered by it."}}}}},
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
            **{k: v for k, v in MORE_METADATA.items() if k != "agency_type"},
            "stats": {"type": "object", "nullable": True, "required": ["format", "values"],
                      "description": "The statutory tables' figures by contract key.",
                      "properties": {"format": _nullable({"type": "string", "enum": ["2021", "2019", "pre2019"]}),
                                     "values": {"type": "object", "additionalProperties": CELL}}},
            "stats_issues": {"type": "array", "items": {"$ref": "#/components/schemas/StatsIssue"}},
            "peers": {"$ref": "#/components/schemas/Peers"},
            "also_at": {"type": "array", "items": STRING, "description": "Other paths of the same report."},
            "source_quality": {"type": "string", "enum": ["text", "ocr"]},
            "format": _nullable(STRING),
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
    where = dict(_query("where", {"type": "array", "maxItems": MAX_CONDITIONS,
                                  "items": {"type": "string", "maxLength": MAX_CONDITION_CHARS}},
                        "Figure conditions, all must hold: a figure (新收申请, 行政诉讼, 不予公开率, "
                        "沿用上年比例, or a contract key such as 申请.本年新收.总计), one of >= <= > < = "
                        "!=, a number: 新收申请>=10. A report without the figure fails. At most "
                        f"{MAX_CONDITIONS}, {MAX_CONDITION_CHARS} characters each."),
                 style="form", explode=True)
    year_from = _query("year_from", YEARS, "Only reports of this year or later (with year_to: a range).")
    year_to = _query("year_to", YEARS, "Only reports of this year or earlier.")
    return q, facets, sort, page, per_page, where, year_from, year_to


def openapi_document(config):
    """The OpenAPI 3.0 document for an app with settings ``config``."""
    q, facets, sort, page, per_page, where, year_from, year_to = _parameters(config)
    facet_size = _query("facet_size", {"type": "integer", "minimum": 1, "maximum": MAX_FACET_SIZE,
                                       "default": FACET_SIZE},
                        "Values listed per facet (the most frequent, plus every selected one); "
                        "facet_totals says how many there are.")
    search_params = [q, *facets, where, year_from, year_to, sort]
    figs = dict(_query("fig", {"type": "array", "maxItems": 20, "items": {"type": "string", "maxLength": 40}},
                       "Figures to compare (default: 新收申请, 予以公开, 部分公开, 不予公开, 不予公开率, "
                       "行政复议, 行政诉讼, 沿用上年比例)."), style="form", explode=True)
    office = _query("office", {"type": "string", "maxLength": 40},
                    "A report id: compare its office across the years (follows renames).")
    ids = dict(_query("id", {"type": "array", "maxItems": 100, "items": {"type": "string", "maxLength": 40}},
                      "Report ids to compare, in this order (when no office is given)."),
               style="form", explode=True)
    report_id = {"name": "report_id", "in": "path", "required": True, "schema": STRING,
                 "description": "A result's id."}
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
                "parameters": [*search_params, page, per_page, facet_size],
                "responses": {"200": {"description": "One page of results and the facet counts.",
                                      "content": json_of("SearchResponse")}, **ERRORS},
            }},
            "/api/reports/{report_id}": {"get": {
                "operationId": "report", "summary": "One report: metadata, outline, a page of its text.",
                "parameters": [
                    report_id,
                    dict(q, description="Highlight this query's matches (same syntax as search)."),
                    text_page],
                "responses": {"200": {"description": "The report.", "content": json_of("Report")},
                              "404": _error("No report has this id, or its text has no such page."),
                              **ERRORS},
            }},
            "/api/reports/{report_id}/changes": {"get": {
                "operationId": "changes",
                "summary": "What changed since the same office's previous report, sentence by sentence.",
                "parameters": [report_id],
                "responses": {"200": {"description": "The sentence diff and the share copied.",
                                      "content": json_of("Changes")},
                              "404": _error("No report has this id."), **ERRORS},
            }},
            "/api/compare": {"get": {
                "operationId": "compare",
                "summary": "Figures of many reports side by side: an office across years (office), "
                           "chosen reports (id), or a search's results (the search parameters).",
                "parameters": [office, ids, figs, *search_params],
                "responses": {"200": {"description": f"At most {config['COMPARE_MAX']} reports.",
                                      "content": json_of("Comparison")},
                              "404": _error("office names no report."), **ERRORS},
            }},
            "/api/suggest": {"get": {
                "operationId": "suggest",
                "summary": "Agencies and places whose name contains q, for the search box.",
                "parameters": [
                    _query("q", {"type": "string", "maxLength": MAX_SUGGEST_CHARS},
                           "What the user typed (traditional characters match too)."),
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": MAX_SUGGEST, "default": 8},
                           "Most suggestions returned.")],
                "responses": {"200": {"description": "Names starting with q first, then by reports.",
                                      "content": json_of("Suggestions")}, **ERRORS},
            }},
            "/api/openapi.json": {"get": {
                "operationId": "openapi", "summary": "This document.",
                "responses": {"200": {"description": "OpenAPI 3.0 document.",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}},
            }},
        },
        "components": {"schemas": SCHEMAS},
    }
