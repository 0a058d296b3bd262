"""Sessions and users read from the cache: every change to who a session signs in shows at once."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group, Permission
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


@pytest.fixture
def admin_group():
    group = Group.objects.create(name="Admin access")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return group


def _admin_status(client) -> int:
    return client.get("/admin/").status_code


def test_rights_are_read_with_the_user_so_a_warm_page_checks_them_without_a_query(
    warm_client, user, admin_group, django_assert_num_queries
):
    user.groups.add(admin_group)
    assert _admin_status(warm_client) == 200
    request_user = warm_client.get(API, {"q": "ku"}).wsgi_request.user
    with django_assert_num_queries(0):
        assert request_user.has_perm("wagtailadmin.access_admin")


def test_joining_and_leaving_a_group_changes_rights_on_the_next_request(
    warm_client, user, admin_group
):
    assert _admin_status(warm_client) != 200
    user.groups.add(admin_group)
    assert _admin_status(warm_client) == 200
    user.groups.remove(admin_group)
    assert _admin_status(warm_client) != 200


def test_a_group_losing_a_permission_changes_rights_on_the_next_request(
    warm_client, user, admin_group
):
    user.groups.add(admin_group)
    assert _admin_status(warm_client) == 200
    admin_group.permissions.clear()
    assert _admin_status(warm_client) != 200


def test_a_permission_given_to_the_user_directly_shows_on_the_next_request(warm_client, user):
    assert _admin_status(warm_client) != 200
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert _admin_status(warm_client) == 200


def test_a_deleted_group_takes_its_rights_along(warm_client, user, admin_group):
    user.groups.add(admin_group)
    assert _admin_status(warm_client) == 200
    admin_group.delete()
    assert _admin_status(warm_client) != 200
