"""The one normaliser of search input: cleaning, limits and pages for API, page and command."""

import pytest
from django.http import QueryDict
from pydantic import ValidationError

from search.params import (
    MAX_FILTER_LENGTH,
    MAX_FILTER_VALUES,
    MAX_LIMIT,
    MAX_OFFSET,
    MAX_PAGE,
    MAX_QUERY_LENGTH,
    MAX_QUERY_TEXT,
    PAGE_SIZE,
    SearchParams,
    clean_query,
    suggest_text,
)


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("", ""),
        (None, ""),
        ("   \t\n ", ""),
        ("  kurator   Fjällby\tskola ", "kurator Fjällby skola"),
        ("kur\x00ator", "kur ator"),
        ("a\x1fb\x7fc\x85d", "a b c d"),
        ("\u202eroatruk\u200b!", "roatruk !"),
        ("a\ud800b", "a b"),
        ("<script>", "<script>"),
    ],
)
def test_the_query_loses_control_characters_and_extra_space(raw, cleaned):
    assert clean_query(raw) == cleaned
    assert SearchParams(q=raw or "").q == cleaned


def test_a_long_query_is_searched_by_its_first_characters():
    text = "kurator " * 250
    assert len(text) == MAX_QUERY_LENGTH
    assert SearchParams(q=text).q == text.strip()[:MAX_QUERY_TEXT]
    assert len(suggest_text(text)) == 100


def test_an_overlong_query_is_refused_naming_q():
    with pytest.raises(ValidationError) as error:
        SearchParams(q="x" * (MAX_QUERY_LENGTH + 1))
    assert [problem["loc"] for problem in error.value.errors()] == [("q",)]


@pytest.mark.parametrize(
    ("values", "name"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": MAX_LIMIT + 1}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": MAX_OFFSET + 1}, "offset"),
    ],
)
def test_limits_out_of_range_are_refused_naming_the_parameter(values, name):
    with pytest.raises(ValidationError) as error:
        SearchParams(q="kurator", **values)
    assert [problem["loc"] for problem in error.value.errors()] == [(name,)]


def test_the_bounds_themselves_are_accepted():
    params = SearchParams(q="kurator", limit=MAX_LIMIT, offset=MAX_OFFSET)
    assert (params.limit, params.offset) == (MAX_LIMIT, MAX_OFFSET)


def test_filter_values_are_cleaned_deduplicated_and_capped():
    params = SearchParams(
        kind=["person", " person ", "\x00", "", "x" * 5000],
        tag=[f"t{number}" for number in range(200)],
    )
    assert params.kind == ("person", "x" * MAX_FILTER_LENGTH)
    assert len(params.tag) == MAX_FILTER_VALUES
    assert params.selected == {
        "kind": ("person", "x" * MAX_FILTER_LENGTH),
        "organisation": (),
        "function": (),
        "tag": params.tag,
        "audience": (),
    }


def test_an_unknown_kind_is_kept_so_it_matches_nothing():
    assert SearchParams(q="kurator", kind="no-such").kind == ("no-such",)


@pytest.mark.parametrize(
    ("raw", "page"),
    [
        (None, 1),
        ("", 1),
        ("abc", 1),
        ("-1", 1),
        ("0", 1),
        ("3", 3),
        (" 7 ", 7),
        ("99999999999999999999", MAX_PAGE),
        (str(MAX_PAGE + 1), MAX_PAGE),
    ],
)
def test_page_numbers_fall_back_into_range(raw, page):
    data = QueryDict(mutable=True)
    if raw is not None:
        data["page"] = raw
    params = SearchParams.for_results_page(data)
    assert params.page == page
    assert params.offset == (page - 1) * PAGE_SIZE
    assert params.on_page(2).offset == PAGE_SIZE


def test_the_results_page_builds_lenient_params_that_never_fail():
    data = QueryDict(
        "q="
        + "k" * 5000
        + "&page=99999999999&kind=person&kind=%00&tag="
        + "&tag=".join(f"t{number}" for number in range(100))
    )
    params = SearchParams.for_results_page(data)
    assert params.q == "k" * MAX_QUERY_TEXT
    assert params.page == MAX_PAGE
    assert (params.limit, params.offset) == (PAGE_SIZE, (MAX_PAGE - 1) * PAGE_SIZE)
    assert params.kind == ("person",)
    assert len(params.tag) == MAX_FILTER_VALUES


def test_the_results_page_without_parameters_is_the_first_empty_page():
    params = SearchParams.for_results_page(QueryDict(""))
    assert (params.q, params.page, params.offset, params.limit) == ("", 1, 0, PAGE_SIZE)


@pytest.mark.parametrize("value", ["garbage", "None", "NONE", " none", "1", "\x00"])
def test_a_context_other_than_none_is_refused_naming_context(value):
    with pytest.raises(ValidationError) as error:
        SearchParams(q="kurator", context=value)
    assert {problem["loc"] for problem in error.value.errors()} == {("context",)}


def test_context_is_the_callers_by_default_and_none_turns_it_off():
    assert SearchParams(q="kurator").context == ""
    assert SearchParams(q="kurator", context="none").context == "none"


@pytest.mark.parametrize(
    ("query_string", "context"),
    [("q=kurator&context=none", "none"), ("q=kurator&context=garbage", ""), ("q=kurator", "")],
)
def test_the_results_page_keeps_context_none_and_ignores_garbage(query_string, context):
    assert SearchParams.for_results_page(QueryDict(query_string)).context == context
