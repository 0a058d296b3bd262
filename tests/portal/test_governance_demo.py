"""The governance demo loads end to end on the demo directory and is idempotent."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from directory.models import Function, Organisation
from directory.services import import_directory
from portal.governance.demo import CONTENT_DIR, load_governance_demo
from portal.governance.pages import (
    ActivityPlanPage,
    CollaborationPlanPage,
    Decision,
    ForumPage,
    MeetingPage,
)
from portal.onboarding import selectors as onboarding_selectors
from portal.onboarding.demo import load_onboarding_demo
from portal.onboarding.pages import OnboardingPathPage, OnboardingProgress
from tests.factories import PersonFactory, PositionFactory, UserFactory
from tests.portal.helpers import shown

pytestmark = pytest.mark.django_db


DEMO_DIRECTORY = CONTENT_DIR.parent / "directory.json"
ONBOARDING_FUNCTIONS = {
    "socsek-bou",
    "kurator",
    "skolskoterska",
    "forskolerektor",
    "bvc-sjukskoterska",
}


def test_demo_shows_plan_forums_meetings_decisions_and_onboarding():
    import_directory(path=DEMO_DIRECTORY, progress=False)
    user = UserFactory(username="nyanstalld")
    newcomer = PersonFactory(user=user, organisation=Organisation.objects.get(key="eke-soc-utr"))
    PositionFactory(
        person=newcomer,
        function=Function.objects.get(key="socsek-bou"),
        start=timezone.localdate() - datetime.timedelta(days=14),
    )
    reports = [load_governance_demo(), load_onboarding_demo()]
    warnings = [warning for report in reports for warning in report.warnings]
    assert all(warning.startswith("unknown page") for warning in warnings), warnings

    plan = CollaborationPlanPage.objects.get(slug="samverkansplan-2024-2027")
    assert plan.title == "Samverkansplan för barns bästa 2024–2027"
    assert ActivityPlanPage.objects.child_of(plan).live().count() >= 2
    forums = ForumPage.objects.filter(plan=plan)
    assert forums.count() >= 9
    assert {"management", "steering_group", "working_group"} <= set(
        forums.values_list("forum_kind", flat=True)
    )
    styrgrupp = forums.get(slug="forum-styrgrupp")
    assert styrgrupp.meetings_per_year >= 8 and styrgrupp.seats.count() >= 6
    assert MeetingPage.objects.live().count() >= 4
    assert Decision.objects.filter(status="open").exists()
    assert set(OnboardingPathPage.objects.values_list("function__key", flat=True)) >= (
        ONBOARDING_FUNCTIONS
    )

    [progress] = onboarding_selectors.home_onboarding(user)
    assert progress.done == 2

    pages_before = MeetingPage.objects.count(), Decision.objects.count()
    for report in (load_governance_demo(), load_onboarding_demo()):
        assert not [kind for kind in report.counts if "created" in kind or "updated" in kind]
    assert (MeetingPage.objects.count(), Decision.objects.count()) == pages_before
    assert OnboardingProgress.objects.filter(user=user).count() == 2

    client = Client()
    client.force_login(user)
    for page in (plan, styrgrupp, MeetingPage.objects.get(slug="styrgruppen-mote-1")):
        assert client.get(page.url).status_code == 200
    assert (
        shown("%(done)s of %(total)s steps done", done=2, total=7)
        in client.get("/min-introduktion/").content.decode()
    )
    feed = Calendar.from_ical(client.get(f"{styrgrupp.url}ics/").content)
    assert len(feed.walk("VEVENT")) == 2
