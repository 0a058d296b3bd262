"""Moderation policy per organisation: editors of moderated organisations submit, moderators approve.

Every rule is checked in the admin (what is offered) and by a direct POST (what is refused). The
admin answers a refused action with a redirect to the dashboard and an error message (Wagtail's
handling of PermissionDenied), so the tests assert that nothing changed.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page

from directory.models import Organisation
from directory.selectors import moderator_group_name
from portal.models import GuidelinePage
from portal.services import setup_organisation_editors
from tests.factories import GuidelinePageFactory, OrganisationFactory, UserFactory
from tests.portal.helpers import publish_form_data

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]

MODERATED = Organisation.Moderation.MODERATED


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Socialförvaltningen", moderation=MODERATED)


@pytest.fixture
def editor(make_editor, organisation):
    return make_editor(organisation)


@pytest.fixture
def moderator(organisation):
    setup_organisation_editors(organisation)
    user = UserFactory()
    user.groups.add(Group.objects.get(name=moderator_group_name(organisation)))
    return user


@pytest.fixture
def page(organisation):
    return GuidelinePageFactory(title="Vår rutin", owner_organisation=organisation)


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit(client, page, title: str):
    data = publish_form_data(page, title)
    del data["action-publish"]
    return client.post(edit_url(page), {**data, "action-submit": "action-submit"})


def refused(response) -> bool:
    """The admin's answer to a forbidden action: 403, or Wagtail's redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def awaits_review_by(client, page) -> bool:
    """Whether the dashboard's "awaiting your review" list offers to approve the page."""
    return approve_url(page) in client.get(reverse("wagtailadmin_home")).content.decode()


def approve_url(page) -> str:
    page = Page.objects.get(pk=page.pk).specific
    state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk])


def test_units_follow_the_policy_of_the_organisation_above_them(make_editor, organisation):
    unit = OrganisationFactory(name="Mottagningen", parent=organisation)
    page = GuidelinePageFactory(owner_organisation=unit)
    editor = make_editor(unit)
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(UserFactory(is_superuser=True)).can_publish()


def test_moderated_editor_is_offered_submit_but_not_publish(client, editor, page):
    client.force_login(editor)
    html = client.get(edit_url(page)).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_direct_editor_is_offered_publish(client, make_editor):
    direct = OrganisationFactory(name="Fritid")
    page = GuidelinePageFactory(owner_organisation=direct)
    client.force_login(make_editor(direct))
    assert 'name="action-publish"' in client.get(edit_url(page)).content.decode()


def test_forged_publish_of_a_moderated_page_is_refused(client, editor, page):
    client.force_login(editor)
    response = client.post(edit_url(page), publish_form_data(page, "Publicerad ändå"))
    assert refused(response)
    page.refresh_from_db()
    assert page.title == "Vår rutin"
    assert page.revisions.count() == 0


def test_forged_publish_of_another_organisations_page_is_refused(client, make_editor, page):
    other = make_editor(OrganisationFactory(name="Fritid"))
    client.force_login(other)
    response = client.post(edit_url(page), publish_form_data(page, "Kapad"))
    assert refused(response)
    page.refresh_from_db()
    assert page.title == "Vår rutin" and page.revisions.count() == 0


def test_forged_publish_of_a_new_moderated_page_is_refused(client, editor, organisation, page):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["portal", "guidelinepage", page.get_parent().pk])
    data = publish_form_data(GuidelinePage(slug="ny-rutin", summary=""), "Ny rutin")
    response = client.post(url, {**data, "owner_organisation": organisation.pk})
    assert refused(response)
    assert not GuidelinePage.objects.filter(slug="ny-rutin").exists()


def test_submitter_neither_sees_nor_may_approve_their_own_submission(client, editor, page):
    client.force_login(editor)
    assert submit(client, page, "Vår nya rutin").status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert not awaits_review_by(client, page)
    assert 'data-workflow-action-name="approve"' not in client.get(edit_url(page)).content.decode()
    assert refused(client.post(approve_url(page), {"comment": ""}))
    page.refresh_from_db()
    assert page.title == "Vår rutin" and page.workflow_in_progress


def test_administrator_does_not_approve_their_own_submission(client, organisation, page):
    setup_organisation_editors(organisation)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert submit(client, page, "Adminrutin").status_code == 302
    assert refused(client.post(approve_url(page), {"comment": ""}))
    page.refresh_from_db()
    assert page.workflow_in_progress


def test_moderator_sees_and_approves_a_submission(client, editor, moderator, page):
    client.force_login(editor)
    submit(client, page, "Vår nya rutin")
    client.force_login(moderator)
    assert awaits_review_by(client, page)
    assert 'data-workflow-action-name="approve"' in client.get(edit_url(page)).content.decode()
    response = client.post(approve_url(page), {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Vår nya rutin" and page.live and not page.workflow_in_progress


def test_moderator_of_another_organisation_cannot_approve(client, editor, page):
    other = OrganisationFactory(name="Fritid")
    setup_organisation_editors(other)
    stranger = UserFactory()
    stranger.groups.add(Group.objects.get(name=moderator_group_name(other)))
    client.force_login(editor)
    submit(client, page, "Vår nya rutin")
    client.force_login(stranger)
    assert refused(client.post(approve_url(page), {"comment": ""}))
    page.refresh_from_db()
    assert page.title == "Vår rutin"


def test_moderator_cannot_edit_a_page_that_awaits_nobody(client, moderator, page):
    client.force_login(moderator)
    assert client.get(edit_url(page)).status_code != 200


def test_only_administrators_set_the_moderation_policy(client):
    organisation = OrganisationFactory(name="Polisen")
    url = reverse("wagtailsnippets_directory_organisation:edit", args=[organisation.pk])
    data = {
        "key": organisation.key,
        "name": organisation.name,
        "kind": organisation.kind,
        "phone": organisation.phone,
        "moderation": MODERATED,
    }
    directory_staff = UserFactory()
    directory_staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_organisation"),
    )
    client.force_login(directory_staff)
    assert 'name="moderation"' not in client.get(url).content.decode()
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.moderation == Organisation.Moderation.DIRECT
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert 'name="moderation"' in client.get(url).content.decode()
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.moderation == MODERATED


def test_moderator_approves_from_the_edit_form(client, editor, moderator, page):
    client.force_login(editor)
    submit(client, page, "Vår nya rutin")
    client.force_login(moderator)
    data = publish_form_data(Page.objects.get(pk=page.pk).get_latest_revision_as_object(), "")
    del data["action-publish"]
    data["title"] = "Vår nya rutin"
    response = client.post(
        edit_url(page),
        {**data, "action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Vår nya rutin" and page.live and not page.workflow_in_progress
