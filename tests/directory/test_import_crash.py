"""A real import_directory process killed right after its commit leaves a correct search index.

Each test imports a first bundle, runs `manage.py import_directory` on a second one in a
subprocess (on a file copy of the test database on SQLite, on the test database itself on
PostgreSQL), polls the database until the person the second bundle protects is committed, SIGKILLs
the process, and asks search, suggest, the answer card, the API and the results page whether the
person can still be found.
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from directory.generate import generate_bundle
from directory.services import import_directory
from search import service
from search.backends import resilient
from search.models import PendingIndexChange
from search.params import SearchParams

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent.parent
TARGET = {
    "id": "p-target",
    "given_name": "Ylva",
    "family_name": "Östergren",
    "email": "ylva.ostergren@genby.test",
    "phone": "070-555 12 34",
    "title": "Skolkurator",
    "organisation": "gen-0",
    "protected": False,
    "positions": [{"function": "fn-1", "organisation": "gen-0", "area": "Ekbacka skola"}],
}
NAME, PREFIX = "Ylva Östergren", "Ylva Öst"
SECRETS = [TARGET["email"], TARGET["phone"]]
PEOPLE = 800
POLL = 0.002


def bundles(tmp_path: Path) -> tuple[Path, Path]:
    """Before: the target is visible. After: protected, and every other person gets a new title."""
    before = generate_bundle(people=PEOPLE, organisations=20, functions=5, seed=16)
    before["people"].append(dict(TARGET))
    after = json.loads(json.dumps(before))
    for person in after["people"]:
        person["title"] = "Familjebehandlare"
    after["people"][-1]["protected"] = True
    paths = []
    for name, bundle in (("before.json", before), ("after.json", after)):
        path = tmp_path / name
        path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def shared_database(tmp_path: Path) -> str:
    """A URL another process can open: a file copy of the SQLite test database, or PostgreSQL's."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        return (
            f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
            f"{settings['PORT']}/{settings['NAME']}"
        )
    path = tmp_path / "crash.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(path) as copy:
        connection.connection.backup(copy)
        # WAL: polling readers never hold up the writer's commit.
        copy.execute("PRAGMA journal_mode=WAL")
    return f"sqlite:///{path}"


def take_back(url: str) -> None:
    """Load what the other process left in the file copy back into the test database (SQLite)."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as copy:
            copy.backup(connection.connection)


def environment(tmp_path: Path, url: str, elasticsearch: str = "") -> dict:
    """Settings for the import process; compiled modules are cached outside the tree for speed."""
    inherited = {
        key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"
    }
    return {
        **inherited,
        "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "samverkan-pycache"),
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": url,
        "VAR_DIR": str(tmp_path / "var"),
        "ELASTICSEARCH_URL": elasticsearch,
        "ELASTICSEARCH_TIMEOUT": "5",
        "PYTHONPATH": str(ROOT),
    }


def import_command(path: Path) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), "import_directory", str(path)]


def found(client) -> dict:
    """Where the target shows: search, answer card, suggest, the API and the results page."""
    results = service.search(SearchParams(q=NAME, limit=50))
    api = client.get("/api/v1/search", {"q": NAME}).json()
    page = client.get("/sok/", {"q": NAME}).content.decode()
    return {
        "search": [result.id for result in results.results],
        "answer": results.answer.id if results.answer else None,
        "suggest": [hit["id"] for hit in service.suggest(PREFIX)],
        "api_search": [result["id"] for result in api["results"]],
        "api_answer": (api.get("answer") or {}).get("id"),
        "api_suggest": [hit["id"] for hit in client.get("/api/v1/suggest", {"q": PREFIX}).json()],
        "page_secrets": [secret for secret in SECRETS if secret in page],
    }


def committed_protection(url: str):
    """A cheap check, on one open connection, of whether the target's protection is committed."""
    query = "SELECT protected FROM directory_person WHERE key = 'p-target'"
    if url.startswith("sqlite:///"):
        db = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=5, isolation_level=None)
    else:
        db = psycopg.connect(url, autocommit=True)

    def check() -> bool:
        row = db.execute(query).fetchone()
        return bool(row and row[0])

    return db, check


def kill_after_commit(command: list[str], env: dict, url: str) -> int:
    """Start the import, SIGKILL it as soon as the protection is committed; its return code."""
    db, committed = committed_protection(url)
    process = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    try:
        while not committed():
            ended = process.poll() is not None
            assert not ended or committed(), "the import ended without committing its change"
            if ended:
                break
            assert time.monotonic() < deadline, "the import did not commit within 120 s"
            time.sleep(POLL)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        db.close()
        process.kill()
        process.wait(timeout=30)
    return process.returncode


def assert_not_found(where: dict) -> None:
    assert "p-target" not in where["search"]
    assert "p-target" not in where["api_search"]
    assert where["answer"] != "p-target"
    assert where["api_answer"] != "p-target"
    assert "p-target" not in where["suggest"]
    assert "p-target" not in where["api_suggest"]
    assert where["page_secrets"] == []


def test_a_person_protected_by_a_killed_import_is_gone_from_search(tmp_path, signed_in_client):
    before, after = bundles(tmp_path)
    import_directory(path=before)
    visible = found(signed_in_client)
    assert "p-target" in visible["search"]
    assert "p-target" in visible["suggest"]
    assert visible["page_secrets"] == SECRETS
    url = shared_database(tmp_path)

    kill_after_commit(import_command(after), environment(tmp_path, url), url)

    take_back(url)
    assert_not_found(found(signed_in_client))


@pytest.fixture
def hanging_elasticsearch():
    """A local port that accepts connections and never answers (a cluster that hangs)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(64)
        yield f"http://127.0.0.1:{server.getsockname()[1]}"


@pytest.fixture
def unreachable_elasticsearch(settings, monkeypatch, closed_port_url):
    """This process searches with ELASTICSEARCH_URL at a closed port (answers from the fallback)."""
    settings.ELASTICSEARCH_URL = closed_port_url
    engines = {}
    monkeypatch.setattr(service, "_engines", engines)
    yield
    for engine in engines.values():
        resilient._engines.discard(engine)


def test_an_import_killed_while_sending_to_elasticsearch_leaves_the_change_in_the_outbox(
    tmp_path, hanging_elasticsearch, signed_in_client, unreachable_elasticsearch
):
    before, after = bundles(tmp_path)
    import_directory(path=before)
    assert "p-target" in found(signed_in_client)["search"]
    PendingIndexChange.objects.all().delete()
    url = shared_database(tmp_path)

    code = kill_after_commit(
        import_command(after), environment(tmp_path, url, hanging_elasticsearch), url
    )

    assert code == -signal.SIGKILL
    take_back(url)
    assert PendingIndexChange.objects.get(uid="person:p-target").action == "delete"
    assert_not_found(found(signed_in_client))
