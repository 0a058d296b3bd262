"""Creating, listing and revoking calendar addresses and API tokens on "my profile"."""

import re

import pytest
from django.test import Client

from portal.accounts.models import ApiToken, CalendarToken
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

PROFILE = "/katalog/min-profil/"


@pytest.fixture
def browser(user):
    """A signed-in browser that sends CSRF tokens as a real one does."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def post_form(browser, action: str, data: dict | None = None):
    """Submit the profile page's form with this action, CSRF token included."""
    html = browser.get(PROFILE).content.decode()
    form = html.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    return browser.post(action, {"csrfmiddlewaretoken": token, **(data or {})})


def test_the_profile_offers_both_kinds_with_csrf_protected_forms(browser):
    html = browser.get(PROFILE).content.decode()
    for action in ("/konto/kalender/", "/konto/api-nycklar/"):
        form = html.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
        assert 'name="csrfmiddlewaretoken"' in form
    assert browser.post("/konto/kalender/", {"name": "x"}).status_code == 403
    assert not CalendarToken.objects.exists()


def test_the_profile_without_a_linked_person_still_offers_tokens(browser):
    response = browser.get(PROFILE)
    assert 'action="/konto/api-nycklar/"' in response.content.decode()


def test_a_new_calendar_address_is_shown_once_and_then_listed_by_name(browser, user):
    PersonFactory(user=user)
    response = post_form(browser, "/konto/kalender/", {"name": "Outlook i telefonen"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    url = re.search(r'value="(http://testserver/kalender/[^"]+\.ics)"', html).group(1)
    assert f'href="webcal://{url.removeprefix("http://")}"' in html
    assert Client().get(url.removeprefix("http://testserver")).status_code == 200
    profile = browser.get(PROFILE).content.decode()
    assert "Outlook i telefonen" in profile
    assert url.rsplit("/", 1)[1] not in profile


@pytest.mark.usefixtures("search_index")
def test_a_new_api_token_is_shown_once_with_a_curl_example(browser, user):
    response = post_form(browser, "/konto/api-nycklar/", {"name": "Intranätet", "lifetime": "30"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    secret = re.search(r'value="(svp_[^"]+)"', html).group(1)
    assert f"Authorization: Bearer {secret}" in html.replace("&quot;", '"')
    token = ApiToken.objects.get(user=user)
    assert token.name == "Intranätet" and token.expires_at is not None
    assert (
        Client().get("/api/v1/suggest?q=a", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code
        == 200
    )
    profile = browser.get(PROFILE).content.decode()
    assert "Intranätet" in profile and secret not in profile


def test_an_api_token_may_live_until_revoked(browser, user):
    post_form(browser, "/konto/api-nycklar/", {"name": "Länge", "lifetime": "never"})
    assert ApiToken.objects.get(user=user).expires_at is None


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("/konto/kalender/", {"name": ""}),
        ("/konto/kalender/", {"name": "x" * 101}),
        ("/konto/api-nycklar/", {"name": "ok", "lifetime": "forever"}),
        ("/konto/api-nycklar/", {"name": "", "lifetime": "30"}),
    ],
)
def test_bad_input_creates_nothing_and_says_why_in_swedish(browser, action, data):
    response = post_form(browser, action, data)
    assert response.status_code == 302
    assert response["Location"] == PROFILE
    assert not CalendarToken.objects.exists() and not ApiToken.objects.exists()
    html = browser.get(PROFILE).content.decode()
    message = html.split('class="message message--error">', 1)[1].split("</li>", 1)[0]
    assert message.startswith(("Namn: ", "Giltig i: "))


def test_revoking_from_the_profile_stops_the_token(browser, user):
    html = post_form(browser, "/konto/api-nycklar/", {"name": "Gammal", "lifetime": "30"})
    secret = re.search(r'value="(svp_[^"]+)"', html.content.decode()).group(1)
    token = ApiToken.objects.get(user=user)
    response = post_form(browser, f"/konto/api-nycklar/{token.pk}/aterkalla/")
    assert response.status_code == 302
    assert "Gammal" not in browser.get(PROFILE).content.decode()
    assert (
        Client().get("/api/v1/suggest?q=a", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code
        == 401
    )


def test_revoking_a_calendar_address_from_the_profile(browser, user):
    html = post_form(browser, "/konto/kalender/", {"name": "Gammal"}).content.decode()
    path = re.search(r'value="http://testserver(/kalender/[^"]+\.ics)"', html).group(1)
    token = CalendarToken.objects.get(user=user)
    post_form(browser, f"/konto/kalender/{token.pk}/aterkalla/")
    assert Client().get(path).status_code == 404


def test_nobody_can_revoke_another_users_token(signed_in_client):
    theirs = ApiToken.objects.create(user=UserFactory(), name="Deras", token_hash="0" * 64)
    response = signed_in_client.post(f"/konto/api-nycklar/{theirs.pk}/aterkalla/", follow=True)
    assert "finns inte eller är redan återkallad" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


@pytest.mark.parametrize(
    "path",
    ["/konto/kalender/99999999999999999999999/aterkalla/", "/konto/api-nycklar/0/aterkalla/"],
)
def test_impossible_ids_are_refused_without_an_error(signed_in_client, path):
    assert signed_in_client.post(path).status_code == 302


def test_management_urls_need_sign_in_and_post(signed_in_client):
    for path in ("/konto/kalender/", "/konto/api-nycklar/"):
        response = Client().post(path, {"name": "x"})
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
        assert signed_in_client.get(path).status_code == 405
