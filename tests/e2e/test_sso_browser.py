"""End-to-end SSO in Chromium: sign in through provider A and provider B, log out of both."""

import json

import pytest

from directory.models import Organisation
from portal.accounts.config import provider_apps
from portal.settings import SOCIALACCOUNT_PROVIDERS
from tests.factories import PersonFactory
from tests.oidc import harness

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ACCOUNTS = {
    "ekesa": {
        "arvid-sub": {
            "claims": {
                "email": "arvid.engstrom@ekesa.test",
                "email_verified": True,
                "given_name": "Arvid",
                "family_name": "Engström",
            }
        }
    },
    "dalmark": {
        "dora-sub": {
            "claims": {
                "email": "dora.dahl@dalmark.test",
                "email_verified": True,
                "given_name": "Dora",
                "family_name": "Dahl",
            }
        }
    },
}
NAMES = {"ekesa": "Ekeså kommun", "dalmark": "Region Dalmark"}


# A module-scoped fixture over `site` makes the test thread open a second in-memory SQLite
# connection that waits on the live server's open transaction ("table is locked"); starting the two
# providers per test costs under a second.
@pytest.fixture
def providers(site, tmp_path):
    """Two providers whose clients return to this module's live server."""
    started = []
    try:
        for provider_id, domain in (("ekesa", "ekesa.test"), ("dalmark", "dalmark.test")):
            started.append(
                harness.start(
                    directory=tmp_path,
                    provider_id=provider_id,
                    name=NAMES[provider_id],
                    email_domains=[domain],
                    accounts=ACCOUNTS[provider_id],
                    portal_urls=[site.url],
                )
            )
        yield started
    finally:
        for provider in started:
            provider.stop()


def sign_in_with(page, provider_id: str, login: str) -> None:
    page.goto("/login/")
    page.get_by_role("button", name=f"Logga in med {NAMES[provider_id]}").click()
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", harness.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url and "/interaction/" not in url)


@pytest.mark.parametrize(
    ("provider_id", "login", "name", "organisation"),
    [
        ("ekesa", "arvid-sub", "Arvid Engström", "Mottagningsenheten barn och unga"),
        ("dalmark", "dora-sub", "Dora Dahl", "Region Dalmark"),
    ],
)
def test_sign_in_through_a_provider_then_log_out_of_portal_and_provider(
    page, providers, settings, provider_id, login, name, organisation
):
    apps = provider_apps(json.dumps([provider.entry() for provider in providers]))
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {**SOCIALACCOUNT_PROVIDERS["openid_connect"], "APPS": apps}
    }
    PersonFactory(
        given_name="Dora",
        family_name="Dahl",
        email="dora.dahl@dalmark.test",
        organisation=Organisation.objects.get(key="dal"),
    )
    sign_in_with(page, provider_id, login)
    page.goto("/katalog/min-profil/")
    profile = page.locator("main").inner_text()
    assert name in profile and organisation in profile
    page.get_by_role("button", name="Logga ut").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url("**/login/")
    assert page.get_by_role("button", name=f"Logga in med {NAMES[provider_id]}").is_visible()
    page.goto("/katalog/min-profil/")
    assert "/login/" in page.url
    page.get_by_role("button", name=f"Logga in med {NAMES[provider_id]}").click()
    page.locator("input[name=login]").wait_for(state="visible")
