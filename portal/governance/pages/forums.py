"""Forums (styrgrupp, 2+2, working groups, SSPF, EHT…), their seats and their import front matter."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from directory.models import Function, Organisation, Position
from portal.blocks import BodyBlock
from portal.governance import ics
from portal.governance.pages.plans import CollaborationPlanPage
from portal.pages.base import ContentPage, SectionIndexPage, optional_link


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


class ForumIndexPage(SectionIndexPage):
    """Lists the forums of the cooperation."""

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.ForumPage"]
    max_count = 1
    template = "portal/governance/forum_index_page.html"

    class Meta:
        verbose_name = _("forum index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["forums"] = self.live_children(ForumPage, "plan")
        return context


class ForumPage(RoutablePageMixin, ContentPage):
    """A forum (styrgrupp, 2+2, working group, SSPF, EHT…) with members and meetings."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    forum_kind = models.CharField(
        _("kind of forum"), max_length=20, choices=ForumKind.choices, default=ForumKind.OTHER
    )
    purpose = models.TextField(_("purpose"), blank=True)
    mandate = models.TextField(_("mandate"), blank=True)
    plan = optional_link(
        CollaborationPlanPage, verbose_name=_("collaboration plan"), related_name="forums"
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

    @path("ics/", name="ics")
    def ics(self, request):
        """The forum's upcoming meetings, as its page lists them, as an iCalendar feed."""
        meetings = self.read("upcoming_meetings")
        body = ics.meetings_calendar(meetings, name=self.title)
        return ics.calendar_response(body, filename=f"{self.slug}.ics")

    front_matter_keys = frozenset(
        {"forum_kind", "purpose", "mandate", "cadence", "meetings_per_year", "location"}
        | {"plan", "area", "members"}
    )

    def apply_front_matter(self, data: dict) -> list[str]:
        """Set the forum fields from import front matter; return warnings for what was skipped."""
        return apply_forum_front_matter(forum=self, data=data)


class ForumSeat(Orderable):
    """A seat in a forum held through a directory position, so it follows job changes."""

    forum = ParentalKey(ForumPage, related_name="seats", on_delete=models.CASCADE)
    position = optional_link("directory.Position", verbose_name=_("position"))
    function = optional_link(
        "directory.Function",
        verbose_name=_("function"),
        help_text=_("Filled from the position; set it alone for a seat held by whoever has it."),
    )
    organisation = optional_link("directory.Organisation", verbose_name=_("unit"))
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


TEXT_KEYS = {
    "purpose": "purpose",
    "mandate": "mandate",
    "cadence": "cadence",
    "location": "default_location",
}


def apply_forum_front_matter(*, forum: ForumPage, data: dict) -> list[str]:
    """Set forum_kind, purpose, mandate, cadence, meetings_per_year, location, plan, area and
    members from front matter without saving; return a warning per value that was skipped."""
    warnings: list[str] = []
    for key, field in TEXT_KEYS.items():
        if key in data:
            setattr(forum, field, str(data[key] or "").strip())
    if "forum_kind" in data:
        warnings += _set_kind(forum, data["forum_kind"])
    if "meetings_per_year" in data:
        warnings += _set_meetings_per_year(forum, data["meetings_per_year"])
    if "plan" in data:
        warnings += _set_plan(forum, data["plan"])
    if "area" in data:
        forum.area = str(data["area"] or "").strip()
        if forum.plan is not None and forum.area and forum.area not in forum.plan.area_names:
            warnings.append(
                gettext("area %(area)r is not an area of the plan") % {"area": forum.area}
            )
    if "members" in data:
        warnings += _set_members(forum, data["members"])
    return warnings


def _set_kind(forum: ForumPage, value) -> list[str]:
    kind = str(value or "").strip().lower()
    kind = FORUM_KIND_ALIASES.get(kind, kind)
    if kind not in ForumKind.values:
        return [
            gettext("forum_kind %(kind)r is unknown; use one of %(kinds)s")
            % {"kind": value, "kinds": ", ".join(ForumKind.values)}
        ]
    forum.forum_kind = kind
    return []


def _set_meetings_per_year(forum: ForumPage, value) -> list[str]:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if not 0 <= number <= 365:
        return [
            gettext("meetings_per_year %(value)r is not a number of meetings") % {"value": value}
        ]
    forum.meetings_per_year = number
    return []


def _set_plan(forum: ForumPage, slug) -> list[str]:
    plan = CollaborationPlanPage.objects.filter(slug=str(slug or "")).first()
    if plan is None and slug:
        return [gettext("plan %(slug)r does not exist yet") % {"slug": slug}]
    forum.plan = plan
    return []


def _set_members(forum: ForumPage, members) -> list[str]:
    if not isinstance(members, list):
        return [gettext("members must be a list of {function, organisation, role}")]
    warnings: list[str] = []
    seats = []
    for number, member in enumerate(members, start=1):
        seat, problem = _seat(member)
        if problem:
            warnings.append(
                gettext("members[%(number)s]: %(problem)s") % {"number": number, "problem": problem}
            )
        if seat is not None:
            seats.append(seat)
    forum.seats = seats
    return warnings


def _seat(member) -> tuple[ForumSeat | None, str]:
    if not isinstance(member, dict):
        return None, gettext("expected {function, organisation, role}")
    function = Function.objects.filter(key=str(member.get("function", ""))).first()
    if function is None:
        return None, gettext("unknown function %(key)r") % {"key": member.get("function")}
    organisation = None
    if member.get("organisation"):
        organisation = Organisation.objects.filter(key=str(member["organisation"])).first()
        if organisation is None:
            return None, gettext("unknown organisation %(key)r") % {"key": member["organisation"]}
    role = str(member.get("role") or SeatRole.MEMBER)
    problem = ""
    if role not in SeatRole.values:
        problem, role = (
            gettext("unknown role %(role)r, used member") % {"role": role},
            SeatRole.MEMBER,
        )
    positions = Position.objects.current().filter(function=function)
    if organisation is not None:
        positions = positions.filter(organisation=organisation)
    holders = list(positions[:2])
    position = holders[0] if len(holders) == 1 else None
    seat = ForumSeat(position=position, function=function, organisation=organisation, role=role)
    return seat, problem
