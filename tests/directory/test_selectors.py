"""Reads for directory pages: holders listed without revealing anything about protected people."""

import pytest

from directory import selectors
from portal.selectors import who_to_contact
from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    """A unit where protected holders' family names sort between and before the visible ones."""
    school = OrganisationFactory(name="Fjällby skola")
    ContactPointFactory(organisation=school, name="Skolans expedition")
    function = FunctionFactory(name="Skolkurator")
    for given, family, protected, area in (
        ("Anna", "Alm", False, "F–3"),
        ("Aina", "Aaberg", True, "Öst"),
        ("Bo", "Bengtsson", True, "Norr"),
        ("Cecilia", "Ceder", False, "4–6"),
    ):
        person = PersonFactory(
            given_name=given, family_name=family, protected=protected, organisation=school
        )
        PositionFactory(person=person, function=function, organisation=school, area=area)
    return {"school": school, "function": function}


def listed(holders) -> list[str]:
    return [holder.person.family_name if holder.person else holder.area for holder in holders]


def test_function_holders_list_protected_rows_last_by_area_not_by_hidden_name(unit):
    page = selectors.function_holders(function=unit["function"])
    assert listed(page.object_list) == ["Alm", "Ceder", "Norr", "Öst"]


def test_organisation_holders_list_protected_rows_last_by_area_not_by_hidden_name(unit):
    page = selectors.organisation_holders(organisation=unit["school"], tree=selectors.OrgTree())
    assert listed(page.object_list) == ["Alm", "Ceder", "Norr", "Öst"]


def test_contact_box_offers_visible_holders_in_name_order(unit):
    box = who_to_contact(function=unit["function"], organisation=unit["school"])
    assert [position.person.family_name for position in box["holders"]] == ["Alm", "Ceder"]
