"""Fixtures for machine-client tests."""

import pytest

from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

PROTECTED = {"given_name": "Hemlig", "family_name": "Skyddadsson", "email": "hemlig@x.test"}


@pytest.fixture
def world():
    """One of each record the API serves under known ids, and a protected person (p2)."""
    kommun = OrganisationFactory(key="lek", name="Lekeby kommun", kind="municipality")
    kurator = FunctionFactory(key="kurator", name="Skolkurator")
    ContactPointFactory(key="socjour", name="Socialjouren", organisation=kommun)
    visible = PersonFactory(
        key="p1", given_name="Camilla", family_name="Wallin", organisation=kommun
    )
    hidden = PersonFactory(key="p2", protected=True, organisation=kommun, **PROTECTED)
    PositionFactory(person=visible, function=kurator)
    PositionFactory(person=hidden, function=kurator)


def assert_no_protected_person(text: str) -> None:
    for value in (*PROTECTED.values(), "p2"):
        assert value not in text
