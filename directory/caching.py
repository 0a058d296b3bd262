"""Fragments shared by every reader, kept in Django's cache and invalidated by generation tokens.

A scope ("directory", "content") has a token in the database; a write replaces it (`bump`) inside its
own transaction, so a rolled-back import invalidates nothing and a token is never reused. Cache keys
carry the tokens of the scopes a fragment depends on, so a bump orphans every older fragment at once.
A process reads the tokens at most once per GENERATION_INTERVAL (as the embedded search engine
syncs), so a write in one worker reaches the others within that interval; its own bumps at once.
While its own bump is uncommitted, it reads the tokens afresh, so a rollback restores the old ones.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import TypeVar

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from directory.models import (
    CacheGeneration,
    ContactPoint,
    Function,
    Organisation,
    Person,
    Position,
)

DIRECTORY = "directory"
CONTENT = "content"
GENERATION_INTERVAL = 1.0
DEFAULT_TIMEOUT = 3600
DIRECTORY_MODELS = (Organisation, Function, Person, Position, ContactPoint)

T = TypeVar("T")


class _Tokens:
    """This process's copy of the scope tokens, re-read at most once per interval."""

    def __init__(self):
        self._lock = threading.Lock()
        self._values: dict[str, str] = {}
        self._read_at = float("-inf")
        self._uncommitted = False

    def get(self) -> dict[str, str]:
        with self._lock:
            if self._uncommitted and connection.in_atomic_block:
                return dict(CacheGeneration.objects.values_list("scope", "token"))
            self._uncommitted = False
            if time.monotonic() - self._read_at >= GENERATION_INTERVAL:
                self._values = dict(CacheGeneration.objects.values_list("scope", "token"))
                self._read_at = time.monotonic()
            return self._values

    def forget(self, *, uncommitted: bool = False) -> None:
        with self._lock:
            self._read_at = float("-inf")
            self._uncommitted = uncommitted


_tokens = _Tokens()
_deferral = threading.local()
_memo: dict[str, tuple[str, object]] = {}


def generations() -> dict[str, str]:
    """The current token of every scope that has been bumped."""
    return _tokens.get()


def forget_generations() -> None:
    """Re-read the tokens on next use (after the database changed under this process, as when a
    test's transaction rolls back) and drop what was memoized under the old ones."""
    _tokens.forget()
    _memo.clear()


def bump(*scopes: str) -> None:
    """Invalidate every cached fragment that depends on one of `scopes`."""
    collecting = getattr(_deferral, "scopes", None)
    if collecting is not None:
        collecting.update(scopes)
        return
    for scope in scopes:
        token = uuid.uuid4().hex
        if not CacheGeneration.objects.filter(scope=scope).update(token=token):
            CacheGeneration.objects.update_or_create(scope=scope, defaults={"token": token})
    _tokens.forget(uncommitted=connection.in_atomic_block)
    transaction.on_commit(_tokens.forget)


@contextmanager
def deferred(*, discard: bool = False):
    """Bump each scope bumped inside the block once, when it ends without error (never with `discard`).

    For bulk writes in this thread (an import publishing pages one by one); inside another
    deferral the bumps join the outer one.
    """
    if getattr(_deferral, "scopes", None) is not None:
        yield
        return
    _deferral.scopes = scopes = set()
    try:
        yield
    finally:
        _deferral.scopes = None
    if not discard:
        bump(*sorted(scopes))


def cache_key(key: str, scopes: Iterable[str]) -> str:
    """The cache key of fragment `key` in the current language and scope generations."""
    current = generations()
    tokens = ".".join(f"{scope}={current.get(scope, '0')}" for scope in scopes)
    return f"fragment:{get_language() or ''}:{key}:{tokens}"


def cached(
    key: str, scopes: Iterable[str], compute: Callable[[], T], timeout: int = DEFAULT_TIMEOUT
) -> T:
    """The cached value of `key` for the current generations of `scopes`, computed when missing."""
    full_key = cache_key(key, scopes)
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


def memoized(key: str, scopes: Iterable[str], compute: Callable[[], T]) -> T:
    """`cached`, also kept in this process's memory while the generations of `scopes` stand.

    For large structures read on most requests (the organisation trees): the cache would copy
    (unpickle) them on every read. One value per `key`; it must not be changed by its readers.
    """
    full_key = cache_key(key, scopes)
    remembered = _memo.get(key)
    if remembered is not None and remembered[0] == full_key:
        return remembered[1]
    value = cached(key, scopes, compute)
    _memo[key] = (full_key, value)
    return value


def _directory_changed(**_kwargs) -> None:
    bump(DIRECTORY)


def _content_changed(**_kwargs) -> None:
    bump(CONTENT)


def bump_on_write(receiver: Callable[..., None], *models: type) -> None:
    """Connect `receiver` (a bump of one scope) to every save and delete of `models`."""
    for model in models:
        name = f"{model._meta.label}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{receiver.__qualname__}-{name}")
        post_delete.connect(
            receiver, sender=model, dispatch_uid=f"{receiver.__qualname__}-del-{name}"
        )


def bump_content_on_write(*models: type) -> None:
    """Saves and deletes of `models` (records shown inside cached page bodies) bump CONTENT."""
    bump_on_write(_content_changed, *models)


def connect() -> None:
    """Bump on every single-row write of directory records and on page publish, move and delete."""
    bump_on_write(_directory_changed, *DIRECTORY_MODELS)
    page_published.connect(_content_changed, dispatch_uid="cache-page-published")
    page_unpublished.connect(_content_changed, dispatch_uid="cache-page-unpublished")
    post_page_move.connect(_content_changed, dispatch_uid="cache-page-moved")
    post_delete.connect(_content_changed, sender=Page, dispatch_uid="cache-page-deleted")
