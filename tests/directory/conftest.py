"""Fixtures for directory tests: a small world with one visible and one protected person."""

import re

import pytest
from django.db import transaction

from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

SECRET = {"given_name": "Hemlig", "family_name": "Skyddadsson", "email": "hemlig@x.test"}
SECRET_PHONE = "070-999 99 99"
RANDOM_TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"')


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    """The world, built once per module and rolled back after it (each test's changes are too)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(built_world):
    """A municipality with a social services unit (with socialjouren) and a school.

    Fresh instances for every test, so no test sees another's unsaved changes.
    """
    return {name: type(record).objects.get(pk=record.pk) for name, record in built_world.items()}


def _build_world() -> dict:
    kommun = OrganisationFactory(key="lek", name="Lekeby kommun", kind="municipality")
    soc = OrganisationFactory(key="lek-soc", name="Socialförvaltningen", parent=kommun)
    school = OrganisationFactory(key="lek-skola", name="Fjällby skola", parent=kommun)
    jouren = ContactPointFactory(key="socjour", name="Socialjouren", organisation=kommun)
    kurator = FunctionFactory(key="kurator", name="Skolkurator")
    visible = PersonFactory(
        key="p1", given_name="Camilla", family_name="Wallin", organisation=school, title="Kurator"
    )
    visible.expertise.add("NPF")
    visible.languages = ["sv", "ar"]
    visible.save()
    hidden = PersonFactory(
        key="p2", protected=True, phone=SECRET_PHONE, organisation=school, **SECRET
    )
    PositionFactory(person=visible, function=kurator, organisation=school, area="Fjällby F–6")
    PositionFactory(person=hidden, function=kurator, organisation=school, area="Fjällby 7–9")
    return {
        "kommun": kommun,
        "soc": soc,
        "school": school,
        "jouren": jouren,
        "kurator": kurator,
        "visible": visible,
        "hidden": hidden,
    }


def assert_no_secret(html: str) -> None:
    """No trace of the protected person (random CSRF tokens and nonces may contain "p2" by chance)."""
    html = RANDOM_TOKENS.sub("", html)
    for value in (*SECRET.values(), SECRET_PHONE, "p2"):
        assert value not in html
