"""Keeps the search index in step with the records it describes.

Writers never talk to an engine: they call `record_changed`/`record_deleted` (signals do it for
ordinary saves), and wrap bulk work such as imports in `batch()` so the index is updated once,
at the end, before the command or request returns. The embedded index lives in the same database,
so its rows commit or roll back with the records.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

logger = logging.getLogger(__name__)

REBUILD_THRESHOLD = 2000

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


def record_changed(instance) -> None:
    """Reindex one record (or drop it when it must no longer be found)."""
    pending = _pending()
    if pending is not None:
        pending["changed"][_identity(instance)] = instance
        return
    _flush({"changed": {_identity(instance): instance}, "deleted": set()})


def record_deleted(instance) -> None:
    """Remove one record from the index."""
    from search import documents

    uid = documents.uid_for(instance)
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


def _identity(instance) -> tuple[str, object]:
    return (instance._meta.label_lower, instance.pk)


def _dependents(instance) -> list:
    from search import documents

    try:
        return documents.dependents(instance)
    except Exception:  # noqa: BLE001 - a deleted parent may already be gone
        logger.debug("no dependents for %r", instance, exc_info=True)
        return []


def _flush(pending: dict) -> None:
    from directory.models import Person
    from search import documents, service

    changed = dict(pending["changed"])
    deleted: set[str] = set(pending["deleted"])
    if not changed and not deleted:
        return
    engine = service.get_engine()
    for instance in list(changed.values()):
        for dependent in _dependents(instance):
            changed.setdefault(_identity(dependent), dependent)
    if len(changed) > REBUILD_THRESHOLD:
        engine.rebuild(documents.all_documents())
        return
    people = [instance for instance in changed.values() if isinstance(instance, Person)]
    others = [instance for instance in changed.values() if not isinstance(instance, Person)]
    fresh: list[dict] = []
    people_ids = [person.pk for person in people]
    found = {
        document["uid"]: document
        for document in documents.people_documents(Person.objects.filter(pk__in=people_ids))
    }
    for person in people:
        uid = documents.uid_for(person)
        if uid in found:
            fresh.append(found[uid])
        else:
            deleted.add(uid)
    for instance in others:
        uid = documents.uid_for(instance)
        current = type(instance)._default_manager.filter(pk=instance.pk).first()
        document = documents.document_for(current) if current is not None else None
        if document is not None:
            fresh.append(document)
        elif uid:
            deleted.add(uid)
    deleted -= {document["uid"] for document in fresh}
    if fresh:
        engine.index_documents(fresh)
    if deleted:
        engine.delete_documents(sorted(deleted))
