"""Signal handlers that keep the index fresh for ordinary saves and deletes of registered models.

Which models are indexed is declared by the apps in search/registry.py; the handlers are connected
per model as they are registered (a receiver for every model would make Django give up fast
deletes everywhere).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from search import analytics, indexing, registry


def _indexed_on_save(instance) -> bool:
    found = registry.searchable(instance)
    return found is not None and found.saves


def _forget_people(instance) -> None:
    if any(isinstance(instance, data.model) for data in registry.personal_data()):
        analytics.people_tokens.clear()


def _saved(sender, instance, raw=False, **kwargs):
    _forget_people(instance)
    if not raw and _indexed_on_save(instance):
        indexing.record_changed(instance)


def _deleted(sender, instance, **kwargs):
    _forget_people(instance)
    if _indexed_on_save(instance):
        indexing.record_deleted(instance)


def _connect(model: type) -> None:
    label = model._meta.label_lower
    post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{label}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{label}")


def connect() -> None:
    """Connect the handlers for every registered model (called once from SearchConfig.ready)."""
    registry.watch(_connect)
