"""Personal API tokens: bearer or session, read-only, RFC 6750 answers, documented in OpenAPI."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from portal.accounts import services
from portal.accounts.models import ApiToken
from tests.factories import UserFactory
from tests.portal.accounts.conftest import assert_no_protected_person

pytestmark = pytest.mark.django_db

API = "/api/v1"
OPERATIONS = [
    "/search?q=kurator",
    "/suggest?q=kur",
    "/people",
    "/people/p1",
    "/functions",
    "/functions/kurator",
    "/organisations",
    "/organisations/lek",
    "/contact-points",
    "/contact-points/socjour",
]


@pytest.fixture
def owner():
    return UserFactory()


@pytest.fixture
def secret(owner):
    return services.create_api_token(user=owner, name="Intranätet", lifetime=None)[1]


def bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.mark.parametrize("path", OPERATIONS)
@pytest.mark.usefixtures("search_index")
def test_every_operation_answers_a_bearer_token_without_a_session(world, secret, path):
    response = Client().get(API + path, **bearer(secret))
    assert response.status_code == 200, response.content[:300]
    assert_no_protected_person(response.content.decode())


def test_the_session_still_works(world, signed_in_client):
    assert signed_in_client.get(f"{API}/people/p1").status_code == 200


def test_the_scheme_name_is_case_insensitive(world, secret):
    response = Client().get(f"{API}/people/p1", HTTP_AUTHORIZATION=f"bearer {secret}")
    assert response.status_code == 200


def test_a_protected_person_stays_hidden_from_a_token(world, secret):
    assert Client().get(f"{API}/people/p2", **bearer(secret)).status_code == 404
    response = Client().get(f"{API}/people?organisation=lek", **bearer(secret))
    assert response.json()["count"] == 1
    assert_no_protected_person(response.content.decode())


def test_anonymous_calls_get_401_with_a_bearer_challenge(world):
    response = Client().get(f"{API}/people/p1")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json() == {"detail": "Authentication required"}


def assert_invalid_token(response) -> None:
    assert response.status_code == 401
    challenge = response["WWW-Authenticate"]
    assert challenge.startswith('Bearer realm="api", error="invalid_token"')
    assert "revoked, expired or unknown" in response.json()["detail"]


@pytest.mark.parametrize(
    "header",
    ["Bearer svp_unknown", "Bearer ", "Bearer", "Bearer " + "x" * 5000, "Bearer svp_a b"],
)
def test_unknown_or_malformed_tokens_get_401_invalid_token(world, header):
    assert_invalid_token(Client().get(f"{API}/people/p1", HTTP_AUTHORIZATION=header))


def test_a_revoked_token_gets_401(world, owner, secret):
    token = ApiToken.objects.get(user=owner)
    services.revoke_api_token(user=owner, token_id=token.pk)
    assert_invalid_token(Client().get(f"{API}/people/p1", **bearer(secret)))


def test_an_expired_token_gets_401(world, owner):
    token, secret = services.create_api_token(
        user=owner, name="x", lifetime=datetime.timedelta(days=30)
    )
    assert Client().get(f"{API}/people/p1", **bearer(secret)).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert_invalid_token(Client().get(f"{API}/people/p1", **bearer(secret)))


def test_a_deactivated_users_token_gets_401(world, owner, secret):
    owner.is_active = False
    owner.save()
    assert_invalid_token(Client().get(f"{API}/people/p1", **bearer(secret)))


def test_a_bad_token_is_refused_even_beside_a_valid_session(world, signed_in_client):
    response = signed_in_client.get(f"{API}/people/p1", HTTP_AUTHORIZATION="Bearer svp_nope")
    assert_invalid_token(response)


def test_a_calendar_secret_is_not_an_api_token(world, owner):
    _token, calendar_secret = services.create_calendar_token(user=owner, name="x")
    assert_invalid_token(Client().get(f"{API}/people/p1", **bearer(calendar_secret)))


def test_the_token_acts_as_its_user(world, owner, secret):
    Client().get(f"{API}/people/p1", **bearer(secret))
    token = ApiToken.objects.get(user=owner)
    assert token.last_used_at is not None


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/search", "/people/p1", "/openapi.json"])
def test_tokens_are_read_only(world, secret, method, path):
    response = getattr(Client(), method)(API + path, **bearer(secret))
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Personal API tokens are read-only: only GET requests are allowed."
    }


def test_the_schema_needs_a_caller_and_accepts_a_token(secret):
    anonymous = Client().get(f"{API}/openapi.json")
    assert anonymous.status_code == 401
    assert anonymous["WWW-Authenticate"] == 'Bearer realm="api"'
    assert_invalid_token(Client().get(f"{API}/openapi.json", HTTP_AUTHORIZATION="Bearer nope"))
    assert Client().get(f"{API}/openapi.json", **bearer(secret)).status_code == 200
    assert Client().get(f"{API}/docs", **bearer(secret)).status_code == 200


def test_the_api_root_stays_behind_the_login():
    assert Client().get(f"{API}/").status_code == 401


def test_the_schema_declares_both_security_schemes(signed_in_client):
    schema = signed_in_client.get(f"{API}/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["PersonalToken"]["type"] == "http"
    assert schemes["PersonalToken"]["scheme"] == "bearer"
    assert schemes["BrowserSession"] == {
        "type": "apiKey",
        "in": "cookie",
        "name": "sessionid",
        "description": "The session cookie of a user signed in to the portal.",
    }
    for item in schema["paths"].values():
        for operation in item.values():
            assert operation["security"] == [{"PersonalToken": []}, {"BrowserSession": []}]


def test_every_operation_documents_401_and_422_and_lookups_404_with_a_schema(signed_in_client):
    schema = signed_in_client.get(f"{API}/openapi.json").json()
    components = schema["components"]["schemas"]
    operations = [(path, op) for path, item in schema["paths"].items() for op in item.values()]
    assert len(operations) == len(OPERATIONS)
    for path, operation in operations:
        responses = operation["responses"]
        expected = {"200", "401", "422"} | ({"404"} if "{key}" in path else set())
        assert expected <= set(responses), path
        for status in expected - {"200"}:
            ref = responses[status]["content"]["application/json"]["schema"]["$ref"]
            assert ref.removeprefix("#/components/schemas/") in components
        assert "WWW-Authenticate" in responses["401"]["headers"]
