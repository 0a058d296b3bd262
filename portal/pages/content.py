"""Guidelines, joint directives and glossaries, with an index page per type."""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from portal.blocks import BodyBlock
from portal.pages.base import ContentPage, SectionIndexPage, optional_link


class ContentIndexPage(SectionIndexPage):
    """Lists the live child pages with filters."""

    class Meta:
        abstract = True


class GuidelineIndexPage(ContentIndexPage):
    """Lists guidelines with filters."""

    template = "portal/content_index_page.html"
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.GuidelinePage"]
    max_count = 1

    class Meta:
        verbose_name = _("guideline index")


class GuidelinePage(ContentPage):
    """A guideline or routine (rutin/riktlinje)."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    related_functions = ParentalManyToManyField(
        "directory.Function", blank=True, related_name="+", verbose_name=_("related functions")
    )

    content_panels = (
        Page.content_panels
        + ContentPage.metadata_panels
        + [FieldPanel("body"), FieldPanel("related_functions")]
    )
    parent_page_types = ["portal.GuidelineIndexPage"]
    subpage_types: list[str] = []
    shared_body = True

    class Meta:
        verbose_name = _("guideline")

    def get_shared_context(self, request) -> dict:
        context = super().get_shared_context(request)
        context["related_functions"] = list(self.related_functions.all())
        return context


class DirectiveIndexPage(ContentIndexPage):
    """Lists joint written directives."""

    template = "portal/content_index_page.html"
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
    parties = ParentalManyToManyField(
        "directory.Organisation", blank=True, related_name="+", verbose_name=_("parties")
    )
    replaces = optional_link(
        "portal.DirectivePage", verbose_name=_("replaces"), related_name="replaced_by_directives"
    )
    signed_document = optional_link(
        get_document_model_string(), verbose_name=_("signed document (PDF)")
    )

    content_panels = (
        Page.content_panels
        + ContentPage.metadata_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("parties"),
                    FieldPanel("decided_by"),
                    FieldPanel("decided_on"),
                    FieldPanel("diary_number"),
                    FieldPanel("replaces"),
                    FieldPanel("signed_document"),
                ],
                heading=_("Decision"),
            ),
            FieldPanel("body"),
        ]
    )
    parent_page_types = ["portal.DirectiveIndexPage"]
    subpage_types: list[str] = []
    shared_body = True

    class Meta:
        verbose_name = _("directive")

    def get_shared_context(self, request) -> dict:
        context = super().get_shared_context(request)
        context["predecessor"] = self.replaces if self.replaces and self.replaces.live else None
        context["parties"] = list(self.parties.all())
        return context


class GlossaryIndexPage(ContentIndexPage):
    """Lists glossaries."""

    template = "portal/content_index_page.html"
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.GlossaryPage"]
    max_count = 1

    class Meta:
        verbose_name = _("glossary index")


class GlossaryPage(ContentPage):
    """Terms and abbreviations with definitions and synonyms that feed search."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = (
        Page.content_panels
        + ContentPage.metadata_panels
        + [InlinePanel("terms", label=_("terms")), FieldPanel("body")]
    )
    parent_page_types = ["portal.GlossaryIndexPage"]
    subpage_types: list[str] = []
    shared_body = True

    class Meta:
        verbose_name = _("glossary")


class GlossaryTerm(Orderable):
    """A term or abbreviation with its definition and the other words people use for it."""

    page = ParentalKey(GlossaryPage, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(_("term"), max_length=255)
    definition = models.TextField(_("definition"), blank=True)
    is_abbreviation = models.BooleanField(_("abbreviation"), default=False)
    expansion = models.CharField(
        _("expansion"),
        max_length=255,
        blank=True,
        help_text=_("For an abbreviation: what it stands for, e.g. samordnad individuell plan."),
    )
    synonyms = models.JSONField(_("synonyms"), default=list, blank=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("definition"),
        FieldPanel("is_abbreviation"),
        FieldPanel("expansion"),
        FieldPanel("synonyms"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self) -> str:
        return self.term

    @property
    def anchor(self) -> str:
        return slugify(self.term) or f"term-{self.pk}"
