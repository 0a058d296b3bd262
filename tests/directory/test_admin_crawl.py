"""A crawl of the Wagtail admin as the demo's municipal editor finds no protected person."""

import html
import json
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from directory.models import Person
from portal.models import OnboardingPathPage
from portal.workflows import editor_organisation_ids

pytestmark = pytest.mark.django_db

EDITOR = "editor-kommun"
MAX_PAGES = 1000
PER_SHAPE = 3
SKIPPED = ("/admin/logout/", "export=")


class Links(HTMLParser):
    """Every URL in an admin page: links, forms and the data attributes choosers use."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (
                name in {"href", "action"} or name.startswith("data-") and "/admin/" in value
            ):
                self.urls.append(value)


@pytest.fixture(scope="module")
def demo(demo_database, django_db_blocker):
    """The demo area, with an onboarding step linked to a person later protected (rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        editor = get_user_model().objects.get(username=EDITOR)
        path = (
            OnboardingPathPage.objects.filter(
                owner_organisation__in=editor_organisation_ids(editor)
            )
            .order_by("pk")
            .first()
        )
        step = path.steps.order_by("sort_order").first()
        hidden = Person.objects.filter(protected=True).order_by("key").first()
        path.save_revision()
        step.page = step.function = step.contact_point = None
        step.person = hidden
        step.save()
        path.refresh_from_db()
        path.save_revision()
        yield {"editor": editor, "path": path}
        transaction.set_rollback(True)


def needles() -> dict[str, re.Pattern]:
    """What would identify a protected person: names, e-mail, phone, import id and admin id."""
    people = list(Person.objects.filter(protected=True))
    assert len(people) >= 3
    family_counts = {}
    for name in Person.objects.values_list("family_name", flat=True):
        family_counts[name] = family_counts.get(name, 0) + 1
    found = {}
    for person in people:
        values = [person.full_name, person.email, person.phone]
        if family_counts[person.family_name] == 1:
            values.append(person.family_name)
        for value in values:
            forms = {value, html.escape(value), json.dumps(value)[1:-1]}
            found[value] = re.compile("|".join(re.escape(form) for form in forms))
        found[person.key] = re.compile(rf"(?<![\w-]){re.escape(person.key)}(?![\w-])")
    return found


def protected_urls() -> list[str]:
    """Admin URLs that name protected people by their database id."""
    urls = []
    chooser = "/admin/snippets/choose/directory/person"
    for person in Person.objects.filter(protected=True):
        pk = person.pk
        urls += [
            f"{chooser}/chosen/{pk}/",
            f"{chooser}/chosen-multiple/?id={pk}",
            f"{chooser}/results/?q={person.family_name}",
            f"{chooser}/results/?q={person.email}",
            f"/admin/bulk/directory/person/delete/?id={pk}",
            f"/admin/bulk/directory/person/delete/?id={pk}&id={pk - 1}",
            *(
                f"/admin/snippets/directory/person/{view}/{pk}/"
                for view in ("edit", "delete", "history", "usage", "inspect", "copy")
            ),
        ]
    pages = Person.objects.count() // 10 + 2
    urls += [f"{chooser}/", *(f"{chooser}/results/?p={number}" for number in range(1, pages))]
    urls += ["/admin/bulk/directory/person/delete/?id=all", "/admin/snippets/directory/person/"]
    return urls


def shape_of(path: str, query: str) -> str:
    """The kind of admin view a URL shows: ids replaced and query values dropped."""
    keys = sorted({pair.split("=", 1)[0] for pair in query.split("&") if pair})
    return re.sub(r"\d+", "N", path) + "?" + "&".join(keys)


def crawl(client: Client, start: list[str]) -> tuple[int, dict, dict[str, str]]:
    """Follow same-origin admin links breadth first; returns pages fetched, statuses, bodies."""
    queue, seen, statuses = deque(start), set(start), {}
    shapes: dict[str, int] = {}
    fetched = 0
    bodies = {}
    while queue and fetched < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        fetched += 1
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        body = response.content.decode("utf-8", "replace")
        bodies[url] = body
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(body)
        for link in parser.urls:
            parts = urlsplit(urljoin(url, html.unescape(link)))
            if parts.netloc not in {"", "testserver"} or not parts.path.startswith("/admin/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target in seen or any(skip in target for skip in SKIPPED):
                continue
            shape = shape_of(parts.path, parts.query)
            if shapes.get(shape, 0) >= PER_SHAPE:
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            seen.add(target)
            queue.append(target)
    statuses["not fetched"] = len(queue)
    return fetched, statuses, bodies


def leaks_in(bodies: dict[str, str]) -> dict[str, list[str]]:
    """Identifying values found per URL; a search echoing its own query is no leak."""
    patterns = needles()
    found = {
        url: sorted(
            value
            for value, pattern in patterns.items()
            if pattern.search(body) and value not in unquote(url)
        )
        for url, body in bodies.items()
    }
    return {url: values for url, values in found.items() if values}


def test_editor_crawling_the_admin_finds_no_protected_person(demo):
    client = Client()
    client.force_login(demo["editor"])
    path = demo["path"]
    start = [
        "/admin/",
        f"/admin/pages/{path.pk}/edit/",
        f"/admin/pages/{path.pk}/revisions/compare/earliest...latest/",
        *protected_urls(),
    ]
    fetched, statuses, bodies = crawl(client, start)
    leaks = leaks_in(bodies)
    print(f"admin crawl as {EDITOR}: {fetched} pages, statuses {statuses}, leaks {len(leaks)}")
    assert fetched >= 150, statuses
    assert statuses.get(200, 0) >= 100, statuses
    assert 500 not in statuses
    assert leaks == {}
    assert bodies[f"/admin/pages/{path.pk}/edit/"].count("Skyddad person") >= 1


def test_administrator_still_sees_and_edits_protected_people(demo):
    admin = get_user_model().objects.get(username="admin")
    client = Client()
    client.force_login(admin)
    hidden = Person.objects.filter(protected=True).order_by("key").first()
    listing = client.get("/admin/snippets/directory/person/", {"protected": "true"})
    assert hidden.full_name in listing.content.decode()
    assert (
        client.get(f"/admin/snippets/choose/directory/person/chosen/{hidden.pk}/").status_code
        == 200
    )
    assert client.get(f"/admin/snippets/directory/person/edit/{hidden.pk}/").status_code == 200
