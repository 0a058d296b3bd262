"""In Chromium: an English browser gets the Swedish portal, the language switch and logout work,
and ticking an onboarding step by keyboard keeps focus on the step and announces the progress."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.models import GlossaryPage
from portal.onboarding.pages import OnboardingPathPage, OnboardingStep
from portal.swedish import swedish_sort_key
from tests.e2e.conftest import PASSWORD, sign_in
from tests.factories import OnboardingPathPageFactory, PersonFactory, PositionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ORGANISATION = "/katalog/organisationer/eke-soc-mott/"


@pytest.fixture
def english_page(browser, site):
    """A browser that asks for English, as an English-language Chromium does."""
    context = browser.new_context(
        base_url=site.url, locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def html_lang(page) -> str:
    return page.evaluate("document.documentElement.lang")


def test_an_english_browser_gets_the_swedish_portal(english_page):
    page = english_page
    page.goto("/login/")
    assert html_lang(page) == "sv"
    assert page.locator("main h1").inner_text() == "Logga in"
    sign_in(page)
    assert html_lang(page) == "sv"
    assert page.locator(".site-nav").get_by_text("Katalog").is_visible()


def test_the_language_switch_works_from_the_login_page_and_when_signed_in(english_page):
    page = english_page
    page.goto("/login/")
    with page.expect_response(lambda r: r.url.endswith("/i18n/setlang/")) as switched:
        page.get_by_role("button", name="English").click()
    assert switched.value.status == 302
    page.wait_for_load_state()
    assert "/login/" in page.url
    assert html_lang(page) == "en"
    assert page.locator("main h1").inner_text() == "Log in"

    sign_in(page)
    page.goto(ORGANISATION)
    assert html_lang(page) == "en"
    assert page.locator("main h1").get_attribute("lang") == "sv"
    with page.expect_response(lambda r: r.url.endswith("/i18n/setlang/")) as switched:
        page.get_by_role("button", name="Svenska").click()
    assert switched.value.status == 302
    page.wait_for_url(f"**{ORGANISATION}")
    assert html_lang(page) == "sv"
    assert page.locator(".site-nav").get_by_text("Katalog").is_visible()


def test_logout_works_and_the_next_page_asks_for_login(signed_in_page):
    page = signed_in_page
    with page.expect_response(lambda r: r.url.endswith("/logout/")) as logged_out:
        page.get_by_role("button", name="Logga ut").click()
    assert logged_out.value.status in {200, 302}
    page.wait_for_url("**/login/")
    page.goto("/katalog/")
    assert "/login/" in page.url
    assert page.locator("main h1").inner_text() == "Logga in"


def test_the_breadcrumb_is_a_trail_without_numbers(signed_in_page):
    page = signed_in_page
    page.goto(ORGANISATION)
    items = page.locator(".breadcrumbs li")
    assert items.count() >= 2
    assert items.first.evaluate("li => getComputedStyle(li).listStyleType") == "none"
    assert "›" in items.nth(1).evaluate("li => getComputedStyle(li, '::before').content")


@pytest.fixture
def newcomer(site):
    """A signed-in newcomer with a two-step onboarding path for their function."""
    user = get_user_model().objects.create_user(username="ny-e2e", password=PASSWORD)
    person = PersonFactory(user=user, key="ny-e2e")
    position = PositionFactory(
        person=person, start=timezone.localdate() - datetime.timedelta(days=5)
    )
    path = OnboardingPathPageFactory(function=position.function, title="Introduktion e2e")
    path.steps = [
        OnboardingStep(title="Läs planen", time_frame="vecka 1"),
        OnboardingStep(title="Träffa chefen", time_frame="vecka 2"),
    ]
    path.save_revision().publish()
    return OnboardingPathPage.objects.get(pk=path.pk)


def test_ticking_an_onboarding_step_by_keyboard_keeps_focus_and_announces(page, newcomer):
    sign_in(page, "ny-e2e")
    page.goto(newcomer.url)
    first = newcomer.steps.get(title="Läs planen")
    button_id = f"steg-{first.pk}-knapp"
    for _press in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == button_id:
            break
    assert page.evaluate("document.activeElement.id") == button_id
    with page.expect_response(lambda r: "/min-introduktion/steg/" in r.url) as ticked:
        page.keyboard.press("Enter")
    assert ticked.value.status == 200
    status = page.locator(f'[data-onboarding-status="{newcomer.pk}"]')
    status.filter(has_text="1 av 2 steg klara").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "”Läs planen” är klart. 1 av 2 steg klara."
    assert page.evaluate("document.activeElement.id") == button_id
    assert "inte klar" in page.evaluate("document.activeElement.textContent")
    assert page.url.endswith(newcomer.url)
    assert Axe().run(page).response["violations"] == []

    page.goto("/")
    assert "Nästa steg: Träffa chefen (vecka 2)" in page.locator("main").inner_text()


def test_the_glossary_index_leads_to_its_letters_in_swedish_order(signed_in_page):
    page = signed_in_page
    page.goto(GlossaryPage.objects.get().url)
    index = page.locator("nav.letter-index")
    assert index.locator("li").first.inner_text() == "0–9"
    assert index.locator("li").last.inner_text() == "Ö"
    index.get_by_role("link", name="S", exact=True).click()
    page.wait_for_url("**#bokstav-s")
    terms = [term.split(" (")[0] for term in page.locator("dl.glossary dt").all_inner_texts()]
    assert terms[0].startswith("2+2-möte")
    assert terms == sorted(terms, key=swedish_sort_key)
    assert terms[-3:] == ["TSI", "UMO", "VNR"]


def test_without_script_a_tick_returns_to_the_step_with_the_announcement(browser, site, newcomer):
    context = browser.new_context(base_url=site.url, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, "ny-e2e")
        page.goto(newcomer.url)
        first = newcomer.steps.get(title="Läs planen")
        page.focus(f"#steg-{first.pk}-knapp")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{newcomer.url}#steg-{first.pk}-knapp")
        status = page.locator(f'[data-onboarding-status="{newcomer.pk}"]')
        assert status.inner_text() == "”Läs planen” är klart. 1 av 2 steg klara."
        assert page.evaluate("document.activeElement.id") == f"steg-{first.pk}-knapp"
    finally:
        context.close()
