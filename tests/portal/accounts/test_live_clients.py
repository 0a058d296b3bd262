"""Machine clients against a live server: a calendar app and an API client with no cookies."""

import json
import urllib.request
from urllib.error import HTTPError

import pytest
import vobject
from icalendar import Calendar
from wagtail.models import Locale, Page, Site

from portal.accounts import services
from portal.governance.pages import ForumSeat
from portal.models import HomePage
from portal.services import home_page
from tests.factories import (
    ForumPageFactory,
    MeetingPageFactory,
    PersonFactory,
    PositionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def restore_page_tree() -> None:
    """Put back the Wagtail root, home page and site that an earlier transactional test flushed."""
    if home_page() is not None:
        return
    locale = Locale.objects.first() or Locale.objects.create(language_code="sv")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(instance=HomePage(title="Samverkansportalen", slug="home", locale=locale))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )


def fetch(url: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """GET with the standard library's client: no cookie jar, no session, no test client."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback test server
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_a_calendar_app_subscribes_with_the_secret_url(live_server):
    restore_page_tree()
    user = UserFactory()
    position = PositionFactory(person=PersonFactory(user=user))
    forum = ForumPageFactory(title="Styrgruppen")
    forum.seats = [ForumSeat(position=position)]
    forum.save_revision().publish()
    MeetingPageFactory(parent=forum, title="Vårmöte", location="Stadshuset")
    token, secret = services.create_calendar_token(user=user, name="Telefonen")
    url = f"{live_server.url}/kalender/{secret}.ics"

    status, headers, body = fetch(url)
    assert status == 200
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert headers["Cache-Control"] == "private, no-store"
    assert "Set-Cookie" not in headers
    [event] = Calendar.from_ical(body).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Styrgruppen: Vårmöte"
    parsed = vobject.readOne(body.decode())
    assert parsed.vevent.summary.value == "Styrgruppen: Vårmöte"
    assert parsed.vevent.location.value == "Stadshuset"

    services.revoke_calendar_token(user=user, token_id=token.pk)
    assert fetch(url)[0] == 404


def test_an_api_client_reads_with_a_bearer_token(live_server):
    user = UserFactory()
    PersonFactory(key="p1", given_name="Camilla", family_name="Wallin")
    token, secret = services.create_api_token(user=user, name="Skript", lifetime=None)
    url = f"{live_server.url}/api/v1/people/p1"

    status, headers, body = fetch(url, {"Authorization": f"Bearer {secret}"})
    assert status == 200
    assert json.loads(body)["name"] == "Camilla Wallin"
    assert "Set-Cookie" not in headers

    status, headers, body = fetch(url)
    assert status == 401
    assert headers["WWW-Authenticate"] == 'Bearer realm="api"'

    services.revoke_api_token(user=user, token_id=token.pk)
    status, headers, body = fetch(url, {"Authorization": f"Bearer {secret}"})
    assert status == 401
    assert headers["WWW-Authenticate"].startswith('Bearer realm="api", error="invalid_token"')
    assert json.loads(body) == {"detail": "The API token is revoked, expired or unknown."}
