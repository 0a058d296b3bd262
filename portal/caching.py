"""Records readers see on cached pages that are not pages themselves bump the content scope."""

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model

from directory import caching
from portal.pages.content import GlossaryTerm


def _content_changed(**_kwargs) -> None:
    caching.bump(caching.CONTENT)


def connect() -> None:
    """Glossary terms and documents (titles and files linked from page bodies) invalidate bodies."""
    for model in (GlossaryTerm, get_document_model()):
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"cache-{model.__name__}")
        post_delete.connect(
            _content_changed, sender=model, dispatch_uid=f"cache-del-{model.__name__}"
        )
