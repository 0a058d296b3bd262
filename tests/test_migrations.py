"""The migration chain: it builds a database from zero, with the data the suite's fixture makes.

The suite builds its test database without migrations (--nomigrations) and adds what the data
migrations would (tests/initial_state.py). This test runs every migration on a fresh database of
the same engine, in a separate process so the suite's disabled migrations do not apply, and
compares the result with the suite's database.
"""

import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.initial_state import describe_state

ROOT = Path(__file__).resolve().parent.parent
DESCRIBE = (
    "import django, json; django.setup(); "
    "from tests.initial_state import describe_state; "
    "print(json.dumps(describe_state()))"
)


@contextmanager
def fresh_database_url(tmp_path: Path):
    """The URL of an empty database on the engine the suite runs on, removed afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
        return
    config = settings.DATABASES["default"]
    name = f"migrated_{uuid.uuid4().hex[:12]}"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        user = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
        yield f"postgres://{user}@{config['HOST']}:{config['PORT']}/{name}"
    finally:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{name}"')


def run(args: list[str], database_url: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.django_db
def test_migrating_from_zero_gives_the_state_the_suite_starts_from(tmp_path):
    with fresh_database_url(tmp_path) as database_url:
        run(["manage.py", "migrate", "--no-input", "--skip-checks", "-v", "0"], database_url)
        migrated = json.loads(run(["-c", DESCRIBE], database_url))
    assert migrated == json.loads(json.dumps(describe_state()))
    assert migrated["sites"] == [["localhost", 80, "", "/home/", True]]
