"""A primary engine (Elasticsearch) fed from an outbox, with an always-current fallback (embedded).

Writes go to the fallback and to the outbox (`PendingIndexChange`) in the caller's transaction, so
they commit or roll back with the records they describe. After the commit the outbox is sent to
the primary (`transaction.on_commit`); a change the primary missed — it was down, or the process
died between the commit and the send — stays in the outbox and is sent on the next write, on the
first read of a process (replayed before the primary answers), every `retry_interval` while reads
find work left, or by `manage.py replay_search_outbox`. Every change carries a version (`seq`), so
a change sent twice or late never undoes a newer one.

Reads go to the primary only while the outbox is empty: until then the fallback answers, since it
holds every committed change. When the primary fails, reads are answered by the fallback and
marked degraded (one warning per interval).
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import transaction
from django.utils import timezone

from search.backends.base import Change, EngineQuery, Found, Hit, PrimaryEngine, SearchEngine
from search.models import PendingIndexChange

logger = logging.getLogger(__name__)

REPLAY_BATCH = 500
Reply = TypeVar("Reply")
_engines: weakref.WeakSet[ResilientEngine] = weakref.WeakSet()
_seq_lock = threading.Lock()
_last_seq = 0


class EngineUnavailable(Exception):
    """The engine could not answer: connection refused, timeout or an error response."""


def outage_active() -> bool:
    """Whether any resilient engine in this process currently answers from its fallback."""
    return any(engine.degraded for engine in list(_engines))


def next_seq() -> int:
    """A version for outbox changes: microseconds since the epoch, increasing in this process."""
    global _last_seq
    with _seq_lock:
        _last_seq = max(time.time_ns() // 1000, _last_seq + 1)
        return _last_seq


def queue_changes(changes: dict[str, dict | None]) -> int:
    """Put index (document) or delete (None) changes in the outbox; the latest per uid wins."""
    now, seq = timezone.now(), next_seq()
    rows = [
        PendingIndexChange(
            uid=uid,
            action=PendingIndexChange.Action.DELETE
            if doc is None
            else PendingIndexChange.Action.INDEX,
            document=doc,
            queued_at=now,
            seq=seq,
        )
        for uid, doc in changes.items()
    ]
    PendingIndexChange.objects.bulk_create(
        rows,
        batch_size=REPLAY_BATCH,
        update_conflicts=True,
        unique_fields=["uid"],
        update_fields=["action", "document", "queued_at", "seq"],
    )
    return len(rows)


def pending_count() -> int:
    """How many index changes wait for the primary engine."""
    return PendingIndexChange.objects.count()


def pending_exists() -> bool:
    """Whether any committed change waits for the primary engine (one indexed query)."""
    return PendingIndexChange.objects.exists()


def replay_pending(primary: PrimaryEngine, *, limit: int | None = None) -> int:
    """Send outbox changes to `primary` (oldest first) and drop the ones sent; returns how many.

    A row is dropped only if it still holds the version that was sent: a newer change queued
    meanwhile for the same uid stays for the next replay.
    """
    rows = list(PendingIndexChange.objects.order_by("seq", "id")[:limit])
    if not rows:
        return 0
    primary.apply_changes(
        [
            Change(
                uid=row.uid, seq=row.seq, document=row.document if row.action == "index" else None
            )
            for row in rows
        ]
    )
    by_seq: dict[int, list[int]] = {}
    for row in rows:
        by_seq.setdefault(row.seq, []).append(row.pk)
    for seq, pks in by_seq.items():
        PendingIndexChange.objects.filter(pk__in=pks, seq=seq).delete()
    return len(rows)


def drain(primary: PrimaryEngine) -> int:
    """Send the whole outbox to `primary` in batches; returns how many changes were sent."""
    sent = 0
    while True:
        batch = replay_pending(primary, limit=REPLAY_BATCH)
        sent += batch
        if batch < REPLAY_BATCH:
            return sent


class ResilientEngine:
    """SearchEngine that degrades to its fallback instead of failing."""

    name = "resilient"

    def __init__(
        self,
        primary: PrimaryEngine,
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
        self._replayed_at: float | None = None
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
                "Search engine %s unavailable (%s): answering from %s, keeping index changes "
                "in the outbox",
                self.primary.name,
                exc,
                self.fallback.name,
            )

    def _succeeded(self) -> None:
        with self._lock:
            recovered = self._down_since is not None
            self._down_since = None
        if recovered:
            logger.warning("Search engine %s available again", self.primary.name)

    def _catch_up(self) -> bool:
        """Whether the primary holds every committed change; replays a batch when one is due."""
        if not pending_exists():
            return True
        now = self._clock()
        due = (
            self.degraded
            or self._replayed_at is None
            or now - self._replayed_at >= self.retry_interval
        )
        if not due:
            return False
        self._replayed_at = now
        replay_pending(self.primary, limit=REPLAY_BATCH)
        self._succeeded()
        return not pending_exists()

    def _read(self, call: Callable[[SearchEngine], Reply]) -> Reply:
        """The primary's answer when it is current and up, else the fallback's."""
        if self._primary_due():
            try:
                current = self._catch_up()
                answer = call(self.primary) if current else None
            except EngineUnavailable as exc:
                self._failed(exc)
            else:
                self._local.degraded = False
                if answer is None:
                    return call(self.fallback)
                self._succeeded()
                return answer
        self._local.degraded = True
        return call(self.fallback)

    def _queue(self, changes: dict[str, dict | None]) -> None:
        """Record changes in the outbox (in the caller's transaction) and send them on commit."""
        if not changes:
            return
        queue_changes(changes)
        transaction.on_commit(self.send, robust=True)

    def send(self) -> int:
        """Send every committed outbox change to the primary; 0 while it is unavailable."""
        if not self._primary_due() or not pending_exists():
            return 0
        try:
            sent = drain(self.primary)
        except EngineUnavailable as exc:
            self._failed(exc)
            return 0
        self._succeeded()
        return sent

    def search(self, query: EngineQuery) -> Found:
        return self._read(lambda engine: engine.search(query))

    def suggest(self, prefix: str, *, size: int = 8) -> list[Hit]:
        return self._read(lambda engine: engine.suggest(prefix, size=size))

    def index_documents(self, documents: Iterable[dict]) -> int:
        docs = list(documents)
        count = self.fallback.index_documents(docs)
        self._queue({doc["uid"]: doc for doc in docs})
        return count

    def delete_documents(self, uids: Iterable[str]) -> int:
        uid_list = list(uids)
        count = self.fallback.delete_documents(uid_list)
        self._queue(dict.fromkeys(uid_list))
        return count

    def stale(self, expected: dict[str, str | None]) -> set[str]:
        """Uids stale in the fallback, or in the primary when it answers and has no backlog."""
        found = self.fallback.stale(expected)
        if self._primary_due() and not pending_exists():
            try:
                found |= self.primary.stale(expected)
            except EngineUnavailable as exc:
                self._failed(exc)
        return found

    def rebuild(self, documents: Iterable[dict]) -> int:
        """Rebuild both engines; a successful primary rebuild supersedes older outbox changes."""
        docs = list(documents)
        started = next_seq()
        count = self.fallback.rebuild(docs)
        try:
            self.primary.rebuild(docs)
        except EngineUnavailable as exc:
            self._failed(exc)
            queue_changes({doc["uid"]: doc for doc in docs})
        else:
            PendingIndexChange.objects.filter(seq__lt=started).delete()
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
        """Replay outbox changes to the primary; 0 when it is still unavailable."""
        try:
            replayed = replay_pending(self.primary, limit=limit)
        except EngineUnavailable as exc:
            self._failed(exc)
            return 0
        self._succeeded()
        return replayed

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
