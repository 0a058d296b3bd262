"""Wagtail's own indexes (admin page search, reference index) updated once per page for bulk writes.

A page import saves each page three times (create, revision, publish) and Wagtail updates both
indexes on every save; `deferred()` skips those updates for the given page types and `update()`
then indexes each written page once, as it ended up in the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def deferred(models: Iterable[type[Page]]):
    """Skip Wagtail's per-save index updates of `models` inside the block (a command's thread).

    The search handler is a module-level receiver without a switch, so it is disconnected for the
    block and reconnected where it was connected; other page types keep updating as they save.
    """
    disconnected = [
        model for model in models if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def update(pages: Iterable[Page]) -> None:
    """Index each page once, as saved, in Wagtail's search backends and reference index."""
    ids_by_model: dict[type[Page], list[int]] = {}
    for page in pages:
        ids_by_model.setdefault(type(page), []).append(page.pk)
    backends = list(get_search_backends(with_auto_update=True))
    for model, ids in ids_by_model.items():
        fresh = list(model.get_indexed_objects().filter(pk__in=ids))
        for page in fresh:
            ReferenceIndex.create_or_update_for_object(page)
        for backend in backends:
            backend.add_bulk(model, fresh)
