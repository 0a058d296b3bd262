"""The site's scripts run under the strict Content-Security-Policy; only the admin's is relaxed."""

import pytest
from django.contrib.auth import get_user_model

from portal.onboarding.pages import OnboardingStep
from tests.e2e.conftest import PASSWORD, sign_in
from tests.factories import OnboardingPathPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def watched(page) -> list[str]:
    """Collect console errors and CSP violation events (the browser's favicon probe aside)."""
    problems: list[str] = []

    def on_console(message) -> None:
        where = message.location.get("url", "")
        if message.type == "error" and not where.endswith("/favicon.ico"):
            problems.append(f"{message.text} {where}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda response: response.status >= 400 and problems.append(response.url))
    page.add_init_script(WATCH_VIOLATIONS)
    return problems


def violations_on(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def script_src(response) -> str:
    policy = response.headers["content-security-policy"]
    return next(part for part in policy.split(";") if part.strip().startswith("script-src"))


def onboarding_path():
    from directory.models import Function

    path = OnboardingPathPageFactory(function=Function.objects.get(key="socsek-mott"))
    path.steps = [
        OnboardingStep(title="Läs rutinen om orosanmälan", why="Du tar emot anmälningar.")
    ]
    path.save_revision().publish()
    return path


def test_site_pages_and_their_scripts_run_without_csp_violations(page):
    problems = watched(page)
    path = onboarding_path()
    sign_in(page)
    found = {}
    for url in ("/", "/sok/?q=kurator", "/katalog/personer/d001/", path.url, "/api/v1/docs"):
        response = page.goto(url)
        assert response.status == 200, url
        assert "unsafe" not in script_src(response), url
        found[url] = violations_on(page)

    page.goto("/")
    box = page.locator("#site-search-input")
    box.click()
    box.press_sequentially("mottagning", delay=60)
    page.locator("#site-search-suggestions [role=option]").first.wait_for(state="visible")
    found["typeahead"] = violations_on(page)

    page.goto(path.url)
    page.get_by_role("button", name="Markera ”Läs rutinen om orosanmälan” som klar").click()
    page.locator(".onboarding-step--done").wait_for()
    assert page.locator(".onboarding-step--done").count() == 1
    found["onboarding tick"] = violations_on(page)

    page.goto("/api/v1/docs")
    page.locator(".swagger-ui .info").wait_for(state="visible")
    found["API docs"] = violations_on(page)

    assert found == dict.fromkeys(found, [])
    assert problems == []


def test_the_admin_keeps_its_relaxed_script_policy_and_works(page):
    get_user_model().objects.create_superuser("e2e-admin", password=PASSWORD)
    problems = watched(page)
    sign_in(page, username="e2e-admin")
    response = page.goto("/admin/")
    assert "'unsafe-inline'" in script_src(response)
    page.locator("[data-wagtail-sidebar], #wagtail-sidebar").first.wait_for(state="attached")
    page.wait_for_load_state("networkidle")  # the dashboard's own requests end before the server
    assert violations_on(page) == []
    assert problems == []
