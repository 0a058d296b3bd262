"""Login is required everywhere except views marked public and the exact public paths."""

import pytest
from django.test import Client

from tests.factories import GuidelinePageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/katalog/",
        "/sok/?q=kurator",
        "/tillganglighet-x/",
        "/tillganglighetfoo/",
        "/tillganglighet/../katalog/",
        "/loginfoo/",
        "/login-x/",
        "/i18nx/",
        "/i18n/setlangx/",
        "/oidcx/",
        "/oidc/",
        "/mina-moten.ics",
        "/staticx/",
        "/static/no-such-file/",
        "/tillganglighet/rutiner/",
        "/login/rutiner/",
        "/i18n/setlang/rutiner/",
        "/admin/login/rutiner/",
    ],
)
def test_anonymous_visitors_are_sent_to_a_login_page(client, path):
    response = client.get(path)
    assert response.status_code in {302, 404}
    if response.status_code == 302:
        assert "login/?next=" in response["Location"]


@pytest.mark.parametrize("path", ["/login/", "/tillganglighet/"])
def test_the_public_pages_are_served_to_anonymous_visitors(client, path):
    assert client.get(path).status_code == 200


def test_anonymous_api_calls_get_401_json(client):
    response = client.get("/api/v1/search?q=kurator")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_configured_public_path_is_exact(client, settings):
    settings.PUBLIC_PATHS = [*settings.PUBLIC_PATHS, "/katalog/"]
    assert client.get("/katalog/").status_code == 200
    assert client.get("/katalog/organisationer/").status_code == 302


@pytest.mark.parametrize("language", ["en", "sv"])
def test_language_switch_works_with_csrf_checks_on_every_page(user, language):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    page = browser.get("/tillganglighet/")
    token = page.context["csrf_token"]
    assert f'name="csrfmiddlewaretoken" value="{token}"' in page.content.decode()
    response = browser.post(
        "/i18n/setlang/",
        {"language": language, "next": "/", "csrfmiddlewaretoken": str(token)},
    )
    assert response.status_code == 302


def test_logout_from_the_header_works_with_csrf_checks(user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    html = browser.get("/tillganglighet/").content.decode()
    form = html.split('action="/logout/"', 1)[1].split("</form>", 1)[0]
    token = form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert token
    response = browser.post("/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert browser.get("/").status_code == 302


@pytest.mark.parametrize("section_slug", ["login", "tillganglighet", "i18n", "oidc", "static"])
def test_a_page_under_a_path_that_starts_like_a_public_one_needs_login(client, section_slug):
    guideline = GuidelinePageFactory()
    index = guideline.get_parent().specific
    index.slug = section_slug
    index.save_revision().publish()
    guideline.refresh_from_db()
    assert guideline.url.startswith(f"/{section_slug}/")
    response = client.get(guideline.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
