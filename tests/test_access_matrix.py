"""Access-control matrix (issue 10 item 8): who may do what, one parametrised test, one cell each.

Rows are kinds of users, columns are things to do; `MATRIX` states the right answer for every cell.
Cells that today's code still gets wrong are strict xfails, listed in `KNOWN_GAPS` with the issue
that fixes them: flip them when that work lands.

Who is who:
- staff: a signed-in user with no admin rights.
- editor A / editor B: members of "Redaktörer <organisation>" made by
  `portal.services.setup_organisation_editors`, as the demo sets up one per public body.
- moderator: a member of organisation A's moderators ("Granskare <organisation>", with admin
  access), the group `setup_organisation_editors` puts on A's approval task ("Godkännande A").
  A moderator may open the admin and approve A's submissions, nothing more. Editors are not
  moderators, and nobody approves their own submission: editor A submits in the approval probe.
- administrator: a superuser.

Imports are command-line only (`import_directory`, `import_content`): no directory or content import
is web-reachable. The only import view on the web is Wagtail's redirect import, administrators only;
`test_imports_are_command_line_only` pins that down.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import get_commands
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Page

from directory.selectors import moderator_group_name
from portal.accounts import services
from portal.services import home_page, setup_organisation_editors
from tests.factories import (
    ForumPageFactory,
    GuidelinePageFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)
from tests.portal.helpers import publish_form_data

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]

OK = "allowed"
LOGIN = "sent to sign in"
NO = "denied"
E401 = "401"
E404 = "404"

COLUMNS = (
    "content page", "person page", "search page",
    "admin dashboard", "edit A's page", "edit B's page", "publish A's page",
    "approve in A's workflow", "add a page under B's forum", "edit the home page",
    "API with session", "API with token", "calendar with token",
    "imports",
)  # fmt: skip

# fmt: off
MATRIX = {
    #                content person search  dashboard edit A  edit B  publish A approve A add under B edit home  API session API token calendar  imports
    "anonymous":     (LOGIN,  LOGIN, LOGIN,  LOGIN,    LOGIN,  LOGIN,  LOGIN,    LOGIN,    LOGIN,      LOGIN,     E401,       E401,     E404,     LOGIN),
    "staff":         (OK,     OK,    OK,     NO,       NO,     NO,     NO,       NO,       NO,         NO,        OK,         OK,       OK,       NO),
    "editor A":      (OK,     OK,    OK,     OK,       OK,     NO,     OK,       NO,       NO,         NO,        OK,         OK,       OK,       NO),
    "editor B":      (OK,     OK,    OK,     OK,       NO,     OK,     NO,       NO,       OK,         NO,        OK,         OK,       OK,       NO),
    "moderator":     (OK,     OK,    OK,     OK,       NO,     NO,     NO,       OK,       NO,         NO,        OK,         OK,       OK,       NO),
    "administrator": (OK,     OK,    OK,     OK,       OK,     OK,     OK,       OK,       OK,         OK,        OK,         OK,       OK,       OK),
}
# fmt: on

KNOWN_GAPS: dict[tuple[str, str], str] = {}


def member(group: Group):
    user = UserFactory()
    user.groups.add(group)
    return user


class World:
    """Two organisations with editors, a moderator, pages on both sides and a person."""

    def __init__(self):
        self.org_a = OrganisationFactory(name="Förvaltning A")
        self.org_b = OrganisationFactory(name="Förvaltning B")
        group_a = setup_organisation_editors(self.org_a)
        group_b = setup_organisation_editors(self.org_b)
        reviewers = Group.objects.get(name=moderator_group_name(self.org_a))
        self.users = {
            "anonymous": None,
            "staff": UserFactory(),
            "editor A": member(group_a),
            "editor B": member(group_b),
            "moderator": member(reviewers),
            "administrator": UserFactory(is_staff=True, is_superuser=True),
        }
        self.page_a_id = GuidelinePageFactory(title="Rutin A", owner_organisation=self.org_a).pk
        self.page_b_id = GuidelinePageFactory(title="Rutin B", owner_organisation=self.org_b).pk
        self.forum_b_id = ForumPageFactory(title="Forum B", owner_organisation=self.org_b).pk
        self.person = PersonFactory(key="p-matrix", organisation=self.org_a)

    def page_a(self) -> Page:
        """A's page as stored now (probes change it; each test is rolled back)."""
        return Page.objects.get(pk=self.page_a_id).specific

    def client(self, row: str) -> Client:
        client = Client()
        if self.users[row] is not None:
            client.force_login(self.users[row])
        return client


def outcome(response, *, signed_in: bool) -> str:
    """What the caller experienced: allowed, sent to sign in, denied, 401 or 404."""
    status = response.status_code
    if status == 200:
        return OK
    if status in (301, 302) and "login" in response["Location"] and not signed_in:
        return LOGIN
    if status in (301, 302, 403):
        return NO
    return {401: E401, 404: E404}.get(status, f"unexpected {status}")


def probe(world: World, row: str, column: str) -> str:
    client = world.client(row)
    user = world.users[row]
    signed_in = user is not None

    def get(path: str, **headers) -> str:
        return outcome(client.get(path, **headers), signed_in=signed_in)

    def admin_edit(page) -> str:
        return get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    if column == "content page":
        return get(world.page_a().url)
    if column == "person page":
        return get(f"/katalog/personer/{world.person.key}/")
    if column == "search page":
        return get("/sok/?q=rutin")
    if column == "admin dashboard":
        return get(reverse("wagtailadmin_home"))
    if column == "edit A's page":
        return admin_edit(world.page_a())
    if column == "edit B's page":
        return admin_edit(Page.objects.get(pk=world.page_b_id))
    if column == "edit the home page":
        return admin_edit(home_page())
    if column == "add a page under B's forum":
        return get(
            reverse("wagtailadmin_pages:add", args=["portal", "meetingpage", world.forum_b_id])
        )
    if column == "publish A's page":
        url = reverse("wagtailadmin_pages:edit", args=[world.page_a_id])
        response = client.post(url, publish_form_data(world.page_a(), "Publicerad av matrisen"))
        page = world.page_a()
        published = page.title == "Publicerad av matrisen" and page.live
        return OK if published else outcome(response, signed_in=signed_in)
    if column == "approve in A's workflow":
        editor = world.users["editor A"]
        page = world.page_a()
        page.title = "Väntar på godkännande"
        revision = page.save_revision(user=editor)
        page.get_workflow().start(page, editor)
        task_state = page.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
        )
        response = client.post(url, {"comment": ""})
        approved = world.page_a().live_revision_id == revision.pk
        return OK if approved else outcome(response, signed_in=signed_in)
    if column == "API with session":
        return get(f"/api/v1/people/{world.person.key}")
    if column == "API with token":
        secret = "svp_not-a-token"
        if signed_in:
            secret = services.create_api_token(user=user, name="matris", lifetime=None)[1]
        return outcome(
            Client().get(
                f"/api/v1/people/{world.person.key}", HTTP_AUTHORIZATION=f"Bearer {secret}"
            ),
            signed_in=False,
        )
    if column == "calendar with token":
        secret = "not-a-calendar-token"
        if signed_in:
            secret = services.create_calendar_token(user=user, name="matris")[1]
        return outcome(Client().get(f"/kalender/{secret}.ics"), signed_in=False)
    if column == "imports":
        return get("/admin/redirects/import/")
    raise AssertionError(f"no probe for {column}")


def cells():
    for row, answers in MATRIX.items():
        assert len(answers) == len(COLUMNS), row
        for column, expected in zip(COLUMNS, answers, strict=True):
            reason = KNOWN_GAPS.get((row, column))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(row, column, expected, marks=marks, id=f"{row} | {column}")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the whole matrix; each test's changes are rolled back, then the world too."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield World()
        transaction.set_rollback(True)


@pytest.mark.parametrize(("row", "column", "expected"), cells())
@pytest.mark.usefixtures("search_index")
def test_access(world, row, column, expected):
    assert probe(world, row, column) == expected


def test_imports_are_command_line_only():
    def routes(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    web_imports = {route for route in routes(get_resolver().url_patterns) if "import" in route}
    assert web_imports == {"admin/redirects/import/", "admin/redirects/import/process/"}
    assert {"import_directory", "import_content"} <= set(get_commands())
