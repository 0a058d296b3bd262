"""The admin's preview: framed by the portal's own admin only, and marked as a draft."""

import pytest
from django.urls import reverse

from tests.factories import GuidelinePageFactory, OrganisationFactory
from tests.portal.helpers import publish_form_data, shown

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]

BANNER = "Draft – not published"


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.fixture
def page():
    return GuidelinePageFactory(title="Vår rutin", owner_organisation=OrganisationFactory())


@pytest.fixture
def editor_client(client, make_editor, page):
    client.force_login(make_editor(page.owner_organisation))
    return client


def test_the_preview_may_be_framed_by_the_same_origin_only(editor_client, page):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    posted = editor_client.post(url, publish_form_data(page, "Ändrad rutin"))
    assert posted.json()["is_valid"]
    response = editor_client.get(url, {"in_preview_panel": "true", "mode": ""})
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == "'self'"
    html = response.content.decode()
    assert "Ändrad rutin" in html and shown(BANNER) in html


def test_the_editor_and_the_site_may_not_be_framed(editor_client, page):
    for url in (reverse("wagtailadmin_pages:edit", args=[page.pk]), page.url, "/admin/"):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "DENY", url
        assert directives(response)["frame-ancestors"] == "'none'", url


def test_a_draft_viewed_from_the_admin_carries_the_draft_banner(editor_client, page):
    page.title = "Utkast till rutin"
    page.save_revision()
    response = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    html = response.content.decode()
    assert "Utkast till rutin" in html and shown(BANNER) in html


def test_the_published_page_has_no_draft_banner(editor_client, page):
    page.title = "Utkast till rutin"
    page.save_revision()
    html = editor_client.get(page.url).content.decode()
    assert "Vår rutin" in html and shown(BANNER) not in html
