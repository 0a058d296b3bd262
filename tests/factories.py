"""Factories shared by the whole test suite; each helper area adds its own below."""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone

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


def _index_page(model_name: str):
    """The index page of a content type, created under the home page on first use."""
    from portal import models as portal_models
    from portal.services import ensure_index_page

    return ensure_index_page(model=getattr(portal_models, model_name))


class GuidelinePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Rutin {n}")
    slug = factory.Sequence(lambda n: f"rutin-{n}")
    summary = "Så gör du."
    parent = factory.LazyFunction(lambda: _index_page("GuidelineIndexPage"))

    class Meta:
        model = "portal.GuidelinePage"


class DirectivePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Direktiv {n}")
    slug = factory.Sequence(lambda n: f"direktiv-{n}")
    parent = factory.LazyFunction(lambda: _index_page("DirectiveIndexPage"))

    class Meta:
        model = "portal.DirectivePage"


class GlossaryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ordlista {n}")
    slug = factory.Sequence(lambda n: f"ordlista-{n}")
    parent = factory.LazyFunction(lambda: _index_page("GlossaryIndexPage"))

    class Meta:
        model = "portal.GlossaryPage"


def _home_page():
    from portal.services import home_page

    return home_page()


def _onboarding_index():
    from portal.models import OnboardingIndexPage

    existing = OnboardingIndexPage.objects.first()
    return existing or _home_page().add_child(
        instance=OnboardingIndexPage(title="Introduktion", slug="introduktion")
    )


class CollaborationPlanPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Samverkansplan {n}")
    slug = factory.Sequence(lambda n: f"samverkansplan-{n}")
    period_start = factory.LazyFunction(lambda: datetime.date(2024, 1, 1))
    period_end = factory.LazyFunction(lambda: datetime.date(2099, 12, 31))
    parent = factory.LazyFunction(_home_page)

    class Meta:
        model = "portal.CollaborationPlanPage"


class ActivityPlanPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Aktivitetsplan {n}")
    slug = factory.Sequence(lambda n: f"aktivitetsplan-{n}")
    year = 2026
    parent = factory.SubFactory(CollaborationPlanPageFactory)

    class Meta:
        model = "portal.ActivityPlanPage"


class ForumPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    parent = factory.LazyFunction(lambda: _index_page("ForumIndexPage"))

    class Meta:
        model = "portal.ForumPage"


class MeetingPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Möte {n}")
    slug = factory.Sequence(lambda n: f"mote-{n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    parent = factory.SubFactory(ForumPageFactory)

    class Meta:
        model = "portal.MeetingPage"


class OnboardingPathPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Introduktion {n}")
    slug = factory.Sequence(lambda n: f"introduktion-{n}")
    function = factory.SubFactory(FunctionFactory)
    parent = factory.LazyFunction(lambda: _onboarding_index())

    class Meta:
        model = "portal.OnboardingPathPage"
