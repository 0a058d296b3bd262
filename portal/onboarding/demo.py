"""Load the onboarding demo: the paths per function, and the demo newcomer's first ticked steps."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from directory.models import ContactPoint, Person
from portal.demo.loader import DemoReport, PageLoader
from portal.onboarding import services as onboarding_services
from portal.onboarding.pages import (
    OnboardingIndexPage,
    OnboardingPathPage,
    OnboardingProgress,
    OnboardingStep,
)
from portal.services import home_page

ONBOARDING_FILE = Path(__file__).resolve().parent.parent / "demo" / "onboarding" / "paths.yaml"


def load_onboarding_demo(
    *, path: Path = ONBOARDING_FILE, today: datetime.date | None = None
) -> DemoReport:
    """Create or update the demo onboarding paths (after the pages they link to)."""
    return _Loader(today or timezone.localdate()).load_file(path)


class _Loader(PageLoader):
    """Upserts the onboarding index and paths, keeping steps a user may have ticked."""

    def load(self, data: dict) -> None:
        paths = self.onboarding(data.get("onboarding", {}))
        if "new_employee" in data:
            self.new_employee(data["new_employee"], paths)

    def onboarding(self, data: dict) -> dict[str, OnboardingPathPage]:
        if not data:
            return {}
        index_data = data.get("index", {})
        index = OnboardingIndexPage.objects.first() or home_page().add_child(
            instance=OnboardingIndexPage(
                title=index_data.get("title", "Introduktion"),
                slug=index_data.get("slug", "introduktion"),
                intro=index_data.get("intro", ""),
            )
        )
        paths = {}
        for item in data.get("paths", []):
            function = self.function(item["function"])
            if function is None:
                continue
            existing = OnboardingPathPage.objects.filter(slug=item["slug"]).first()
            old_steps = {step.title: step for step in existing.steps.all()} if existing else {}
            steps = [self.step(step, old_steps.get(step["title"])) for step in item["steps"]]
            paths[function.key] = self.upsert(
                OnboardingPathPage,
                index,
                item["slug"],
                {
                    "title": item["title"],
                    "function": function,
                    "organisation": self.organisation(item.get("organisation")),
                    "intro": f"<p>{item.get('intro', '')}</p>",
                    "owner_organisation": self.organisation(item.get("owner")),
                },
                {"steps": steps},
                source=item,
            )
        return paths

    def step(self, item: dict, step: OnboardingStep | None) -> OnboardingStep:
        step = step or OnboardingStep(title=item["title"])
        step.why = item.get("why", "")
        step.time_frame = item.get("time_frame", "")
        step.page = self.page(item.get("page"))
        step.function = self.function(item.get("function"))
        step.person = (
            Person.objects.visible().filter(key=item["person"]).first()
            if "person" in item
            else None
        )
        step.contact_point = (
            ContactPoint.objects.filter(key=item["contact_point"]).first()
            if "contact_point" in item
            else None
        )
        return step

    def new_employee(self, data: dict, paths: dict[str, OnboardingPathPage]) -> None:
        """Tick the first steps of the demo newcomer's path once, so progress shows from the start."""
        user = get_user_model().objects.filter(username=data["username"]).first()
        path = paths.get(data["function"])
        if user is None or path is None:
            return
        if not OnboardingProgress.objects.filter(user=user, step__path=path).exists():
            for step in list(path.steps.all())[: data.get("ticked_steps", 0)]:
                onboarding_services.set_step_done(user=user, step=step, done=True)
        self.report.count("onboarding steps ticked for the demo newcomer")
