"""Reads that list people: protected and retired people never appear anywhere a reader looks."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from directory import selectors
from directory.models import Position
from portal.blocks import ContactCardBlock
from portal.governance import selectors as governance
from portal.governance.admin import PositionFilterForm, position_label
from portal.models import (
    ForumPage,
    ForumSeat,
    MeetingAttendee,
    MeetingPage,
    OnboardingPathPage,
    OnboardingStep,
)
from portal.onboarding import selectors as onboarding
from portal.selectors import who_to_contact
from tests.factories import (
    ContactPointFactory,
    ForumPageFactory,
    FunctionFactory,
    MeetingPageFactory,
    OnboardingPathPageFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
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


# Every place a person can be listed or named applies the one rule: `Person.objects.visible()`.

SHOWN, PROTECTED, RETIRED = "Synlig Synligsson", "Hemlig Skyddadsson", "Avgången Pensionärsson"


@pytest.fixture
def cast():
    """One function held at one unit by a visible, a protected and a retired person."""
    body = OrganisationFactory(key="kommun", name="Lekeby kommun", kind="municipality")
    ContactPointFactory(organisation=body, name="Kommunens växel")
    unit = OrganisationFactory(key="enheten", name="Enheten", parent=body)
    function = FunctionFactory(key="kurator", name="Skolkurator")
    positions = []
    for key, name, protected, retired_at in (
        ("synlig", SHOWN, False, None),
        ("skyddad", PROTECTED, True, None),
        ("avgangen", RETIRED, False, timezone.now()),
    ):
        given, family = name.split()
        person = PersonFactory(
            key=key,
            given_name=given,
            family_name=family,
            email=f"{key}@lekeby.test",
            protected=protected,
            retired_at=retired_at,
            organisation=unit,
        )
        positions.append(PositionFactory(person=person, function=function, organisation=unit))
    return {"unit": unit, "function": function, "positions": positions}


def names(people) -> str:
    return " | ".join(person.full_name for person in people if person is not None)


def seat_and_attendees(cast) -> str:
    forum = ForumPageFactory()
    forum.seats = [ForumSeat(position=position) for position in cast["positions"]]
    forum.save_revision().publish()
    meeting = MeetingPageFactory(parent=forum)
    meeting.attendees = [MeetingAttendee(position=position) for position in cast["positions"]]
    meeting.save_revision().publish()
    seats = governance.forum_seats(ForumPage.objects.get(pk=forum.pk))
    attendees = governance.meeting_attendees(MeetingPage.objects.get(pk=meeting.pk))
    return names([seat.holder.person for seat in seats] + [row.holder.person for row in attendees])


def onboarding_steps(cast) -> str:
    path = OnboardingPathPageFactory()
    path.steps = [
        OnboardingStep(title=f"Träffa {index}", person=position.person)
        for index, position in enumerate(cast["positions"])
    ]
    path.save_revision().publish()
    progress = onboarding.path_progress(OnboardingPathPage.objects.get(pk=path.pk), AnonymousUser())
    return " | ".join(step.link_label for step in progress.steps)


def position_chooser(cast) -> str:
    found = []
    for position in cast["positions"]:
        form = PositionFilterForm({"q": position.person.family_name})
        form.is_valid()
        found += list(form.filter(Position.objects.current()))
    return " | ".join(position_label(position) for position in found)


def pages_vcards_and_api(cast, client) -> str:
    texts = [
        client.get(reverse("directory:function", args=["kurator"])).content.decode(),
        client.get(reverse("directory:organisation", args=["enheten"])).content.decode(),
        client.get("/api/v1/people").content.decode(),
        client.get("/api/v1/people", {"function": "kurator"}).content.decode(),
    ]
    for position in cast["positions"]:
        key = position.person.key
        for name in ("directory:person", "directory:person_vcard"):
            response = client.get(reverse(name, args=[key]))
            texts.append(response.content.decode() if response.status_code == 200 else "")
    return " | ".join(texts)


SURFACES = {
    "directory people": lambda cast: names(selectors.visible_people()),
    "function holders": lambda cast: names(
        holder.person for holder in selectors.function_holders(function=cast["function"])
    ),
    "organisation holders": lambda cast: names(
        holder.person
        for holder in selectors.organisation_holders(
            organisation=cast["unit"], tree=selectors.OrgTree()
        )
    ),
    "stale profiles": lambda cast: names(selectors.stale_profiles()),
    "contact box": lambda cast: names(
        position.person
        for position in who_to_contact(function=cast["function"], organisation=cast["unit"])[
            "holders"
        ]
    ),
    "contact card block": lambda cast: names(
        ContactCardBlock().to_python({"person": position.person.pk}).visible_person()
        for position in cast["positions"]
    ),
    "forum seats and meeting attendees": seat_and_attendees,
    "onboarding steps": onboarding_steps,
    "admin position chooser": position_chooser,
    "admin person chooser": lambda cast: names(
        selectors.visible_people_for(user=UserFactory(is_staff=True))
    ),
}


@pytest.mark.parametrize("surface", SURFACES)
def test_no_listing_shows_a_protected_or_retired_person(cast, surface):
    shown = SURFACES[surface](cast)
    assert SHOWN in shown
    assert PROTECTED.split()[1] not in shown and RETIRED.split()[1] not in shown


def test_no_page_vcard_or_api_answer_shows_a_protected_or_retired_person(cast, signed_in_client):
    shown = pages_vcards_and_api(cast, signed_in_client)
    assert "Synligsson" in shown
    for secret in ("Skyddadsson", "skyddad@", "Pensionärsson", "avgangen@"):
        assert secret not in shown


def test_a_protected_holder_is_replaced_by_the_nearest_contact_point(cast):
    [protected] = [
        holder
        for holder in selectors.function_holders(function=cast["function"])
        if holder.person is None
    ]
    assert protected.contact_point.name == "Kommunens växel"
    points = selectors.stand_in_contact_points(organisation_ids={cast["unit"].pk})
    assert points[cast["unit"].pk].name == "Kommunens växel"
