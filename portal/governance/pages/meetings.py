"""Meetings of a forum, their attendees and numbered decisions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.pages.base import ContentPage, optional_link


class MinutesStatus(models.TextChoices):
    """Minutes are published as a draft, then approved."""

    NONE = "none", _("Not written yet")
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class DecisionStatus(models.TextChoices):
    """Whether a decision has been carried out."""

    OPEN = "open", _("Open")
    DONE = "done", _("Done")


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
        context = super().get_context(request, *args, **kwargs)
        context["can_edit"] = self.permissions_for_user(request.user).can_edit()
        return context

    @path("beslut/<int:number>/", name="decision")
    def decision(self, request, number):
        """One decision at its own stable address."""
        decisions = self.read("decisions")
        decision = next((item for item in decisions if item.number == number), None)
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
    position = optional_link("directory.Position", verbose_name=_("position"))
    function = optional_link("directory.Function")
    organisation = optional_link("directory.Organisation")
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
    responsible_position = optional_link(
        "directory.Position", verbose_name=_("responsible (position)")
    )
    responsible_function = optional_link(
        "directory.Function", verbose_name=_("responsible (function)")
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
