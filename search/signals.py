"""Signal handlers that keep the index fresh for ordinary saves, deletes and publishing."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from directory.models import ContactPoint, Function, Organisation, Person, Position
from search import analytics, indexing
from search.analysis import synonyms

DIRECTORY_MODELS = (Organisation, Function, Person, Position, ContactPoint)


def _changed(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.record_changed(instance)


def _deleted(sender, instance, **kwargs):
    indexing.record_deleted(instance)


def _people_changed(sender, **kwargs):
    analytics.people_tokens.clear()


def _page_changed(sender, instance, **kwargs):
    synonyms.clear()
    indexing.record_changed(instance)


def _page_deleted(sender, instance, **kwargs):
    synonyms.clear()
    indexing.record_deleted(instance)


def _position_deleted(sender, instance, **kwargs):
    person = Person.objects.filter(pk=instance.person_id).first()
    if person is not None:
        indexing.record_changed(person)


def connect() -> None:
    """Connect every handler (called once from SearchConfig.ready)."""
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    for model in (Organisation, Function, Person, ContactPoint):
        post_save.connect(_changed, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    post_save.connect(_people_changed, sender=Person, dispatch_uid="search-people-tokens-save")
    post_delete.connect(_people_changed, sender=Person, dispatch_uid="search-people-tokens-delete")
    post_save.connect(_changed, sender=Position, dispatch_uid="search-save-Position")
    post_delete.connect(_position_deleted, sender=Position, dispatch_uid="search-delete-Position")
    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="search-page-deleted")
    document_model = get_document_model()
    post_save.connect(_changed, sender=document_model, dispatch_uid="search-save-document")
    post_delete.connect(_deleted, sender=document_model, dispatch_uid="search-delete-document")
