"""An editor fills in a guideline with the admin's widgets, previews it and submits it for review."""

import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import WorkflowState

from directory.models import Organisation
from portal.models import GuidelineIndexPage, GuidelinePage
from portal.services import setup_organisation_editors
from tests.e2e.conftest import PASSWORD, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def editor_page(page):
    """Chromium signed in as an editor of the municipality's social services."""
    organisation = Organisation.objects.get(key="eke-soc")
    editor = get_user_model().objects.create_user(username="e2e-redaktor", password=PASSWORD)
    editor.groups.add(setup_organisation_editors(organisation))
    sign_in(page, username="e2e-redaktor")
    page.organisation = organisation
    return page


def test_an_editor_fills_in_previews_and_submits_a_guideline(editor_page):
    page = editor_page
    index = GuidelineIndexPage.objects.get()
    page.goto(f"/admin/pages/add/portal/guidelinepage/{index.pk}/")
    page.fill("#id_title", "Samverkan kring skolfrånvaro")

    owner = page.locator(f"input[name=owner_organisation][value='{page.organisation.pk}']")
    assert owner.is_checked()
    assert page.locator("input[name=owner_organisation]").count() < Organisation.objects.count()

    audience_search = page.locator("#id_audience-search")
    audience_search.fill("kurator")
    visible = page.locator("#id_audience label:visible")
    assert visible.count() >= 1
    assert all("kurator" in text.lower() for text in visible.all_inner_texts())
    page.locator("#id_audience input[value=kurator]").check()
    audience_search.fill("")
    assert page.locator("#id_audience input:checked").count() == 1

    page.get_by_label("6–12").check()
    page.get_by_label("13–17").check()

    page.locator("[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("iframe#w-preview-iframe")
    frame.locator("h1", has_text="Samverkan kring skolfrånvaro").wait_for(state="visible")
    assert "Utkast – inte publicerad" in frame.locator("main").inner_text()

    submit = page.locator("button[name=action-submit]")
    if not submit.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    submit.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    guideline = GuidelinePage.objects.get(title="Samverkan kring skolfrånvaro")
    saved = guideline.get_latest_revision_as_object()
    assert saved.audience == ["kurator"]
    assert saved.age_groups == ["6-12", "13-17"]
    assert saved.owner_organisation_id == page.organisation.pk
    assert not guideline.live
    assert WorkflowState.objects.filter(
        object_id=str(guideline.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
