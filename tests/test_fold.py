"""Traditional and simplified script are one for matching; display keeps what was published.

A real seed report converted to traditional characters with OpenCC (s2t, phrase level, as a
big5 mirror would publish it) is indexed beside the original; queries in either script find
both, and highlights mark the published characters.
"""
from pathlib import Path

import opencc
import pytest

from nianbao.indexer.fold import fold, normal
from nianbao.indexer.index.build import build_index
from nianbao.indexer.search import SearchRequest, open_service

SEED = Path(__file__).resolve().parents[1] / "corpus" / "000_198abac0211c756f.txt"


@pytest.mark.parametrize("trad,simp", [("應急管理局", "应急管理局"), ("海淀區", "海淀区"),
                                       ("廣州市", "广州市"), ("頭髮與發展", "头发与发展"), ("ABC公開", "abc公开")])
def test_normal_form(trad, simp):
    assert normal(trad) == simp and len(fold(trad)) == len(trad)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    root = tmp_path_factory.mktemp("fold")
    corpus = root / "corpus"
    corpus.mkdir()
    text = SEED.read_text("utf-8")
    (corpus / "simplified.txt").write_text(text, "utf-8")
    (corpus / "traditional.txt").write_text(opencc.OpenCC("s2t").convert(text), "utf-8")
    build_index([str(corpus)], str(root / "index"), jobs=1)
    svc = open_service(str(root / "index"))
    yield svc
    svc.close()


@pytest.mark.parametrize("q", ["保密审查", "保密審查", "政府信息公开", '"政府資訊"', "政府資訊 OR 政府资讯", "安监局"])
def test_either_script_finds_both(service, q):
    simplified = {"保密審查": "保密审查", '"政府資訊"': '"政府资讯"', "政府資訊 OR 政府资讯": "政府资讯"}.get(q, q)
    a = service.search(SearchRequest(q=q))
    b = service.search(SearchRequest(q=simplified))
    assert a.total == b.total
    assert a.total in (0, 2) and ({r["path"].rsplit("/", 1)[-1] for r in a.results}
                                  <= {"simplified.txt", "traditional.txt"})


def test_highlights_mark_the_published_characters(service):
    resp = service.search(SearchRequest(q="保密审查"))
    assert resp.total == 2
    for result in resp.results:
        marked = {s["text"][a:b] for s in result["snippets"] for a, b in s["matches"]}
        expected = "保密審查" if result["path"].endswith("traditional.txt") else "保密审查"
        assert marked == {expected}
        report = service.report(result["id"], q="保密审查")
        assert {report["text"][a:b] for a, b in report["matches"]} == {expected}
        assert len(report["matches"]) == report["text"].count(expected) > 2
