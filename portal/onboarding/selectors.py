"""Reads for onboarding paths and progress; linked people are shown only when visible."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from directory.models import ContactPoint
from directory.selectors import (
    organisation_tree,
    person_for_user,
    stand_in_contact_points,
    visible_person,
)
from portal.onboarding.pages import OnboardingPathPage, OnboardingProgress, OnboardingStep

NEW_EMPLOYEE_DAYS = 90


@dataclass(frozen=True)
class StepProgress:
    """A step with what it links to, how to reach whom it names, and whether the user ticked it."""

    step: OnboardingStep
    done: bool
    link_url: str = ""
    link_label: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class PathProgress:
    """A path with the user's progress through its steps."""

    path: OnboardingPathPage
    steps: list[StepProgress] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def done(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.done == self.total

    @property
    def next_step(self) -> StepProgress | None:
        """The first step not yet done."""
        return next((step for step in self.steps if not step.done), None)


@dataclass(frozen=True)
class PathCompletion:
    """How far the users who started a path have come, for editors."""

    path: OnboardingPathPage
    steps: int
    started: int
    completed: int


def paths_for_user(user):
    """Live paths for the functions of the user's current positions, at their organisations."""
    person = person_for_user(user=user)
    if person is None:
        return OnboardingPathPage.objects.none()
    positions = list(person.positions.current().values_list("function_id", "organisation_id"))
    if not positions:
        return OnboardingPathPage.objects.none()
    organisations = organisation_tree().with_ancestors(
        organisation for _, organisation in positions
    )
    return (
        OnboardingPathPage.objects.live()
        .filter(function_id__in={function for function, _ in positions})
        .filter(Q(organisation__isnull=True) | Q(organisation_id__in=organisations))
        .select_related("function", "organisation")
        .order_by("title")
    )


def _contact_point_for(step: OnboardingStep) -> ContactPoint | None:
    """The step's contact point, or for a person readers may no longer see, their unit's stand-in."""
    if step.contact_point is not None:
        return step.contact_point if step.contact_point.retired_at is None else None
    if step.person is None or step.person.organisation_id is None:
        return None
    points = stand_in_contact_points(organisation_ids={step.person.organisation_id})
    return points.get(step.person.organisation_id)


def _link(step: OnboardingStep) -> tuple[str, str, str, str]:
    """URL, label, phone and e-mail of what the step points to (never a protected person)."""
    if step.page is not None and step.page.live:
        return step.page.url or "", step.page.title, "", ""
    if step.function is not None and step.function.retired_at is None:
        return step.function.get_absolute_url(), step.function.name, "", ""
    person = visible_person(step.person)
    if person is not None:
        return person.get_absolute_url(), person.full_name, person.phone, person.email
    contact_point = _contact_point_for(step)
    if contact_point is not None:
        return (
            contact_point.get_absolute_url(),
            contact_point.name,
            contact_point.phone,
            contact_point.email,
        )
    return "", "", "", ""


def path_progress(path: OnboardingPathPage, user) -> PathProgress:
    """One path's steps in order, ticked where the user has done them."""
    steps = list(path.steps.select_related("page", "function", "person", "contact_point"))
    done = set()
    if user.is_authenticated:
        done = set(
            OnboardingProgress.objects.filter(user=user, step__in=steps).values_list(
                "step_id", flat=True
            )
        )
    return PathProgress(
        path=path,
        steps=[StepProgress(step, step.pk in done, *_link(step)) for step in steps],
    )


def onboarding_for_user(user) -> list[PathProgress]:
    """The user's paths with progress, for "my onboarding" and the home page."""
    return [path_progress(path, user) for path in paths_for_user(user)]


def is_new_employee(user, today: datetime.date | None = None) -> bool:
    """True when one of the user's current positions started in the last 90 days."""
    person = person_for_user(user=user)
    if person is None:
        return False
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=NEW_EMPLOYEE_DAYS)
    return person.positions.current(on=today).filter(start__gte=since).exists()


def home_onboarding(user) -> list[PathProgress]:
    """Onboarding to show on the home page: only for new employees."""
    return onboarding_for_user(user) if is_new_employee(user) else []


def completion_report() -> list[PathCompletion]:
    """Per path: number of steps, users who ticked any step and users who ticked all."""
    paths = (
        OnboardingPathPage.objects.all()
        .select_related("function", "organisation")
        .annotate(step_count=Count("steps", distinct=True))
        .order_by("title")
    )
    rows = (
        OnboardingProgress.objects.values("step__path_id", "user_id")
        .annotate(ticked=Count("step_id"))
        .order_by()
    )
    started: dict[int, int] = {}
    completed: dict[int, int] = {}
    counts = {path.pk: path.step_count for path in paths}
    for row in rows:
        path_id = row["step__path_id"]
        started[path_id] = started.get(path_id, 0) + 1
        if row["ticked"] >= counts.get(path_id, 0) > 0:
            completed[path_id] = completed.get(path_id, 0) + 1
    return [
        PathCompletion(
            path=path,
            steps=path.step_count,
            started=started.get(path.pk, 0),
            completed=completed.get(path.pk, 0),
        )
        for path in paths
    ]
