"""The add/remove-parameter helpers that keep all page state in the query string."""
from urllib.parse import parse_qsl, urlsplit

import pytest

from nianbao.web.urls import (build_path, page_url, path_with_added_args, path_with_removed_args,
                      path_with_replaced_args, sort_url, toggle_filter_url)

PAIRS = [("q", "保密审查"), ("district", "环翠区"), ("district", "荣成市"), ("page", "3")]


def pairs_of(url):
    """The (key, value) pairs of a URL's query string, decoded."""
    return parse_qsl(urlsplit(url).query)


def test_build_path_without_pairs_has_no_question_mark():
    assert build_path("/search", []) == "/search"
    assert build_path("/search", [("q", None)]) == "/search"


def test_build_path_percent_encodes_chinese_and_reserved_characters():
    url = build_path("/search", [("q", "a&b=c 保密")])
    assert url == "/search?q=a%26b%3Dc+%E4%BF%9D%E5%AF%86"
    assert pairs_of(url) == [("q", "a&b=c 保密")]


@pytest.mark.parametrize("added,expected", [
    ([("year", "2023")], PAIRS + [("year", "2023")]),
    ([("district", "文登区")], PAIRS + [("district", "文登区")]),
    ([("district", "环翠区")], PAIRS),  # already there: not duplicated
])
def test_path_with_added_args(added, expected):
    assert pairs_of(path_with_added_args("/search", PAIRS, added)) == expected


@pytest.mark.parametrize("removed,expected", [
    (["district"], [("q", "保密审查"), ("page", "3")]),
    ([("district", "荣成市")], [("q", "保密审查"), ("district", "环翠区"), ("page", "3")]),
    (["page", "q"], [("district", "环翠区"), ("district", "荣成市")]),
    (["absent"], PAIRS),
])
def test_path_with_removed_args(removed, expected):
    assert pairs_of(path_with_removed_args("/search", PAIRS, removed)) == expected


def test_path_with_replaced_args_sets_one_value_and_removes_none():
    url = path_with_replaced_args("/search", PAIRS, {"q": "行政复议", "page": None})
    assert pairs_of(url) == [("district", "环翠区"), ("district", "荣成市"), ("q", "行政复议")]


@pytest.mark.parametrize("key,value,expected", [
    ("district", "环翠区", [("q", "保密审查"), ("district", "荣成市")]),
    ("district", "文登区", [("q", "保密审查"), ("district", "环翠区"), ("district", "荣成市"),
                           ("district", "文登区")]),
    ("year", "2023", [("q", "保密审查"), ("district", "环翠区"), ("district", "荣成市"),
                      ("year", "2023")]),
])
def test_toggle_filter_url_toggles_and_resets_page(key, value, expected):
    assert pairs_of(toggle_filter_url("/search", PAIRS, key, value)) == expected


def test_sort_url_resets_page():
    assert pairs_of(sort_url("/search", PAIRS, "year")) == [
        ("q", "保密审查"), ("district", "环翠区"), ("district", "荣成市"), ("sort", "year")]


@pytest.mark.parametrize("page,expected_page", [(1, None), (2, "2"), (7, "7")])
def test_page_url_keeps_filters(page, expected_page):
    pairs = pairs_of(page_url("/search", PAIRS, page))
    assert [p for p in pairs if p[0] != "page"] == PAIRS[:3]
    assert dict(pairs).get("page") == expected_page
