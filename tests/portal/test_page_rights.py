"""Page rights follow the tree: editors act on their organisations' content, shared pages are admins'."""

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.models import (
    CollaborationPlanPage,
    ContentPage,
    ForumIndexPage,
    GuidelineIndexPage,
    GuidelinePage,
    HomePage,
    MeetingPage,
    OnboardingIndexPage,
)
from tests.factories import (
    ForumPageFactory,
    GuidelinePageFactory,
    MeetingPageFactory,
    OrganisationFactory,
)

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]

SHARED = ("home", "forums", "guidelines")


@pytest.fixture(scope="module")
def built_tree(django_db_setup, django_db_blocker):
    """Two organisations with a forum, a meeting and a guideline each, under the shared sections.

    Built once for the module and rolled back after it; each test's changes are rolled back too.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_tree()
        transaction.set_rollback(True)


@pytest.fixture
def tree(built_tree):
    """The module's tree as fresh instances, so no test sees another's unsaved changes."""
    return {name: type(record).objects.get(pk=record.pk) for name, record in built_tree.items()}


def _build_tree() -> dict:
    ours = OrganisationFactory(name="Ekeså kommun", kind="municipality")
    theirs = OrganisationFactory(name="Region Dalmark", kind="region")
    our_forum = ForumPageFactory(title="Vårt forum", owner_organisation=ours)
    their_forum = ForumPageFactory(title="Deras forum", owner_organisation=theirs)
    return {
        "ours": ours,
        "theirs": theirs,
        "our_forum": our_forum,
        "their_forum": their_forum,
        "our_meeting": MeetingPageFactory(
            title="Vårt möte", parent=our_forum, owner_organisation=ours
        ),
        "their_meeting": MeetingPageFactory(
            title="Deras möte", parent=their_forum, owner_organisation=theirs
        ),
        "our_guideline": GuidelinePageFactory(title="Vår rutin", owner_organisation=ours),
        "their_guideline": GuidelinePageFactory(title="Deras rutin", owner_organisation=theirs),
        "home": HomePage.objects.get(),
        "forums": ForumIndexPage.objects.get(),
        "guidelines": GuidelineIndexPage.objects.get(),
    }


@pytest.fixture
def editor(make_editor, tree):
    return make_editor(tree["ours"], others=[tree["theirs"]], username="editor-kommun")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def admin_client(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("admin", password="pw-adm-1"))
    return client


def metadata(owner) -> dict:
    return {
        "summary": "",
        "owner_organisation": owner.pk if owner else "",
        "contact_function": "",
        "tags": "",
    }


def publish_form(fields: dict) -> dict:
    return nested_form_data(
        {**fields, "comments": inline_formset([]), "action-publish": "action-publish"}
    )


def meeting_form(*, title: str, slug: str, owner) -> dict:
    return publish_form(
        {
            "title": title,
            "slug": slug,
            "start": "2030-05-01 10:00",
            "end": "",
            "location": "",
            "attendees": inline_formset([]),
            "agenda": rich_text(""),
            "minutes_status": "none",
            "minutes": rich_text(""),
            "decisions": inline_formset([]),
            **metadata(owner),
        }
    )


def plan_form(*, title: str, slug: str, owner) -> dict:
    return publish_form(
        {
            "title": title,
            "slug": slug,
            "period_start": "2026-01-01",
            "period_end": "2029-12-31",
            "revision_date": "",
            "governance_levels": streamfield([]),
            "areas": streamfield([]),
            "success_factors": streamfield([]),
            "strategies": streamfield([]),
            "body": streamfield([]),
            **metadata(owner),
        }
    )


def shared_form(page: Page, title: str) -> dict:
    fields = {"title": title, "slug": page.slug}
    if isinstance(page, HomePage):
        fields["intro"] = page.intro
    return publish_form(fields)


def add_url(model: type[Page], parent: Page) -> str:
    app_label, model_name = model._meta.app_label, model._meta.model_name
    return reverse("wagtailadmin_pages:add", args=[app_label, model_name, parent.pk])


def page_url(name: str, page: Page) -> str:
    return reverse(f"wagtailadmin_pages:{name}", args=[page.pk])


def fresh(page: Page) -> Page:
    return Page.objects.get(pk=page.pk).specific


def move(client, page: Page, destination: Page):
    return client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]))


def copy(client, page: Page, destination: Page, slug: str):
    return client.post(
        page_url("copy", page),
        {"new_title": "Kopia", "new_slug": slug, "new_parent_page": destination.pk},
    )


# Adding pages


def test_editor_adds_and_publishes_a_meeting_under_their_own_forum(editor_client, tree):
    data = meeting_form(title="Nytt möte", slug="nytt-mote", owner=tree["ours"])
    response = editor_client.post(add_url(MeetingPage, tree["our_forum"]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = MeetingPage.objects.get(slug="nytt-mote")
    assert meeting.live and meeting.get_parent().pk == tree["our_forum"].pk


def test_editor_cannot_add_a_meeting_under_another_organisations_forum(editor, editor_client, tree):
    forum = tree["their_forum"]
    assert not forum.permissions_for_user(editor).can_add_subpage()
    assert editor_client.get(page_url("add_subpage", forum)).status_code != 200
    assert editor_client.get(add_url(MeetingPage, forum)).status_code != 200
    data = meeting_form(title="Kapat möte", slug="kapat-mote", owner=tree["ours"])
    editor_client.post(add_url(MeetingPage, forum), data)
    assert not MeetingPage.objects.filter(slug="kapat-mote").exists()


def test_editor_cannot_add_arbitrary_pages_under_home(editor, editor_client, tree):
    home = tree["home"]
    assert home.permissions_for_user(editor).creatable_subpage_models() == [CollaborationPlanPage]
    for model in (ContentPage, GuidelinePage, OnboardingIndexPage):
        assert editor_client.get(add_url(model, home)).status_code != 200, model
    editor_client.post(add_url(OnboardingIndexPage, home), shared_form(home, "Intro"))
    editor_client.post(add_url(ContentPage, home), plan_form(title="S", slug="s", owner=None))
    editor_client.post(add_url(GuidelinePage, home), plan_form(title="R", slug="r", owner=None))
    assert not OnboardingIndexPage.objects.exists()
    assert not Page.objects.filter(slug__in=["r", "s"]).exists()


def test_editor_adds_a_collaboration_plan_of_their_own_under_home(editor_client, tree):
    data = plan_form(title="Vår plan", slug="var-plan", owner=tree["ours"])
    response = editor_client.post(add_url(CollaborationPlanPage, tree["home"]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert CollaborationPlanPage.objects.get(slug="var-plan").live


def test_administrator_adds_shared_pages(admin_client, tree):
    home = tree["home"]
    data = publish_form({"title": "Introduktion", "slug": "introduktion", "intro": ""})
    response = admin_client.post(add_url(OnboardingIndexPage, home), data)
    assert response.status_code == 302
    assert OnboardingIndexPage.objects.get().live


# Shared pages are administrators' only


@pytest.mark.parametrize("name", SHARED)
def test_editor_has_no_rights_on_shared_pages(editor, tree, name):
    perms = tree[name].permissions_for_user(editor)
    denied = {
        action: getattr(perms, action)()
        for action in (
            "can_edit",
            "can_publish",
            "can_unpublish",
            "can_delete",
            "can_move",
            "can_copy",
            "can_lock",
            "can_reorder_children",
            "can_set_view_restrictions",
        )
    }
    assert denied == dict.fromkeys(denied, False)


@pytest.mark.parametrize("name", SHARED)
def test_editor_cannot_edit_publish_unpublish_lock_or_delete_shared_pages(
    editor_client, tree, name
):
    page = tree[name]
    assert editor_client.get(page_url("edit", page)).status_code != 200
    editor_client.post(page_url("edit", page), shared_form(page, "Kapad"))
    editor_client.post(page_url("unpublish", page))
    editor_client.post(page_url("lock", page))
    editor_client.post(page_url("delete", page))
    after = fresh(page)
    assert (after.title, after.live, after.locked) == (page.title, True, False)
    assert after.revisions.count() == page.revisions.count()


@pytest.mark.parametrize("name", ("forums", "guidelines"))
def test_editor_cannot_move_or_copy_section_pages(editor_client, tree, name):
    page, other = tree[name], tree["forums" if name == "guidelines" else "guidelines"]
    reorder = reverse("wagtailadmin_pages:set_page_position", args=[page.pk])
    editor_client.post(f"{reorder}?position=0")
    move(editor_client, page, tree["home"])
    copy(editor_client, page, tree["home"], slug="kopia")
    assert fresh(page).path == page.path and fresh(other).path == other.path
    assert not Page.objects.filter(slug="kopia").exists()


def test_administrator_edits_and_unpublishes_shared_pages(admin_client, tree):
    response = admin_client.post(
        page_url("edit", tree["forums"]), shared_form(tree["forums"], "Forum")
    )
    assert response.status_code == 302
    assert fresh(tree["forums"]).title == "Forum"
    admin_client.post(page_url("unpublish", tree["guidelines"]))
    assert not fresh(tree["guidelines"]).live


def test_content_without_an_owner_is_administrators_only(editor, tree):
    orphan = GuidelinePageFactory(title="Utan ägare", owner_organisation=None)
    perms = orphan.permissions_for_user(editor)
    assert not (perms.can_edit() or perms.can_publish() or perms.can_delete())


# Moving, copying, deleting and unpublishing content


def test_editor_cannot_move_their_meeting_under_another_organisations_forum(editor_client, tree):
    meeting = tree["our_meeting"]
    move(editor_client, meeting, tree["their_forum"])
    assert fresh(meeting).get_parent().pk == tree["our_forum"].pk
    second = ForumPageFactory(title="Vårt andra forum", owner_organisation=tree["ours"])
    response = move(editor_client, meeting, second)
    assert response.status_code == 302
    assert fresh(meeting).get_parent().pk == second.pk


def test_editor_cannot_move_another_organisations_meeting(editor_client, tree):
    meeting = tree["their_meeting"]
    move(editor_client, meeting, tree["our_forum"])
    assert fresh(meeting).get_parent().pk == tree["their_forum"].pk


def test_editor_cannot_copy_into_or_out_of_another_organisation(editor_client, tree):
    copy(editor_client, tree["our_meeting"], tree["their_forum"], slug="kopia-dit")
    copy(editor_client, tree["their_guideline"], tree["guidelines"], slug="kopia-hit")
    assert not Page.objects.filter(slug__in=["kopia-dit", "kopia-hit"]).exists()
    response = copy(editor_client, tree["our_meeting"], tree["our_forum"], slug="kopia-var")
    assert response.status_code == 302
    assert MeetingPage.objects.get(slug="kopia-var").get_parent().pk == tree["our_forum"].pk


def test_editor_cannot_edit_unpublish_or_delete_another_organisations_content(editor_client, tree):
    theirs = tree["their_meeting"]
    editor_client.post(
        page_url("edit", theirs), meeting_form(title="X", slug=theirs.slug, owner=None)
    )
    editor_client.post(page_url("unpublish", theirs))
    editor_client.post(page_url("delete", theirs))
    after = fresh(theirs)
    assert (after.title, after.live) == ("Deras möte", True)
    response = editor_client.post(page_url("delete", tree["our_meeting"]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=tree["our_meeting"].pk).exists()


# Which types go where is explicit


def test_every_page_class_names_its_parent_and_subpage_types():
    page_classes = [
        model
        for model in apps.get_app_config("portal").get_models()
        if issubclass(model, Page) and model.is_creatable
    ]
    assert len(page_classes) >= 12
    for model in page_classes:
        assert "parent_page_types" in vars(model), model
        assert "subpage_types" in vars(model), model
    assert not ContentPage.is_creatable
    creatable = {model for model in page_classes if model.editors_may_create}
    assert creatable == {model for model in page_classes if issubclass(model, ContentPage)}
