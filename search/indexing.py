"""Keeps the search index in step with the records it describes.

Writers never talk to an engine: they call `record_changed`/`record_deleted` (signals do it for
ordinary saves). Bulk work such as an import runs `batch()` *inside* its `transaction.atomic()`
block, so the index is updated once, at the end of the block, in the same transaction: the
embedded index rows and the Elasticsearch outbox commit or roll back with the records, and a crash
after the commit leaves nothing stale (see search/backends/resilient.py for the outbox).
`suspended()` drops index changes (dry runs); `repair()` reindexes records whose document differs
from what the index holds, compared by digest.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from search import registry, service
from search.backends.base import document_digest

logger = logging.getLogger(__name__)

CHUNK = 2000

_state = threading.local()


def _pending() -> dict | None:
    return getattr(_state, "pending", None)


@contextmanager
def batch():
    """Collect index changes made inside the block and apply them when it exits."""
    outer = _pending() is None
    if outer:
        _state.pending = {"changed": {}, "deleted": set()}
    try:
        yield
        if outer:
            _flush(_state.pending)
    finally:
        if outer:
            _state.pending = None


@contextmanager
def suspended():
    """Drop every index change made inside the block (for work that is rolled back)."""
    previous = _pending()
    _state.pending = {"changed": {}, "deleted": set()}
    try:
        yield
    finally:
        _state.pending = previous


def record_changed(instance) -> None:
    """Reindex one record (or drop it when it must no longer be found)."""
    pending = _pending()
    if pending is not None:
        pending["changed"][_identity(instance)] = instance
        return
    _flush({"changed": {_identity(instance): instance}, "deleted": set()})


def record_deleted(instance) -> None:
    """Remove one record from the index."""
    uid = registry.uid_for(instance)
    pending = _pending()
    if pending is not None:
        pending["changed"].pop(_identity(instance), None)
        if uid:
            pending["deleted"].add(uid)
        for dependent in _dependents(instance):
            pending["changed"][_identity(dependent)] = dependent
        return
    changed = {_identity(dependent): dependent for dependent in _dependents(instance)}
    _flush({"changed": changed, "deleted": {uid} if uid else set()})


def repair(instances: Iterable) -> int:
    """Reindex the records whose document differs from the index's; returns how many did."""
    fresh, absent = _documents(list(instances))
    expected: dict[str, str | None] = {uid: document_digest(doc) for uid, doc in fresh.items()}
    expected.update(dict.fromkeys(absent))
    if not expected:
        return 0
    engine = service.get_engine()
    stale = engine.stale(expected)
    changed = [fresh[uid] for uid in sorted(stale) if uid in fresh]
    gone = sorted(stale - fresh.keys())
    if changed:
        engine.index_documents(changed)
    if gone:
        engine.delete_documents(gone)
    if stale:
        logger.warning("Search index: repaired %d document(s) that had drifted", len(stale))
    return len(stale)


def _identity(instance) -> tuple[str, object]:
    return (instance._meta.label_lower, instance.pk)


def _dependents(instance) -> list:
    try:
        return registry.dependents(instance)
    except Exception:  # noqa: BLE001 - a deleted parent may already be gone
        logger.debug("no dependents for %r", instance, exc_info=True)
        return []


def _documents(instances: list) -> tuple[dict[str, dict], set[str]]:
    """The current documents of `instances` (in bulk) and the uids that must not be found."""
    by_model: dict[type, list] = {}
    for instance in instances:
        by_model.setdefault(type(instance), []).append(instance)
    shared: dict = {}
    fresh: dict[str, dict] = {}
    for model, group in by_model.items():
        ids = [instance.pk for instance in group]
        for start in range(0, len(ids), CHUNK):
            chunk = list(model._default_manager.filter(pk__in=ids[start : start + CHUNK]))
            for document in registry.build(chunk, shared):
                fresh[document["uid"]] = document
    absent: set[str] = set()
    for instance in instances:
        uid = registry.uid_for(instance)
        if uid and uid not in fresh:
            absent.add(uid)
    return fresh, absent


def _flush(pending: dict) -> None:
    changed = dict(pending["changed"])
    deleted: set[str] = set(pending["deleted"])
    if not changed and not deleted:
        return
    for instance in list(changed.values()):
        for dependent in _dependents(instance):
            changed.setdefault(_identity(dependent), dependent)
    fresh, absent = _documents(list(changed.values()))
    deleted = (deleted | absent) - fresh.keys()
    engine = service.get_engine()
    if fresh:
        engine.index_documents(list(fresh.values()))
    if deleted:
        engine.delete_documents(sorted(deleted))
