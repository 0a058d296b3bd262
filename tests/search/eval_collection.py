"""Load the public relevance collection once per test module (committed, rolled back after)."""

import pytest
from django.db import transaction

from search import bench


@pytest.fixture(scope="module")
def eval_collection(django_db_setup, django_db_blocker):
    """The ../shared/eval collection imported into the test database for one module."""
    if not bench.EVAL_DIR.exists():
        pytest.fail(f"{bench.EVAL_DIR} is missing: ../shared must sit beside the checkout")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            bench.load_collection()
            yield bench.EVAL_DIR
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
