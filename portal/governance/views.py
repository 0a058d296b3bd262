"""Governance views outside the page tree."""

from django.views.decorators.http import require_GET

from portal.governance import ics


@require_GET
def my_meetings_ics(request):
    """Upcoming meetings of every forum the signed-in user's positions sit in."""
    return ics.calendar_response(ics.personal_calendar(request.user), filename="mina-moten.ics")
