"""Search test fixtures: the live Elasticsearch suite runs only when ELASTICSEARCH_URL is set."""

import os
import socket

import pytest

LIVE_SKIP_REASON = "ELASTICSEARCH_URL not set: live Elasticsearch suite skipped"


def pytest_runtest_setup(item):
    if item.get_closest_marker("elasticsearch") and not os.environ.get("ELASTICSEARCH_URL"):
        pytest.skip(LIVE_SKIP_REASON)


@pytest.fixture
def closed_port_url() -> str:
    """The URL of a local port nothing listens on (bound, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
