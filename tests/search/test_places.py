"""An explicit place in the query overrides the searcher's context (SPEC §5.3)."""

import pytest

from directory.models import Organisation
from search import query
from search.context import SearchContext
from search.places import effective_context, named_places
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
Kind = Organisation.Kind
LEKEBY_WORKER = SearchContext(
    units=("lek-soc",), administrations=("lek-soc",), bodies=("lek",), municipalities=("lek",)
)


@pytest.fixture
def county():
    lek = OrganisationFactory(key="lek", name="Lekeby kommun", kind=Kind.MUNICIPALITY)
    fja = OrganisationFactory(key="fja", name="Fjällby kommun", kind=Kind.MUNICIPALITY)
    OrganisationFactory(key="lek-soc", name="Socialförvaltningen", parent=lek)
    OrganisationFactory(key="fja-soc", name="Socialförvaltningen", parent=fja)
    OrganisationFactory(key="fja-skola", name="Kvarnby skola", parent=fja)
    region = OrganisationFactory(key="reg", name="Region Bergslagen", kind=Kind.REGION)
    OrganisationFactory(key="reg-bvc-lek", name="BVC Lekeby", parent=region)
    OrganisationFactory(key="reg-bvc-fja", name="BVC Fjällby", parent=region)
    OrganisationFactory(key="barnahus", name="Barnahus Bergslagen", kind=Kind.OTHER)


def places(text: str) -> tuple[str, ...]:
    return named_places(query.analyse(text))


def test_a_word_names_a_place_when_every_organisation_so_named_serves_that_one_municipality(
    county,
):
    assert places("kurator fjällby") == ("fja",)
    assert places("FJALLBY") == ("fja",)
    assert places("bvc lekeby") == ("lek",)
    assert places("kvarnby") == ("fja",)
    assert places("lekeby fjällby") == ("lek", "fja")


def test_names_shared_by_municipalities_or_serving_everyone_name_no_place(county):
    assert places("socialförvaltningen") == ()
    assert places("bvc") == ()
    assert places("bergslagen") == ()
    assert places("region") == ()
    assert places("kurator") == ()


def test_new_organisations_are_seen_once_the_index_changes(county):
    assert places("norrby") == ()
    OrganisationFactory(
        key="fja-norrby", name="Norrby förskola", parent=Organisation.objects.get(key="fja")
    )
    assert places("norrby") == ("fja",)


def test_a_place_in_another_municipality_replaces_the_context(county):
    analysed = query.analyse("kurator fjällby")
    assert effective_context(LEKEBY_WORKER, analysed) == SearchContext(
        bodies=("fja",), municipalities=("fja",)
    )


@pytest.mark.parametrize("text", ["kurator lekeby", "kurator", "bvc", "barnahus bergslagen"])
def test_the_searchers_own_place_or_no_place_keeps_the_context(county, text):
    assert effective_context(LEKEBY_WORKER, query.analyse(text)) == LEKEBY_WORKER


def test_without_a_context_a_place_adds_none(county):
    analysed = query.analyse("kurator fjällby")
    assert effective_context(None, analysed) == SearchContext()
    assert effective_context(SearchContext(), analysed) == SearchContext()
    assert effective_context(None, analysed).boosts() == ()


def test_a_searcher_serving_everyone_is_narrowed_by_a_named_place(county):
    regional = SearchContext(units=("reg",), bodies=("reg",))
    assert effective_context(regional, query.analyse("bvc lekeby")) == SearchContext(
        bodies=("lek",), municipalities=("lek",)
    )


def test_naming_the_own_and_another_place_ranks_both_alike(county):
    assert effective_context(LEKEBY_WORKER, query.analyse("bvc lekeby fjällby")) == SearchContext(
        bodies=("lek", "fja"), municipalities=("lek", "fja")
    )
