"""Sessions and signed-in users from the cache: a warm request costs no database round trip.

Both are cached under the "accounts" generation token (directory/caching.py), which every write
that could change who a session signs in bumps inside its own transaction: a session saved or
deleted (sign-in, sign-out, SSO state), a user saved or deleted (password, deactivation, rights,
last sign-in), a body choice, and any change to rights (group membership, a group's or a user's
permissions, a deleted group), which are cached with the user. The cache may be each process's
local memory: a bump in one worker reaches the others within caching.GENERATION_INTERVAL (1 s),
as the search index does; its own bumps at once. Sessions stay in the database (`cached_db`), so
a cache flush signs nobody out.
"""

from __future__ import annotations

from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.backends import cached_db
from django.core.cache import cache
from django.db import router, transaction
from django.utils.functional import SimpleLazyObject, cached_property

from directory import caching

ACCOUNTS = "accounts"
USER_TIMEOUT = 300


def _token() -> str:
    return caching.generations().get(ACCOUNTS, "0")


class SessionStore(cached_db.SessionStore):
    """`cached_db` sessions whose cache entries carry the accounts token; writes bump it."""

    @cached_property
    def token(self) -> str:
        """The accounts token this request reads by (read once; a write here reads it again)."""
        return _token()

    @property
    def cache_key(self) -> str:
        return f"session:{self._get_or_create_session_key()}:{self.token}"

    def exists(self, session_key) -> bool:
        return bool(session_key) and super(cached_db.SessionStore, self).exists(session_key)

    def save(self, must_create: bool = False) -> None:
        with transaction.atomic(using=router.db_for_write(self.model)):
            super().save(must_create)
            caching.bump(ACCOUNTS)
        self.__dict__.pop("token", None)

    def delete(self, session_key=None) -> None:
        with transaction.atomic(using=router.db_for_write(self.model)):
            super().delete(session_key)
            caching.bump(ACCOUNTS)
        self.__dict__.pop("token", None)


def cached_user(request):
    """The session's user as `auth.get_user` finds it, from the cache while nothing changed."""
    session = request.session
    if auth.SESSION_KEY not in session:
        return auth.get_user(request)
    key = f"user:{session.session_key}:{session.token}"
    user = cache.get(key)
    if user is None:
        user = auth.get_user(request)
        if user.is_authenticated:
            user.get_all_permissions()  # kept on the user: every page's has_perm is then free
            cache.set(key, user, USER_TIMEOUT)
    return user


class CachedAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, reading the user through `cached_user`."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: cached_user(request))


def _accounts_changed(**_kwargs) -> None:
    caching.bump(ACCOUNTS)


def connect(*models: type) -> None:
    """Bump the accounts token whenever a record of `models` is saved or deleted."""
    caching.bump_on_write(_accounts_changed, *models)
