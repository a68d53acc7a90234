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


@pytest.mark.parametrize("text,flags", [("公开", 0), ("ABC公开", "ASCII_CASE"), ("Ａ公开", "OTHER_CASE"),
                                        ("公開", "FOLDS"), ("Ａ公開X", "ASCII_CASE|OTHER_CASE|FOLDS")])
def test_form_flags(text, flags):
    from nianbao.indexer import fold as f

    expected = 0 if flags == 0 else sum(getattr(f, name) for name in flags.split("|"))
    assert f.form_flags(text) == expected


@pytest.mark.parametrize("q,expected", [("app", {"ascii"}), ("微信app", {"ascii"}), ("ａｐｐ", {"wide"}),
                                        ("政务公开", {"ascii", "wide", "trad"}), ("APP", {"ascii"})])
def test_case_and_script_folding_in_search(tmp_path, q, expected):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "关于2023年政府信息公开工作的报告。\n一、总体情况\n本机关推进政务公开，{}。\n"
    (corpus / "ascii.txt").write_text(body.format("开通微信APP发布信息"), "utf-8")
    (corpus / "wide.txt").write_text(body.format("开通全角ＡＰＰ发布信息"), "utf-8")
    (corpus / "trad.txt").write_text(body.format("開通政務公開專欄").replace("政务公开", "政務公開"), "utf-8")
    build_index([str(corpus)], str(tmp_path / "index"), jobs=1)
    service = open_service(str(tmp_path / "index"))
    try:
        found = {r["path"].rsplit("/", 1)[-1][:-4] for r in service.search(SearchRequest(q=q)).results}
        assert found == expected
    finally:
        service.close()
