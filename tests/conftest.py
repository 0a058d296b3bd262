"""Shared fixtures."""

from pathlib import Path

import pytest

SHARED_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


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
