"""The search service: JSON contract, ranking hints, facets, answer card, spelling, suggestions."""

import pytest

from search import query, registry, service
from search.api import search_json
from search.params import FACETS, SearchParams
from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    kommun = OrganisationFactory(key="lek", name="Lekeby kommun")
    norrby = OrganisationFactory(key="norrby", name="Norrbyskolan", parent=kommun)
    fjallby = OrganisationFactory(key="fjallby", name="Fjällby skola", parent=kommun)
    kurator = FunctionFactory(key="kurator", name="Skolkurator", synonyms=["kurator"])
    first = PersonFactory(key="p1", given_name="Eva", family_name="Ek", organisation=norrby)
    second = PersonFactory(key="p2", given_name="Per", family_name="Al", organisation=fjallby)
    hidden = PersonFactory(key="p3", given_name="Hemlig", family_name="Person", protected=True)
    PositionFactory(person=first, function=kurator, organisation=norrby)
    PositionFactory(person=second, function=kurator, organisation=fjallby)
    PositionFactory(person=hidden, function=kurator, organisation=norrby)
    ContactPointFactory(
        key="socjour",
        name="Socialjouren",
        organisation=kommun,
        purpose="Akut oro för barn kvällar och helger.",
        hours="Kvällar och helger",
    )
    return kurator


def search(text, **params):
    return service.search(SearchParams(q=text, **params))


def ids(results):
    return [(hit.kind, hit.id) for hit in results.results]


def test_json_has_the_contract_shape(directory):
    body = search_json(search("kurator"))
    assert set(body) >= {"query", "total", "results", "facets"}
    assert set(body["facets"]) == set(FACETS)
    assert body["total"] == len(body["results"]) == 3
    for hit in body["results"]:
        assert set(hit) == {"kind", "id", "title", "url", "snippet", "score"}


def test_role_at_place_puts_the_holder_first_with_an_answer(directory):
    results = search("kurator Fjällby skola")
    assert ids(results)[0] == ("person", "p2")
    assert results.answer.id == "p2"
    assert results.answer.function == "Skolkurator"


def test_folded_and_misspelt_queries_still_match(directory):
    assert ("person", "p2") in ids(search("kuratr fjallby"))
    assert ids(search("socialjoure"))[0] == ("contact_point", "socjour")


def test_protected_people_are_never_returned_or_suggested(directory):
    assert not [hit for hit in ids(search("Hemlig Person")) if hit == ("person", "p3")]
    assert not service.suggest("Hemlig")


def test_facets_count_and_filters_narrow(directory):
    results = search("kurator", kind=["person"])
    assert results.facets["kind"] == {"person": 2, "function": 1}
    assert {hit.kind for hit in results.results} == {"person"}
    narrowed = search("kurator", organisation=["norrby"])
    assert ids(narrowed) == [("person", "p1")]
    assert search("kurator", kind=["nonsense"]).total == 0


def test_snippets_mark_matches_and_escape_html(directory):
    FunctionFactory(key="x", name="Testroll", summary="<b>Akut</b> stöd vid oro")
    hit = next(hit for hit in search("oro testroll").results if hit.id == "x")
    assert hit.snippet == "&lt;b&gt;Akut&lt;/b&gt; stöd vid <mark>oro</mark>"


def test_did_you_mean_respells_unknown_words_from_the_index(directory):
    assert query.did_you_mean("kuratr på Fjällby") == "kurator på Fjällby"
    assert query.did_you_mean("kurator") is None
    nothing = search("qqqzzz")
    assert nothing.total == 0 and nothing.did_you_mean is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "!!!",
        '"*~ AND OR',
        "<script>alert(1)</script>",
        "\x00\x1f",
        "🙂" * 50,
        "a" * 2000,
    ],
)
def test_bad_input_gives_a_valid_empty_or_normal_answer(directory, text):
    body = search_json(search(text))
    assert isinstance(body["results"], list)
    assert "<script>" not in str(body["results"])
    assert isinstance(service.suggest(text), list)


def test_paging_is_bounded(directory):
    assert search("kurator", limit=1).results == search("kurator").results[:1]
    assert search("kurator", offset=1).results == search("kurator").results[1:]
    assert search("kurator", offset=10_000).results == []


def test_suggest_returns_people_functions_and_units_by_prefix(directory):
    suggestions = service.suggest("norr")
    assert {key: suggestions[0][key] for key in ("kind", "id")} == {
        "kind": "organisation",
        "id": "norrby",
    }
    assert set(suggestions[0]) == {"kind", "id", "title", "url"}
    assert service.suggest("eva")[0]["id"] == "p1"


def test_rebuild_index_counts_every_document(directory):
    expected = {doc["uid"] for doc in registry.all_documents()}
    assert {"person:p1", "person:p2", "function:kurator", "contact_point:socjour"} <= expected
    assert service.rebuild_index() == len(expected) == service.get_engine().count()
