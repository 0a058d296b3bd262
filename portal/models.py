"""Wagtail page models, collected from portal.pages."""

from portal.pages.base import ContentPage, ContentPageTag, HomePage
from portal.pages.content import (
    DirectiveIndexPage,
    DirectivePage,
    GlossaryIndexPage,
    GlossaryPage,
    GuidelineIndexPage,
    GuidelinePage,
)
from portal.pages.governance import ForumIndexPage, ForumPage

__all__ = [
    "ContentPage",
    "ContentPageTag",
    "DirectiveIndexPage",
    "DirectivePage",
    "ForumIndexPage",
    "ForumPage",
    "GlossaryIndexPage",
    "GlossaryPage",
    "GuidelineIndexPage",
    "GuidelinePage",
    "HomePage",
]
