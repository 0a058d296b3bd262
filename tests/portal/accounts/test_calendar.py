"""The secret calendar URL: the owner's meetings without a session, 404 for anything else."""

import logging

import pytest
import vobject
from django.test import Client
from icalendar import Calendar

from portal.accounts import services
from portal.governance.pages import ForumSeat
from tests.factories import (
    ForumPageFactory,
    MeetingPageFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    """A user whose position holds a seat in a forum with one upcoming meeting."""
    user = UserFactory()
    position = PositionFactory(person=PersonFactory(user=user))
    forum = ForumPageFactory(title="Styrgruppen")
    forum.seats = [ForumSeat(position=position)]
    forum.save_revision().publish()
    MeetingPageFactory(parent=forum, title="Höstmöte", location="Kommunhuset")
    MeetingPageFactory(parent=ForumPageFactory(title="Annat forum"), title="Inte mitt")
    return user


def calendar_url(user) -> tuple[str, str]:
    _token, secret = services.create_calendar_token(user=user, name="Telefonen")
    return f"/kalender/{secret}.ics", secret


def test_the_secret_url_serves_the_owners_meetings_without_a_session(owner):
    url, _secret = calendar_url(owner)
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    calendar = Calendar.from_ical(response.content)
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Styrgruppen: Höstmöte"]
    parsed = vobject.readOne(response.content.decode())
    assert [event.summary.value for event in parsed.vevent_list] == ["Styrgruppen: Höstmöte"]
    assert parsed.vevent.location.value == "Kommunhuset"


def test_the_secret_url_serves_the_same_feed_as_my_meetings(owner):
    url, _secret = calendar_url(owner)
    client = Client()
    client.force_login(owner)
    by_session = Calendar.from_ical(client.get("/mina-moten.ics").content)
    by_secret = Calendar.from_ical(Client().get(url).content)
    assert _without_stamps(by_secret) == _without_stamps(by_session)


def _without_stamps(calendar: Calendar) -> bytes:
    """The feed without DTSTAMP: an unpublished meeting is stamped with the second it is served."""
    for event in calendar.walk("VEVENT"):
        event.pop("DTSTAMP")
    return calendar.to_ical()


def test_the_feed_follows_the_token_not_the_session(owner):
    url, _secret = calendar_url(owner)
    client = Client()
    client.force_login(UserFactory())
    calendar = Calendar.from_ical(client.get(url).content)
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Styrgruppen: Höstmöte"]


def test_an_owner_without_a_directory_person_gets_a_valid_empty_calendar():
    url, _secret = calendar_url(UserFactory())
    response = Client().get(url)
    assert response.status_code == 200
    assert Calendar.from_ical(response.content).walk("VEVENT") == []
    assert vobject.readOne(response.content.decode()).name == "VCALENDAR"


def test_revoked_unknown_and_malformed_tokens_get_the_same_404(owner):
    url, _secret = calendar_url(owner)
    revoked_token, revoked_secret = services.create_calendar_token(user=owner, name="Gammal")
    services.revoke_calendar_token(user=owner, token_id=revoked_token.pk)
    answers = [
        Client().get(path)
        for path in (
            f"/kalender/{revoked_secret}.ics",
            "/kalender/" + "A" * 43 + ".ics",
            "/kalender/x.ics",
            "/kalender/%00%ff.ics",
            "/kalender/" + "a" * 3000 + ".ics",
        )
    ]
    assert {response.status_code for response in answers} == {404}
    assert len({response.content for response in answers}) == 1
    assert Client().get(url).status_code == 200


def test_a_deactivated_owners_url_gets_404(owner):
    url, _secret = calendar_url(owner)
    owner.is_active = False
    owner.save()
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_reading_is_allowed(owner, method):
    url, _secret = calendar_url(owner)
    assert getattr(Client(), method)(url).status_code == 405


def test_the_secret_never_reaches_the_request_log(owner, caplog):
    url, secret = calendar_url(owner)
    with caplog.at_level(logging.INFO):
        assert Client().post(url).status_code == 405
        assert Client().get(url.replace(secret, secret[::-1])).status_code == 404
    assert {record.name for record in caplog.records} >= {"django.request"}
    assert secret not in caplog.text
    assert secret[::-1] not in caplog.text


def test_server_access_lines_withhold_the_secret(caplog):
    secret = "Zq3" * 14
    logger = logging.getLogger("django.server")
    logger.propagate = True
    try:
        with caplog.at_level(logging.INFO, logger="django.server"):
            logger.info(
                '"%s" %s %s',
                f"GET /kalender/{secret}.ics HTTP/1.1",
                200,
                1234,
                extra={"status_code": 200},
            )
    finally:
        logger.propagate = False
    assert secret not in caplog.text
    assert "GET /kalender/[withheld] HTTP/1.1" in caplog.text
