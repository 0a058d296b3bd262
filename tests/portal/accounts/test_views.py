"""Login page buttons, SSO views reachable signed out, the body choice, the audit trail, commands."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from directory.models import Organisation
from portal.accounts import services
from portal.accounts.models import BodyChoice, IdentityIssuer, SignInRefusal
from tests.factories import OrganisationFactory, UserFactory
from tests.portal.accounts.conftest import configure

pytestmark = pytest.mark.django_db

PROVIDERS = [
    {
        "id": "ekesa",
        "name": "Ekeså kommun",
        "server_url": "http://127.0.0.1:9/.well-known/openid-configuration",
        "client_id": "portal",
        "client_secret": "secret",
        "email_domains": ["ekesa.test"],
    },
    {
        "id": "dalmark",
        "name": "Region Dalmark",
        "server_url": "http://127.0.0.1:9/dal/.well-known/openid-configuration",
        "client_id": "portal",
        "client_secret": "secret",
        "email_domains": ["dalmark.test"],
    },
]


@pytest.fixture
def providers(settings):
    configure(settings, PROVIDERS)


def test_the_login_page_has_one_swedish_button_per_provider_and_the_local_form(client, providers):
    html = client.get("/login/?next=/katalog/").content.decode()
    assert "Logga in med Ekeså kommun" in html and "Logga in med Region Dalmark" in html
    assert 'action="/konto/oidc/ekesa/login/"' in html
    assert 'action="/konto/oidc/dalmark/login/"' in html
    assert 'name="username"' in html
    assert html.count('name="next" value="/katalog/"') == 3


def test_without_providers_the_login_page_is_the_local_form_only(client):
    html = client.get("/login/").content.decode()
    assert "Logga in med" not in html and 'name="username"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/konto/oidc/ekesa/login/callback/?code=x&state=forged",
        "/konto/oidc/ekesa/login/callback/",
        "/konto/inaktivt/",
        "/konto/registrering/",
    ],
)
def test_sso_pages_answer_signed_out_visitors_with_a_clear_page(client, providers, path):
    response = client.get(path)
    assert response.status_code in {400, 403}
    assert "Inloggningen misslyckades" in response.content.decode()


def test_the_provider_button_only_starts_a_sign_in_by_post(client, providers):
    assert client.get("/konto/oidc/ekesa/login/")["Location"] == "/login/"
    assert client.get("/konto/oidc/nosuch/login/callback/").status_code == 404
    assert client.post("/konto/oidc/nosuch/login/").status_code == 404


def test_an_unreachable_provider_gives_a_clear_page_not_a_500(client, providers):
    response = client.post("/konto/oidc/ekesa/login/")
    assert response.status_code == 503
    assert "Ekeså kommun svarar inte just nu" in response.content.decode()


@pytest.mark.parametrize("path", ["/konto/signup/", "/accounts/signup/", "/konto/password/reset/"])
def test_allauths_own_signup_and_password_pages_are_not_exposed(signed_in_client, path):
    assert signed_in_client.get(path).status_code == 404


def test_choosing_a_body_is_remembered_and_only_bodies_are_offered(signed_in_client, user):
    region = OrganisationFactory(name="Region Dalmark", kind=Organisation.Kind.REGION)
    unit = OrganisationFactory(name="Mottagningen")
    page = signed_in_client.get("/konto/valj-organisation/").content.decode()
    assert "Region Dalmark" in page and "Mottagningen" not in page
    response = signed_in_client.post("/konto/valj-organisation/", {"organisation": unit.pk})
    assert response.status_code == 200 and not BodyChoice.objects.exists()
    response = signed_in_client.post(
        "/konto/valj-organisation/", {"organisation": region.pk, "next": "https://evil.test/"}
    )
    assert response["Location"] == "/katalog/min-profil/"
    assert BodyChoice.objects.get(user=user).organisation == region


def test_choosing_a_body_needs_login(client):
    assert client.get("/konto/valj-organisation/")["Location"].startswith("/login/?next=")


def refusal(**fields) -> SignInRefusal:
    defaults = {"provider_id": "ekesa", "issuer": "https://idp.ekesa.test", "subject": "s-1"}
    return services.record_refusal(
        reason=SignInRefusal.Reason.PRIVILEGED_ACCOUNT, **(defaults | fields)
    )


def test_an_administrator_links_a_refused_identity_by_hand_and_can_unlink_it(capsys):
    admin = UserFactory(username="chef", is_staff=True)
    call_command("link_sso_identity", str(refusal().pk), "chef")
    account = SocialAccount.objects.get(user=admin)
    assert (account.provider, account.uid) == ("ekesa", "s-1")
    assert IdentityIssuer.objects.get(account=account).issuer == "https://idp.ekesa.test"
    with pytest.raises(CommandError, match="already linked"):
        call_command("link_sso_identity", str(refusal().pk), "chef")
    call_command("unlink_sso_identity", "chef")
    assert not SocialAccount.objects.exists()
    actions = list(ModelLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [
        "accounts.sso.refuse",
        "accounts.sso.link",
        "accounts.sso.refuse",
        "accounts.sso.unlink",
    ]


def test_sso_events_appear_in_the_site_history_without_personal_data(client):
    refusal(subject="subject-1")
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    html = client.get("/admin/reports/site-history/").content.decode()
    assert "SSO-inloggning nekad" in html
    assert "subject-1" not in html
