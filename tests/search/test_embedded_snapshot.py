"""The embedded index's start-up snapshot: a new process starts from it and catches up exactly."""

import pickle

import pytest
from django.db import transaction

from search.backends.embedded import EmbeddedEngine
from search.models import IndexedDocument
from tests.search.test_embedded import doc

pytestmark = pytest.mark.django_db(transaction=True)

KURATOR = doc("function", "kurator", "Skolkurator", names=["Skolkurator"])
REKTOR = doc("function", "rektor", "Rektor", names=["Rektor"])


@pytest.fixture
def snapshot(settings, tmp_path):
    settings.SEARCH_INDEX_SNAPSHOT = tmp_path / "search-index.pickle"
    return settings.SEARCH_INDEX_SNAPSHOT


def _saved(engine: EmbeddedEngine) -> EmbeddedEngine:
    assert engine.save_snapshot()
    return engine


def _retitle(uid: str, title: str) -> None:
    """Change a row behind the index's back (same seq): only a full load would see it."""
    row = IndexedDocument.objects.get(uid=uid)
    IndexedDocument.objects.filter(uid=uid).update(data={**row.data, "title": title})


def test_a_new_process_starts_from_the_snapshot_and_catches_up(snapshot):
    writer = EmbeddedEngine()
    writer.rebuild([KURATOR])
    _saved(writer)
    _retitle("function:kurator", "Changed behind the snapshot")
    writer.index_documents([REKTOR])
    fresh = EmbeddedEngine()
    assert fresh.get("function:kurator")["title"] == "Skolkurator"
    assert fresh.get("function:rektor")["title"] == "Rektor"
    assert [hit.uid for hit in fresh.suggest("skolk")] == ["function:kurator"]


def test_a_snapshot_whose_rows_no_longer_add_up_gives_a_full_load(snapshot):
    writer = EmbeddedEngine()
    writer.rebuild([KURATOR, REKTOR])
    _saved(writer)
    IndexedDocument.objects.filter(uid="function:rektor").delete()
    writer.index_documents([doc("function", "larare", "Lärare", names=["Lärare"])])
    fresh = EmbeddedEngine()
    assert fresh.get("function:rektor") is None
    assert fresh.get("function:larare") is not None


def test_a_snapshot_newer_than_the_table_or_from_another_database_is_ignored(snapshot):
    writer = EmbeddedEngine()
    writer.rebuild([KURATOR])
    _saved(writer)
    _retitle("function:kurator", "Read from the table")
    version, database, state = pickle.loads(snapshot.read_bytes())  # noqa: S301 - our own file
    snapshot.write_bytes(pickle.dumps((version, "another database", state)))
    assert EmbeddedEngine().get("function:kurator")["title"] == "Read from the table"
    snapshot.write_bytes(pickle.dumps((version, database, {**state, "seq": state["seq"] + 10})))
    assert EmbeddedEngine().get("function:kurator")["title"] == "Read from the table"
    snapshot.write_bytes(b"not a pickle")
    assert EmbeddedEngine().get("function:kurator")["title"] == "Read from the table"


def test_nothing_is_saved_inside_a_transaction_or_twice_for_one_seq(snapshot):
    engine = EmbeddedEngine()
    engine.rebuild([KURATOR])
    with transaction.atomic():
        assert not engine.save_snapshot()
    assert not snapshot.exists()
    assert engine.save_snapshot()
    assert not engine.save_snapshot()
