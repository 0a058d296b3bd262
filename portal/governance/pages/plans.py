"""Collaboration plans and their yearly activity plans."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.governance.blocks import AreaBlock, GovernanceLevelBlock, StrategyBlock
from portal.pages.base import ContentPage, optional_link


class PlanStatus(models.TextChoices):
    """Whether a collaboration plan still applies."""

    VALID = "valid", _("Valid")
    DUE_FOR_REVISION = "due", _("Due for revision")
    EXPIRED = "expired", _("Expired")


class ActivityStatus(models.TextChoices):
    """Progress of one activity in an activity plan."""

    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class CollaborationPlanPage(ContentPage):
    """A joint plan for a period, with governance, areas, success factors and strategies."""

    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    revision_date = models.DateField(
        _("revise by"),
        null=True,
        blank=True,
        help_text=_("The plan shows 'due for revision' from this date."),
    )
    parties = ParentalManyToManyField(
        "directory.Organisation", verbose_name=_("parties"), blank=True, related_name="+"
    )
    governance_levels = StreamField(
        [("level", GovernanceLevelBlock())], blank=True, verbose_name=_("governance levels")
    )
    areas = StreamField([("area", AreaBlock())], blank=True, verbose_name=_("areas"))
    success_factors = StreamField(
        [("factor", blocks.CharBlock(label=_("Success factor")))],
        blank=True,
        verbose_name=_("success factors"),
    )
    strategies = StreamField(
        [("strategy", StrategyBlock())], blank=True, verbose_name=_("strategies")
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel(
                [FieldPanel("period_start"), FieldPanel("period_end"), FieldPanel("revision_date")],
                heading=_("Period"),
            ),
            FieldPanel("parties"),
            FieldPanel("governance_levels"),
            FieldPanel("areas"),
            FieldPanel("success_factors"),
            FieldPanel("strategies"),
            FieldPanel("body"),
        ]
        + ContentPage.metadata_panels
    )
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ActivityPlanPage"]
    template = "portal/governance/collaboration_plan_page.html"

    class Meta:
        verbose_name = _("collaboration plan")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError({"period_end": _("The period must end after it starts.")})

    @property
    def plan_status(self) -> str:
        """Valid, due for revision (from the revision date) or expired (after the period)."""
        today = timezone.localdate()
        if self.period_end and self.period_end < today:
            return PlanStatus.EXPIRED
        if self.revision_date and self.revision_date <= today:
            return PlanStatus.DUE_FOR_REVISION
        return PlanStatus.VALID

    @property
    def plan_status_label(self) -> str:
        return PlanStatus(self.plan_status).label

    @property
    def area_names(self) -> list[str]:
        return [block.value["name"] for block in self.areas]

    def covers(self, day: datetime.date) -> bool:
        return self.period_start <= day <= self.period_end


class ActivityPlanPage(ContentPage):
    """The activities of one year of a collaboration plan."""

    year = models.PositiveSmallIntegerField(_("year"))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = (
        Page.content_panels
        + [FieldPanel("year"), FieldPanel("body"), InlinePanel("activities", label=_("Activities"))]
        + ContentPage.metadata_panels
    )
    parent_page_types = ["portal.CollaborationPlanPage"]
    subpage_types: list[str] = []
    template = "portal/governance/activity_plan_page.html"

    class Meta:
        verbose_name = _("activity plan")


class Activity(Orderable):
    """One activity in an activity plan, owned by a function or a forum."""

    page = ParentalKey(ActivityPlanPage, related_name="activities", on_delete=models.CASCADE)
    text = models.TextField(_("activity"))
    area = models.CharField(_("area"), max_length=255, blank=True)
    owner_function = optional_link("directory.Function", verbose_name=_("owner (function)"))
    owner_forum = optional_link(
        "portal.ForumPage", verbose_name=_("owner (forum)"), related_name="owned_activities"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)

    panels = [
        FieldPanel("text"),
        FieldPanel("area"),
        FieldPanel("owner_function"),
        FieldPanel("owner_forum"),
        FieldPanel("status"),
        FieldPanel("due_date"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_overdue(self) -> bool:
        open_statuses = (ActivityStatus.PLANNED, ActivityStatus.ONGOING)
        return (
            self.status in open_statuses
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )
