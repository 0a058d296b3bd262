"""Guidelines, joint directives and glossaries, with an index page per type."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from portal.blocks import BodyBlock
from portal.pages.base import ContentPage


class GuidelineIndexPage(Page):
    """Lists guidelines with filters."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.GuidelinePage"]
    max_count = 1

    class Meta:
        verbose_name = _("guideline index")


class GuidelinePage(ContentPage):
    """A guideline or routine (rutin/riktlinje)."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + ContentPage.metadata_panels + [FieldPanel("body")]
    parent_page_types = ["portal.GuidelineIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("guideline")


class DirectiveIndexPage(Page):
    """Lists joint written directives."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.DirectivePage"]
    max_count = 1

    class Meta:
        verbose_name = _("directive index")


class DirectivePage(ContentPage):
    """A joint written directive decided by one or more parties."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    diary_number = models.CharField(_("diary number"), max_length=100, blank=True)
    decided_by = models.CharField(_("decision body"), max_length=255, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)

    content_panels = (
        Page.content_panels
        + ContentPage.metadata_panels
        + [
            FieldPanel("diary_number"),
            FieldPanel("decided_by"),
            FieldPanel("decided_on"),
            FieldPanel("body"),
        ]
    )
    parent_page_types = ["portal.DirectiveIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("directive")


class GlossaryIndexPage(Page):
    """Lists glossaries."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.GlossaryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("glossary index")


class GlossaryPage(ContentPage):
    """Terms and abbreviations with definitions and synonyms that feed search."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + ContentPage.metadata_panels + [FieldPanel("body")]
    parent_page_types = ["portal.GlossaryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("glossary")
