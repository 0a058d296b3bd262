"""iCalendar feeds of meetings, built with the icalendar library."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

PRODID = "-//Samverkansportalen//Moten//SV"
DEFAULT_LENGTH = datetime.timedelta(hours=1)


def meetings_calendar(meetings, *, name: str) -> bytes:
    """A VCALENDAR with one VEVENT per meeting; with no meetings it holds only the time zone."""
    meetings = list(meetings)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(_timezone(meetings))
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    return calendar.to_ical()


def _timezone(meetings) -> Timezone:
    today = timezone.localdate()
    days = [timezone.localtime(meeting.start).date() for meeting in meetings] or [today]
    first = min(days).replace(month=1, day=1)
    last = max(days).replace(month=12, day=31)
    return Timezone.from_tzid(settings.TIME_ZONE, first_date=first, last_date=last)


def _event(meeting) -> Event:
    start = timezone.localtime(meeting.start)
    end = timezone.localtime(meeting.end) if meeting.end else start + DEFAULT_LENGTH
    forum = meeting.get_parent()
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@samverkansportalen")
    event.add("dtstamp", (meeting.last_published_at or timezone.now()).astimezone(datetime.UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"{forum.title}: {meeting.title}" if forum else meeting.title)
    if meeting.location:
        event.add("location", meeting.location)
    if url := meeting.full_url:
        event.add("url", url)
    if meeting.summary:
        event.add("description", meeting.summary)
    return event


def calendar_response(body: bytes, *, filename: str) -> HttpResponse:
    """The feed, never stored by shared caches: meetings are for signed-in staff only."""
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
