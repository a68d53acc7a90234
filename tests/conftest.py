"""Shared fixtures: one index of corpus/ per test session, the search service and the web app
on it, a CLI runner, and the corpus's reports as the extractor sees them (ground truth)."""
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from nianbao.indexer.extract import extract_paths
from nianbao.indexer.index.build import build_index
from nianbao.indexer.report import Report, report_id
from nianbao.indexer.search import open_service
from nianbao.web import create_app

# Property tests draw new examples on every run here; CI (CI=true) draws the same ones each
# time, so a submission's result does not depend on luck.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory):
    """Directory of an index built from corpus/ with ``nianbao index``'s code (read-only)."""
    index_dir = tmp_path_factory.mktemp("corpus-index") / "index"
    build_index([str(CORPUS)], str(index_dir), jobs=2)
    return index_dir


@pytest.fixture(scope="session")
def corpus_service(corpus_index):
    """A search service opened on ``corpus_index`` (shared; do not close)."""
    service = open_service(str(corpus_index))
    yield service
    service.close()


@pytest.fixture(scope="session", params=["nianbao", "reference"])
def engine(request, corpus_service):
    """Every engine the search contract is checked against, serving corpus/ (tests/engines.py)."""
    if request.param == "nianbao":
        return corpus_service
    from engines import ReferenceEngine

    return ReferenceEngine([str(CORPUS.resolve())])


@pytest.fixture(scope="session")
def corpus_reports():
    """Every report of corpus/ by id, as the extractor sees it (the tests' ground truth)."""
    reports = [r for r in extract_paths([str(CORPUS.resolve())]) if isinstance(r, Report)]
    return {report_id(r.path): r for r in reports}


@pytest.fixture(scope="session")
def app(corpus_index):
    """The web app serving ``corpus_index``."""
    return create_app({"INDEX_DIR": str(corpus_index), "TESTING": True})


@pytest.fixture(scope="session")
def client(app):
    """Flask's test client for ``app``."""
    return app.test_client()


@pytest.fixture
def runner():
    """A click runner for the ``nianbao`` command."""
    return CliRunner()
