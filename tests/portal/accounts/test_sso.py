"""Sign-in through two real OpenID providers: linking rules, every attack refused, logout, lockout."""

import logging
import socket
import threading
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry

from directory.models import Organisation, Person
from portal.accounts.models import BodyChoice, IdentityIssuer, SignInRefusal
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.oidc import harness
from tests.portal.accounts.conftest import DALMARK, EKESA, configure

User = get_user_model()


@pytest.fixture
def anna():
    """Anna's directory person at Ekeså kommun, not yet linked to any account."""
    body = OrganisationFactory(key="eke", name="Ekeså kommun", kind=Organisation.Kind.MUNICIPALITY)
    unit = OrganisationFactory(key="eke-mott", name="Mottagningen", parent=body)
    return PersonFactory(
        given_name="Anna",
        family_name="Andersson",
        email="Anna.Andersson@ekesa.test",
        organisation=unit,
    )


def snapshot() -> tuple:
    """Everything a refused sign-in must leave untouched."""
    return (
        User.objects.count(),
        SocialAccount.objects.count(),
        EmailAddress.objects.count(),
        IdentityIssuer.objects.count(),
        BodyChoice.objects.count(),
        sorted(Person.objects.values_list("pk", "user_id")),
    )


def assert_failure_page(walk, status: int) -> None:
    assert walk.response.status_code == status, walk.response.text[:500]
    assert "Inloggningen misslyckades" in walk.response.text
    assert 'href="/login/"' in walk.response.text


def signed_in_user(browser) -> str:
    """The signed-in user's name on "my profile", or "" when the portal asks to log in."""
    response = browser.session.get(f"{browser.portal_url}/katalog/min-profil/", timeout=10)
    return "" if "/login/" in response.url else response.text


def test_a_new_user_signs_in_with_one_click_and_is_linked_to_their_person(
    sso, anna, oidc_providers, caplog
):
    walk = sso.sign_in(EKESA, "anna-sub")
    assert walk.asked_for_credentials
    assert walk.response.status_code == 200
    assert "Anna Andersson" in walk.response.text and "Mottagningen" in walk.response.text
    account = SocialAccount.objects.get(provider=EKESA, uid="anna-sub")
    assert IdentityIssuer.objects.get(account=account).issuer == oidc_providers[EKESA].issuer
    anna.refresh_from_db()
    assert anna.user == account.user
    user = account.user
    assert (user.first_name, user.last_name, user.email) == (
        "Anna",
        "Andersson",
        "anna.andersson@ekesa.test",
    )
    assert not user.has_usable_password() and not user.is_staff
    entry = ModelLogEntry.objects.get(action="accounts.sso.link")
    assert entry.data == {
        "provider": EKESA,
        "issuer": oidc_providers[EKESA].issuer,
        "person_linked": True,
        "by_hand": False,
    }
    assert "anna" not in entry.label.lower()


def test_later_sign_ins_use_issuer_and_subject_only(sso, anna):
    sso.sign_in(EKESA, "anna-sub")
    user = SocialAccount.objects.get(uid="anna-sub").user
    user.email = "changed@example.test"
    user.save()
    other = harness.PortalBrowser(sso.portal_url)
    walk = other.sign_in(EKESA, "anna-sub")
    assert walk.response.status_code == 200
    assert "Anna Andersson" in walk.response.text
    assert User.objects.count() == 1


def test_an_existing_account_with_the_verified_email_is_linked(sso, anna):
    account = UserFactory(username="anna", email="ANNA.ANDERSSON@ekesa.test")
    walk = sso.sign_in(EKESA, "anna-sub")
    assert walk.response.status_code == 200
    assert SocialAccount.objects.get(uid="anna-sub").user == account
    anna.refresh_from_db()
    assert anna.user == account


def test_a_user_without_a_person_chooses_their_body_once(sso, anna):
    region = OrganisationFactory(key="dal", name="Region Dalmark", kind=Organisation.Kind.REGION)
    walk = sso.sign_in(EKESA, "bo-sub")
    assert walk.response.status_code == 200
    assert "/konto/valj-organisation/" in walk.response.url
    assert "Region Dalmark" in walk.response.text and "Mottagningen" not in walk.response.text
    csrf = sso.csrf("/konto/valj-organisation/")
    saved = sso.session.post(
        walk.response.url,
        {"csrfmiddlewaretoken": csrf, "organisation": region.pk, "next": "/katalog/min-profil/"},
        timeout=10,
    )
    assert saved.status_code == 200 and saved.url.endswith("/katalog/min-profil/")
    assert "Region Dalmark" in saved.text
    assert BodyChoice.objects.get(user__email="bo.berg@ekesa.test").organisation == region
    again = harness.PortalBrowser(sso.portal_url).sign_in(EKESA, "bo-sub")
    assert again.response.url.endswith("/katalog/min-profil/")


def test_both_providers_sign_in_side_by_side(sso, anna):
    region = OrganisationFactory(key="dal", name="Region Dalmark", kind=Organisation.Kind.REGION)
    dora = PersonFactory(
        given_name="Dora", family_name="Dahl", email="dora.dahl@dalmark.test", organisation=region
    )
    assert sso.sign_in(EKESA, "anna-sub").response.status_code == 200
    other = harness.PortalBrowser(sso.portal_url)
    walk = other.sign_in(DALMARK, "dora-sub")
    assert walk.response.status_code == 200 and "Dora Dahl" in walk.response.text
    dora.refresh_from_db()
    assert dora.user.socialaccount_set.get().provider == DALMARK
    assert SocialAccount.objects.count() == 2


REFUSALS = [
    ("unverified-sub", SignInRefusal.Reason.UNVERIFIED_EMAIL),
    ("outsider-sub", SignInRefusal.Reason.OUTSIDE_DOMAINS),
    ("no-email-sub", SignInRefusal.Reason.MISSING_EMAIL),
]


@pytest.mark.parametrize(("login", "reason"), REFUSALS)
def test_a_first_sign_in_that_breaks_the_rules_is_refused(sso, anna, caplog, login, reason):
    before = snapshot()
    walk = sso.sign_in(EKESA, login)
    assert_failure_page(walk, 403)
    assert snapshot() == before
    refusal = SignInRefusal.objects.get()
    assert (refusal.provider, refusal.subject, refusal.reason) == (EKESA, login, reason)
    assert ModelLogEntry.objects.filter(action="accounts.sso.refuse").count() == 1
    line = next(r.getMessage() for r in caplog.records if "refused" in r.getMessage())
    assert f"reason={reason}" in line and "@" not in line and login not in line
    assert signed_in_user(sso) == ""


@pytest.mark.parametrize(
    ("login", "email", "staff", "superuser"),
    [
        ("admin-sub", "admin@ekesa.test", True, True),
        ("staff-sub", "Redaktor@ekesa.test", True, False),
    ],
)
def test_staff_and_superuser_accounts_are_never_linked(sso, login, email, staff, superuser):
    account = UserFactory(email=email, is_staff=staff, is_superuser=superuser)
    before = snapshot()
    walk = sso.sign_in(EKESA, login)
    assert_failure_page(walk, 403)
    assert "administratör" in walk.response.text
    assert snapshot() == before
    refusal = SignInRefusal.objects.get()
    assert (refusal.reason, refusal.account) == (SignInRefusal.Reason.PRIVILEGED_ACCOUNT, account)
    assert signed_in_user(sso) == ""


def test_the_same_email_with_another_sub_does_not_take_over_the_account(sso, anna):
    sso.sign_in(EKESA, "anna-sub")
    before = snapshot()
    intruder = harness.PortalBrowser(sso.portal_url)
    walk = intruder.sign_in(EKESA, "impostor-sub")
    assert_failure_page(walk, 403)
    assert snapshot() == before
    assert SignInRefusal.objects.get().reason == SignInRefusal.Reason.ALREADY_LINKED
    assert signed_in_user(intruder) == ""


def test_the_same_sub_from_the_other_provider_is_another_identity(
    sso, anna, settings, oidc_providers
):
    sso.sign_in(EKESA, "anna-sub")
    before = snapshot()
    intruder = harness.PortalBrowser(sso.portal_url)
    walk = intruder.sign_in(DALMARK, "anna-sub")
    assert_failure_page(walk, 403)
    assert SignInRefusal.objects.get().reason == SignInRefusal.Reason.OUTSIDE_DOMAINS
    configure(
        settings,
        [
            oidc_providers[EKESA].entry(),
            oidc_providers[DALMARK].entry(email_domains=["dalmark.test", "ekesa.test"]),
        ],
    )
    walk = harness.PortalBrowser(sso.portal_url).sign_in(DALMARK, "anna-sub")
    assert_failure_page(walk, 403)
    assert SignInRefusal.objects.latest("pk").reason == SignInRefusal.Reason.ALREADY_LINKED
    assert snapshot() == before
    assert signed_in_user(intruder) == ""


def test_an_identity_is_bound_to_its_issuer(sso, anna, settings, oidc_providers):
    sso.sign_in(EKESA, "anna-sub")
    IdentityIssuer.objects.update(issuer="https://idp.elsewhere.test")
    before = snapshot()
    walk = harness.PortalBrowser(sso.portal_url).sign_in(EKESA, "anna-sub")
    assert_failure_page(walk, 400)
    assert snapshot() == before


TOKEN_ATTACKS = [
    ("wrong-aud", "id_token_wrong_audience"),
    ("wrong-iss", "id_token_wrong_issuer"),
    ("expired", "id_token_expired"),
    ("alg-none", "id_token_algorithm_not_allowed"),
    ("hs256", "id_token_algorithm_not_allowed"),
    ("wrong-nonce", "id_token_wrong_nonce"),
    ("no-nonce", "id_token_wrong_nonce"),
    ("two-audiences", "id_token_wrong_azp"),
]


@pytest.mark.parametrize(("login", "reason"), TOKEN_ATTACKS)
def test_a_forged_or_stale_id_token_is_refused(sso, caplog, login, reason):
    before = snapshot()
    walk = sso.sign_in(EKESA, login)
    assert_failure_page(walk, 400)
    assert snapshot() == before
    assert not SignInRefusal.objects.exists()
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert f"SSO sign-in failed: provider={EKESA} reason={reason}" in lines
    assert not any("eyJ" in line or "@" in line for line in lines)
    assert signed_in_user(sso) == ""


def test_a_tampered_state_is_refused(sso, caplog):
    walk = sso.start_sign_in(EKESA)
    authorize = walk.urls[1]
    assert parse_qs(urlsplit(authorize).query)["code_challenge_method"] == ["S256"]
    before = snapshot()
    callback = f"{sso.portal_url}/konto/oidc/{EKESA}/login/callback/?code=abc&state=forged"
    assert_failure_page(sso.follow("GET", callback), 400)
    assert snapshot() == before
    assert any("SSO sign-in failed" in r.getMessage() for r in caplog.records)


def test_a_replayed_code_is_refused(sso, anna):
    first = sso.sign_in(EKESA, "anna-sub")
    code = parse_qs(urlsplit(first.callback_url).query)["code"][0]
    replay = harness.PortalBrowser(sso.portal_url)
    assert_failure_page(replay.follow("GET", first.callback_url), 400)
    fresh = replay.start_sign_in(EKESA)
    state = parse_qs(urlsplit(fresh.urls[1]).query)["state"][0]
    url = f"{sso.portal_url}/konto/oidc/{EKESA}/login/callback/?code={code}&state={state}"
    before = snapshot()
    assert_failure_page(replay.follow("GET", url), 400)
    assert snapshot() == before
    assert signed_in_user(replay) == ""


def test_a_provider_that_refuses_connections_gives_a_clear_page(sso, settings, caplog):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    entry = {
        "id": "nere",
        "name": "Nedlagda kommunen",
        "server_url": f"http://127.0.0.1:{port}/.well-known/openid-configuration",
        "client_id": "x",
        "client_secret": "y",
        "email_domains": ["nere.test"],
    }
    configure(settings, [entry])
    walk = sso.start_sign_in("nere")
    assert_failure_page(walk, 503)
    assert "Nedlagda kommunen svarar inte" in walk.response.text
    assert any("provider=nere reason=ConnectionError" in r.getMessage() for r in caplog.records)


def test_a_provider_that_hangs_times_out_into_a_clear_page(sso, settings):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(silent.accept()), daemon=True).start()
    port = silent.getsockname()[1]
    configure(
        settings,
        [
            {
                "id": "seg",
                "name": "Sega kommunen",
                "server_url": f"http://127.0.0.1:{port}/.well-known/openid-configuration",
                "client_id": "x",
                "client_secret": "y",
                "email_domains": ["seg.test"],
            }
        ],
    )
    settings.SOCIALACCOUNT_REQUESTS_TIMEOUT = 0.5
    started = time.monotonic()
    walk = sso.start_sign_in("seg")
    assert time.monotonic() - started < 5
    assert_failure_page(walk, 503)
    silent.close()


def test_a_token_endpoint_that_hangs_times_out_into_a_clear_page(sso, settings):
    settings.SOCIALACCOUNT_REQUESTS_TIMEOUT = 0.5
    before = snapshot()
    walk = sso.sign_in(EKESA, "slow")
    assert_failure_page(walk, 503)
    assert snapshot() == before


def test_logout_ends_the_provider_session_too(sso, anna, oidc_providers):
    sso.sign_in(EKESA, "anna-sub")
    silent = sso.sign_in(EKESA, "anna-sub")
    assert not silent.asked_for_credentials and silent.response.status_code == 200
    walk = sso.log_out()
    assert walk.urls[1].startswith(f"{oidc_providers[EKESA].issuer}/session/end")
    query = parse_qs(urlsplit(walk.urls[1]).query)
    assert query["post_logout_redirect_uri"] == [f"{sso.portal_url}/login/"]
    assert query["id_token_hint"][0].count(".") == 2
    assert walk.response.url == f"{sso.portal_url}/login/"
    assert signed_in_user(sso) == ""
    again = sso.sign_in(EKESA, "anna-sub")
    assert again.asked_for_credentials
    assert "Anna Andersson" in again.response.text


def test_a_local_logout_does_not_call_a_provider(sso, live_server):
    UserFactory(username="lokal", password="pw-lokal-123")
    browser = harness.PortalBrowser(live_server.url)
    browser.session.post(
        f"{live_server.url}/login/",
        {"csrfmiddlewaretoken": browser.csrf(), "username": "lokal", "password": "pw-lokal-123"},
        timeout=10,
    )
    assert signed_in_user(browser)
    walk = browser.log_out()
    assert walk.urls == [f"{live_server.url}/logout/", f"{live_server.url}/login/"]


def local_sign_in(browser, username: str, password: str) -> bool:
    browser.session.post(
        f"{browser.portal_url}/login/",
        {"csrfmiddlewaretoken": browser.csrf(), "username": username, "password": password},
        timeout=10,
    )
    return bool(signed_in_user(browser))


def test_failed_sso_callbacks_lock_no_one_out(sso, anna, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="lokal", password="pw-lokal-123")
    attacker = harness.PortalBrowser(sso.portal_url)
    for _ in range(6):
        assert_failure_page(attacker.sign_in(EKESA, "wrong-aud"), 400)
    assert sso.sign_in(EKESA, "anna-sub").response.status_code == 200
    assert signed_in_user(sso)
    assert local_sign_in(harness.PortalBrowser(sso.portal_url), "lokal", "pw-lokal-123")


def test_local_lockout_is_per_user_not_per_office(sso, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="alva", password="pw-alva-123")
    UserFactory(username="bertil", password="pw-bertil-123")
    office = harness.PortalBrowser(sso.portal_url)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert not local_sign_in(office, "alva", "wrong")
    assert not local_sign_in(harness.PortalBrowser(sso.portal_url), "alva", "pw-alva-123")
    assert local_sign_in(harness.PortalBrowser(sso.portal_url), "bertil", "pw-bertil-123")
