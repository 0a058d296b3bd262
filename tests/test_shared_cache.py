"""CACHE_URL against real cache servers (Debian's redis-server and memcached on loopback): what one
process stores every other reads, and the portal serves its pages, sessions and users through it."""

import os
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches
from django.test import override_settings
from wagtail.rich_text import RichText

from directory import caching
from portal import settings as settings_module
from tests.factories import GuidelinePageFactory

pytestmark = pytest.mark.django_db

SERVERS = {
    "redis": ["redis-server", "--bind", "127.0.0.1", "--port", "{port}", "--save", ""],
    "memcached": ["memcached", "--listen=127.0.0.1", "--port={port}", "--user=nobody"],
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module", params=sorted(SERVERS))
def cache_url(request):
    """A throw-away cache server on a loopback port, as CACHE_URL names it."""
    command = SERVERS[request.param]
    if shutil.which(command[0]) is None:
        message = f"{command[0]} is not installed (CI installs it: scripts/install_debian.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 - a Debian server binary with fixed arguments
        [part.format(port=port) for part in command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, f"{command[0]} failed"
            time.sleep(0.05)
    yield f"{request.param}://127.0.0.1:{port}" + ("/0" if request.param == "redis" else "")
    process.terminate()
    process.wait(10)


@pytest.fixture
def shared_cache(cache_url, monkeypatch):
    monkeypatch.setenv("CACHE_URL", cache_url)
    with override_settings(CACHES={"default": settings_module._cache()}):
        caches["default"].clear()
        yield
        caches["default"].clear()


def _another_process_cache():
    """A second client of the same server, as another worker process has."""
    return caches.create_connection("default")


@pytest.mark.usefixtures("shared_cache")
def test_a_fragment_one_process_computes_is_served_to_another():
    computed = caching.cached("shared-test", [caching.CONTENT], lambda: ["from the first"])
    key = caching.cache_key("shared-test", [caching.CONTENT])
    assert _another_process_cache().get(key) == computed
    caching.bump(caching.CONTENT)
    assert caching.cached("shared-test", [caching.CONTENT], lambda: ["afresh"]) == ["afresh"]


@pytest.mark.usefixtures("shared_cache")
def test_pages_sessions_and_users_are_served_through_the_cache_server(signed_in_client, user):
    page = GuidelinePageFactory(title="Orosanmälan", body=[("text", RichText("<p>Ring.</p>"))])
    page.save_revision().publish()
    page.refresh_from_db()
    first = signed_in_client.get(page.url)
    again = signed_in_client.get(page.url)
    assert first.status_code == again.status_code == 200
    assert "Ring." in again.content.decode()
    session = signed_in_client.session
    assert _another_process_cache().get(session.cache_key) is not None
