"""Login is required everywhere except views marked public and the exact public paths."""

import html
import re

import pytest
from django.test import Client

from tests.factories import GuidelinePageFactory, PersonFactory

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


def test_the_signed_out_admin_login_page_gets_its_scripts_and_icons_not_the_portal_login(client):
    """The admin login page loads its translations and icon sprite from /admin/ (the sprite by
    script, into the page): a redirect put the portal's login page, second sign-in form and all,
    into it, and the browser refused the translations as a script."""
    login = client.get("/admin/login/").content.decode()
    assets = {
        html.unescape(url) for url in re.findall(r'(?:src|data-icon-url)="(/admin/[^"]+)"', login)
    }
    assert any("sprite" in url for url in assets) and any("jsi18n" in url for url in assets)
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response["Content-Type"].startswith("text/html"), url
        assert "<form" not in response.content.decode(), url


def test_the_admin_shows_no_third_party_avatars(admin_client, admin_user):
    """Wagtail would show Gravatar pictures: each one tells gravatar.com an editor's e-mail hash,
    and the admin's content security policy blocks them anyway."""
    admin_user.email = "redaktor@ekesa.test"
    admin_user.save()
    page = admin_client.get("/admin/").content.decode()
    assert "gravatar" not in page
    assert "avatar" in page


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


# Content-Security-Policy: strict scripts on the site, the admin's relaxed policy only under /admin/

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.mark.parametrize(
    "path", ["/", "/katalog/", "/sok/?q=kurator", "/api/v1/docs", "/min-introduktion/"]
)
@pytest.mark.usefixtures("search_index")
def test_site_pages_get_a_strict_script_policy_and_have_no_inline_scripts(signed_in_client, path):
    GuidelinePageFactory()
    response = signed_in_client.get(path)
    assert response.status_code == 200
    assert directives(response)["script-src"] == "'self'"
    assert directives(response)["frame-ancestors"] == "'none'"
    assert not INLINE_SCRIPT.search(response.content.decode())


@pytest.mark.parametrize("path", ["/login/", "/tillganglighet/"])
def test_public_pages_get_the_strict_script_policy(client, path):
    response = client.get(path)
    assert directives(response)["script-src"] == "'self'"
    assert not INLINE_SCRIPT.search(response.content.decode())


def test_only_the_admin_gets_the_relaxed_script_policy(django_user_model):
    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("admin", password="pw-adm-1"))
    response = admin.get("/admin/")
    assert response.status_code == 200
    assert directives(response)["script-src"] == "'self' 'unsafe-inline' 'unsafe-eval'"
    assert directives(response)["frame-ancestors"] == "'none'"
    assert directives(admin.get("/"))["script-src"] == "'self'"


def test_content_and_directory_pages_have_no_inline_scripts(signed_in_client):
    guideline = GuidelinePageFactory()
    person = PersonFactory()
    for path in (guideline.url, person.get_absolute_url(), guideline.get_parent().url):
        response = signed_in_client.get(path)
        assert response.status_code == 200, path
        assert directives(response)["script-src"] == "'self'", path
        assert not INLINE_SCRIPT.search(response.content.decode()), path


# Cache-Control: nothing with personal data is stored by browsers or proxies


def cache_directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.usefixtures("search_index")
def test_person_search_and_api_responses_are_private_and_not_stored(signed_in_client):
    person = PersonFactory()
    for path in (person.get_absolute_url(), "/sok/?q=kurator", "/api/v1/search?q=kurator"):
        response = signed_in_client.get(path)
        assert response.status_code == 200, path
        assert {"private", "no-store"} <= cache_directives(response), path
    vcard = signed_in_client.get(f"{person.get_absolute_url()}vcard/")
    assert {"private", "no-store"} <= cache_directives(vcard)


def test_anonymous_answers_are_not_stored_either(client):
    for path in ("/api/v1/search?q=kurator", "/katalog/", "/login/"):
        assert {"private", "no-store"} <= cache_directives(client.get(path)), path


def test_static_files_stay_cacheable(client):
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert "no-store" not in cache_directives(response)
