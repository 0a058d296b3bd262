"""Reads: glossary synonyms for search, review lists, who to contact."""

from datetime import timedelta

import pytest
from django.utils import timezone

from directory import caching
from portal.models import GlossaryTerm
from portal.selectors import glossary_synonyms, pages_due_for_review, who_to_contact
from portal.services import setup_organisation_editors
from tests.factories import (
    FunctionFactory,
    GlossaryPageFactory,
    GuidelinePageFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_glossary_synonyms_map_terms_to_expansions_and_synonyms_of_live_pages_only():
    live = GlossaryPageFactory()
    GlossaryTerm.objects.create(
        page=live, term="SIP", is_abbreviation=True, expansion="Samordnad individuell plan",
        synonyms=["samordnad plan"],
    )  # fmt: skip
    GlossaryTerm.objects.create(page=live, term="Orosanmälan", synonyms=["barnavårdsanmälan"])
    GlossaryTerm.objects.create(page=live, term="Hemmasittare", expansion="ignored", synonyms=[])
    draft = GlossaryPageFactory(live=False)
    GlossaryTerm.objects.create(
        page=draft, term="BBIC", is_abbreviation=True, expansion="barns behov i centrum"
    )
    assert glossary_synonyms() == {
        "sip": ["samordnad individuell plan", "samordnad plan"],
        "orosanmälan": ["barnavårdsanmälan"],
        "hemmasittare": [],
    }


def test_pages_due_for_review_for_an_editor_are_their_organisations():
    today = timezone.localdate()
    mine, theirs = OrganisationFactory(name="A"), OrganisationFactory(name="B")
    unit = OrganisationFactory(name="A-enhet", parent=mine)
    overdue = GuidelinePageFactory(owner_organisation=unit, review_by=today - timedelta(days=1))
    soon = GuidelinePageFactory(owner_organisation=mine, review_by=today + timedelta(days=20))
    GuidelinePageFactory(owner_organisation=mine, review_by=today + timedelta(days=40))
    GuidelinePageFactory(owner_organisation=theirs, review_by=today - timedelta(days=1))
    editor = UserFactory()
    editor.groups.add(setup_organisation_editors(mine))
    assert [page.pk for page in pages_due_for_review(user=editor)] == [overdue.pk, soon.pk]


def test_who_to_contact_prefers_the_owners_units_then_any_holder_in_bounded_queries(
    django_assert_max_num_queries,
):
    owner = OrganisationFactory(name="Ö-förvaltningen")
    unit = OrganisationFactory(name="Ö-enheten", parent=owner)
    far = OrganisationFactory(name="A-kommunen")
    function = FunctionFactory()
    PositionFactory(person=PersonFactory(organisation=unit, family_name="Nära"), function=function)
    for index in range(4):
        person = PersonFactory(organisation=far, family_name=f"Fjärran {index}")
        PositionFactory(person=person, function=function)

    caching.forget_generations()  # the set-up's writes count as committed, as between requests
    # The cache generations, the organisation tree, the function's positions, the shown holders.
    with django_assert_max_num_queries(4):
        contact = who_to_contact(function=function, organisation=owner)
    # The tree and the function's positions are shared with every other page: only the holders.
    with django_assert_max_num_queries(1):
        again = who_to_contact(function=function, organisation=owner)

    names = [position.person.family_name for position in contact["holders"]]
    assert names == ["Nära", "Fjärran 0", "Fjärran 1"]
    assert [position.pk for position in again["holders"]] == [
        position.pk for position in contact["holders"]
    ]
