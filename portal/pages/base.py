"""The home page and the metadata every content page shares."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

from directory.models import AGE_GROUPS


class ContentPageTag(TaggedItemBase):
    """A tag on any content page."""

    content_object = ParentalKey("wagtailcore.Page", related_name="tagged_content_items")


class ContentPage(Page):
    """Shared metadata: owner, contact function, tags, audience, age groups, validity, review."""

    summary = models.TextField(_("summary"), blank=True)
    owner_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("owner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_function = models.ForeignKey(
        "directory.Function",
        verbose_name=_("responsible function"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(_("tags"), through=ContentPageTag, blank=True)
    audience = models.JSONField(_("audience"), default=list, blank=True)
    age_groups = models.JSONField(_("age groups"), default=list, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    review_by = models.DateField(_("review by"), null=True, blank=True)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)

    metadata_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("owner_organisation"),
                FieldPanel("contact_function"),
                FieldPanel("tags"),
                FieldPanel("audience"),
                FieldPanel("age_groups"),
            ],
            heading=_("Ownership and audience"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("valid_from"),
                FieldPanel("valid_to"),
                FieldPanel("review_by"),
                FieldPanel("last_reviewed"),
            ],
            heading=_("Validity and review"),
        ),
    ]

    class Meta:
        verbose_name = _("content page")

    @property
    def is_overdue_for_review(self) -> bool:
        return self.review_by is not None and self.review_by < timezone.localdate()

    @property
    def age_group_labels(self) -> list[str]:
        labels = dict(AGE_GROUPS)
        return [labels.get(group, group) for group in self.age_groups]


class HomePage(Page):
    """Search first, shortcuts for the three kinds of users."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
