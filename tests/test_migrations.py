"""The migration chain: it builds a database from zero, with the data the suite's fixture makes.

The suite builds its test database without migrations (--nomigrations) and adds what the data
migrations would (tests/initial_state.py). Here every migration runs on a fresh database of the
same engine, in a child process (so the suite's disabled migrations do not apply) that
tests/conftest.py starts as soon as this test is selected, and the result is compared with the
suite's database.
"""

import json
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.initial_state import describe_state

# describe_state() reads the schema of Wagtail's index tables too.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]


def test_migrating_from_zero_gives_the_state_the_suite_starts_from(migration_run):
    migrated = migration_run.state()
    assert migrated == json.loads(json.dumps(describe_state()))
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    host, port = address.hostname, address.port or 80
    assert migrated["sites"] == [[host, port, settings.WAGTAIL_SITE_NAME, "/home/", True]]
    assert [page[3] for page in migrated["pages"]] == ["root", "home"]
