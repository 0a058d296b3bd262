"""Shared fixtures."""

import functools
import gc
import io
import os
import re
import socket
import sys
import tempfile
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from _pytest.unraisableexception import gc_collect_iterations_key
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from wagtail.models import Page
from wagtail.signal_handlers import reference_index_auto_update_disabled

from directory import caching
from search import indexing
from tests.initial_state import create_full_text_tables, create_initial_state
from tests.migration_run import MigrationRun

SHARED_EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
MIGRATION_RUN = pytest.StashKey[MigrationRun]()
DEMO_TRANSACTION = pytest.StashKey[ExitStack]()
WAGTAIL_INDEX_TABLES = ("wagtailcore_referenceindex", "wagtailsearch_indexentry")

if sys.dont_write_bytecode and sys.pycache_prefix is None:
    # PYTHONDONTWRITEBYTECODE keeps the tree free of __pycache__; compiled modules and pytest's
    # rewritten test modules go outside it instead of being compiled again on every run.
    sys.pycache_prefix = str(Path(tempfile.gettempdir()) / "samverkan-pycache")
    sys.dont_write_bytecode = False


def pytest_configure(config):
    """Fewer garbage collections: tests allocate many short-lived objects, and with Python's default
    thresholds each worker spent 4-7 s in collections, mostly full passes over its heap (2-3 s now,
    for ~10% more memory). At the end, one pass looks for unraisable exceptions, not pytest's five.
    """
    gc.set_threshold(50_000, 20, 20)
    config.stash[gc_collect_iterations_key] = 1


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


def pytest_itemcollected(item):
    """Under pytest-xdist (`--dist loadgroup`) the tests on the demo area all go to one worker, which
    loads the demo once (marked here, before xdist names the groups in its collection hook)."""
    if "demo_database" in item.fixturenames:
        item.add_marker(pytest.mark.xdist_group("demo"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests on the demo area run one after another, before the transactional ones flush the database."""
    demo = [item for item in items if "demo_database" in item.fixturenames]
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


@pytest.fixture
def wagtail_indexes():
    """Ask for this when a test reads Wagtail's own indexes: the reference index behind "usage" and
    the page search index behind the admin's search. Its saves then update them as in production."""


def _asks_for(request, fixture: str) -> bool:
    """Whether a test asked for `fixture`, or is transactional (its server threads write as usual)."""
    return fixture in request.fixturenames or _transactional(request.node)


@functools.cache
def _search_index_tables() -> tuple[str, ...]:
    return tuple(
        model._meta.db_table
        for model in apps.get_app_config("search").get_models()
        if model._meta.model_name in {"indexeddocument", "pendingindexchange"}
    )


@contextmanager
def _refusing_queries_on(fixture_by_table: dict[str, str], request):
    """Fail the test on any query of these tables: it uses an index it did not ask for."""
    tables = re.compile("|".join(re.escape(table) for table in fixture_by_table))
    problems = []

    def refuse(execute, sql, params, many, context):
        if found := tables.search(sql):
            fixture = fixture_by_table[found.group()]
            problems.append(f"{request.node.nodeid} uses an index: ask for `{fixture}`")
            pytest.fail(problems[-1])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield
    assert not problems, problems[0]


@contextmanager
def _wagtail_indexes_left_alone():
    """Saves update neither Wagtail's reference index nor its page search index."""
    backends = {
        name: {**config, "AUTO_UPDATE": False}
        for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    # The flag `disable_reference_index_auto_update()` sets, which that context manager clears again
    # when code under test uses it.
    reference_index_auto_update_disabled.value = True
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            yield
    finally:
        if hasattr(reference_index_auto_update_disabled, "value"):
            del reference_index_auto_update_disabled.value


@pytest.fixture(autouse=True)
def _indexes_only_when_asked(request):
    """Saves update no index unless the test asks: `search_index` for ours, `wagtail_indexes` for
    Wagtail's (demo-area and transactional tests keep them all). Querying an index the test did not
    ask for fails it. Keeping Wagtail's up to date took about a tenth of the suite's time.
    """
    refused = {}
    with ExitStack() as stack:
        if not _asks_for(request, "search_index"):
            stack.enter_context(indexing.suspended())
            refused.update(dict.fromkeys(_search_index_tables(), "search_index"))
        if not (_asks_for(request, "wagtail_indexes") or "demo_database" in request.fixturenames):
            stack.enter_context(_wagtail_indexes_left_alone())
            refused.update(dict.fromkeys(WAGTAIL_INDEX_TABLES, "wagtail_indexes"))
        if refused:
            stack.enter_context(_refusing_queries_on(refused, request))
        yield


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
