"""Foreign-key existence checks done once per row in a bulk write, not once per reference.

Model validation (`full_clean`) looks up the target of every foreign key with a query: a content
import validates each page and three log entries per page, referring again and again to the same
organisations, functions, content types and to the pages and revisions it has just created.
Inside `remembered()` a target found to exist, or created in the block, is not looked up again
in this thread; a value not yet seen is still checked by Django, with Django's error message.
A row deleted in the block is forgotten. Use it inside one transaction that fails as a whole
(a row created in a savepoint that is rolled back stays known); where the schema has
foreign-key constraints, the database still checks every write.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db.models import ForeignKey, Model
from django.db.models.signals import post_delete, post_save

_UID = "known-rows"
_state = threading.local()
_django_validate = ForeignKey.validate
_lock = threading.Lock()
# Threads inside a block: the signal receivers are connected only while there is one, so
# deletes elsewhere keep Django's fast path (a post_delete receiver turns it off).
_open_blocks: list[int] = []


def _known() -> set[tuple[type[Model], object]] | None:
    return getattr(_state, "known", None)


def _validate(field: ForeignKey, value, model_instance) -> None:
    """ForeignKey.validate, skipping the existence query for a row already known to exist."""
    known = _known()
    remembers = (
        known is not None
        and value is not None
        and field.target_field.primary_key
        and not field.remote_field.parent_link
        and not field.get_limit_choices_to()
    )
    if not remembers:
        _django_validate(field, value, model_instance)
        return
    key = (field.remote_field.model._meta.concrete_model, value)
    if key in known:
        super(ForeignKey, field).validate(value, model_instance)
        return
    _django_validate(field, value, model_instance)
    known.add(key)


def _remember_created(sender, instance, created, raw=False, **kwargs) -> None:
    known = _known()
    if known is None or not created or raw:
        return
    for model in (sender._meta.concrete_model, *sender._meta.get_parent_list()):
        known.add((model, instance.pk))


def _forget_deleted(sender, instance, **kwargs) -> None:
    known = _known()
    if known is None:
        return
    for model in (sender._meta.concrete_model, *sender._meta.get_parent_list()):
        known.discard((model, instance.pk))


def _enter() -> None:
    """Patch ForeignKey.validate once; listen to saves and deletes while any block is open."""
    with _lock:
        ForeignKey.validate = _validate
        if not _open_blocks:
            post_save.connect(_remember_created, weak=False, dispatch_uid=_UID)
            post_delete.connect(_forget_deleted, weak=False, dispatch_uid=_UID)
        _open_blocks.append(threading.get_ident())


def _leave() -> None:
    with _lock:
        _open_blocks.remove(threading.get_ident())
        if not _open_blocks:
            post_save.disconnect(dispatch_uid=_UID)
            post_delete.disconnect(dispatch_uid=_UID)


@contextmanager
def remembered():
    """Check each foreign-key target once inside the block (this thread); rows created count."""
    if _known() is not None:
        yield
        return
    _enter()
    _state.known = set()
    try:
        yield
    finally:
        _state.known = None
        _leave()
