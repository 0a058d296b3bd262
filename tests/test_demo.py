"""manage.py load_demo: the demo cooperation area loads idempotently and hides protected people."""

import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page, Revision

from directory.models import ContactPoint, Function, Organisation, Person, Position
from portal.demo import services
from portal.models import DirectivePage, GlossaryPage, GuidelinePage, OnboardingPathPage
from search import registry

# django_db also makes pytest-django create the test database
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

DEMO_BUNDLE = Path(services.DEMO_DIR) / "directory.json"


def run_load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot() -> dict:
    """Counts and last-change stamps of everything load_demo writes."""
    state = {}
    for model in (Organisation, Function, Person, ContactPoint):
        state[model.__name__] = (
            model.objects.count(),
            model.objects.aggregate(last=Max("updated_at"))["last"],
        )
    state["positions"] = sorted(
        Position.objects.values_list("person__key", "function__key", "organisation__key", "start")
    )
    state["pages"] = (Page.objects.count(), Page.objects.aggregate(last=Max("last_published_at")))
    state["revisions"] = Revision.objects.count()
    state["users"] = sorted(get_user_model().objects.values_list("username", "password"))
    state["groups"] = sorted(Group.objects.values_list("name", flat=True))
    return state


@pytest.fixture(scope="module")
def demo(demo_database) -> str:
    """What the first `load_demo` printed (the demo area is shared, see tests/conftest.py)."""
    return demo_database


@pytest.fixture(scope="module")
def protected_people() -> list[dict]:
    people = json.loads(DEMO_BUNDLE.read_text(encoding="utf-8"))["people"]
    found = [person for person in people if person["protected"]]
    assert len(found) >= 3
    return found


def test_first_run_prints_the_url_and_every_login(demo):
    assert "http://127.0.0.1:8000/" in demo
    for account in (services.ADMIN, services.STAFF, services.NEW_EMPLOYEE):
        assert f"{account.username}" in demo
        assert account.password in demo
    for username in services.BODY_EDITORS.values():
        assert username in demo


def test_demo_accounts_can_sign_in_with_the_printed_passwords(demo):
    users = get_user_model().objects
    assert users.get(username="admin").check_password("demo-admin-2026")
    assert users.get(username="admin").is_superuser
    for username in services.BODY_EDITORS.values():
        editor = users.get(username=username)
        assert editor.check_password(services.EDITOR_PASSWORD)
        assert editor.groups.exists()
    assert users.get(username="personal").check_password("demo-staff-2026")
    assert not users.get(username="personal").is_staff


def test_demo_staff_and_new_employee_search_in_the_municipalitys_context(demo):
    users = get_user_model().objects
    staff = registry.context_for_user(users.get(username="personal"))
    hired = registry.context_for_user(users.get(username="nyanstalld"))
    assert staff.bodies == ("eke",)
    assert staff.municipalities == hired.municipalities == ("eke",)


def test_newly_hired_employee_started_two_weeks_ago_as_socsek_bou(demo):
    person = Person.objects.get(user__username="nyanstalld")
    position = person.positions.get()
    assert position.function.key == "socsek-bou"
    assert position.start == timezone.localdate() - datetime.timedelta(days=14)
    assert position.is_current


def test_demo_has_the_size_of_a_cooperation_area(demo):
    assert Organisation.objects.filter(parent__isnull=True).count() >= 3
    assert Function.objects.count() >= 25
    assert Person.objects.visible().count() >= 100
    assert ContactPoint.objects.filter(key="socjour").exists()
    assert Page.objects.live().type(GuidelinePage, DirectivePage, GlossaryPage).count() >= 10


def test_second_run_changes_nothing(demo):
    before = snapshot()
    output = run_load_demo()
    assert snapshot() == before
    for line in output.splitlines():
        if " created, " in line:
            assert line.split(":")[1].strip().startswith("0 created, 0 updated"), line
        if line.startswith("created "):
            assert line.startswith("created 0, updated 0"), line


def _demo_urls() -> list[str]:
    urls = ["/", "/tillganglighet/", "/api/v1/organisations", "/api/v1/contact-points"]
    urls += [f"/api/v1/people?limit=100&offset={offset}" for offset in range(0, 200, 100)]
    near_protected = Person.objects.filter(protected=True).values("organisation")
    colleagues = Person.objects.visible().filter(organisation__in=near_protected)
    urls += [person.get_absolute_url() for person in colleagues]
    urls += [function.get_absolute_url() for function in Function.objects.all()]
    urls += [organisation.get_absolute_url() for organisation in Organisation.objects.all()]
    urls += [point.get_absolute_url() for point in ContactPoint.objects.all()]
    urls += [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
    return urls


def test_protected_people_appear_on_no_page(demo, client, protected_people):
    client.force_login(get_user_model().objects.get(username="admin"))
    leaks = []
    for url in _demo_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for person in protected_people:
            name = f"{person['given_name']} {person['family_name']}"
            for secret in (name, person["email"], person["phone"]):
                if secret in body:
                    leaks.append((url, secret))
    assert leaks == []


def test_protected_people_are_not_found_by_name(demo, client, protected_people):
    client.force_login(get_user_model().objects.get(username="personal"))
    for person in protected_people:
        name = f"{person['given_name']} {person['family_name']}"
        secrets = (person["email"], person["phone"], f"/katalog/personer/{person['id']}/")
        page = client.get("/sok/", {"q": name}).content.decode()
        assert not [secret for secret in secrets if secret in page], name
        results = client.get("/api/v1/search", {"q": name}).json()["results"]
        assert not [r for r in results if name in json.dumps(r, ensure_ascii=False)], name
        suggestions = client.get("/api/v1/suggest", {"q": person["family_name"]}).content.decode()
        assert name not in suggestions
        assert client.get(f"/katalog/personer/{person['id']}/").status_code == 404
        assert client.get(f"/api/v1/people/{person['id']}").status_code == 404


DEMO_SIZE = {"organisations": 47, "functions": 28, "people": 119, "contact_points": 13}
DEMO_BODIES = ["barnahus", "dal", "eke", "pol"]
DEMO_PROTECTED = ["d014", "d042", "d069", "d115"]
DEMO_PAGES = {
    "CollaborationPlanPage": ["samverkansplan-2024-2027"],
    "ActivityPlanPage": ["aktivitetsplan-2025", "aktivitetsplan-2026"],
    "DirectivePage": [
        "direktiv-sspf",
        "direktiv-tsi-2022",
        "direktiv-tsi-2025",
        "samverkansplan-barns-basta",
    ],
    "ForumPage": [
        "forum-2-plus-2",
        "forum-barnkonventionen",
        "forum-barnteam",
        "forum-elevhalsa",
        "forum-faltarbete",
        "forum-familjecentral",
        "forum-styrgrupp",
        "forum-tidiga-insatser",
        "forum-vald-i-nara-relationer",
    ],
    "GlossaryPage": ["ordlista"],
    "GuidelinePage": [
        "orosanmalan",
        "overlamning-forskola-skola",
        "samrad-barnahus",
        "sip-rutin",
        "skolfranvaro-rutin",
        "suicidrisk-unga",
    ],
}
DEMO_MEETINGS = 9
DEMO_ONBOARDING = ["bvc-sjukskoterska", "forskolerektor", "kurator", "skolskoterska", "socsek-bou"]
DEMO_LOGINS = [
    "admin", "editor-kommun", "editor-polis", "editor-region",
    "granskare-kommun", "granskare-polis", "granskare-region", "nyanstalld", "personal",
]  # fmt: skip


def test_demo_bundle_is_the_pinned_cooperation_area():
    bundle = json.loads(DEMO_BUNDLE.read_text(encoding="utf-8"))
    assert {kind: len(records) for kind, records in bundle.items()} == DEMO_SIZE
    bodies = sorted(o["id"] for o in bundle["organisations"] if o["parent"] is None)
    assert bodies == DEMO_BODIES
    assert sorted(p["id"] for p in bundle["people"] if p["protected"]) == DEMO_PROTECTED


def test_demo_loads_the_pinned_pages_forums_meetings_and_logins(demo):
    assert Organisation.objects.count() == DEMO_SIZE["organisations"]
    assert Function.objects.count() == DEMO_SIZE["functions"]
    assert Person.objects.exclude(key=services.NEW_EMPLOYEE_KEY).count() == DEMO_SIZE["people"]
    assert ContactPoint.objects.count() == DEMO_SIZE["contact_points"]
    pages = {}
    for page in Page.objects.live().filter(depth__gt=2).specific():
        pages.setdefault(type(page).__name__, []).append(page.slug)
    pinned = {kind: sorted(pages.get(kind, [])) for kind in DEMO_PAGES}
    assert pinned == DEMO_PAGES
    assert len(pages["MeetingPage"]) == DEMO_MEETINGS
    paths = OnboardingPathPage.objects.live().values_list("function__key", flat=True)
    assert sorted(paths) == DEMO_ONBOARDING
    assert sorted(get_user_model().objects.values_list("username", flat=True)) == DEMO_LOGINS
    for username in DEMO_LOGINS:
        assert re.search(rf"^{re.escape(username)} ", demo, re.MULTILINE), username


def test_demo_contact_data_is_fictional():
    bundle = json.loads(DEMO_BUNDLE.read_text(encoding="utf-8"))
    fiction = re.compile(
        r"^(0980-319 2\d\d|070-174 06 (0[5-9]|[1-9]\d)|031-390 06 \d\d|040-628 04 \d\d|08-465 004 \d\d)$"
    )
    records = bundle["organisations"] + bundle["people"] + bundle["contact_points"]
    assert [r["id"] for r in records if not fiction.match(r["phone"])] == []
    assert [r["id"] for r in records if not r["email"].endswith(".test")] == []
    protected_phones = {p["phone"] for p in bundle["people"] if p["protected"]}
    assert sum(r["phone"] in protected_phones for r in records) == len(protected_phones)
