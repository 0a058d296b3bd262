"""Two real OpenID providers (node-oidc-provider) on loopback, shared by the whole session, and the
records machine-client tests read."""

import json

import pytest

from portal.accounts.config import provider_apps
from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)
from tests.oidc import harness

EKESA = "ekesa"
DALMARK = "dalmark"


def person(email: str, given_name: str, family_name: str, verified: bool = True) -> dict:
    claims = {"email": email, "email_verified": verified}
    claims.update(
        given_name=given_name, family_name=family_name, name=f"{given_name} {family_name}"
    )
    return {"claims": claims}


def attack(login: str, **id_token) -> dict:
    """An account whose ID token the provider alters (see tests/oidc/provider.mjs)."""
    return {**person(f"{login}@ekesa.test", "Mallory", login.title()), "id_token": id_token}


EKESA_ACCOUNTS = {
    "anna-sub": person("anna.andersson@ekesa.test", "Anna", "Andersson"),
    "bo-sub": person("bo.berg@ekesa.test", "Bo", "Berg"),
    "cilla-sub": person("cilla.carlsson@ekesa.test", "Cilla", "Carlsson"),
    "impostor-sub": person("ANNA.Andersson@Ekesa.TEST", "Anna", "Andersson"),
    "unverified-sub": person("ulla.ung@ekesa.test", "Ulla", "Ung", verified=False),
    "outsider-sub": person("eve@elsewhere.test", "Eve", "Extern"),
    "admin-sub": person("admin@ekesa.test", "Ada", "Admin"),
    "staff-sub": person("redaktor@ekesa.test", "Rut", "Redaktör"),
    "no-email-sub": {"claims": {"given_name": "Nils", "family_name": "Namnlös"}},
    "wrong-aud": attack("wrong-aud", claims={"aud": "someone-else"}),
    "wrong-iss": attack("wrong-iss", claims={"iss": "http://127.0.0.1:9/evil"}),
    "expired": attack("expired", claims={"exp": -600, "iat": -1200}),
    "alg-none": attack("alg-none", alg="none"),
    "hs256": attack("hs256", alg="HS256"),
    "wrong-nonce": attack("wrong-nonce", claims={"nonce": "not-the-one-we-sent"}),
    "no-nonce": attack("no-nonce", claims={"nonce": None}),
    "two-audiences": attack("two-audiences", claims={"aud": ["__client__", "other-client"]}),
    "slow": attack("slow", delay_ms=4000),
}
DALMARK_ACCOUNTS = {
    "dora-sub": person("dora.dahl@dalmark.test", "Dora", "Dahl"),
    # the same `sub` as Anna's at Ekeså, claiming her e-mail address
    "anna-sub": person("anna.andersson@ekesa.test", "Anna", "Andersson"),
}


@pytest.fixture(scope="session")
def oidc_providers(live_server, tmp_path_factory):
    """Ekeså kommun and Region Dalmark, each its own issuer, client and accounts."""
    directory = tmp_path_factory.mktemp("oidc")
    ekesa_accounts = json.loads(json.dumps(EKESA_ACCOUNTS).replace("__client__", f"portal-{EKESA}"))
    providers = {}
    try:
        providers[EKESA] = harness.start(
            directory=directory,
            provider_id=EKESA,
            name="Ekeså kommun",
            email_domains=["ekesa.test"],
            accounts=ekesa_accounts,
            portal_urls=[live_server.url],
        )
        providers[DALMARK] = harness.start(
            directory=directory,
            provider_id=DALMARK,
            name="Region Dalmark",
            email_domains=["dalmark.test"],
            accounts=DALMARK_ACCOUNTS,
            portal_urls=[live_server.url],
        )
        yield providers
    finally:
        for provider in providers.values():
            provider.stop()


def configure(settings, entries: list[dict]) -> None:
    """Configure the portal as OIDC_PROVIDERS would, through the same parser."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": provider_apps(json.dumps(entries)),
        }
    }


@pytest.fixture
def sso(settings, oidc_providers, live_server):
    """The portal configured with both providers and a short timeout; a fresh browser."""
    configure(settings, [provider.entry() for provider in oidc_providers.values()])
    settings.SOCIALACCOUNT_REQUESTS_TIMEOUT = 2
    return harness.PortalBrowser(live_server.url)


PROTECTED = {"given_name": "Hemlig", "family_name": "Skyddadsson", "email": "hemlig@x.test"}


@pytest.fixture
def world():
    """One of each record the API serves under known ids, and a protected person (p2)."""
    kommun = OrganisationFactory(key="lek", name="Lekeby kommun", kind="municipality")
    kurator = FunctionFactory(key="kurator", name="Skolkurator")
    ContactPointFactory(key="socjour", name="Socialjouren", organisation=kommun)
    visible = PersonFactory(
        key="p1", given_name="Camilla", family_name="Wallin", organisation=kommun
    )
    hidden = PersonFactory(key="p2", protected=True, organisation=kommun, **PROTECTED)
    PositionFactory(person=visible, function=kurator)
    PositionFactory(person=hidden, function=kurator)


def assert_no_protected_person(text: str) -> None:
    for value in (*PROTECTED.values(), "p2"):
        assert value not in text
