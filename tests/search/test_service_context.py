"""service.search hands the searcher's context to the engine: it reorders, it never filters."""

import pytest

from search import service
from search.context import SearchContext
from search.params import SearchParams
from tests.factories import FunctionFactory, OrganisationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_kuratorer():
    kurator = FunctionFactory(key="kurator", name="Skolkurator", synonyms=["kurator"])
    for municipality, school, person in (
        ("lek", "norrby", "p-lek"),
        ("ovik", "ovik-skola", "p-ovik"),
    ):
        body = OrganisationFactory(key=municipality, name=f"{municipality.title()} kommun")
        unit = OrganisationFactory(key=school, name=f"Skola {school}", parent=body)
        holder = PersonFactory(key=person, given_name="Kim", family_name="Berg", organisation=unit)
        PositionFactory(person=holder, function=kurator, organisation=unit)


def people(context):
    results = service.search(SearchParams(q="kurator", kind=["person"]), context=context)
    return [result.id for result in results.results], results.total


def test_the_searchers_own_body_ranks_first_and_the_total_stays(two_kuratorer):
    assert people(SearchContext(bodies=("lek",))) == (["p-lek", "p-ovik"], 2)
    assert people(SearchContext(bodies=("ovik",))) == (["p-ovik", "p-lek"], 2)
    assert people(SearchContext(units=("ovik-skola",), bodies=("lek",)))[0][0] == "p-ovik"
    assert people(None)[1] == people(SearchContext())[1] == 2
