"""Writes for forums: the extra front matter of `type: forum` content files."""

from django.utils.translation import gettext as _

from directory.models import Function, Organisation, Position
from portal.governance.pages import (
    FORUM_KIND_ALIASES,
    CollaborationPlanPage,
    ForumKind,
    ForumPage,
    ForumSeat,
    SeatRole,
)

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
            warnings.append(_("area %(area)r is not an area of the plan") % {"area": forum.area})
    if "members" in data:
        warnings += _set_members(forum, data["members"])
    return warnings


def _set_kind(forum: ForumPage, value) -> list[str]:
    kind = str(value or "").strip().lower()
    kind = FORUM_KIND_ALIASES.get(kind, kind)
    if kind not in ForumKind.values:
        return [
            _("forum_kind %(kind)r is unknown; use one of %(kinds)s")
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
        return [_("meetings_per_year %(value)r is not a number of meetings") % {"value": value}]
    forum.meetings_per_year = number
    return []


def _set_plan(forum: ForumPage, slug) -> list[str]:
    plan = CollaborationPlanPage.objects.filter(slug=str(slug or "")).first()
    if plan is None and slug:
        return [_("plan %(slug)r does not exist yet") % {"slug": slug}]
    forum.plan = plan
    return []


def _set_members(forum: ForumPage, members) -> list[str]:
    if not isinstance(members, list):
        return [_("members must be a list of {function, organisation, role}")]
    warnings: list[str] = []
    seats = []
    for number, member in enumerate(members, start=1):
        seat, problem = _seat(member)
        if problem:
            warnings.append(
                _("members[%(number)s]: %(problem)s") % {"number": number, "problem": problem}
            )
        if seat is not None:
            seats.append(seat)
    forum.seats = seats
    return warnings


def _seat(member) -> tuple[ForumSeat | None, str]:
    if not isinstance(member, dict):
        return None, _("expected {function, organisation, role}")
    function = Function.objects.filter(key=str(member.get("function", ""))).first()
    if function is None:
        return None, _("unknown function %(key)r") % {"key": member.get("function")}
    organisation = None
    if member.get("organisation"):
        organisation = Organisation.objects.filter(key=str(member["organisation"])).first()
        if organisation is None:
            return None, _("unknown organisation %(key)r") % {"key": member["organisation"]}
    role = str(member.get("role") or SeatRole.MEMBER)
    problem = ""
    if role not in SeatRole.values:
        problem, role = _("unknown role %(role)r, used member") % {"role": role}, SeatRole.MEMBER
    positions = Position.objects.current().filter(function=function)
    if organisation is not None:
        positions = positions.filter(organisation=organisation)
    holders = list(positions[:2])
    position = holders[0] if len(holders) == 1 else None
    seat = ForumSeat(position=position, function=function, organisation=organisation, role=role)
    return seat, problem
