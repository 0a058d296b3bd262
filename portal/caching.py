"""Records readers see on cached pages that are not pages themselves bump the content scope."""

from wagtail.documents import get_document_model

from directory import caching
from portal.pages.content import GlossaryTerm


def connect() -> None:
    """Glossary terms and documents (titles and files linked from page bodies) invalidate bodies."""
    caching.bump_content_on_write(GlossaryTerm, get_document_model())
