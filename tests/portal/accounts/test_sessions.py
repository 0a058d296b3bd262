"""Sessions and users read from the cache: every change to who a session signs in shows at once."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.cache import cache

from directory import caching
from portal.accounts import sessions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

API = "/api/v1/suggest"


@pytest.fixture
def warm_client(client, user):
    client.force_login(user)
    assert client.get(API, {"q": "ku"}).status_code == 200
    return client


def _token() -> str:
    return caching.generations().get(sessions.ACCOUNTS, "0")


def test_the_session_and_user_are_served_from_the_cache_once_warm(warm_client, user):
    Session.objects.all().update(session_data="")
    type(user).objects.filter(pk=user.pk).update(username="renamed")
    assert warm_client.get(API, {"q": "ku"}).status_code == 200


def test_signing_out_ends_the_session_everywhere(warm_client):
    cookie = warm_client.cookies["sessionid"].value
    before = _token()
    warm_client.post("/logout/")
    assert _token() != before
    warm_client.cookies["sessionid"] = cookie
    assert warm_client.get(API, {"q": "ku"}).status_code == 401


def test_a_changed_password_signs_the_old_session_out(warm_client, user):
    user.set_password("another-pw-456")
    user.save()
    assert warm_client.get(API, {"q": "ku"}).status_code == 401


def test_a_deactivated_user_is_signed_out(warm_client, user):
    user.is_active = False
    user.save()
    assert warm_client.get(API, {"q": "ku"}).status_code == 401


def test_a_deleted_session_row_signs_out_once_the_cache_moves_on(warm_client):
    Session.objects.all().delete()
    caching.bump(sessions.ACCOUNTS)
    assert warm_client.get(API, {"q": "ku"}).status_code == 401


def test_session_data_survives_a_cache_flush(warm_client):
    cache.clear()
    response = warm_client.get(API, {"q": "ku"})
    assert response.status_code == 200
    assert SESSION_KEY in warm_client.session
