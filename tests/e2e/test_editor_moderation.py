"""End-to-end moderation in Chromium: an editor of a moderated organisation submits a guideline,
cannot approve their own submission, the organisation's moderator approves it; a person confirms
their own profile ("Stämmer uppgifterna?") on "Min profil".

The editor's edit form has no Publish; their dashboard and edit form offer no approve; the
moderator approves from the edit form's action menu and the page is live with the new title.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page

from directory.models import Organisation, Person
from directory.selectors import moderator_group_name
from portal.services import setup_organisation_editors
from tests.e2e.conftest import PASSWORD, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

EDITED_TITLE = "Orosanmälan – granskad version"


@pytest.fixture(scope="module")
def moderated(site, django_db_blocker):
    """The social services are moderated; an editor and a moderator of them sign in."""
    with django_db_blocker.unblock():
        social = Organisation.objects.get(key="eke-soc")
        social.moderation = Organisation.Moderation.MODERATED
        social.save()
        users = get_user_model().objects
        editor = users.create_user(username="e2e-redaktor", password=PASSWORD)
        editor.groups.add(setup_organisation_editors(social))
        moderator = users.create_user(username="e2e-granskare", password=PASSWORD)
        moderator.groups.add(Group.objects.get(name=moderator_group_name(social)))
        return Page.objects.get(slug="orosanmalan").pk


def edit_url(page_id: int) -> str:
    return f"/admin/pages/{page_id}/edit/"


def action_button(page, selector: str):
    """A button of the admin's action menu, opening the menu's dropdown when it is folded."""
    button = page.locator(f"footer button{selector}")
    if button.count() and not button.first.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    return button


def test_editor_submits_and_cannot_approve_then_moderator_approves(browser, site, moderated):
    context = browser.new_context(base_url=site.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)

    sign_in(page, "e2e-redaktor")
    page.goto(edit_url(moderated))
    assert page.locator('footer button[name="action-publish"]').count() == 0
    page.fill("#id_title", EDITED_TITLE)
    with page.expect_navigation():
        action_button(page, '[name="action-submit"]').first.click()
    stored = Page.objects.get(pk=moderated)
    assert stored.workflow_in_progress
    assert stored.title != EDITED_TITLE

    page.goto("/admin/")
    assert page.locator(f'[href*="/admin/pages/workflow/action/{moderated}/approve/"]').count() == 0
    page.goto(edit_url(moderated))
    assert page.locator('[data-workflow-action-name="approve"]').count() == 0
    context.close()

    context = browser.new_context(base_url=site.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "e2e-granskare")
    page.goto(edit_url(moderated))
    with page.expect_navigation():
        action_button(page, '[data-workflow-action-name="approve"]').first.click()
    for _attempt in range(50):
        stored = Page.objects.get(pk=moderated)
        if not stored.workflow_in_progress:
            break
        page.wait_for_timeout(100)
    assert stored.title == EDITED_TITLE and stored.live and not stored.workflow_in_progress
    context.close()


def test_person_confirms_their_profile(page, site):
    person = Person.objects.filter(protected=False, retired_at__isnull=True).order_by("key").first()
    user = get_user_model().objects.create_user(username="e2e-person", password=PASSWORD)
    Person.objects.filter(pk=person.pk).update(user=user, last_verified=None)

    sign_in(page, "e2e-person")
    page.goto("/katalog/min-profil/")
    section = page.locator("[data-verify-profile]")
    assert "Stämmer uppgifterna?" in section.locator("h2").inner_text()
    section.get_by_role("button", name="Ja, uppgifterna stämmer").click()
    page.wait_for_load_state()
    assert "bekräftad i dag" in page.locator("main").inner_text()
    assert Person.objects.get(pk=person.pk).last_verified == timezone.localdate()
