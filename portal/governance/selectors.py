"""Reads for plans, forums, meetings and decisions; people are shown only when visible."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from directory.models import Function, Organisation, Person, Position
from directory.selectors import person_for_user, visible_person
from portal.governance.pages import (
    ActivityPlanPage,
    CollaborationPlanPage,
    Decision,
    DecisionStatus,
    ForumPage,
    MeetingPage,
    SeatRole,
)

POSITION_RELATED = ("person", "function", "organisation")


@dataclass(frozen=True)
class Holder:
    """Who fills a seat or a responsibility: a visible person, or only function and unit."""

    person: Person | None
    function: Function | None
    organisation: Organisation | None
    vacant: bool = False
    ended: bool = False


@dataclass(frozen=True)
class Seat:
    """A forum seat as readers see it."""

    role: str
    role_label: str
    holder: Holder


@dataclass(frozen=True)
class Attendee:
    """A meeting attendee: a holder, or a guest by name."""

    holder: Holder | None
    guest_name: str = ""
    guest_organisation: str = ""


def _holder_of(position: Position) -> Holder:
    return Holder(
        person=visible_person(position.person),
        function=position.function,
        organisation=position.organisation,
        ended=not position.is_current,
    )


def activity_plans(plan: CollaborationPlanPage):
    return ActivityPlanPage.objects.child_of(plan).live().order_by("year")


def plan_activities(activity_plan: ActivityPlanPage):
    return activity_plan.activities.select_related("owner_function", "owner_forum")


def forums_by_area(plan: CollaborationPlanPage) -> list[tuple[str, list[ForumPage]]]:
    """The plan's forums grouped by area, in the plan's area order; forums without area first."""
    grouped: dict[str, list[ForumPage]] = defaultdict(list)
    for forum in ForumPage.objects.live().filter(plan=plan).order_by("title"):
        grouped[forum.area].append(forum)
    order = ["", *plan.area_names]
    order += sorted(area for area in grouped if area not in order)
    return [(area, grouped[area]) for area in order if grouped.get(area)]


def forum_seats(forum: ForumPage) -> list[Seat]:
    """Seats with their current holders; an ended or retired holder is replaced or shown vacant."""
    seats = list(
        forum.seats.select_related(
            "function", "organisation", *(f"position__{name}" for name in POSITION_RELATED)
        )
    )
    function_ids = {_seat_function(seat).pk for seat in seats if _seat_function(seat)}
    current = defaultdict(list)
    for position in (
        Position.objects.current()
        .filter(function_id__in=function_ids)
        .select_related(*POSITION_RELATED)
    ):
        current[position.function_id].append(position)
    return [
        Seat(
            role=seat.role,
            role_label=SeatRole(seat.role).label,
            holder=_seat_holder(seat, current[getattr(_seat_function(seat), "pk", None)]),
        )
        for seat in seats
    ]


def _seat_function(seat) -> Function | None:
    return seat.function or (seat.position.function if seat.position else None)


def _seat_holder(seat, current_positions: list[Position]) -> Holder:
    position = seat.position
    if position is not None and position.is_current and position.person.retired_at is None:
        return _holder_of(position)
    organisation = seat.organisation or (position.organisation if position else None)
    candidates = [
        candidate
        for candidate in current_positions
        if organisation is None or candidate.organisation_id == organisation.pk
    ]
    if len(candidates) == 1:
        return _holder_of(candidates[0])
    return Holder(
        person=None,
        function=_seat_function(seat),
        organisation=organisation,
        vacant=position is not None or not candidates,
    )


def upcoming_meetings(forum: ForumPage, now: datetime.datetime | None = None):
    now = now or timezone.now()
    return (
        MeetingPage.objects.child_of(forum)
        .live()
        .filter(Q(start__gte=now) | Q(end__gte=now))
        .order_by("start")
    )


def past_meetings(forum: ForumPage, now: datetime.datetime | None = None):
    now = now or timezone.now()
    return (
        MeetingPage.objects.child_of(forum)
        .live()
        .filter(start__lt=now)
        .exclude(end__gte=now)
        .order_by("-start")
    )


def meeting_attendees(meeting: MeetingPage) -> list[Attendee]:
    """Attendees as recorded; an attendee whose position has ended stays in the list."""
    attendees = []
    for attendee in meeting.attendees.select_related(
        "function", "organisation", *(f"position__{name}" for name in POSITION_RELATED)
    ):
        if attendee.position is not None:
            holder = _holder_of(attendee.position)
        elif attendee.function_id is not None:
            holder = Holder(
                person=None, function=attendee.function, organisation=attendee.organisation
            )
        else:
            holder = None
        if holder is None and not attendee.guest_name:
            continue
        attendees.append(
            Attendee(
                holder=holder,
                guest_name=attendee.guest_name,
                guest_organisation=attendee.guest_organisation,
            )
        )
    return attendees


def _with_responsible(decisions) -> list[Decision]:
    for decision in decisions:
        if decision.responsible_position is not None:
            decision.responsible = _holder_of(decision.responsible_position)
        elif decision.responsible_function is not None:
            decision.responsible = Holder(
                person=None, function=decision.responsible_function, organisation=None
            )
        else:
            decision.responsible = None
    return list(decisions)


def _decisions():
    return Decision.objects.select_related(
        "responsible_function", *(f"responsible_position__{name}" for name in POSITION_RELATED)
    )


def meeting_decisions(meeting: MeetingPage) -> list[Decision]:
    """The meeting's decisions in number order, each with a resolved `responsible`."""
    decisions = _with_responsible(_decisions().filter(meeting=meeting).order_by("number"))
    for decision in decisions:
        decision.meeting = meeting
    return decisions


def open_decisions(forum: ForumPage) -> list[Decision]:
    """Open decisions across the forum's published meetings, oldest first."""
    meetings = MeetingPage.objects.child_of(forum).live()
    return _with_responsible(
        _decisions()
        .filter(meeting__in=meetings, status=DecisionStatus.OPEN)
        .select_related("meeting")
        .order_by("meeting__start", "number")
    )


def forums_for_user(user):
    """Live forums with a seat held through one of the user's current positions."""
    person = person_for_user(user=user)
    if person is None:
        return ForumPage.objects.none()
    positions = list(person.positions.current())
    if not positions:
        return ForumPage.objects.none()
    match = Q(seats__position__in=positions)
    for position in positions:
        match |= Q(seats__position__isnull=True, seats__function_id=position.function_id) & (
            Q(seats__organisation_id=position.organisation_id) | Q(seats__organisation__isnull=True)
        )
    return ForumPage.objects.live().filter(match).distinct().order_by("title")


def meetings_for_forums(forums, now: datetime.datetime | None = None):
    """Upcoming live meetings of the given forums."""
    now = now or timezone.now()
    in_forums = Q(pk__in=[])
    for forum in forums:
        in_forums |= Q(path__startswith=forum.path, depth=forum.depth + 1)
    return (
        MeetingPage.objects.live()
        .filter(in_forums)
        .filter(Q(start__gte=now) | Q(end__gte=now))
        .order_by("start")
    )
