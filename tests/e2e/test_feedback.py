"""End-to-end: a reader reports an error on a guideline; the owner's editor sees it and handles it."""

import time

import pytest
from django.contrib.auth import get_user_model

from directory.models import Organisation
from portal.feedback.models import Feedback
from portal.services import setup_organisation_editors
from tests.e2e.conftest import PASSWORD, sign_in
from tests.e2e.test_browser import content_url, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

REPORT = "Telefonnumret till mottagningsgruppen är fel <b>sedan maj</b>."


def test_a_reader_reports_an_error_and_the_owners_editor_handles_it(browser, site):
    started = time.monotonic()
    editor = get_user_model().objects.create_user(
        username="e2e-redaktor", email="redaktor@example.test", password=PASSWORD
    )
    editor.groups.add(setup_organisation_editors(Organisation.objects.get(key="eke-soc")))
    get_user_model().objects.create_user(username="e2e-polis", password=PASSWORD).groups.add(
        setup_organisation_editors(Organisation.objects.get(key="pol"))
    )

    reader = browser.new_context(base_url=site.url, locale="sv-SE").new_page()
    sign_in(reader)
    guideline = content_url(reader, "orosanmalan")
    reader.goto(guideline)
    form = reader.locator("#feedback")
    form.get_by_label("Vad är fel eller inaktuellt?").fill(REPORT)
    form.get_by_role("button", name="Skicka rapporten").click()
    reader.wait_for_url("**?feedback=tack#feedback")
    assert "Tack för din återkoppling!" in reader.locator("[data-feedback-status]").inner_text()
    assert reader.locator("#feedback [role=status]").get_attribute("aria-live") == "polite"
    assert violations(reader) == []
    reader.get_by_role("button", name="Ja").click()
    reader.wait_for_url("**?feedback=tack#feedback")
    reader.context.close()
    assert Feedback.objects.filter(owner__key="eke-soc").count() == 2

    other = browser.new_context(base_url=site.url, locale="sv-SE").new_page()
    sign_in(other, "e2e-polis")
    other.goto("/admin/aterkoppling/")
    assert "Telefonnumret" not in other.locator("main").inner_text()
    other.context.close()

    owner = browser.new_context(base_url=site.url, locale="sv-SE").new_page()
    sign_in(owner, "e2e-redaktor")
    owner.goto("/admin/")
    assert "2 nya återkopplingar från läsare" in owner.locator("[data-feedback-panel]").inner_text()
    owner.locator("[data-feedback-panel] a").click()
    listing = owner.locator("[data-feedback-list]")
    assert "Telefonnumret till mottagningsgruppen är fel sedan maj." in listing.inner_text()
    assert "Felrapport" in listing.inner_text()
    row = listing.locator("tr", has_text="Felrapport")
    row.get_by_role("link").click()
    assert "<b>" not in owner.locator("[data-feedback-text]").inner_text()
    owner.get_by_role("button", name="Markera som hanterad").click()
    owner.wait_for_url("**/admin/aterkoppling/")
    assert "Återkopplingen är markerad som hanterad." in owner.locator("body").inner_text()
    assert "Telefonnumret" not in owner.locator("[data-feedback-list]").inner_text()
    owner.select_option("#feedback-status", "handled")
    owner.get_by_role("button", name="Filtrera").click()
    assert "Telefonnumret" in owner.locator("[data-feedback-list]").inner_text()
    owner.context.close()

    handled = Feedback.objects.get(kind=Feedback.Kind.ERROR)
    assert handled.status == Feedback.Status.HANDLED and handled.reader is None
    print(f"\nfeedback journey: {time.monotonic() - started:.1f} s")
