"""The query language parser."""
import pytest

from nianbao.indexer.search.query import MAX_QUERY_CHARS, QueryError, parse


def terms(q):
    """[(negated, [(text, phrase, title), ...]), ...] of a parsed query."""
    return [(c.negated, [(t.text, t.phrase, t.title) for t in c.terms]) for c in parse(q).clauses]


@pytest.mark.parametrize("q, expected", [
    ("保密审查 行政复议", [(False, [("保密审查", False, False)]), (False, [("行政复议", False, False)])]),
    ('"依申请 公开"', [(False, [("依申请 公开", True, False)])]),
    ("“依申请公开”", [(False, [("依申请公开", True, False)])]),
    ("保密 OR 复议 诉讼", [(False, [("保密", False, False), ("复议", False, False)]),
                          (False, [("诉讼", False, False)])]),
    ("-行政诉讼 保密", [(True, [("行政诉讼", False, False)]), (False, [("保密", False, False)])]),
    ("title:年度报告", [(False, [("年度报告", False, True)])]),
    ("标题：年度报告", [(False, [("年度报告", False, True)])]),
    ('-"行政 诉讼"', [(True, [("行政 诉讼", True, False)])]),
    ("五）项信息", [(False, [("五）项信息", False, False)])]),
    ("保密* ?审查", [(False, [("保密", False, False)]), (False, [("审查", False, False)])]),
    ("”的工作", [(False, [("”的工作", False, False)])]),
    ("保\u200b密", [(False, [("保密", False, False)])]),
    ("", []), ("   ", []), ("-", []), ("*", []),
])
def test_parse(q, expected):
    assert terms(q) == expected


@pytest.mark.parametrize("q", ['"依申请公开', "OR 保密", "保密 OR", "保密 OR OR 复议",
                               "保密 OR -复议", "字" * (MAX_QUERY_CHARS + 1)])
def test_errors_have_a_chinese_message(q):
    with pytest.raises(QueryError) as exc:
        parse(q)
    assert not str(exc.value).isascii()
