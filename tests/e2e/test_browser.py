"""End-to-end: sign in, search from the header, open pages, keyboard use and axe-core in Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PERSON = "/katalog/personer/d001/"
FUNCTION = "/katalog/funktioner/socsek-mott/"
ORGANISATION = "/katalog/organisationer/eke-soc-mott/"


def content_url(page, slug: str) -> str:
    from wagtail.models import Page

    return Page.objects.get(slug=slug).specific.url


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in results.response["violations"]
    ]


def test_sign_in_lands_on_the_home_page(page):
    page.goto("/")
    assert "/login/" in page.url
    sign_in(page)
    assert page.locator("main h1").count() == 1
    assert page.locator("#site-search-input").is_visible()


def test_header_search_suggests_and_keyboard_selects(signed_in_page):
    page = signed_in_page
    box = page.locator("#site-search-input")
    box.click()
    box.press_sequentially("mottagning", delay=60)
    options = page.locator("#site-search-suggestions [role=option]")
    options.first.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active
    chosen = page.locator(f"#{active}").inner_text().strip()
    box.press("Enter")
    page.wait_for_load_state()
    assert "/login/" not in page.url
    assert chosen.split("\n")[0][:10] in page.locator("main").inner_text()


def test_search_results_page_lists_the_intake(signed_in_page):
    page = signed_in_page
    page.fill("#site-search-input", "socialjouren")
    page.press("#site-search-input", "Enter")
    page.wait_for_url("**/sok/?q=socialjouren*")
    assert "Socialjouren Dalmark" in page.locator("main").inner_text()


def test_opening_a_result_counts_one_click_through_a_same_origin_post(signed_in_page):
    from search.models import ClickLog

    page = signed_in_page
    page.goto("/sok/?q=socialjouren")
    link = page.locator(".search-results a[data-click-uid]").first
    uid = link.get_attribute("data-click-uid")
    with page.expect_request(lambda request: request.url.endswith("/sok/klick/")) as posted:
        link.click()
    page.wait_for_load_state()

    assert posted.value.method == "POST"
    assert "/sok/" not in page.url
    # A beacon outlives the page that sent it, so its answer may come after the navigation.
    for _attempt in range(50):
        if ClickLog.objects.filter(uid=uid, query="socialjouren").exists():
            break
        page.wait_for_timeout(100)
    assert ClickLog.objects.filter(uid=uid, query="socialjouren").exists()


def test_person_function_and_guideline_pages_open(signed_in_page):
    page = signed_in_page
    for url, text in (
        (PERSON, "Arvid Engström"),
        (FUNCTION, "Socialsekreterare, mottagning barn och unga"),
        (content_url(page, "orosanmalan"), "Orosanmälan"),
    ):
        response = page.goto(url)
        assert response.status == 200, url
        assert text in page.locator("main").inner_text(), url


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(signed_in_page):
    page = signed_in_page
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "document.activeElement.className + '|' + document.activeElement.getAttribute('href')"
    )
    assert focused.startswith("skip-link") and focused.endswith("#main"), focused
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_public_pages_have_no_axe_violations(page):
    problems = {}
    for url in ("/login/", "/tillganglighet/"):
        page.goto(url)
        problems[url] = violations(page)
    assert problems == {url: [] for url in problems}


def test_main_pages_have_no_axe_violations(signed_in_page):
    page = signed_in_page
    urls = [
        "/",
        "/sok/?q=kurator",
        PERSON,
        FUNCTION,
        ORGANISATION,
        content_url(page, "orosanmalan"),
        content_url(page, "samverkansplan-barns-basta"),
    ]
    problems = {}
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        problems[url] = violations(page)
    assert problems == {url: [] for url in urls}


def test_pages_reflow_at_320_css_pixels_without_sideways_scrolling(signed_in_page):
    page = signed_in_page
    page.set_viewport_size({"width": 320, "height": 640})
    for url in ("/", "/sok/?q=kurator", "/sok/?q=socialjouren", "/katalog/", PERSON, ORGANISATION):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{url} is {width} px wide"
