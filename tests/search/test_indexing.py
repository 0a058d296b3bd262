"""Index freshness: saves, deletes, protection, batches and publishing show in search at once."""

import pytest
from django.utils import timezone

from search import indexing, service
from search.params import SearchParams
from tests.factories import FunctionFactory, OrganisationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


def found(query):
    return {(hit.kind, hit.id) for hit in service.search(SearchParams(q=query, limit=50)).results}


def first(query):
    results = service.search(SearchParams(q=query)).results
    return (results[0].kind, results[0].id) if results else None


def test_a_new_position_makes_its_person_findable_by_role_and_place():
    school = OrganisationFactory(name="Ekhagaskolan", key="ekhaga")
    function = FunctionFactory(name="Skolpsykolog", key="psykolog")
    person = PersonFactory(key="p9", organisation=school)
    assert first("skolpsykolog ekhagaskolan") != ("person", "p9")
    PositionFactory(person=person, function=function, organisation=school)
    assert first("skolpsykolog ekhagaskolan") == ("person", "p9")


def test_protecting_retiring_or_deleting_a_person_removes_them():
    people = PersonFactory.create_batch(3, family_name="Zetterqvist")
    assert len([hit for hit in found("Zetterqvist") if hit[0] == "person"]) == 3
    people[0].protected = True
    people[0].save()
    people[1].retired_at = timezone.now()
    people[1].save()
    people[2].delete()
    assert not [hit for hit in found("Zetterqvist") if hit[0] == "person"]


def test_renaming_an_organisation_reindexes_its_people():
    unit = OrganisationFactory(name="Gamla enheten")
    person = PersonFactory(organisation=unit)
    PositionFactory(person=person, organisation=unit)
    unit.name = "Solrosgården"
    unit.save()
    assert ("person", person.key) in found("Solrosgården")


def test_batch_defers_indexing_until_the_block_ends():
    with indexing.batch():
        FunctionFactory(name="Ungdomsutredare", key="uu")
        assert ("function", "uu") not in found("ungdomsutredare")
    assert ("function", "uu") in found("ungdomsutredare")


def test_publishing_and_unpublishing_a_page_updates_the_index():
    from wagtail.models import Page

    from portal.pages.content import GuidelineIndexPage, GuidelinePage

    root = Page.get_first_root_node()
    index = root.add_child(instance=GuidelineIndexPage(title="Rutiner", slug="rutiner-test"))
    page = GuidelinePage(title="Rutin om hedersförtryck", slug="heder", summary="Kort.", live=False)
    index.add_child(instance=page)
    assert ("guideline", "heder") not in found("hedersförtryck")
    page.save_revision().publish()
    assert ("guideline", "heder") in found("hedersförtryck")
    page.refresh_from_db()
    page.unpublish()
    assert ("guideline", "heder") not in found("hedersförtryck")
