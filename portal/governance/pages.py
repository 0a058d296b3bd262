"""Collaboration plans, activity plans, forums, meetings and decisions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.blocks import BodyBlock
from portal.governance.blocks import AreaBlock, GovernanceLevelBlock, StrategyBlock
from portal.pages.base import ContentPage
from portal.workflows import OrganisationRights


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


class ForumKind(models.TextChoices):
    """The kinds of forum a cooperation runs."""

    MANAGEMENT = "management", _("Management forum (2+2)")
    STEERING_GROUP = "steering_group", _("Steering group")
    WORKING_GROUP = "working_group", _("Working group")
    SSPF = "sspf", _("SSPF")
    EHT_NETWORK = "eht_network", _("Pupil health network (EHT)")
    NETWORK = "network", _("Network")
    OTHER = "other", _("Other")


class SeatRole(models.TextChoices):
    """The role of a seat in a forum."""

    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    CO_OPTED = "co_opted", _("Co-opted")


class MinutesStatus(models.TextChoices):
    """Minutes are published as a draft, then approved."""

    NONE = "none", _("Not written yet")
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class DecisionStatus(models.TextChoices):
    """Whether a decision has been carried out."""

    OPEN = "open", _("Open")
    DONE = "done", _("Done")


FORUM_KIND_ALIASES = {
    "2+2": ForumKind.MANAGEMENT,
    "ledning": ForumKind.MANAGEMENT,
    "ledningsforum": ForumKind.MANAGEMENT,
    "styrgrupp": ForumKind.STEERING_GROUP,
    "arbetsgrupp": ForumKind.WORKING_GROUP,
    "eht": ForumKind.EHT_NETWORK,
    "eht-natverk": ForumKind.EHT_NETWORK,
    "natverk": ForumKind.NETWORK,
    "nätverk": ForumKind.NETWORK,
}


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

    def get_context(self, request, *args, **kwargs):
        from portal.governance import selectors

        context = super().get_context(request, *args, **kwargs)
        context["activity_plans"] = selectors.activity_plans(self)
        context["forums_by_area"] = selectors.forums_by_area(self)
        return context


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

    def get_context(self, request, *args, **kwargs):
        from portal.governance import selectors

        context = super().get_context(request, *args, **kwargs)
        context["activities"] = selectors.plan_activities(self)
        return context


class Activity(Orderable):
    """One activity in an activity plan, owned by a function or a forum."""

    page = ParentalKey(ActivityPlanPage, related_name="activities", on_delete=models.CASCADE)
    text = models.TextField(_("activity"))
    area = models.CharField(_("area"), max_length=255, blank=True)
    owner_function = models.ForeignKey(
        "directory.Function",
        verbose_name=_("owner (function)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_forum = models.ForeignKey(
        "portal.ForumPage",
        verbose_name=_("owner (forum)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_activities",
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


class ForumIndexPage(OrganisationRights, Page):
    """Lists the forums of the cooperation; a shared section page, administrators' only."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ForumPage"]
    max_count = 1
    template = "portal/governance/forum_index_page.html"

    class Meta:
        verbose_name = _("forum index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["forums"] = (
            ForumPage.objects.child_of(self).live().select_related("plan").order_by("title")
        )
        return context


class ForumPage(RoutablePageMixin, ContentPage):
    """A forum (styrgrupp, 2+2, working group, SSPF, EHT…) with members and meetings."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    forum_kind = models.CharField(
        _("kind of forum"), max_length=20, choices=ForumKind.choices, default=ForumKind.OTHER
    )
    purpose = models.TextField(_("purpose"), blank=True)
    mandate = models.TextField(_("mandate"), blank=True)
    plan = models.ForeignKey(
        CollaborationPlanPage,
        verbose_name=_("collaboration plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forums",
    )
    area = models.CharField(_("area of the plan"), max_length=255, blank=True)
    cadence = models.CharField(_("meeting cadence"), max_length=255, blank=True)
    meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings per year"), null=True, blank=True
    )
    default_location = models.CharField(_("usual location"), max_length=255, blank=True)

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("forum_kind"),
            FieldPanel("purpose"),
            FieldPanel("mandate"),
            MultiFieldPanel(
                [FieldPanel("plan"), FieldPanel("area")], heading=_("Place in the plan")
            ),
            MultiFieldPanel(
                [
                    FieldPanel("cadence"),
                    FieldPanel("meetings_per_year"),
                    FieldPanel("default_location"),
                ],
                heading=_("Meetings"),
            ),
            InlinePanel("seats", label=_("Members")),
            FieldPanel("body"),
        ]
        + ContentPage.metadata_panels
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("mandate"),
    ]
    parent_page_types = ["portal.ForumIndexPage"]
    subpage_types = ["portal.MeetingPage"]
    template = "portal/governance/forum_page.html"

    class Meta:
        verbose_name = _("forum")

    def clean(self):
        super().clean()
        if self.plan_id and self.area and self.area not in self.plan.area_names:
            raise ValidationError({"area": _("Choose one of the areas of the plan.")})

    def get_context(self, request, *args, **kwargs):
        from portal.governance import selectors

        context = super().get_context(request, *args, **kwargs)
        context["seats"] = selectors.forum_seats(self)
        context["upcoming_meetings"] = selectors.upcoming_meetings(self)
        context["past_meetings"] = selectors.past_meetings(self)
        context["open_decisions"] = selectors.open_decisions(self)
        return context

    @path("ics/", name="ics")
    def ics(self, request):
        """The forum's upcoming meetings as an iCalendar feed."""
        from portal.governance import ics, selectors

        body = ics.meetings_calendar(selectors.upcoming_meetings(self), name=self.title)
        return ics.calendar_response(body, filename=f"{self.slug}.ics")

    front_matter_keys = frozenset(
        {"forum_kind", "purpose", "mandate", "cadence", "meetings_per_year", "location"}
        | {"plan", "area", "members"}
    )

    def apply_front_matter(self, data: dict) -> list[str]:
        """Set the forum fields from import front matter; return warnings for what was skipped."""
        from portal.governance import services

        return services.apply_forum_front_matter(forum=self, data=data)


class ForumSeat(Orderable):
    """A seat in a forum held through a directory position, so it follows job changes."""

    forum = ParentalKey(ForumPage, related_name="seats", on_delete=models.CASCADE)
    position = models.ForeignKey(
        "directory.Position",
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    function = models.ForeignKey(
        "directory.Function",
        verbose_name=_("function"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Filled from the position; set it alone for a seat held by whoever has it."),
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER
    )

    panels = [
        FieldPanel("position"),
        FieldPanel("function"),
        FieldPanel("organisation"),
        FieldPanel("role"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def clean(self):
        if self.position_id is None and self.function_id is None:
            raise ValidationError(_("Choose a position or a function."))

    def save(self, *args, **kwargs):
        if self.position_id is not None:
            self.function_id = self.function_id or self.position.function_id
            self.organisation_id = self.organisation_id or self.position.organisation_id
        super().save(*args, **kwargs)


class MeetingPage(RoutablePageMixin, ContentPage):
    """A meeting of a forum: when, who, agenda, minutes and numbered decisions."""

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    agenda = RichTextField(_("agenda"), blank=True)
    minutes = RichTextField(_("minutes"), blank=True)
    minutes_status = models.CharField(
        _("minutes status"),
        max_length=20,
        choices=MinutesStatus.choices,
        default=MinutesStatus.NONE,
    )

    content_panels = (
        Page.content_panels
        + [
            MultiFieldPanel(
                [FieldPanel("start"), FieldPanel("end"), FieldPanel("location")],
                heading=_("When and where"),
            ),
            InlinePanel("attendees", label=_("Attendees")),
            FieldPanel("agenda"),
            FieldPanel("minutes_status"),
            FieldPanel("minutes"),
            InlinePanel("decisions", label=_("Decisions")),
        ]
        + ContentPage.metadata_panels
    )
    search_fields = Page.search_fields + [
        index.SearchField("agenda"),
        index.SearchField("minutes"),
        index.RelatedFields("decisions", [index.SearchField("text")]),
    ]
    parent_page_types = ["portal.ForumPage"]
    subpage_types: list[str] = []
    template = "portal/governance/meeting_page.html"

    class Meta:
        verbose_name = _("meeting")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The meeting must end after it starts.")})

    def save(self, *args, **kwargs):
        self.number_decisions()
        super().save(*args, **kwargs)

    def number_decisions(self) -> None:
        """Give unnumbered decisions the next free numbers, keeping existing numbers stable."""
        decisions = list(self.decisions.all())
        taken = {decision.number for decision in decisions if decision.number}
        next_number = max(taken, default=0) + 1
        for decision in decisions:
            if not decision.number:
                decision.number = next_number
                next_number += 1

    @property
    def body(self) -> str:
        """Agenda, minutes and numbered decisions as one text, for search."""
        decisions = [
            f"<p>{_('Decision')} {decision.number}: {decision.text}</p>"
            for decision in self.decisions.all()
        ]
        return "\n".join([self.agenda, self.minutes, *decisions])

    @property
    def forum(self):
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def period_warning(self) -> str:
        """A warning for editors when the meeting falls outside its forum's plan period."""
        forum = self.forum
        plan = getattr(forum, "plan", None)
        if plan is None or self.start is None:
            return ""
        day = timezone.localtime(self.start).date()
        if plan.covers(day):
            return ""
        return _(
            "This meeting is dated %(day)s, outside the period of %(plan)s (%(start)s – %(end)s)."
        ) % {"day": day, "plan": plan.title, "start": plan.period_start, "end": plan.period_end}

    def get_context(self, request, *args, **kwargs):
        from portal.governance import selectors

        context = super().get_context(request, *args, **kwargs)
        context["attendees"] = selectors.meeting_attendees(self)
        context["decisions"] = selectors.meeting_decisions(self)
        context["can_edit"] = self.permissions_for_user(request.user).can_edit()
        return context

    @path("beslut/<int:number>/", name="decision")
    def decision(self, request, number):
        """One decision at its own stable address."""
        from portal.governance import selectors

        decision = next(
            (item for item in selectors.meeting_decisions(self) if item.number == number), None
        )
        if decision is None:
            raise Http404
        return render(
            request,
            "portal/governance/decision.html",
            {"page": self, "self": self, "decision": decision},
        )

    def decision_url(self, number: int) -> str:
        return f"{self.url}beslut/{number}/"


class MeetingAttendee(Orderable):
    """Someone at a meeting: a position (kept after it ends) or a guest by name."""

    meeting = ParentalKey(MeetingPage, related_name="attendees", on_delete=models.CASCADE)
    position = models.ForeignKey(
        "directory.Position",
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    function = models.ForeignKey(
        "directory.Function", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guest_name = models.CharField(_("guest name"), max_length=255, blank=True)
    guest_organisation = models.CharField(_("guest organisation"), max_length=255, blank=True)

    panels = [FieldPanel("position"), FieldPanel("guest_name"), FieldPanel("guest_organisation")]

    class Meta(Orderable.Meta):
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")

    def clean(self):
        if self.position_id is None and not self.guest_name:
            raise ValidationError(_("Choose a position or give a guest's name."))

    def save(self, *args, **kwargs):
        if self.position_id is not None:
            self.function_id = self.position.function_id
            self.organisation_id = self.position.organisation_id
        super().save(*args, **kwargs)


class Decision(Orderable):
    """A numbered decision of a meeting, addressable at <meeting>/beslut/<number>/."""

    meeting = ParentalKey(MeetingPage, related_name="decisions", on_delete=models.CASCADE)
    number = models.PositiveIntegerField(
        _("number"), null=True, blank=True, help_text=_("Left empty, the next number is used.")
    )
    text = models.TextField(_("decision"))
    responsible_position = models.ForeignKey(
        "directory.Position",
        verbose_name=_("responsible (position)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responsible_function = models.ForeignKey(
        "directory.Function",
        verbose_name=_("responsible (function)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("follow up by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("text"),
        FieldPanel("responsible_position"),
        FieldPanel("responsible_function"),
        FieldPanel("due_date"),
        FieldPanel("status"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"§{self.number} {self.text[:60]}"

    @property
    def anchor(self) -> str:
        return f"beslut-{self.number}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status == DecisionStatus.OPEN
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

    def get_url(self) -> str:
        return self.meeting.decision_url(self.number)
