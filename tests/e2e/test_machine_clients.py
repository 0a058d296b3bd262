"""End-to-end: create and revoke an API token and a calendar address on "my profile" in Chromium."""

import urllib.request
from urllib.error import HTTPError

import pytest
from icalendar import Calendar

from tests.e2e.test_browser import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def status_without_cookies(url: str, headers: dict | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback test server
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return response.status
    except HTTPError as error:
        return error.code


def origin(page) -> str:
    scheme, _, rest = page.url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def test_an_api_token_is_created_shown_once_used_and_revoked(signed_in_page):
    page = signed_in_page
    page.goto("/katalog/min-profil/")
    assert violations(page) == []
    page.fill("#api-token-name", "Mitt skript")
    page.click("form[action='/konto/api-nycklar/'] button[type=submit]")
    secret = page.input_value("#new-secret")
    assert secret.startswith("svp_")
    assert violations(page) == []
    search = f"{origin(page)}/api/v1/search?q=kurator"
    assert status_without_cookies(search, {"Authorization": f"Bearer {secret}"}) == 200
    page.goto("/katalog/min-profil/")
    assert secret not in page.content()
    revoke = page.locator("button:has-text('Återkalla ”Mitt skript”')")
    revoke.click()
    page.wait_for_selector(".message--success")
    assert revoke.count() == 0
    assert status_without_cookies(search, {"Authorization": f"Bearer {secret}"}) == 401


def test_a_calendar_address_is_created_and_subscribed_to(signed_in_page):
    page = signed_in_page
    page.goto("/katalog/min-profil/")
    page.fill("#calendar-token-name", "Telefonen")
    page.click("form[action='/konto/kalender/'] button[type=submit]")
    url = page.input_value("#new-secret")
    assert url.startswith(origin(page) + "/kalender/")
    with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - loopback test server
        assert Calendar.from_ical(response.read()).name == "VCALENDAR"
    page.goto("/katalog/min-profil/")
    page.click("button:has-text('Återkalla ”Telefonen”')")
    page.wait_for_selector(".message--success")
    assert status_without_cookies(url) == 404
