"""English queries for the commonest terms (search/analysis/data/english.txt) find the Swedish records."""

import pytest

from search import query, service
from search.analysis import synonyms
from search.params import SearchParams
from tests.factories import FunctionFactory
from tests.search import ui_dataset

pytestmark = pytest.mark.django_db


def alternatives(text: str) -> set[str]:
    return {
        alternative for group in query.analyse(text).engine_query.should for alternative in group
    }


@pytest.mark.parametrize(("phrases", "terms"), synonyms.english_rules())
def test_every_english_phrase_searches_its_swedish_terms(phrases, terms):
    for phrase in phrases:
        assert set(terms) <= alternatives(phrase), phrase


def test_the_list_holds_the_commonest_terms():
    english = {phrase for phrases, _ in synonyms.english_rules() for phrase in phrases}
    assert {
        "child protection", "school nurse", "social services", "school counsellor", "youth clinic",
        "child psychiatry", "report of concern", "police", "social worker", "preschool",
    } <= english  # fmt: skip


def test_english_words_also_bring_the_swedish_synonyms():
    assert {"skolsköterska", "skolsyster"} <= alternatives("school nurse")


def test_swedish_queries_are_not_widened_with_english():
    english = {phrase for phrases, _ in synonyms.english_rules() for phrase in phrases}
    for text in ("skolsköterska", "socialtjänsten", "polis", "orosanmälan"):
        assert not english & alternatives(text), text


def test_school_nurse_finds_the_skolskoterska_and_suggests_no_spelling(signed_in_client):
    ui_dataset.build()
    FunctionFactory(key="ui-skolskoterska", name="Skolsköterska")

    results = service.search(SearchParams(q="school nurse"))
    page = signed_in_client.get("/sok/", {"q": "school nurse"})

    assert ("function", "ui-skolskoterska") in [(r.kind, r.id) for r in results.results]
    assert results.did_you_mean is None
    assert page.context["total"] >= 1
    assert "did-you-mean" not in page.content.decode()


def test_english_words_are_never_respelt_even_when_nothing_matches():
    ui_dataset.build()
    FunctionFactory(key="ui-child-profession", name="Child profession")

    for text in ("child protection", "school nurse", "social services"):
        assert query.did_you_mean(text) is None, text
