"""Readers' search in Chromium: tabs, page links, corrections, the no-results help and typeahead."""

import re

import pytest

from tests.e2e.test_browser import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

RESULTS = ".search-results > li"


def test_tabs_page_links_and_did_you_mean_lead_to_results(signed_in_page):
    page = signed_in_page
    page.goto("/sok/?q=socialsekreterare")
    page.locator(".search-tabs a", has_text="Personer").click()
    page.wait_for_url("**/sok/?q=socialsekreterare&kind=person")
    assert page.locator(RESULTS).count() == 10
    page.locator(".pagination a[rel=next]").click()
    page.wait_for_url("**/sok/?q=socialsekreterare&kind=person&page=2")
    assert page.locator(RESULTS).count() > 0
    assert page.locator('.pagination [aria-current="page"]').inner_text() == "2"
    page.locator(".pagination a", has_text="1").first.click()
    page.wait_for_url("**/sok/?q=socialsekreterare&kind=person&page=1")
    assert page.locator(RESULTS).count() == 10
    page.locator(".search-tabs a", has_text="Alla").click()
    page.wait_for_url("**/sok/?q=socialsekreterare")
    assert page.locator(RESULTS).count() == 10

    page.goto("/sok/?q=rasc")
    correction = page.locator(".search-correction")
    assert "Visar resultat för rack" in correction.inner_text()
    assert page.locator(RESULTS).count() > 0
    assert violations(page) == []
    correction.locator("a", has_text="rasc").click()
    page.wait_for_url("**/sok/?q=rasc&exact=1")
    assert page.locator(RESULTS).count() == 0
    page.locator(".did-you-mean a").click()
    page.wait_for_url("**/sok/?q=rack")
    assert page.locator(RESULTS).count() > 0


def test_no_results_page_offers_next_steps_and_removing_filters_finds_results(signed_in_page):
    page = signed_in_page
    page.goto("/sok/?q=socialsekreterare&kind=meeting")
    help_section = page.locator(".search-help")
    assert "Orolig för ett barn?" in help_section.inner_text()
    assert violations(page) == []
    help_section.locator("a", has_text="Ta bort filtren").click()
    page.wait_for_url("**/sok/?q=socialsekreterare")
    assert page.locator(RESULTS).count() == 10


def test_home_page_box_suggests_people_with_role_unit_and_phone_by_keyboard(signed_in_page):
    page = signed_in_page
    page.goto("/")
    box = page.locator("#home-search-input")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-controls") == "home-search-suggestions"
    box.click()
    box.press_sequentially("arvid eng", delay=60)
    options = page.locator("#home-search-suggestions [role=option]")
    options.first.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    assert "070-174 06 05" in options.first.inner_text()
    assert violations(page) == []
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "home-search-suggestions-option-0"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(re.compile(r".*/katalog/personer/d001/$"))
    assert "Arvid Engström" in page.locator("main h1").inner_text()
    page.wait_for_load_state("networkidle")


def test_home_page_box_searches_without_choosing_a_suggestion(signed_in_page):
    page = signed_in_page
    page.goto("/")
    page.fill("#home-search-input", "school nurse")
    page.press("#home-search-input", "Enter")
    page.wait_for_url("**/sok/?q=school+nurse")
    assert page.locator(".did-you-mean").count() == 0
    page.wait_for_load_state("networkidle")
