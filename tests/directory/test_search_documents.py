"""What the directory exposes to search: people, functions, contact points and organisations."""

import datetime

import pytest
from django.utils import timezone

from search import registry
from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


def test_person_document_carries_roles_places_and_contact_of_current_positions():
    kommun = OrganisationFactory(name="Lekeby kommun", key="lek")
    school = OrganisationFactory(name="Norrbyskolan", key="norrby", parent=kommun)
    kurator = FunctionFactory(key="kurator", name="Skolkurator", synonyms=["kurator"])
    old = FunctionFactory(key="old", name="Fritidsledare")
    person = PersonFactory(key="p1", organisation=school, given_name="Eva", family_name="Ek")
    PositionFactory(person=person, function=kurator, organisation=school, area="Fjällby skola")
    PositionFactory(
        person=person,
        function=old,
        organisation=school,
        end=timezone.localdate() - datetime.timedelta(days=1),
    )

    document = registry.document_for(person)

    assert document["uid"] == "person:p1"
    assert document["names"] == ["Eva Ek"]
    assert {"Skolkurator", "kurator"} <= set(document["roles"])
    assert "Fritidsledare" not in document["roles"]
    assert {"Fjällby skola", "Norrbyskolan", "Lekeby kommun"} <= set(document["places"])
    assert document["organisation"] == ["norrby", "lek"]
    assert document["function"] == ["kurator"]
    assert document["contact"]["phone"] == person.phone


def test_protected_and_retired_people_have_no_document():
    protected = PersonFactory(protected=True)
    retired = PersonFactory(retired_at=timezone.now())
    assert registry.document_for(protected) is None
    assert registry.document_for(retired) is None
    assert {doc["uid"] for doc in registry.all_documents()}.isdisjoint(
        {f"person:{protected.key}", f"person:{retired.key}"}
    )


def test_contact_point_and_organisation_documents_carry_contact_details():
    unit = OrganisationFactory(name="Socialjouren", opening_hours="Dygnet runt")
    point = ContactPointFactory(organisation=unit, hours="Kvällar", topics=["akut oro"])
    point_document = registry.document_for(point)
    assert point_document["contact"]["hours"] == "Kvällar"
    assert "akut oro" in point_document["keywords"]
    assert registry.document_for(unit)["contact"]["hours"] == "Dygnet runt"


def test_function_document_indexes_mandate_and_legal_basis_tokens():
    function = FunctionFactory(
        legal_basis="11 kap. 1 a § socialtjänstlagen", mandate="Gör förhandsbedömning."
    )
    document = registry.document_for(function)
    assert "sol_11_1a" in document["keywords"]
    assert "förhandsbedömning" in document["body"]


def test_a_person_summary_names_each_unit_once():
    unit = OrganisationFactory(name="Mottagningsenheten", key="mott")
    person = PersonFactory(key="p1", organisation=unit)
    for name in ("Enhetschef", "Barnets bästa-samordnare"):
        PositionFactory(
            person=person, function=FunctionFactory(name=name), organisation=unit, area=unit.name
        )
    PositionFactory(
        person=person,
        function=FunctionFactory(name="Kontaktperson"),
        organisation=unit,
        area="Kontakt för Åsenskolan",
    )

    summary = registry.document_for(person)["summary"]

    assert summary == (
        "Enhetschef, Barnets bästa-samordnare – Mottagningsenheten"
        " · Kontaktperson – Mottagningsenheten, Kontakt för Åsenskolan"
    )
