"""Browser suite: a live server over a small imported data set, and Chromium driven by Playwright."""

import json
import os
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection, transaction

from portal.demo.services import DEMO_DIR

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
]
ORGANISATIONS = {
    "eke", "eke-soc", "eke-soc-bou", "eke-soc-mott", "eke-soc-jour", "eke-soc-utr",
    "eke-utb", "eke-utb-grund", "eke-skola-asen", "eke-kld", "dal", "pol",
}  # fmt: skip
CONTENT = ("orosanmalan.md", "samverkansplan-barns-basta.md", "ordlista.md")
PASSWORD = "e2e-pass-2026"

# Playwright's sync API keeps an event loop on the test thread; Django's ORM runs beside it safely.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} is missing: run scripts/install_debian.sh chromium (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def small_data_set(directory: Path) -> Path:
    """A slice of the demo cooperation area (a few units, their people, three pages) in DIR."""
    bundle = json.loads((DEMO_DIR / "directory.json").read_text(encoding="utf-8"))
    bundle["organisations"] = [o for o in bundle["organisations"] if o["id"] in ORGANISATIONS]
    bundle["people"] = [
        person
        for person in bundle["people"]
        if all(position["organisation"] in ORGANISATIONS for position in person["positions"])
        and person["organisation"] in ORGANISATIONS
    ]
    bundle["contact_points"] = [
        point for point in bundle["contact_points"] if point["organisation"] in ORGANISATIONS
    ]
    (directory / "directory.json").write_text(json.dumps(bundle), encoding="utf-8")
    (directory / "content").mkdir()
    for name in CONTENT:
        shutil.copy(DEMO_DIR / "content" / name, directory / "content" / name)
    return directory


class OneRequestPerConnection(ThreadedWSGIServer):
    """A live server that closes each connection after its response (HTTP/1.0): no request thread
    kept alive by the browser outlives the server and then touches the database it shared."""

    def __init__(self, address, handler, *args, **kwargs):
        closing = type(handler.__name__, (handler,), {"protocol_version": "HTTP/1.0"})
        super().__init__(address, closing, *args, **kwargs)


@contextmanager
def live_server_over(load: Callable[[], object]):
    """A live server over what `load` writes and an `e2e` user; all of it rolled back afterwards."""
    from pytest_django.live_server_helper import LiveServer

    with transaction.atomic():
        if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
            pytest.skip(
                "the live server shares the in-memory SQLite test database (tests.settings)"
            )
        load()
        get_user_model().objects.create_user(username="e2e", password=PASSWORD)
        server = LiveServer("localhost", start=False)
        server.thread.server_class = OneRequestPerConnection
        server.start()
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            transaction.set_rollback(True)


def _import_small_data_set(data: Path) -> None:
    call_command("import_directory", str(data / "directory.json"), verbosity=0)
    call_command("import_content", str(data / "content"), verbosity=0)


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, tmp_path_factory):
    """A live server over data imported once per module; everything is rolled back afterwards."""
    data = small_data_set(tmp_path_factory.mktemp("e2e"))
    with (
        django_db_blocker.unblock(),
        live_server_over(lambda: _import_small_data_set(data)) as server,
    ):
        yield server


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(base_url=site.url, locale="sv-SE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def signed_in_page(page):
    sign_in(page)
    return page


def sign_in(page, username: str = "e2e", password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form[action='/login/'] button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)


@pytest.fixture(autouse=True)
def _browser_tests_use_the_indexes(search_index, wagtail_indexes):
    """The live server shares the test database and its indexes (ours, Wagtail's) with the browser
    tests."""
