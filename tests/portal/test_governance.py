"""Collaboration plans, activity plans, forums, meetings and decisions."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.governance import selectors
from portal.governance.pages import (
    Activity,
    Decision,
    ForumPage,
    ForumSeat,
    MeetingAttendee,
    PlanStatus,
    SeatRole,
)
from portal.governance.wagtail_hooks import warn_if_outside_plan_period
from tests.factories import (
    ActivityPlanPageFactory,
    CollaborationPlanPageFactory,
    ForumPageFactory,
    FunctionFactory,
    MeetingPageFactory,
    OrganisationFactory,
    PositionFactory,
)
from tests.portal.helpers import shown

pytestmark = pytest.mark.django_db


TODAY = timezone.localdate()
LONG_AGO = TODAY - datetime.timedelta(days=400)
YESTERDAY = TODAY - datetime.timedelta(days=1)


def publish(page):
    """Publish the page's current state and return it fresh from the database."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.mark.parametrize(
    ("end", "revision", "status"),
    [
        (TODAY + datetime.timedelta(days=365), None, PlanStatus.VALID),
        (TODAY + datetime.timedelta(days=365), TODAY, PlanStatus.DUE_FOR_REVISION),
        (YESTERDAY, None, PlanStatus.EXPIRED),
    ],
)
def test_plan_status_is_valid_due_or_expired(end, revision, status):
    plan = CollaborationPlanPageFactory(
        period_start=LONG_AGO, period_end=end, revision_date=revision
    )
    assert plan.plan_status == status


def test_plan_page_shows_status_areas_and_activity_plans(signed_in_client):
    plan = CollaborationPlanPageFactory(
        title="Samverkansplan för barns bästa",
        areas=[("area", {"name": "Elevhälsa", "description": "Stöd i skolan"})],
        success_factors=[("factor", "Kända forum med dokumenterade beslut")],
    )
    ActivityPlanPageFactory(parent=plan, title="Aktivitetsplan 2026")
    ForumPageFactory(title="Elevhälsogruppen", plan=plan, area="Elevhälsa")
    html = signed_in_client.get(plan.url).content.decode()
    assert "plan-status--valid" in html
    assert "Aktivitetsplan 2026" in html
    assert "Elevhälsogruppen" in html
    assert "Kända forum med dokumenterade beslut" in html


def test_overdue_activities_are_flagged(signed_in_client):
    activity_plan = ActivityPlanPageFactory()
    activity_plan.activities = [
        Activity(text="Försenad utbildning", status="planned", due_date=YESTERDAY),
        Activity(text="Klar utbildning", status="done", due_date=YESTERDAY),
        Activity(text="Kommande utbildning", status="ongoing", due_date=TODAY),
    ]
    activity_plan = publish(activity_plan)
    overdue = [activity.text for activity in activity_plan.activities.all() if activity.is_overdue]
    assert overdue == ["Försenad utbildning"]
    html = signed_in_client.get(activity_plan.url).content.decode()
    assert html.count("activity--overdue") == 1


def _seat_forum(*seats):
    forum = ForumPageFactory()
    forum.seats = list(seats)
    return publish(forum)


def test_member_whose_position_ended_drops_out_and_seat_shows_vacant(signed_in_client):
    position = PositionFactory(person__given_name="Greta", person__family_name="Slutad")
    forum = _seat_forum(ForumSeat(position=position, role=SeatRole.CHAIR))
    assert "Greta Slutad" in signed_in_client.get(forum.url).content.decode()

    position.end = YESTERDAY
    position.save()

    [seat] = selectors.forum_seats(forum)
    assert seat.holder.vacant and seat.holder.person is None
    html = signed_in_client.get(forum.url).content.decode()
    assert "Greta Slutad" not in html
    assert shown("Vacant") in html
    assert position.function.name in html


def test_seat_follows_the_new_holder_of_the_same_function_and_unit(signed_in_client):
    old = PositionFactory(end=YESTERDAY)
    successor = PositionFactory(function=old.function, organisation=old.organisation)
    forum = _seat_forum(ForumSeat(position=old))
    [seat] = selectors.forum_seats(forum)
    assert seat.holder.person == successor.person
    assert successor.person.full_name in signed_in_client.get(forum.url).content.decode()


def test_protected_member_shows_only_function_and_unit(signed_in_client):
    position = PositionFactory(person__given_name="Hemlig", person__protected=True)
    forum = _seat_forum(ForumSeat(position=position))
    html = signed_in_client.get(forum.url).content.decode()
    assert "Hemlig" not in html
    assert position.person.email not in html
    assert position.function.name in html
    assert position.organisation.name in html
    assert shown("Vacant") not in html


def test_attendee_whose_position_ended_stays_in_the_attendee_list(signed_in_client):
    position = PositionFactory(person__given_name="Kvarstående", person__family_name="Deltagare")
    forum = _seat_forum(ForumSeat(position=position))
    meeting = MeetingPageFactory(parent=forum, start=timezone.now() - datetime.timedelta(days=30))
    meeting.attendees = [
        MeetingAttendee(position=position),
        MeetingAttendee(guest_name="Ordförande i socialnämnden"),
    ]
    publish(meeting)
    position.end = YESTERDAY
    position.save()

    meeting_html = signed_in_client.get(meeting.url).content.decode()
    assert "Kvarstående Deltagare" in meeting_html
    assert "Ordförande i socialnämnden" in meeting_html
    assert "Kvarstående Deltagare" not in signed_in_client.get(forum.url).content.decode()


def test_decisions_are_numbered_addressable_and_unassigned_shows_not_assigned(signed_in_client):
    responsible = PositionFactory(person__given_name="Ansvarig")
    meeting = MeetingPageFactory()
    meeting.decisions = [
        Decision(text="Beslut utan ansvarig"),
        Decision(text="Beslut med ansvarig", responsible_position=responsible),
    ]
    meeting = publish(meeting)
    assert sorted(meeting.decisions.values_list("number", flat=True)) == [1, 2]
    assert "Beslut utan ansvarig" in meeting.body

    html = signed_in_client.get(meeting.url).content.decode()
    assert 'id="beslut-1"' in html and 'id="beslut-2"' in html
    assert shown("Not assigned") in html

    first = signed_in_client.get(f"{meeting.url}beslut/1/")
    assert first.status_code == 200
    assert "Beslut utan ansvarig" in first.content.decode()
    assert shown("Not assigned") in first.content.decode()
    second = signed_in_client.get(f"{meeting.url}beslut/2/").content.decode()
    assert "Ansvarig" in second and shown("Not assigned") not in second
    assert signed_in_client.get(f"{meeting.url}beslut/9/").status_code == 404


def test_forum_lists_open_decisions_across_its_meetings(signed_in_client):
    forum = ForumPageFactory()
    for title, status in (("Öppet beslut A", "open"), ("Klart beslut", "done")):
        meeting = MeetingPageFactory(parent=forum)
        meeting.decisions = [Decision(text=title, status=status)]
        publish(meeting)
    other = MeetingPageFactory(parent=MeetingPageFactory().get_parent())
    other.decisions = [Decision(text="Annat forums beslut")]
    publish(other)

    assert [decision.text for decision in selectors.open_decisions(forum)] == ["Öppet beslut A"]
    html = signed_in_client.get(forum.url).content.decode()
    assert "Öppet beslut A" in html
    assert "Klart beslut" not in html
    assert "Annat forums beslut" not in html


def _editor_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_meeting_outside_the_plan_period_warns_the_editor(signed_in_client):
    plan = CollaborationPlanPageFactory(
        period_start=datetime.date(2024, 1, 1), period_end=datetime.date(2027, 12, 31)
    )
    forum = ForumPageFactory(plan=plan)
    inside = MeetingPageFactory(
        parent=forum, start=datetime.datetime(2025, 3, 6, 8, 30, tzinfo=datetime.UTC)
    )
    outside = MeetingPageFactory(
        parent=forum, start=datetime.datetime(2028, 3, 2, 8, 30, tzinfo=datetime.UTC)
    )
    assert inside.period_warning == ""
    assert "2028-03-02" in outside.period_warning

    editor = get_user_model().objects.create_superuser("editor", password="pw-editor-123")
    request = _editor_request(editor)
    warn_if_outside_plan_period(request, outside)
    warn_if_outside_plan_period(request, inside)
    assert [str(message) for message in get_messages(request)] == [outside.period_warning]

    assert shown("Note for editors") not in signed_in_client.get(outside.url).content.decode()
    editor_client = Client()
    editor_client.force_login(editor)
    assert shown("Note for editors") in editor_client.get(outside.url).content.decode()
    assert shown("Note for editors") not in editor_client.get(inside.url).content.decode()


def test_apply_front_matter_sets_forum_fields_and_warns_about_bad_values():
    function = FunctionFactory(key="enhetschef-x")
    unit = OrganisationFactory(key="soc-x")
    position = PositionFactory(function=function, organisation=unit)
    forum = ForumPageFactory()
    warnings = forum.apply_front_matter(
        {
            "forum_kind": "styrgrupp",
            "cadence": "Minst åtta gånger per år",
            "meetings_per_year": 8,
            "purpose": "Följa upp planen",
            "members": [
                {"function": "enhetschef-x", "organisation": "soc-x", "role": "chair"},
                {"function": "finns-inte"},
            ],
            "plan": "saknas",
        }
    )
    assert {"forum_kind", "cadence", "members", "plan", "area"} <= ForumPage.front_matter_keys
    assert forum.forum_kind == "steering_group"
    assert forum.meetings_per_year == 8
    assert forum.cadence == "Minst åtta gånger per år"
    [seat] = forum.seats.all()
    assert seat.position == position and seat.role == "chair"
    assert any("finns-inte" in warning for warning in warnings)
    assert any("saknas" in warning for warning in warnings)
    assert forum.apply_front_matter({"forum_kind": "okänt", "meetings_per_year": "många"})
    assert forum.forum_kind == "steering_group"


def test_forum_page_with_no_data_renders(signed_in_client):
    forum = ForumPageFactory(title="Tomt forum")
    response = signed_in_client.get(forum.url)
    assert response.status_code == 200
    assert shown("No open decisions.") in response.content.decode()


def test_forum_and_meeting_pages_use_a_fixed_number_of_queries(signed_in_client):
    def queries(seats: int) -> tuple[int, int]:
        positions = [PositionFactory() for _ in range(seats)]
        forum = _seat_forum(*(ForumSeat(position=position) for position in positions))
        meeting = MeetingPageFactory(parent=forum)
        meeting.attendees = [MeetingAttendee(position=position) for position in positions]
        meeting.decisions = [
            Decision(text=f"Beslut {n}", responsible_position=position)
            for n, position in enumerate(positions)
        ]
        meeting = publish(meeting)
        counts = []
        for url in (forum.url, meeting.url):
            signed_in_client.get(url)
            with CaptureQueriesContext(connection) as captured:
                assert signed_in_client.get(url).status_code == 200
            counts.append(len(captured))
        return tuple(counts)

    assert queries(1) == queries(6)


def test_forum_area_must_be_an_area_of_its_plan():
    plan = CollaborationPlanPageFactory(areas=[("area", {"name": "Elevhälsa", "description": ""})])
    ForumPageFactory(plan=plan, area="Elevhälsa").full_clean()
    with pytest.raises(ValidationError):
        ForumPageFactory(plan=plan, area="Okänt område").full_clean()


# A forum page (route, seats with their holders, meetings, open decisions, user bar) reads the same
# number of rows however many seats and meetings it has.
FORUM_PAGE_QUERIES = 19


def _grow_forum(forum, n: int) -> None:
    seats = list(forum.seats.all())
    forum.seats = seats + [ForumSeat(position=PositionFactory()) for _ in range(n)]
    publish(forum)
    for index in range(n):
        meeting = MeetingPageFactory(
            parent=forum, start=timezone.now() + datetime.timedelta(days=index - n // 2)
        )
        meeting.decisions = [Decision(text=f"Beslut {index}")]
        publish(meeting)


def test_forum_page_uses_a_fixed_number_of_queries(signed_in_client):
    forum = ForumPageFactory()
    _grow_forum(forum, 2)
    signed_in_client.get(forum.url)
    with CaptureQueriesContext(connection) as small:
        assert signed_in_client.get(forum.url).status_code == 200
    _grow_forum(forum, 10)
    signed_in_client.get(forum.url)
    with CaptureQueriesContext(connection) as larger:
        assert signed_in_client.get(forum.url).status_code == 200
    assert len(larger) <= len(small) <= FORUM_PAGE_QUERIES, [q["sql"] for q in larger]
