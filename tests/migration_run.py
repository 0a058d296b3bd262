"""Migrating a fresh database from zero in a child process, started early so it overlaps other tests."""

import json
import os
import subprocess
import sys
import tempfile
import threading
import uuid
from pathlib import Path

import psycopg
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# With the suite's garbage collection thresholds (tests/conftest.py): about 1 s less of migrating.
MIGRATE_AND_DESCRIBE = (
    "import gc; gc.set_threshold(50_000, 20, 20); "
    "import django, json; django.setup(); "
    "from django.core.management import call_command; "
    "call_command('migrate', interactive=False, skip_checks=True, verbosity=0); "
    "from tests.initial_state import describe_state; "
    "print(json.dumps(describe_state()))"
)


def _migrate(database_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run(  # noqa: S603 - this interpreter with a script fixed here
        [sys.executable, "-c", MIGRATE_AND_DESCRIBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"migrating from zero failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def _postgres(config: dict, statement: str) -> None:
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"],
        autocommit=True,
    ) as connection:
        connection.execute(statement)


class MigrationRun:
    """`migrate` on an empty database of the suite's engine, then `describe_state()` of the result."""

    def __init__(self):
        self._thread = threading.Thread(target=self._work, name="migrate-from-zero", daemon=True)
        self._state: dict | None = None
        self._error: BaseException | None = None

    def start(self) -> "MigrationRun":
        self._thread.start()
        return self

    def state(self) -> dict:
        """What the migrated database holds (waits for the run; raises what it raised)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._state

    def _work(self) -> None:
        try:
            config = settings.DATABASES["default"]
            if config["ENGINE"].endswith("sqlite3"):
                with tempfile.TemporaryDirectory() as directory:
                    self._state = _migrate(f"sqlite:///{Path(directory) / 'migrated.sqlite3'}")
                return
            name = f"migrated_{uuid.uuid4().hex[:12]}"
            _postgres(config, f'CREATE DATABASE "{name}"')
            try:
                user = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
                self._state = _migrate(
                    f"postgres://{user}@{config['HOST']}:{config['PORT']}/{name}"
                )
            finally:
                _postgres(config, f'DROP DATABASE "{name}"')
        except BaseException as error:  # noqa: BLE001 - handed to the test that waits for it
            self._error = error
