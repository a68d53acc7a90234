"""Shared fixtures: one index of corpus/ per test session, and the search service on it."""
from pathlib import Path

import pytest

from nianbao.indexer.index.build import build_index
from nianbao.indexer.search import open_service

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
