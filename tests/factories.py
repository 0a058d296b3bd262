"""Factories shared by the whole test suite; each helper area adds its own below."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from directory.models import ContactPoint, Function, Organisation, Person, Position


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")
    password = factory.django.Password("pw-test-123")

    class Meta:
        model = get_user_model()


class OrganisationFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Enhet {n}")
    kind = Organisation.Kind.UNIT
    phone = "0980-319 200"

    class Meta:
        model = Organisation


class FunctionFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"function-{n}")
    name = factory.Sequence(lambda n: f"Funktion {n}")
    sector = Function.Sector.SOCIAL
    mandate = "Uppdraget beskrivs här."

    class Meta:
        model = Function


class PersonFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"p{n:05d}")
    given_name = factory.Faker("first_name", locale="sv_SE")
    family_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda person: f"{person.key}@lekeby.test")
    phone = "070-174 00 00"
    organisation = factory.SubFactory(OrganisationFactory)

    class Meta:
        model = Person


class PositionFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    function = factory.SubFactory(FunctionFactory)
    organisation = factory.SelfAttribute("person.organisation")

    class Meta:
        model = Position


class ContactPointFactory(factory.django.DjangoModelFactory):
    key = factory.Sequence(lambda n: f"cp-{n}")
    name = factory.Sequence(lambda n: f"Kontaktväg {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    phone = "0980-319 201"

    class Meta:
        model = ContactPoint


__all__ = [
    "ContactPointFactory",
    "FunctionFactory",
    "OrganisationFactory",
    "PersonFactory",
    "PositionFactory",
    "UserFactory",
    "wagtail_factories",
]
