"""Signal handlers that keep the index fresh for ordinary saves and deletes of registered models.

Which models are indexed is declared by the apps in search/registry.py, so the handlers listen to
every save and delete and look the model up there.
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


def connect() -> None:
    """Connect the handlers (called once from SearchConfig.ready)."""
    post_save.connect(_saved, dispatch_uid="search-save")
    post_delete.connect(_deleted, dispatch_uid="search-delete")
