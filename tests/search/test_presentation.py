"""Shaping results for the page: kind tabs, the no-results help and person details."""

import re
from html import unescape

import pytest

from search import registry
from search.context import SearchContext
from search.presentation import MAX_KIND_TABS, kind_tabs
from tests.factories import GlossaryPageFactory
from tests.search import ui_dataset

COUNTS = {
    "person": 40,
    "function": 3,
    "contact_point": 2,
    "organisation": 9,
    "guideline": 7,
    "directive": 1,
    "forum": 5,
    "glossary": 4,
}


def test_tabs_are_all_plus_the_five_biggest_kinds_in_their_usual_order():
    tabs = kind_tabs(COUNTS, (), 71)

    assert MAX_KIND_TABS == 5
    assert [tab["kind"] for tab in tabs] == [
        "",
        "person",
        "organisation",
        "guideline",
        "forum",
        "glossary",
    ]
    assert tabs[0]["current"] and tabs[0]["count"] == 71


def test_the_selected_kind_keeps_its_tab_even_when_small():
    tabs = kind_tabs(COUNTS, ("directive",), 1)

    assert [tab["kind"] for tab in tabs] == [
        "",
        "person",
        "organisation",
        "guideline",
        "directive",
        "forum",
    ]
    assert [tab["kind"] for tab in tabs if tab["current"]] == ["directive"]


def test_a_selected_kind_without_results_still_has_its_tab():
    tabs = kind_tabs({}, ("meeting",), 0)

    assert [(tab["kind"], tab["count"], tab["current"]) for tab in tabs] == [
        ("", None, False),
        ("meeting", 0, True),
    ]


@pytest.fixture
def data():
    return ui_dataset.build()


def help_section(content: str) -> str:
    return re.search(r'<section class="search-help".*?</section>', content, re.DOTALL).group(0)


def hrefs(html: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', html)]


@pytest.mark.django_db
def test_no_results_offers_to_remove_filters_the_glossary_and_a_general_intake_hint(
    signed_in_client, data
):
    glossary = GlossaryPageFactory(title="Ordlista")
    response = signed_in_client.get(
        "/sok/", {"q": "xqzvwk blorp", "kind": "person", "organisation": "ui-fjallby"}
    )

    section = help_section(response.content.decode())
    links = hrefs(section)
    assert "?q=xqzvwk+blorp" in links
    assert glossary.get_parent().url in links
    assert "färre ord" in section
    assert "mottagning" in section
    assert "/sok/?q=oros" in " ".join(links)


@pytest.mark.django_db
def test_no_results_without_filters_or_glossary_offers_neither(signed_in_client, data):
    section = help_section(signed_in_client.get("/sok/", {"q": "xqzvwk"}).content.decode())

    assert "?q=xqzvwk" not in hrefs(section)
    assert "ordlista" not in section.lower()


@pytest.mark.django_db
def test_no_results_names_the_intake_line_of_the_searchers_body(
    signed_in_client, data, monkeypatch
):
    lekeby = SearchContext(units=(), administrations=("ui-soc",), bodies=("ui-lek",),
                           municipalities=("ui-lek",))  # fmt: skip
    provider = registry.ContextProvider(for_user=lambda user: lekeby, for_person=lambda key: None)
    monkeypatch.setattr(registry, "_context_providers", [provider])

    section = help_section(signed_in_client.get("/sok/", {"q": "xqzvwk"}).content.decode())

    assert "Socialjouren" in section
    assert "/katalog/kontaktvagar/ui-socjour/" in " ".join(hrefs(section))
    assert "tel:098012345" in hrefs(section)


@pytest.mark.django_db
def test_pages_with_results_show_no_help(signed_in_client, data):
    assert "search-help" not in signed_in_client.get("/sok/", {"q": "kurator"}).content.decode()


@pytest.mark.django_db
def test_person_results_show_role_unit_and_a_phone_link(signed_in_client, data):
    content = signed_in_client.get("/sok/", {"q": "lindqvist"}).content.decode()

    item = re.search(
        r'<li class="search-result search-result--person">.*?</li>', content, re.DOTALL
    )
    assert item is not None
    assert "Skolkurator" in item.group(0) and "Fjällby skola" in item.group(0)
    assert 'href="tel:0701740000"' in item.group(0)
