"""Search in the searcher's context, end to end on the embedded engine (SPEC §5.3).

Two municipalities with the same role: the searcher's own holder ranks first, an explicit other
place in the query wins over the context, and `context=none` ranks the same for everyone.
"""

import pytest

from directory.models import Organisation
from search import registry, service
from search.params import SearchParams
from tests.factories import (
    FunctionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Kind = Organisation.Kind


@pytest.fixture
def county():
    """A kurator in each municipality; Lekeby's works in a district also called Fjällby."""
    lek = OrganisationFactory(key="lek", name="Lekeby kommun", kind=Kind.MUNICIPALITY)
    fja = OrganisationFactory(key="fja", name="Fjällby kommun", kind=Kind.MUNICIPALITY)
    lek_school = OrganisationFactory(key="lek-skola", name="Ekhagaskolan", parent=lek)
    fja_school = OrganisationFactory(key="fja-skola", name="Tallbackens skola", parent=fja)
    lek_soc = OrganisationFactory(key="lek-soc", name="Socialförvaltningen", parent=lek)
    kurator = FunctionFactory(key="kurator", name="Skolkurator", synonyms=["kurator"])
    ours = PersonFactory(key="zz-lek", given_name="Eva", family_name="Ek", organisation=lek_school)
    theirs = PersonFactory(
        key="aa-fja", given_name="Per", family_name="Al", organisation=fja_school
    )
    PositionFactory(person=ours, function=kurator, organisation=lek_school, area="Fjällby")
    PositionFactory(person=theirs, function=kurator, organisation=fja_school, area="Fjällby")
    searcher = UserFactory()
    PersonFactory(key="searcher", organisation=lek_soc, user=searcher)
    return searcher


def people(text: str, context) -> list[str]:
    results = service.search(SearchParams(q=text, kind=["person"]), context=context)
    return [result.id for result in results.results]


def test_the_searchers_own_municipality_ranks_first(county):
    as_lekeby = registry.context_for_user(county)
    assert people("kurator", None)[0] == "aa-fja"
    assert people("kurator", as_lekeby)[:2] == ["zz-lek", "aa-fja"]
    assert people("kurator", registry.context_for_person("searcher"))[0] == "zz-lek"


def test_an_explicit_place_elsewhere_wins_over_the_context(county):
    as_lekeby = registry.context_for_user(county)
    assert people("kurator fjällby", as_lekeby)[0] == "aa-fja"


def test_the_api_ranks_in_the_callers_context_unless_context_none(client, county):
    client.force_login(county)
    ranked = client.get("/api/v1/search", {"q": "kurator", "kind": "person"}).json()
    plain = client.get("/api/v1/search", {"q": "kurator", "kind": "person", "context": "none"})
    assert [result["id"] for result in ranked["results"]][0] == "zz-lek"
    assert [result["id"] for result in plain.json()["results"]][0] == "aa-fja"


def test_the_results_page_ranks_in_the_users_context_unless_context_none(client, county):
    client.force_login(county)
    ranked = client.get("/sok/", {"q": "kurator", "kind": "person"}).content.decode()
    plain = client.get("/sok/", {"q": "kurator", "kind": "person", "context": "none"})
    assert ranked.index("Eva Ek") < ranked.index("Per Al")
    assert plain.content.decode().index("Per Al") < plain.content.decode().index("Eva Ek")


@pytest.mark.parametrize("garbage", ["garbage", "None", "\x00", "x" * 3000])
def test_the_results_page_ignores_a_garbage_context(client, county, garbage):
    client.force_login(county)
    page = client.get("/sok/", {"q": "kurator", "kind": "person", "context": garbage})
    assert page.status_code == 200
    assert "Eva Ek" in page.content.decode()
    assert "Per Al" in page.content.decode()
