"""iCalendar feeds of forum meetings, parsed back with the icalendar library."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from portal.governance.pages import ForumSeat
from tests.factories import ForumPageFactory, MeetingPageFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db


def events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def test_forum_without_meetings_gives_a_valid_empty_calendar(signed_in_client):
    forum = ForumPageFactory()
    response = signed_in_client.get(f"{forum.url}ics/")
    assert events(response) == []
    assert Calendar.from_ical(response.content).walk("VTIMEZONE")


def test_forum_feed_lists_upcoming_meetings_only(signed_in_client):
    forum = ForumPageFactory(title="Styrgruppen")
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=3)
    MeetingPageFactory(
        parent=forum,
        title="Kommande möte",
        start=start,
        end=start + datetime.timedelta(hours=2),
        location="Kommunhuset",
    )
    MeetingPageFactory(
        parent=forum, title="Gammalt möte", start=start - datetime.timedelta(days=30)
    )
    [event] = events(signed_in_client.get(f"{forum.url}ics/"))
    assert str(event["SUMMARY"]) == "Styrgruppen: Kommande möte"
    assert event.decoded("DTSTART") == start
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=2)
    assert str(event["LOCATION"]) == "Kommunhuset"
    assert str(event["UID"]).startswith("meeting-")


def test_unpublished_meetings_stay_out_of_the_feed(signed_in_client):
    forum = ForumPageFactory()
    MeetingPageFactory(parent=forum, live=False)
    assert events(signed_in_client.get(f"{forum.url}ics/")) == []


def test_my_meetings_lists_the_forums_of_my_positions(client, user):
    person = PersonFactory(user=user)
    mine = PositionFactory(person=person)
    other = PositionFactory()
    seat_by_function = ForumPageFactory(title="Via funktionen")
    seat_by_function.seats = [ForumSeat(function=mine.function, organisation=mine.organisation)]
    seat_by_function.save_revision().publish()
    for position, title in ((mine, "Mitt forum"), (other, "Annat forum")):
        forum = ForumPageFactory(title=title)
        forum.seats = [ForumSeat(position=position)]
        forum.save_revision().publish()
        MeetingPageFactory(parent=forum, title="Möte")
    MeetingPageFactory(parent=seat_by_function, title="Möte")
    client.force_login(user)
    summaries = sorted(str(event["SUMMARY"]) for event in events(client.get("/mina-moten.ics")))
    assert summaries == ["Mitt forum: Möte", "Via funktionen: Möte"]


def test_my_meetings_without_a_directory_person_is_valid_and_empty(signed_in_client):
    assert events(signed_in_client.get("/mina-moten.ics")) == []


def test_calendar_feed_requires_sign_in(client):
    forum = ForumPageFactory()
    assert client.get(f"{forum.url}ics/").status_code == 302
    assert client.get("/mina-moten.ics").status_code == 302


def test_forum_feed_reads_its_meetings_only_not_the_whole_page(signed_in_client):
    forum = ForumPageFactory()
    with CaptureQueriesContext(connection) as queries:
        events(signed_in_client.get(f"{forum.url}ics/"))
    page_only_tables = ('"portal_forumseat"', '"portal_decision"')
    assert not [q["sql"] for q in queries if any(t in q["sql"] for t in page_only_tables)]
