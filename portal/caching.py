"""Records readers see on cached pages that are not pages themselves bump the content scope."""

from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction, Site

from directory import caching
from portal.pages.content import GlossaryTerm


def connect() -> None:
    """Glossary terms and documents (titles and files linked from page bodies) invalidate bodies;
    sites and view restrictions invalidate the routes remembered with them (pages/routes.py)."""
    caching.bump_content_on_write(GlossaryTerm, get_document_model(), Site, PageViewRestriction)
