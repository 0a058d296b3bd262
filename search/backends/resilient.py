"""A primary engine (Elasticsearch) with an always-current fallback (the embedded engine).

Reads go to the primary; when it fails they are answered by the fallback and marked degraded.
Writes go to both; writes the primary missed are queued in `PendingIndexChange` and replayed
when it answers again (or by `manage.py replay_search_queue`); a full rebuild restores it too.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterable

from django.utils import timezone

from search.backends.base import EngineQuery, Hit, SearchEngine

logger = logging.getLogger(__name__)

REPLAY_BATCH = 500
_engines: weakref.WeakSet[ResilientEngine] = weakref.WeakSet()


class EngineUnavailable(Exception):
    """The engine could not answer: connection refused, timeout or an error response."""


def outage_active() -> bool:
    """Whether any resilient engine in this process currently answers from its fallback."""
    return any(engine.degraded for engine in list(_engines))


def queue_changes(changes: dict[str, dict | None]) -> int:
    """Queue index (document) or delete (None) changes by uid; the latest change per uid wins."""
    from search.models import PendingIndexChange

    now = timezone.now()
    rows = [
        PendingIndexChange(
            uid=uid,
            action=PendingIndexChange.Action.DELETE
            if doc is None
            else PendingIndexChange.Action.INDEX,
            document=doc,
            queued_at=now,
        )
        for uid, doc in changes.items()
    ]
    PendingIndexChange.objects.bulk_create(
        rows,
        batch_size=REPLAY_BATCH,
        update_conflicts=True,
        unique_fields=["uid"],
        update_fields=["action", "document", "queued_at"],
    )
    return len(rows)


def pending_count() -> int:
    """How many index changes wait for the primary engine."""
    from search.models import PendingIndexChange

    return PendingIndexChange.objects.count()


def replay_pending(primary: SearchEngine, *, limit: int | None = None) -> int:
    """Apply queued changes to `primary` (oldest first) and drop them; returns how many."""
    from search.models import PendingIndexChange

    read_at = timezone.now()
    rows = list(PendingIndexChange.objects.order_by("queued_at", "id")[:limit])
    documents = [row.document for row in rows if row.action == "index" and row.document]
    deletions = [row.uid for row in rows if row.action == "delete"]
    if documents:
        primary.index_documents(documents)
    if deletions:
        primary.delete_documents(deletions)
    PendingIndexChange.objects.filter(
        pk__in=[row.pk for row in rows], queued_at__lte=read_at
    ).delete()
    return len(rows)


class ResilientEngine:
    """SearchEngine that degrades to its fallback instead of failing."""

    name = "resilient"

    def __init__(
        self,
        primary: SearchEngine,
        fallback: SearchEngine,
        *,
        warn_interval: float = 60.0,
        retry_interval: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.primary = primary
        self.fallback = fallback
        self.warn_interval = warn_interval
        self.retry_interval = retry_interval
        self._clock = clock
        self._lock = threading.Lock()
        self._local = threading.local()
        self._down_since: float | None = None
        self._retry_at = 0.0
        self._last_warning: float | None = None
        self._pending_checked_at: float | None = None
        _engines.add(self)

    @property
    def degraded(self) -> bool:
        """Whether the primary is considered down (since its last failure, until a success)."""
        return self._down_since is not None

    @property
    def last_degraded(self) -> bool:
        """Whether the last search or suggest in this thread was answered by the fallback."""
        return getattr(self._local, "degraded", False)

    def _primary_due(self) -> bool:
        return self._down_since is None or self._clock() >= self._retry_at

    def _failed(self, exc: Exception) -> None:
        now = self._clock()
        with self._lock:
            if self._down_since is None:
                self._down_since = now
            self._retry_at = now + self.retry_interval
            warn = self._last_warning is None or now - self._last_warning >= self.warn_interval
            if warn:
                self._last_warning = now
        if warn:
            logger.warning(
                "Search engine %s unavailable (%s): answering from %s, queueing index changes",
                self.primary.name,
                exc,
                self.fallback.name,
            )

    def _succeeded(self) -> None:
        now = self._clock()
        with self._lock:
            recovered = self._down_since is not None
            self._down_since = None
            check = (
                recovered
                or self._pending_checked_at is None
                or now - self._pending_checked_at >= self.retry_interval
            )
            if check:
                self._pending_checked_at = now
        if recovered:
            logger.warning("Search engine %s available again", self.primary.name)
        if check and pending_count():
            self.replay(limit=REPLAY_BATCH)

    def _read(self, call: Callable[[SearchEngine], list[Hit]]) -> list[Hit]:
        if self._primary_due():
            try:
                if self.degraded:
                    replay_pending(self.primary, limit=REPLAY_BATCH)
                hits = call(self.primary)
            except EngineUnavailable as exc:
                self._failed(exc)
            else:
                self._local.degraded = False
                self._succeeded()
                return hits
        self._local.degraded = True
        return call(self.fallback)

    def _write(self, call: Callable[[], object], changes: Callable[[], dict]) -> None:
        if self._primary_due():
            try:
                call()
            except EngineUnavailable as exc:
                self._failed(exc)
            else:
                self._forget(list(changes()))
                self._succeeded()
                return
        queue_changes(changes())

    @staticmethod
    def _forget(uids: list[str]) -> None:
        """Drop queued changes superseded by a successful write to the primary."""
        from search.models import PendingIndexChange

        for start in range(0, len(uids), REPLAY_BATCH):
            PendingIndexChange.objects.filter(uid__in=uids[start : start + REPLAY_BATCH]).delete()

    def search(self, query: EngineQuery) -> list[Hit]:
        return self._read(lambda engine: engine.search(query))

    def suggest(self, prefix: str, *, size: int = 8) -> list[Hit]:
        return self._read(lambda engine: engine.suggest(prefix, size=size))

    def index_documents(self, documents: Iterable[dict]) -> int:
        docs = list(documents)
        count = self.fallback.index_documents(docs)
        self._write(lambda: self.primary.index_documents(docs), lambda: {d["uid"]: d for d in docs})
        return count

    def delete_documents(self, uids: Iterable[str]) -> int:
        uid_list = list(uids)
        count = self.fallback.delete_documents(uid_list)
        self._write(
            lambda: self.primary.delete_documents(uid_list), lambda: dict.fromkeys(uid_list)
        )
        return count

    def rebuild(self, documents: Iterable[dict]) -> int:
        """Rebuild both engines; a successful primary rebuild supersedes the queue."""
        from search.models import PendingIndexChange

        docs = list(documents)
        started = timezone.now()
        count = self.fallback.rebuild(docs)
        try:
            self.primary.rebuild(docs)
        except EngineUnavailable as exc:
            self._failed(exc)
            queue_changes({d["uid"]: d for d in docs})
        else:
            PendingIndexChange.objects.filter(queued_at__lt=started).delete()
            self._succeeded()
        return count

    def count(self) -> int:
        if self._primary_due():
            try:
                return self.primary.count()
            except EngineUnavailable as exc:
                self._failed(exc)
        return self.fallback.count()

    def replay(self, *, limit: int | None = None) -> int:
        """Replay queued changes to the primary; 0 when it is still unavailable."""
        try:
            return replay_pending(self.primary, limit=limit)
        except EngineUnavailable as exc:
            self._failed(exc)
            return 0

    def reload_synonyms(self) -> int:
        """Reload synonyms on every engine that supports it (the primary may be down)."""
        reloaded = 0
        for engine in (self.fallback, self.primary):
            reload = getattr(engine, "reload_synonyms", None)
            if reload is None:
                continue
            try:
                reloaded = reload() or reloaded
            except EngineUnavailable as exc:
                self._failed(exc)
        return reloaded
