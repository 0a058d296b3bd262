"""Token services: secrets shown once and stored hashed, revocation, expiry, owners' rights."""

import datetime
import hashlib

import pytest
from django.utils import timezone

from portal.accounts import selectors, services
from portal.accounts.models import ApiToken, CalendarToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_calendar_secret_is_returned_once_and_only_its_hash_is_stored():
    user = UserFactory()
    token, secret = services.create_calendar_token(user=user, name="  Outlook  ")
    stored = CalendarToken.objects.get(pk=token.pk)
    assert len(secret) >= 43
    assert stored.name == "Outlook"
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {str(value) for value in vars(stored).values()}


def test_an_api_secret_has_a_recognisable_prefix_and_only_its_hash_is_stored():
    token, secret = services.create_api_token(user=UserFactory(), name="Intranät", lifetime=None)
    assert secret.startswith("svp_")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert stored.expires_at is None


def test_secrets_are_different_every_time():
    user = UserFactory()
    secrets = {services.create_api_token(user=user, name="x", lifetime=None)[1] for _ in range(5)}
    assert len(secrets) == 5


def test_authentication_gives_the_owner_and_records_use():
    user = UserFactory()
    token, secret = services.create_api_token(user=user, name="x", lifetime=None)
    assert services.authenticate_api_token(secret=secret) == user
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_use_is_recorded_at_most_every_few_minutes(django_assert_num_queries):
    user = UserFactory()
    _token, secret = services.create_calendar_token(user=user, name="x")
    with django_assert_num_queries(2):
        services.authenticate_calendar_token(secret=secret)
    with django_assert_num_queries(1):
        services.authenticate_calendar_token(secret=secret)


@pytest.mark.parametrize("secret", ["", "nope", "svp_" + "a" * 43, "x" * 5000, "\udcff", "\x00"])
def test_unknown_and_malformed_secrets_authenticate_nobody(secret):
    services.create_api_token(user=UserFactory(), name="x", lifetime=None)
    services.create_calendar_token(user=UserFactory(), name="x")
    assert services.authenticate_api_token(secret=secret) is None
    assert services.authenticate_calendar_token(secret=secret) is None


def test_a_calendar_secret_is_no_api_token_and_the_reverse():
    user = UserFactory()
    _calendar, calendar_secret = services.create_calendar_token(user=user, name="x")
    _api, api_secret = services.create_api_token(user=user, name="x", lifetime=None)
    assert services.authenticate_api_token(secret=calendar_secret) is None
    assert services.authenticate_calendar_token(secret=api_secret) is None


def test_revoked_tokens_stop_working_and_leave_the_list():
    user = UserFactory()
    calendar, calendar_secret = services.create_calendar_token(user=user, name="x")
    api, api_secret = services.create_api_token(user=user, name="x", lifetime=None)
    assert services.revoke_calendar_token(user=user, token_id=calendar.pk)
    assert services.revoke_api_token(user=user, token_id=api.pk)
    assert services.authenticate_calendar_token(secret=calendar_secret) is None
    assert services.authenticate_api_token(secret=api_secret) is None
    assert not selectors.calendar_tokens(user=user).exists()
    assert not selectors.api_tokens(user=user).exists()
    assert not services.revoke_api_token(user=user, token_id=api.pk)


@pytest.mark.parametrize("token_id", [0, -1, 2**63, 10**30])
def test_revoking_an_impossible_id_is_refused_quietly(token_id):
    assert not services.revoke_api_token(user=UserFactory(), token_id=token_id)
    assert not services.revoke_calendar_token(user=UserFactory(), token_id=token_id)


def test_nobody_can_revoke_another_users_token():
    owner, other = UserFactory(), UserFactory()
    token, secret = services.create_api_token(user=owner, name="x", lifetime=None)
    assert not services.revoke_api_token(user=other, token_id=token.pk)
    assert services.authenticate_api_token(secret=secret) == owner


def test_an_expired_api_token_stops_working_but_stays_listed():
    user = UserFactory()
    token, secret = services.create_api_token(
        user=user, name="x", lifetime=datetime.timedelta(days=30)
    )
    assert services.authenticate_api_token(secret=secret) == user
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert services.authenticate_api_token(secret=secret) is None
    [listed] = selectors.api_tokens(user=user)
    assert listed.is_expired


def test_tokens_of_a_deactivated_account_stop_working():
    user = UserFactory()
    _calendar, calendar_secret = services.create_calendar_token(user=user, name="x")
    _api, api_secret = services.create_api_token(user=user, name="x", lifetime=None)
    user.is_active = False
    user.save()
    assert services.authenticate_calendar_token(secret=calendar_secret) is None
    assert services.authenticate_api_token(secret=api_secret) is None


def test_the_number_of_live_tokens_is_capped():
    user = UserFactory()
    for _ in range(services.MAX_ACTIVE_TOKENS):
        services.create_api_token(user=user, name="x", lifetime=None)
    with pytest.raises(services.TokenLimitReached):
        services.create_api_token(user=user, name="x", lifetime=None)
    services.revoke_api_token(user=user, token_id=selectors.api_tokens(user=user).first().pk)
    services.create_api_token(user=user, name="x", lifetime=None)
