"""Governance views: the template context of plans, forums and meetings, and calendar feeds."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.governance import ics, selectors
from portal.governance.pages import ActivityPlanPage, CollaborationPlanPage, ForumPage, MeetingPage
from portal.pages.context import context_for, register_read


@context_for(CollaborationPlanPage)
def plan_page_context(page: CollaborationPlanPage, request) -> dict:
    return {
        "activity_plans": selectors.activity_plans(page),
        "forums_by_area": selectors.forums_by_area(page),
    }


@context_for(ActivityPlanPage)
def activity_plan_page_context(page: ActivityPlanPage, request) -> dict:
    return {"activities": selectors.plan_activities(page)}


@context_for(ForumPage)
def forum_page_context(page: ForumPage, request) -> dict:
    return {
        "seats": selectors.forum_seats(page),
        "upcoming_meetings": selectors.upcoming_meetings(page),
        "past_meetings": selectors.past_meetings(page),
        "open_decisions": selectors.open_decisions(page),
    }


@context_for(MeetingPage)
def meeting_page_context(page: MeetingPage, request) -> dict:
    return {
        "attendees": selectors.meeting_attendees(page),
        "decisions": selectors.meeting_decisions(page),
    }


register_read(ForumPage, "upcoming_meetings", selectors.upcoming_meetings)
register_read(MeetingPage, "decisions", selectors.meeting_decisions)


def personal_calendar(user) -> bytes:
    """Upcoming meetings of every forum the user's positions sit in."""
    forums = list(selectors.forums_for_user(user))
    return ics.meetings_calendar(
        selectors.meetings_for_forums(forums), name=_("My meetings – Samverkansportalen")
    )


@require_GET
def my_meetings_ics(request):
    """Upcoming meetings of every forum the signed-in user's positions sit in."""
    return ics.calendar_response(personal_calendar(request.user), filename="mina-moten.ics")
