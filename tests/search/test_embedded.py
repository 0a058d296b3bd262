"""The embedded engine: scoring, filters, suggestions and keeping processes in sync."""

import time

import pytest
from django.db import transaction

from search.backends.base import EngineQuery
from search.backends.embedded import EmbeddedEngine
from search.models import IndexedDocument
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def doc(kind, key, title, **fields):
    document = {"uid": f"{kind}:{key}", "kind": kind, "id": key, "title": title, "url": "/x/"}
    document.update(fields)
    return document


@pytest.fixture
def engine():
    engine = EmbeddedEngine()
    engine.rebuild(
        [
            doc("function", "kurator", "Skolkurator", names=["Skolkurator"], roles=["kurator"]),
            doc(
                "person",
                "p1",
                "Eva Ek",
                names=["Eva Ek"],
                roles=["Skolkurator"],
                places=["Norrbyskolan"],
                organisation=["norrby"],
            ),
            doc(
                "guideline",
                "franvaro",
                "Rutin vid skolfrånvaro",
                title_text="Rutin vid skolfrånvaro",
            ),
            doc("guideline", "sol", "Anmälan", body="Enligt 14 kap. 1 § socialtjänstlagen."),
        ]
    )
    return engine


def uids(hits):
    return [hit.uid for hit in hits]


def test_names_outrank_roles(engine):
    hits = engine.search(EngineQuery(text="kurator", should=(("kurator",),)))
    assert uids(hits)[:2] == ["function:kurator", "person:p1"]


def test_more_matched_groups_rank_higher(engine):
    query = EngineQuery(text="kurator norrby", should=(("kurator",), ("norrbyskolan",)))
    assert uids(engine.search(query))[0] == "person:p1"


def test_unknown_compound_matches_by_its_parts(engine):
    hits = engine.search(EngineQuery(text="x", should=(("skolfrånvarorutin",),)))
    assert uids(hits) == ["guideline:franvaro"]


def test_legal_tokens_match_references_in_any_notation(engine):
    hits = engine.search(EngineQuery(text="x", should=(("sol_14_1",),)))
    assert uids(hits) == ["guideline:sol"]


def test_filters_and_size_bound_the_candidates(engine):
    query = EngineQuery(text="x", should=(("kurator",),), filters={"organisation": ("norrby",)})
    assert uids(engine.search(query)) == ["person:p1"]
    assert len(engine.search(EngineQuery(text="x", should=(("kurator",),), size=1))) == 1


def test_suggest_completes_name_prefixes(engine):
    assert uids(engine.suggest("skolk")) == ["function:kurator"]
    assert uids(engine.suggest("ek")) == ["person:p1"]
    assert engine.suggest("") == []


def test_another_process_sees_writes_and_deletes(engine):
    other = EmbeddedEngine()
    assert other.count() == 4
    engine.index_documents([doc("function", "rektor", "Rektor", names=["Rektor"])])
    engine.delete_documents(["person:p1"])
    assert other.get("function:rektor") is not None
    assert other.get("person:p1") is None
    assert other.count() == 4


def test_rows_rolled_back_elsewhere_force_a_full_reload(engine):
    other = EmbeddedEngine()
    assert other.count() == 4
    IndexedDocument.objects.filter(uid="person:p1").delete()
    engine.index_documents([doc("function", "rektor", "Rektor", names=["Rektor"])])
    assert other.get("person:p1") is None
    assert other.get("function:rektor") is not None


@pytest.mark.django_db(transaction=True)
def test_writes_by_this_process_are_seen_at_once_despite_the_sync_interval():
    engine, other = EmbeddedEngine(sync_interval=60), EmbeddedEngine(sync_interval=60)
    engine.rebuild([doc("function", "kurator", "Skolkurator", names=["Skolkurator"])])
    assert other.count() == 1
    engine.index_documents([doc("function", "rektor", "Rektor", names=["Rektor"])])
    assert uids(other.suggest("rekt")) == ["function:rektor"]
    engine.delete_documents(["function:kurator"])
    assert other.get("function:kurator") is None


@pytest.mark.django_db(transaction=True)
def test_other_processes_writes_show_within_the_sync_interval():
    engine = EmbeddedEngine(sync_interval=0.2)
    engine.rebuild([doc("function", "kurator", "Skolkurator", names=["Skolkurator"])])
    assert engine.count() == 1
    latest = IndexedDocument.objects.get().seq
    rektor = doc("function", "rektor", "Rektor", names=["Rektor"])
    IndexedDocument.objects.create(
        uid="function:rektor", kind="function", data=rektor, terms={}, seq=latest + 1
    )
    assert engine.get("function:rektor") is None
    time.sleep(0.25)
    assert engine.get("function:rektor") is not None


@pytest.mark.django_db(transaction=True)
def test_an_index_synced_inside_a_rolled_back_transaction_is_reloaded():
    engine = EmbeddedEngine(sync_interval=60)
    engine.rebuild([doc("function", "kurator", "Skolkurator", names=["Skolkurator"])])
    with transaction.atomic():
        engine.index_documents([doc("function", "rektor", "Rektor", names=["Rektor"])])
        assert engine.get("function:rektor") is not None
        transaction.set_rollback(True)
    assert engine.get("function:rektor") is None
    assert engine.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_person_saved_in_this_process_is_suggested_by_the_next_request(client):
    client.force_login(UserFactory())
    assert client.get("/api/v1/suggest", {"q": "Zäta"}).json() == []
    PersonFactory(given_name="Zäta", family_name="Zetterlund")
    found = client.get("/api/v1/suggest", {"q": "Zäta"}).json()
    assert [item["title"] for item in found] == ["Zäta Zetterlund"]
