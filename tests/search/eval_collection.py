"""Load the public relevance collection once per test module (committed, rolled back after)."""

import pytest
from django.db import transaction

from benchmarks import relevance


@pytest.fixture(scope="module")
def eval_collection(django_db_setup, django_db_blocker):
    """The ../shared/eval collection imported into the test database for one module."""
    if not relevance.EVAL_DIR.exists():
        pytest.fail(f"{relevance.EVAL_DIR} is missing: ../shared must sit beside the checkout")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            relevance.load_collection()
            yield relevance.EVAL_DIR
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
