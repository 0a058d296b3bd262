"""Governance page types: collaboration plans, forums and meetings."""

from portal.governance.pages.forums import (
    FORUM_KIND_ALIASES,
    ForumIndexPage,
    ForumKind,
    ForumPage,
    ForumSeat,
    SeatRole,
    apply_forum_front_matter,
)
from portal.governance.pages.meetings import (
    Decision,
    DecisionStatus,
    MeetingAttendee,
    MeetingPage,
    MinutesStatus,
)
from portal.governance.pages.plans import (
    Activity,
    ActivityPlanPage,
    ActivityStatus,
    CollaborationPlanPage,
    PlanStatus,
)

__all__ = [
    "FORUM_KIND_ALIASES",
    "Activity",
    "ActivityPlanPage",
    "ActivityStatus",
    "CollaborationPlanPage",
    "Decision",
    "DecisionStatus",
    "ForumIndexPage",
    "ForumKind",
    "ForumPage",
    "ForumSeat",
    "MeetingAttendee",
    "MeetingPage",
    "MinutesStatus",
    "PlanStatus",
    "SeatRole",
    "apply_forum_front_matter",
]
