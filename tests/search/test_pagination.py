"""One pagination rule and one component for every paged list."""

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string

from search.pagination import paginate
from search.templatetags.pagination import page_query

ITEMS = list(range(1, 26))


@pytest.mark.parametrize(
    ("number", "expected"),
    [(None, 1), ("", 1), ("abc", 1), ("2.5", 1), ("0", 1), ("-3", 1), ("1" * 5000, 1),
     ("2", 2), (3, 3), ("4", 3), ("99999", 3)],
)  # fmt: skip
def test_unusable_numbers_give_the_first_page_and_numbers_past_the_end_the_last(number, expected):
    assert paginate(ITEMS, per_page=10, number=number).number == expected


def test_page_links_keep_the_other_parameters():
    params = QueryDict("tag=skola&status=valid&page=1")
    assert page_query(params, "page", 2) == "?tag=skola&status=valid&page=2"
    assert page_query(QueryDict(), "sida", 3) == "?sida=3"
    assert params["page"] == "1"


def test_the_component_links_previous_next_and_numbers_and_says_where_you_are():
    html = render_to_string(
        "components/pagination.html",
        {
            "page": paginate(ITEMS, per_page=10, number=2),
            "param": "sida",
            "params": QueryDict("q=x"),
            "label": "Sidor",
            "anchor": "list",
        },
    )
    assert 'href="?q=x&amp;sida=1#list" rel="prev"' in html
    assert 'href="?q=x&amp;sida=3#list" rel="next"' in html
    assert '<span aria-current="page">2</span>' in html
    assert "11–20" in html and "25" in html
    one_page = {"page": paginate(ITEMS, per_page=50, number=1), "param": "page", "params": None}
    assert render_to_string("components/pagination.html", one_page).strip() == ""
