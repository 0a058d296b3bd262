"""Load the governance demo: the collaboration plan, activity plans, forums with members, meetings."""

import datetime
import re
from pathlib import Path

import yaml
from django.utils import timezone
from wagtail.rich_text import RichText

from portal.demo.loader import DemoReport, PageLoader, publish
from portal.governance.pages import (
    Activity,
    ActivityPlanPage,
    CollaborationPlanPage,
    Decision,
    ForumIndexPage,
    ForumPage,
    MeetingAttendee,
    MeetingPage,
    MinutesStatus,
)
from portal.importers.markdown import markdown_to_html
from portal.services import ensure_index_page, home_page

DEMO_DIR = Path(__file__).resolve().parent.parent / "demo"
PLAN_FILE = DEMO_DIR / "governance" / "plan.yaml"
CONTENT_DIR = DEMO_DIR / "content"
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n(.*)\Z", re.DOTALL)
PAGE_KEYS = {"title", "slug", "summary", "owner", "contact_function", "review_by", "valid_from"}


def load_governance_demo(
    *,
    path: Path = PLAN_FILE,
    content_dir: Path = CONTENT_DIR,
    today: datetime.date | None = None,
) -> DemoReport:
    """Create or update the demo governance pages; running it again changes nothing new."""
    return _Loader(today or timezone.localdate(), content_dir=content_dir).load_file(path)


def _forum_signature(forum: ForumPage) -> tuple:
    """The fields the demo sets on a forum, to publish only when they change."""
    fields = ("forum_kind", "purpose", "mandate", "cadence", "meetings_per_year")
    seats = tuple(
        (seat.position_id, seat.function_id, seat.organisation_id, seat.role)
        for seat in forum.seats.all()
    )
    values = tuple(getattr(forum, name) for name in fields)
    return (*values, forum.default_location, forum.area, forum.plan_id, seats, forum.live)


def _read_forum_file(file: Path) -> tuple[dict, str] | None:
    match = FRONT_MATTER.match(file.read_text(encoding="utf-8"))
    if not match:
        return None
    front = yaml.safe_load(match.group(1)) or {}
    return (front, match.group(2)) if front.get("type") == "forum" else None


class _Loader(PageLoader):
    """Upserts the plan, forums and meetings, remembering each forum's state before the load."""

    def __init__(self, today: datetime.date, *, content_dir: Path):
        super().__init__(today)
        self.content_dir = content_dir
        self.forum_signatures: dict[str, tuple] = {}

    def load(self, data: dict) -> None:
        forums = self.forums(self.content_dir)
        plan = self.plan(data["plan"], forums)
        self.link_forums(forums, plan)
        self.activity_plans(plan, data.get("activity_plans", []), forums)
        self.meetings(data.get("meetings", []), forums)

    def forums(self, content_dir: Path) -> dict[str, ForumPage]:
        """Forum pages from the demo content's forum files, created when the importer has not."""
        index = ensure_index_page(model=ForumIndexPage)
        forums = {}
        for file in sorted(content_dir.glob("*.md")):
            parsed = _read_forum_file(file)
            if parsed is None:
                continue
            front, body = parsed
            forum = ForumPage.objects.filter(slug=front["slug"]).first()
            if forum is None:
                forum = ForumPage(
                    title=front["title"],
                    slug=front["slug"],
                    summary=front.get("summary", ""),
                    owner_organisation=self.organisation(front.get("owner")),
                    contact_function=self.function(front.get("contact_function")),
                    review_by=front.get("review_by"),
                    valid_from=front.get("valid_from"),
                    body=[("text", RichText(markdown_to_html(body)))],
                )
                index.add_child(instance=forum)
                self.report.count("forumpage created")
            self.forum_signatures[forum.slug] = _forum_signature(forum)
            extra = {key: value for key, value in front.items() if key not in PAGE_KEYS}
            self.report.warnings += [
                f"{file.name}: {warning}" for warning in forum.apply_front_matter(extra)
            ]
            forums[forum.slug] = forum
        return forums

    def plan(self, data: dict, forums: dict[str, ForumPage]) -> CollaborationPlanPage:
        levels = []
        for level in data.get("governance_levels", []):
            value = {key: level.get(key, "") for key in ("name", "description", "cadence")}
            value["forum"] = forums.get(level.get("forum"))
            levels.append(("level", value))
        directive = self.page(data.get("directive"))
        parties = [self.organisation(key) for key in data.get("parties", [])]
        body = markdown_to_html(data.get("body", ""))
        if directive is not None:
            body += (
                f'<p>Läs också <a id="{directive.pk}" linktype="page">{directive.title}</a>.</p>'
            )
        return self.upsert(
            CollaborationPlanPage,
            home_page(),
            data["slug"],
            {
                "title": data["title"],
                "summary": data.get("summary", ""),
                "owner_organisation": self.organisation(data.get("owner")),
                "contact_function": self.function(data.get("contact_function")),
                "period_start": data["period_start"],
                "period_end": data["period_end"],
                "revision_date": data.get("revision_date"),
                "review_by": data.get("review_by"),
                "valid_from": data["period_start"],
                "valid_to": data["period_end"],
                "governance_levels": levels,
                "areas": [("area", area) for area in data.get("areas", [])],
                "success_factors": [("factor", text) for text in data.get("success_factors", [])],
                "strategies": [("strategy", item) for item in data.get("strategies", [])],
                "body": [("text", RichText(body))],
                "parties": [party for party in parties if party],
            },
            source=[data, sorted(forums)],
        )

    def link_forums(self, forums: dict[str, ForumPage], plan: CollaborationPlanPage) -> None:
        for forum in forums.values():
            forum.plan = plan
            if forum.area and forum.area not in plan.area_names:
                self.warn(f"{forum.slug}: area {forum.area!r} is not in the plan")
                forum.area = ""
            if _forum_signature(forum) != self.forum_signatures.get(forum.slug):
                publish(forum)
                self.report.count("forumpage updated")

    def activity_plans(self, plan, items: list[dict], forums: dict[str, ForumPage]) -> None:
        for item in items:
            activities = [
                Activity(
                    text=activity["text"],
                    area=activity.get("area", ""),
                    owner_forum=forums.get(activity.get("forum")),
                    owner_function=self.function(activity.get("function")),
                    status=activity.get("status", "planned"),
                    due_date=activity.get("due"),
                )
                for activity in item.get("activities", [])
            ]
            self.upsert(
                ActivityPlanPage,
                plan,
                item["slug"],
                {
                    "title": item["title"],
                    "summary": item.get("summary", ""),
                    "year": item["year"],
                    "owner_organisation": plan.owner_organisation,
                    "contact_function": plan.contact_function,
                },
                {"activities": activities},
                source=item,
            )

    def meetings(self, items: list[dict], forums: dict[str, ForumPage]) -> None:
        zone = timezone.get_current_timezone()
        for item in items:
            forum = forums.get(item["forum"])
            if forum is None:
                self.warn(f"meeting {item['slug']}: unknown forum {item['forum']!r}")
                continue
            day = self.today + datetime.timedelta(days=item.get("offset_days", 0))
            start = datetime.datetime.combine(
                day, datetime.time.fromisoformat(item.get("time", "09:00")), tzinfo=zone
            )
            self.upsert(
                MeetingPage,
                forum,
                item["slug"],
                {
                    "title": item["title"],
                    "start": start,
                    "end": start + datetime.timedelta(minutes=item.get("minutes_for", 60)),
                    "location": forum.default_location,
                    "agenda": "<ol>"
                    + "".join(f"<li>{point}</li>" for point in item.get("agenda", []))
                    + "</ol>",
                    "minutes": f"<p>{item['minutes']}</p>" if item.get("minutes") else "",
                    "minutes_status": item.get("minutes_status", MinutesStatus.NONE),
                    "owner_organisation": forum.owner_organisation,
                    "contact_function": forum.contact_function,
                },
                {
                    "attendees": self.attendees(item.get("attendees", [])),
                    "decisions": self.decisions(item.get("decisions", [])),
                },
                source=item,
            )

    def attendees(self, items: list[dict]) -> list[MeetingAttendee]:
        attendees = []
        for item in items:
            if "guest" in item:
                attendees.append(MeetingAttendee(guest_name=item["guest"]))
            elif position := self.position(item):
                attendees.append(MeetingAttendee(position=position))
        return attendees

    def decisions(self, items: list[dict]) -> list[Decision]:
        decisions = []
        for number, item in enumerate(items, start=1):
            responsible = item.get("responsible") or {}
            position = self.position(responsible) if responsible.get("organisation") else None
            due = item.get("due_offset_days")
            decisions.append(
                Decision(
                    number=number,
                    text=item["text"],
                    responsible_position=position,
                    responsible_function=None
                    if position
                    else self.function(responsible.get("function")),
                    due_date=self.today + datetime.timedelta(days=due) if due is not None else None,
                    status=item.get("status", "open"),
                )
            )
        return decisions
