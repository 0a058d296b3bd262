"""Shared fixtures."""

import socket
from pathlib import Path

import pytest
from wagtail.models import Page

from tests.initial_state import create_initial_state

SHARED_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, built without migrations (--nomigrations), with what they would add."""
    with django_db_blocker.unblock():
        if not Page.objects.exists():
            create_initial_state()


@pytest.fixture
def shared_eval() -> Path:
    """The public relevance collection beside the checkout."""
    if not SHARED_EVAL.exists():
        pytest.fail(f"{SHARED_EVAL} is missing: ../shared must sit beside the checkout")
    return SHARED_EVAL


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(username="staff", password="pw-staff-123")


@pytest.fixture
def signed_in_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def closed_port_url() -> str:
    """The URL of a local port nothing listens on (bound, then closed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"
