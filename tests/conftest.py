"""Shared fixtures."""

import gc
import io
import os
import socket
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from wagtail.models import Page

from directory import caching
from search import indexing
from tests.initial_state import create_full_text_tables, create_initial_state
from tests.migration_run import MigrationRun

SHARED_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
MIGRATION_RUN = pytest.StashKey[MigrationRun]()
DEMO_TRANSACTION = pytest.StashKey[ExitStack]()

if sys.dont_write_bytecode and sys.pycache_prefix is None:
    # PYTHONDONTWRITEBYTECODE keeps the tree free of __pycache__; compiled modules and pytest's
    # rewritten test modules go outside it instead of being compiled again on every run.
    sys.pycache_prefix = str(Path(tempfile.gettempdir()) / "samverkan-pycache")
    sys.dont_write_bytecode = False


def pytest_collection_finish(session):
    """Start migrating a fresh database right away when the migration test is selected."""
    if session.config.option.collectonly:
        return
    # What is loaded by now (Django, Wagtail, the collected tests) lives to the end of the run:
    # leaving it out of the garbage collector's scans saves about a third of their cost.
    gc.freeze()
    # Under pytest-xdist every worker collects every test: the run starts in the one that needs it.
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    if any(item.path.name == "test_migrations.py" for item in session.items):
        session.config.stash[MIGRATION_RUN] = MigrationRun().start()


def _transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return (
        "transactional_db" in item.fixturenames
        or "live_server" in item.fixturenames
        or (marker is not None and bool(marker.kwargs.get("transaction", False)))
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests on the demo area run one after another, before the transactional ones flush the database.

    Under pytest-xdist (`--dist loadgroup`) they all go to one worker, which loads the demo once.
    """
    demo = [item for item in items if "demo_database" in item.fixturenames]
    for item in demo:
        item.add_marker(pytest.mark.xdist_group("demo"))
    others = [item for item in items if "demo_database" not in item.fixturenames]
    cut = next((n for n, item in enumerate(others) if _transactional(item)), len(others))
    items[:] = [*others[:cut], *demo, *others[cut:]]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last test on the demo area, roll it back (its fixtures are torn down by then)."""
    try:
        return (yield)
    finally:
        if nextitem is None or "demo_database" not in nextitem.fixturenames:
            _roll_back_demo(item.config)


def _roll_back_demo(config) -> None:
    opened = config.stash.get(DEMO_TRANSACTION, None)
    if opened is not None:
        del config.stash[DEMO_TRANSACTION]
        transaction.set_rollback(True)
        opened.close()


@pytest.fixture(scope="session")
def demo_database(request, django_db_setup, django_db_blocker) -> str:
    """The demo area (`load_demo`, ~20 s) loaded once for every test that asks for it; its output.

    Those tests run one after another (pytest_collection_modifyitems) inside one transaction,
    rolled back after the last of them (pytest_runtest_teardown).
    """
    assert (
        "memory" in connection.settings_dict["NAME"] or "test" in connection.settings_dict["NAME"]
    )
    opened = ExitStack()
    opened.enter_context(django_db_blocker.unblock())
    opened.enter_context(transaction.atomic())
    request.config.stash[DEMO_TRANSACTION] = opened
    out = io.StringIO()
    call_command("load_demo", stdout=out, stderr=io.StringIO())
    yield out.getvalue()
    _roll_back_demo(request.config)


@pytest.fixture(scope="session")
def migration_run(request) -> MigrationRun:
    """The migrate-from-zero run started at collection (tests/test_migrations.py)."""
    return request.config.stash.get(MIGRATION_RUN, None) or MigrationRun().start()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, built without migrations (--nomigrations), with what they would add."""
    with django_db_blocker.unblock():
        if not Page.objects.exists():
            create_full_text_tables()
            create_initial_state()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache and re-reads the cache generations."""
    cache.clear()
    caching.forget_generations()
    yield
    cache.clear()
    caching.forget_generations()


@pytest.fixture
def search_index():
    """Ask for this when a test reads the search index: its saves are then indexed as in production."""


def _needs_index(request) -> bool:
    """Tests that read the index, and transactional ones (their server threads index as usual)."""
    fixtures = request.fixturenames
    marker = request.node.get_closest_marker("django_db")
    return (
        "search_index" in fixtures
        or "transactional_db" in fixtures
        or "live_server" in fixtures
        or (marker is not None and marker.kwargs.get("transaction", False))
    )


def _index_tables() -> tuple[str, ...]:
    return tuple(
        model._meta.db_table
        for model in apps.get_app_config("search").get_models()
        if model._meta.model_name in {"indexeddocument", "pendingindexchange"}
    )


@pytest.fixture(autouse=True)
def _no_index_writes(request):
    """Saves index nothing unless the test asks for `search_index`; reading the index then fails."""
    if _needs_index(request):
        yield
        return
    tables = _index_tables()
    reads = []

    def refuse_index_queries(execute, sql, params, many, context):
        if any(table in sql for table in tables):
            reads.append(sql)
            pytest.fail(f"{request.node.nodeid} uses the search index: ask for `search_index`")
        return execute(sql, params, many, context)

    with indexing.suspended(), connection.execute_wrapper(refuse_index_queries):
        yield
    assert not reads, f"{request.node.nodeid} uses the search index: ask for `search_index`"


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
