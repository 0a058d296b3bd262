"""Reader layout in Chromium: every main page at 320 and 1280 px, screenshots, axe and a keyboard search."""

import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from portal.demo.services import import_demo_data, load_governance_demo
from tests.e2e.conftest import live_server_over, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NARROW, WIDE, PHONE = 320, 1280, 360
QUERY = "kurator"
# Each main page type: a fixed address, or ("slug", page slug) for a page of the content tree.
PAGES = {
    "home": "/",
    "results": f"/sok/?q={QUERY}",
    "person": "/katalog/personer/d001/",
    "function": "/katalog/funktioner/socsek-mott/",
    "organisation": "/katalog/organisationer/eke-soc-mott/",
    "contact-point": "/katalog/kontaktvagar/socjour/",
    "guideline": ("slug", "orosanmalan"),
    "directive": ("slug", "direktiv-tsi-2025"),
    "glossary": ("slug", "ordlista"),
    "forum": ("slug", "forum-barnteam"),
    "meeting": ("slug", "barnteamet-mote-1"),
    "activity-plan": ("slug", "aktivitetsplan-2026"),
    "onboarding": ("slug", "introduktion-socialsekreterare"),
    "login": "/login/",
    "404": "/finns-inte-alls/",
}
SIGNED_OUT = {"login"}
STATUS = {"404": 404}
README_PAGES = ("home", "results", "person")
README_SHOT_BYTES = 150 * 1024


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """A live server over the whole demo (directory, content, forums, meetings, onboarding)."""

    def load_demo() -> None:
        import_demo_data(stdout=io.StringIO(), stderr=io.StringIO())
        load_governance_demo()

    with django_db_blocker.unblock(), live_server_over(load_demo) as server:
        yield server


@pytest.fixture(scope="module")
def signed_in_state(browser, site):
    """The cookies of one sign-in, reused by every context of the module."""
    context = browser.new_context(base_url=site.url, locale="sv-SE")
    page = context.new_page()
    sign_in(page)
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory) -> Path:
    """Where the page screenshots go, to inspect a failure: pytest's temporary directory."""
    return tmp_path_factory.mktemp("reader-layout")


@pytest.fixture(scope="module")
def readme_dir(screenshot_dir) -> Path:
    """Where the README's screenshots go: SCREENSHOT_DIR if set (docs/screenshots), else beside the rest."""
    chosen = os.environ.get("SCREENSHOT_DIR")
    directory = Path(chosen) if chosen else screenshot_dir
    directory.mkdir(parents=True, exist_ok=True)
    return directory


class Tabs:
    """A signed-in and a signed-out tab at one viewport width."""

    def __init__(self, browser, site, state, width: int):
        size = {"width": width, "height": 800}
        self.width = width
        self.contexts = [
            browser.new_context(base_url=site.url, locale="sv-SE", viewport=size, **extra)
            for extra in ({"storage_state": state}, {})
        ]
        self.signed_in, self.signed_out = (context.new_page() for context in self.contexts)
        for page in (self.signed_in, self.signed_out):
            page.set_default_timeout(15_000)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture(scope="module", params=[NARROW, WIDE], ids=lambda width: f"{width}px")
def tabs(request, browser, site, signed_in_state):
    opened = Tabs(browser, site, signed_in_state, request.param)
    yield opened
    opened.close()


def address(name: str) -> str:
    from wagtail.models import Page

    target = PAGES[name]
    if isinstance(target, tuple):
        # The glossary's index and its page share a slug: the page is the deeper one.
        return Page.objects.filter(slug=target[1]).order_by("-depth").first().specific.url
    return target


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in results.response["violations"]
    ]


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize("name", list(PAGES))
def test_page_reflows_and_has_no_axe_violations(tabs, name, screenshot_dir):
    page = tabs.signed_out if name in SIGNED_OUT else tabs.signed_in
    response = page.goto(address(name))
    page.screenshot(path=screenshot_dir / f"{name}-{tabs.width}.png", full_page=True)

    assert response.status == STATUS.get(name, 200)
    assert "/login/" not in page.url or name in SIGNED_OUT
    if tabs.width == NARROW:
        assert scroll_width(page) <= NARROW
    assert violations(page) == []
    assert (
        page.locator(".site-footer li").evaluate_all(
            "items => items.map(item => getComputedStyle(item).listStyleType)"
        )
        == ["none"] * page.locator(".site-footer li").count()
    )


def test_english_language_switch_is_whole_at_320_px(tabs):
    page = tabs.signed_in
    page.goto("/")
    switch = page.locator(".site-nav [name=language]")
    box = switch.bounding_box()

    assert switch.is_visible()
    assert box["x"] >= 0 and box["x"] + box["width"] <= tabs.width


def test_results_come_before_the_filters_and_filters_apply_on_change(tabs):
    page = tabs.signed_in
    page.goto(f"/sok/?q={QUERY}")
    results = page.locator(".search-results").first.bounding_box()
    filters = page.locator(".search-filters")
    toggle = page.locator(".search-filters__toggle")

    if tabs.width == NARROW:
        assert results["y"] < filters.bounding_box()["y"]
        assert filters.get_attribute("open") is None
        toggle.click()
    assert toggle.inner_text().strip() == "Filtrera"
    assert page.locator(".search-facets button[type=submit]").is_hidden()
    option = filters.locator("input[type=checkbox]").first
    value = option.get_attribute("value")
    with page.expect_navigation():
        option.check()

    assert f"={value}" in page.url
    assert page.evaluate("document.activeElement.value") == value


def test_without_javascript_the_filters_stay_open_after_the_results_with_their_button(
    browser, site, signed_in_state
):
    context = browser.new_context(
        base_url=site.url,
        locale="sv-SE",
        viewport={"width": NARROW, "height": 800},
        storage_state=signed_in_state,
        java_script_enabled=False,
    )
    try:
        page = context.new_page()
        page.goto(f"/sok/?q={QUERY}")
        filters = page.locator(".search-filters")
        button = page.locator(".search-facets button[type=submit]")

        assert filters.get_attribute("open") == ""
        assert (
            page.locator(".search-results").first.bounding_box()["y"] < filters.bounding_box()["y"]
        )
        assert button.is_visible()
        assert scroll_width(page) <= NARROW
    finally:
        context.close()


def test_keyboard_search_reaches_the_first_result_in_ten_tabs(tabs):
    page = tabs.signed_in
    page.goto("/")
    page.focus("#site-search-input")
    page.keyboard.type(QUERY)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    first = page.locator(".search-results a[data-click-uid]").first
    first_href = first.get_attribute("href")

    presses = 0
    while presses < 10 and not first.evaluate("link => link === document.activeElement"):
        page.keyboard.press("Tab")
        presses += 1
        if page.evaluate("document.activeElement.getAttribute('href')") == "#search-hits":
            page.keyboard.press("Enter")
    print(f"{tabs.width} px: {presses} Tab presses from the search box to the first result")
    assert first.evaluate("link => link === document.activeElement"), presses
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith(first_href)


def test_guideline_contact_box_comes_before_the_text_on_a_phone(tabs):
    page = tabs.signed_in
    page.goto(address("guideline"))
    contact = page.locator(".contact-box").bounding_box()
    body = page.locator(".content-page__body").bounding_box()

    if tabs.width == NARROW:
        assert contact["y"] < body["y"]
    else:
        assert contact["x"] > body["x"]


@pytest.mark.parametrize("width", [WIDE, PHONE])
def test_readme_screenshots_stay_small(browser, site, signed_in_state, readme_dir, width):
    """The README's screenshots; SCREENSHOT_DIR=docs/screenshots regenerates the committed ones."""
    opened = Tabs(browser, site, signed_in_state, width)
    try:
        for name in README_PAGES:
            path = readme_dir / f"readme-{name}-{width}.png"
            opened.signed_in.goto(address(name))
            opened.signed_in.screenshot(path=path)
            assert path.stat().st_size <= README_SHOT_BYTES, path
    finally:
        opened.close()
