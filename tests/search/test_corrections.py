"""A query that finds nothing is searched as its spelling correction, with a way back to the original."""

import json
import re
from html import unescape
from io import StringIO
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.core.management import call_command

from search import service
from search.params import SearchParams
from tests.search import ui_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return ui_dataset.build()


def test_nothing_found_searches_the_correction_instead(data):
    results = service.search_with_correction(SearchParams(q="lindkvizt"))

    assert results.corrected_from == "lindkvizt"
    assert results.query == "lindqvist"
    assert ("person", "ui-p1") in [(r.kind, r.id) for r in results.results]


def test_exact_searches_the_original_and_offers_the_spelling(data):
    results = service.search_with_correction(SearchParams(q="lindkvizt"), exact=True)

    assert results.corrected_from is None
    assert results.total == 0
    assert results.did_you_mean == "lindqvist"


def test_found_queries_and_queries_without_a_spelling_are_searched_as_typed(data):
    found = service.search_with_correction(SearchParams(q="lindqvist"))
    nothing = service.search_with_correction(SearchParams(q="xqzvwk"))

    assert (found.corrected_from, found.query) == (None, "lindqvist")
    assert (nothing.corrected_from, nothing.total) == (None, 0)


def test_the_api_says_which_query_was_corrected(signed_in_client, data):
    corrected = signed_in_client.get("/api/v1/search", {"q": "lindkvizt"}).json()
    exact = signed_in_client.get("/api/v1/search", {"q": "lindkvizt", "exact": "true"}).json()
    plain = signed_in_client.get("/api/v1/search", {"q": "lindqvist"}).json()

    assert (corrected["query"], corrected["corrected_from"]) == ("lindqvist", "lindkvizt")
    assert corrected["total"] >= 1
    assert (exact["total"], exact["corrected_from"], exact["did_you_mean"]) == (
        0,
        None,
        "lindqvist",
    )
    assert plain["corrected_from"] is None


def test_the_page_shows_the_correction_and_links_to_the_original_verbatim(signed_in_client, data):
    response = signed_in_client.get("/sok/", {"q": "lindkvizt", "kind": "person"})
    content = response.content.decode()

    notice = re.search(r'<p class="search-correction">(.*?)</p>', content, re.DOTALL).group(1)
    assert "Visar resultat för" in notice and "lindqvist" in notice
    assert "Sök i stället efter" in notice
    href = unescape(re.search(r'href="([^"]*)"', notice).group(1))
    assert parse_qs(urlsplit(href).query) == {
        "q": ["lindkvizt"],
        "kind": ["person"],
        "exact": ["1"],
    }
    assert response.context["total"] >= 1
    assert "did-you-mean" not in content

    original = signed_in_client.get(urljoin("/sok/", href))
    assert original.context["total"] == 0
    assert "search-correction" not in original.content.decode()
    hint = re.search(
        r'<p class="did-you-mean">.*?href="([^"]*)"', original.content.decode(), re.DOTALL
    )
    assert parse_qs(urlsplit(unescape(hint.group(1))).query) == {
        "q": ["lindqvist"],
        "kind": ["person"],
    }


def test_tabs_and_pages_of_a_corrected_search_search_the_correction(signed_in_client, data):
    content = signed_in_client.get("/sok/", {"q": "lindkvizt"}).content.decode()
    tabs = re.search(r'<nav class="search-tabs".*?</nav>', content, re.DOTALL).group(0)

    queries = {
        parse_qs(urlsplit(unescape(h)).query)["q"][0] for h in re.findall(r'href="([^"]*)"', tabs)
    }
    assert queries == {"lindqvist"}


def test_search_query_prints_the_same_corrected_json_as_the_api(signed_in_client, data):
    for arguments, parameters in [([], {}), (["--exact"], {"exact": "true"})]:
        out = StringIO()
        call_command("search_query", "lindkvizt", "--json", *arguments, stdout=out)
        api = signed_in_client.get("/api/v1/search", {"q": "lindkvizt", **parameters}).json()
        assert json.loads(out.getvalue()) == api
