"""Exact totals and facets: filters are applied by the engine, never after its candidate cut-off."""

import pytest
from django.db import transaction

from search import indexing, query, service
from search.params import SearchParams
from tests.factories import FunctionFactory, OrganisationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db

NORRBY_PEOPLE = 100
FJALLBY_PEOPLE = 60
PEOPLE = NORRBY_PEOPLE + FJALLBY_PEOPLE


@pytest.fixture(scope="module")
def kuratorer(django_db_setup, django_db_blocker):
    """160 kuratorer in two schools of Lekeby, indexed in one batch; plus the function itself.

    Built once for the module (the tests only read) and rolled back after it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with indexing.batch():
            kommun = OrganisationFactory(key="lek", name="Lekeby kommun")
            schools = {
                "norrby": OrganisationFactory(key="norrby", name="Norrbyskolan", parent=kommun),
                "fjallby": OrganisationFactory(key="fjallby", name="Fjällby skola", parent=kommun),
            }
            kurator = FunctionFactory(key="kurator", name="Skolkurator", synonyms=["kurator"])
            for school, count in (("norrby", NORRBY_PEOPLE), ("fjallby", FJALLBY_PEOPLE)):
                for _ in range(count):
                    person = PersonFactory(organisation=schools[school])
                    PositionFactory(person=person, function=kurator, organisation=schools[school])
        yield
        transaction.set_rollback(True)


def search(**params):
    return service.search(SearchParams(q="kurator", **params))


def test_the_total_counts_every_match_beyond_the_candidates(kuratorer):
    everything = search()

    assert everything.total == PEOPLE + 1
    assert everything.facets["kind"] == {"person": PEOPLE, "function": 1}
    assert everything.facets["organisation"] == {
        "lek": PEOPLE,
        "norrby": NORRBY_PEOPLE,
        "fjallby": FJALLBY_PEOPLE,
    }


def test_organisation_and_kind_filters_give_exact_totals(kuratorer):
    assert search(kind=["person"]).total == PEOPLE
    assert search(kind=["function"]).total == 1
    assert search(organisation=["norrby"]).total == NORRBY_PEOPLE
    assert search(organisation=["norrby", "fjallby"]).total == PEOPLE
    assert search(organisation=["fjallby"], kind=["person"]).total == FJALLBY_PEOPLE
    assert search(organisation=["fjallby"], kind=["function"]).total == 0


def test_facet_counts_are_exact_and_disjunctive(kuratorer):
    results = search(organisation=["norrby"], kind=["person"])

    assert results.facets["kind"] == {"person": NORRBY_PEOPLE}
    assert results.facets["organisation"] == {
        "lek": PEOPLE,
        "norrby": NORRBY_PEOPLE,
        "fjallby": FJALLBY_PEOPLE,
    }
    assert results.facets["function"] == {"kurator": NORRBY_PEOPLE}
    assert {result.kind for result in results.results} == {"person"}


def test_the_candidate_cut_off_never_changes_the_total(kuratorer, monkeypatch):
    wide = [search().total, search(organisation=["fjallby"]).total]
    monkeypatch.setattr(query, "CANDIDATES", 7)

    narrow = search()

    assert [narrow.total, search(organisation=["fjallby"]).total] == wide
    assert narrow.facets["kind"] == {"person": PEOPLE, "function": 1}


def test_pages_beyond_the_candidates_are_filled(kuratorer):
    last = search(offset=PEOPLE - 5, limit=10)

    assert last.total == PEOPLE + 1
    assert len(last.results) == 6
