"""Governance views outside the page tree."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.governance import ics, selectors


@require_GET
def my_meetings_ics(request):
    """Upcoming meetings of every forum the signed-in user's positions sit in."""
    forums = list(selectors.forums_for_user(request.user))
    body = ics.meetings_calendar(
        selectors.meetings_for_forums(forums), name=_("My meetings – Samverkansportalen")
    )
    return ics.calendar_response(body, filename="mina-moten.ics")
