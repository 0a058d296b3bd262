"""The admin in Swedish: Wagtail's catalogue, our strings where it lacks them, dates, site name."""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import taggit
import wagtail
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from portal.vendor_strings import VENDOR_STRINGS
from tests.factories import GuidelinePageFactory, OrganisationFactory

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]


def english_msgids(package) -> set[str]:
    """Every message id of a package's English catalogues."""
    found = set()
    for catalogue in Path(package.__file__).parent.glob("**/locale/en/LC_MESSAGES/django.po"):
        text = catalogue.read_text(encoding="utf-8")
        for block in re.findall(r'^msgid ((?:".*"\n)+)', text, re.MULTILINE):
            parts = re.findall(r'"(.*)"', block)
            found.add("".join(parts).replace('\\"', '"'))
    return found


VENDOR_MSGIDS = english_msgids(wagtail) | english_msgids(taggit)


@pytest.mark.parametrize("message", VENDOR_STRINGS)
def test_every_string_wagtail_and_taggit_lack_is_theirs_and_swedish(message):
    assert message in VENDOR_MSGIDS
    with translation.override("sv"):
        assert translation.gettext(message) != message


@pytest.fixture
def editor_client(client, make_editor):
    organisation = OrganisationFactory(name="Ekeså kommun")
    client.force_login(make_editor(organisation))
    client.organisation = organisation
    return client


def test_the_page_editor_is_swedish_for_an_editor(editor_client):
    page = GuidelinePageFactory(owner_organisation=editor_client.organisation)
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Automatisk sparning är pausad" in html and "Autosave is paused" not in html
    assert "Skriv etiketterna åtskilda med kommatecken." in html
    assert "A comma-separated list of tags." not in html
    assert "Spara utkast" in html


def test_review_dates_in_the_dashboard_are_in_swedish(editor_client):
    GuidelinePageFactory(
        title="Gammal rutin",
        owner_organisation=editor_client.organisation,
        review_by=datetime.date(2025, 3, 1),
    )
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert '<time datetime="2025-03-01">1 mars 2025</time>' in html


def test_the_site_is_named_from_the_settings():
    site = Site.objects.get(is_default_site=True)
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    assert site.site_name == settings.WAGTAIL_SITE_NAME
    assert (site.hostname, site.port) == (address.hostname, address.port or 80)
    assert "localhost" not in site.root_url
