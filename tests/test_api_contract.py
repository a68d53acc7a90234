"""The JSON API against its OpenAPI document (``/api/openapi.json``), with schemathesis.

Schemathesis reads the document the app serves and sends generated requests, valid and
invalid ones (negative mode: a ``page`` of ``"abc"``, 21 values of one facet, a query
over 500 characters …), to every operation; each response must be no server error,
have a documented status and content type, and match its documented schema. The
example count is bounded to keep the suite fast.
"""
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                              status_code_conformance)

from nianbao.indexer.search import FACETS, MAX_PER_PAGE, MAX_QUERY_CHARS, MAX_VALUES_PER_FACET
from nianbao.indexer.search.request import MAX_CONDITION_CHARS, MAX_CONDITIONS, MAX_FACET_SIZE
from nianbao.web import create_app
from nianbao.web.security import HEADERS

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


class Forward:
    """A WSGI app that forwards to ``target``: schemathesis loads the document at import time,
    before the session's index exists; the fixture below points it at the corpus app."""

    target = None

    def __call__(self, environ, start_response):
        return self.target(environ, start_response)


FORWARD = Forward()
FORWARD.target = create_app({"INDEX_DIR": "(the document needs no index)", "TESTING": True})
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", FORWARD)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=30)


@pytest.fixture
def corpus_api(app):
    """Send schemathesis' requests to the app serving the corpus index."""
    FORWARD.target = app
    yield


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_keeps_its_documented_contract(case, corpus_api):
    response = case.call()
    case.validate_response(response, checks=CHECKS)
    assert len(response.content) < 2_000_000
    for name, value in HEADERS.items():
        assert response.headers.get(name.lower()) == [value]


def test_document_states_the_services_limits(client):
    doc = client.get("/api/openapi.json").get_json()
    params = {p["name"]: p for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert set(params) == {"q", *FACETS, "where", "year_from", "year_to", "sort", "page", "per_page",
                           "facet_size"}
    assert params["where"]["schema"]["maxItems"] == MAX_CONDITIONS
    assert params["where"]["schema"]["items"]["maxLength"] == MAX_CONDITION_CHARS
    assert params["facet_size"]["schema"]["maximum"] == MAX_FACET_SIZE
    assert {"/api/reports/{report_id}/changes", "/api/compare", "/api/suggest"} <= set(doc["paths"])
    assert params["q"]["schema"]["maxLength"] == MAX_QUERY_CHARS
    assert params["per_page"]["schema"]["maximum"] == MAX_PER_PAGE
    assert all(params[f]["schema"]["maxItems"] == MAX_VALUES_PER_FACET for f in FACETS)
    assert set(doc["paths"]["/api/search"]["get"]["responses"]) >= {"200", "400", "414", "503"}
    error = doc["components"]["schemas"]["Error"]
    assert error["required"] == ["ok", "status", "error", "errors"]
