"""Wagtail page models, collected from portal.pages."""

from portal.documents import PortalDocument
from portal.governance.pages import (
    Activity,
    ActivityPlanPage,
    CollaborationPlanPage,
    Decision,
    ForumIndexPage,
    ForumPage,
    ForumSeat,
    MeetingAttendee,
    MeetingPage,
)
from portal.onboarding.pages import (
    OnboardingIndexPage,
    OnboardingPathPage,
    OnboardingProgress,
    OnboardingStep,
)
from portal.pages.base import ContentPage, ContentPageTag, HomePage
from portal.pages.content import (
    DirectiveIndexPage,
    DirectivePage,
    GlossaryIndexPage,
    GlossaryPage,
    GlossaryTerm,
    GuidelineIndexPage,
    GuidelinePage,
)

__all__ = [
    "Activity",
    "ActivityPlanPage",
    "CollaborationPlanPage",
    "ContentPage",
    "ContentPageTag",
    "Decision",
    "DirectiveIndexPage",
    "DirectivePage",
    "ForumIndexPage",
    "ForumPage",
    "ForumSeat",
    "GlossaryIndexPage",
    "GlossaryPage",
    "GlossaryTerm",
    "GuidelineIndexPage",
    "GuidelinePage",
    "HomePage",
    "MeetingAttendee",
    "MeetingPage",
    "OnboardingIndexPage",
    "OnboardingPathPage",
    "OnboardingProgress",
    "OnboardingStep",
    "PortalDocument",
]
