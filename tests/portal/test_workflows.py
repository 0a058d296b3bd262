"""Per-organisation editors: confined to their organisation's pages, with its workflow."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.models import GuidelinePage
from portal.services import setup_organisation_editors
from portal.workflows import (
    OrganisationApprovalTask,
    editor_organisation_ids,
    organisation_workflow,
)
from tests.factories import GuidelinePageFactory, OrganisationFactory, UserFactory
from tests.portal.helpers import publish_form_data

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]


@pytest.fixture
def organisations():
    return OrganisationFactory(name="Socialförvaltningen"), OrganisationFactory(
        name="Region Bergslagen"
    )


@pytest.fixture
def editor(make_editor, organisations):
    return make_editor(organisations[0], email="redaktor@lekeby.test")


def test_setup_creates_group_rights_and_a_moderators_approval_workflow(organisations):
    group = setup_organisation_editors(organisations[0])
    assert group.name == "Redaktörer Socialförvaltningen"
    assert group.page_permissions.filter(permission__codename="change_page").exists()
    task = OrganisationApprovalTask.objects.get(name="Godkännande Socialförvaltningen")
    assert [moderators.name for moderators in task.groups.all()] == [
        "Granskare Socialförvaltningen"
    ]
    page = GuidelinePageFactory(owner_organisation=organisations[0])
    assert page.get_workflow().name == "Granskning Socialförvaltningen"
    assert setup_organisation_editors(organisations[0]) == group


def test_editor_cannot_edit_or_publish_another_organisations_page(client, editor, organisations):
    theirs = GuidelinePageFactory(title="Deras rutin", owner_organisation=organisations[1])
    perms = theirs.permissions_for_user(editor)
    assert not perms.can_edit() and not perms.can_publish() and not perms.can_delete()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[theirs.pk])
    assert client.get(url).status_code != 200
    client.post(url, publish_form_data(theirs, "Kapad titel"))
    theirs.refresh_from_db()
    assert theirs.title == "Deras rutin"
    assert theirs.revisions.count() == 0


def test_editor_can_edit_and_publish_own_organisations_page(client, editor, organisations):
    unit = OrganisationFactory(name="Mottagningen", parent=organisations[0])
    mine = GuidelinePageFactory(title="Vår rutin", owner_organisation=unit)
    assert mine.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[mine.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, publish_form_data(mine, "Vår nya rutin"))
    assert response.status_code == 302, response.content.decode()[:2000]
    mine.refresh_from_db()
    assert mine.title == "Vår nya rutin" and mine.live


def test_editor_cannot_create_a_page_owned_by_another_organisation(client, editor, organisations):
    index = GuidelinePageFactory(owner_organisation=organisations[0]).get_parent()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["portal", "guidelinepage", index.pk])
    data = publish_form_data(GuidelinePage(slug="ny-rutin", summary=""), "Ny rutin")
    client.post(url, {**data, "owner_organisation": organisations[1].pk})
    assert not GuidelinePage.objects.filter(slug="ny-rutin").exists()
    response = client.post(url, {**data, "owner_organisation": organisations[0].pk})
    assert response.status_code == 302
    assert GuidelinePage.objects.get(slug="ny-rutin").live


def test_dashboard_lists_own_overdue_and_soon_due_pages(client, editor, organisations):
    today = timezone.localdate()
    GuidelinePageFactory(
        title="Försenad rutin",
        owner_organisation=organisations[0],
        review_by=today - timedelta(days=2),
    )
    GuidelinePageFactory(
        title="Snart dags",
        owner_organisation=organisations[0],
        review_by=today + timedelta(days=10),
    )
    GuidelinePageFactory(
        title="Deras försenade",
        owner_organisation=organisations[1],
        review_by=today - timedelta(days=2),
    )
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Försenad rutin" in html and "Snart dags" in html
    assert "Deras försenade" not in html


def test_send_review_reminders_emails_editors_and_page_owners(editor, organisations):
    today = timezone.localdate()
    GuidelinePageFactory(
        title="Försenad rutin",
        owner_organisation=organisations[0],
        review_by=today - timedelta(days=2),
    )
    GuidelinePageFactory(
        title="Långt kvar",
        owner_organisation=organisations[0],
        review_by=today + timedelta(days=90),
    )
    GuidelinePageFactory(
        title="Utan ägare",
        owner=UserFactory(email="agare@lekeby.test"),
        review_by=today - timedelta(days=1),
    )
    call_command("send_review_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert "Utan ägare" in by_recipient[("agare@lekeby.test",)].body
    to_editors = by_recipient[("redaktor@lekeby.test",)].body
    assert "Försenad rutin" in to_editors
    assert "Långt kvar" not in to_editors and "Utan ägare" not in to_editors


@pytest.mark.parametrize("depth", [1, 8])
def test_editor_rights_and_workflow_lookups_cost_the_same_at_any_depth(
    django_assert_num_queries, depth
):
    chain = [OrganisationFactory(kind="municipality")]
    for _ in range(depth):
        chain.append(OrganisationFactory(parent=chain[-1]))
    setup_organisation_editors(chain[0])
    user = UserFactory()
    user.groups.add(setup_organisation_editors(chain[1]))

    with django_assert_num_queries(3):
        assert editor_organisation_ids(user) == {org.pk for org in chain[1:]}
    with django_assert_num_queries(3):
        assert organisation_workflow(chain[-1]).name == f"Granskning {chain[1].name}"
