"""The directory import and the search index: same transaction, drift repaired, dry runs untouched."""

import copy
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.generate import generate_bundle
from directory.models import Person
from directory.services import import_directory, update_profile
from search import service
from search.backends import embedded, resilient
from search.models import IndexedDocument, PendingIndexChange
from search.params import SearchParams
from tests.directory.test_import import BUNDLE, write

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]


def found(query: str) -> set[str]:
    return {result.id for result in service.search(SearchParams(q=query, limit=50)).results}


def protect_p1(bundle: dict) -> dict:
    changed = copy.deepcopy(bundle)
    changed["people"][0]["protected"] = True
    return changed


def test_a_rerun_repairs_a_person_the_index_still_shows(tmp_path):
    import_directory(path=write(tmp_path, BUNDLE))
    assert "p1" in found("Camilla Wallin")
    # What an import killed between its commit and its index update left behind before the
    # index joined the transaction: protected in the database, still a document in the index.
    Person.objects.filter(key="p1").update(protected=True)
    assert "p1" in found("Camilla Wallin")

    result = import_directory(path=write(tmp_path, protect_p1(BUNDLE), "protected.json"))

    assert "p1" not in found("Camilla Wallin")
    assert not [hit for hit in service.suggest("Camilla") if hit["id"] == "p1"]
    assert result.counts["people"]["unchanged"] == 2
    assert result.repaired == 1
    assert "search index: 1 drifted entries repaired" in result.summary_lines()


def test_an_index_in_step_needs_no_repair(tmp_path, shared_eval):
    import_directory(path=shared_eval / "directory.json")
    rows = list(IndexedDocument.objects.order_by("uid").values_list("uid", "seq"))

    again = import_directory(path=shared_eval / "directory.json")

    assert again.repaired == 0
    assert list(IndexedDocument.objects.order_by("uid").values_list("uid", "seq")) == rows


def index_writes(queries) -> list[str]:
    return [
        query["sql"]
        for query in queries
        if "search_" in query["sql"]
        and query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def changed_bundle() -> dict:
    changed = protect_p1(BUNDLE)
    changed["functions"][0]["name"] = "Elevhälsokurator"
    changed["people"].append({**BUNDLE["people"][0], "id": "p3", "email": "ny@lekeby.test"})
    return changed


def test_a_dry_run_writes_nothing_to_the_embedded_index(tmp_path):
    import_directory(path=write(tmp_path, BUNDLE))
    rows = list(IndexedDocument.objects.order_by("uid").values_list("uid", "seq"))

    with CaptureQueriesContext(connection) as queries:
        result = import_directory(path=write(tmp_path, changed_bundle(), "c.json"), dry_run=True)

    assert result.counts["people"]["updated"] == 1
    assert index_writes(queries.captured_queries) == []
    assert list(IndexedDocument.objects.order_by("uid").values_list("uid", "seq")) == rows
    assert "p1" in found("Camilla Wallin")


@pytest.fixture
def elasticsearch_at_a_closed_port(settings, monkeypatch, closed_port_url):
    settings.ELASTICSEARCH_URL = closed_port_url
    engines = {}
    monkeypatch.setattr(service, "_engines", engines)
    yield engines
    for engine in engines.values():
        resilient._engines.discard(engine)


def test_a_dry_run_never_contacts_elasticsearch(
    tmp_path, elasticsearch_at_a_closed_port, caplog, django_capture_on_commit_callbacks
):
    import_directory(path=write(tmp_path, BUNDLE))
    PendingIndexChange.objects.all().delete()
    engine = service.get_engine()
    caplog.set_level(logging.WARNING)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_directory(path=write(tmp_path, changed_bundle(), "c.json"), dry_run=True)

    assert callbacks == []
    assert engine.degraded is False
    assert PendingIndexChange.objects.count() == 0
    assert not [record for record in caplog.records if "unavailable" in record.getMessage()]


def test_import_writes_the_index_rows_and_the_outbox_in_its_own_transaction(
    tmp_path, elasticsearch_at_a_closed_port, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        import_directory(path=write(tmp_path, BUNDLE))
        assert IndexedDocument.objects.filter(uid="person:p1", deleted=False).exists()
        assert PendingIndexChange.objects.filter(uid="person:p1", action="index").exists()
        assert PendingIndexChange.objects.filter(uid="person:p2", action="delete").exists()

    assert callbacks
    assert "p1" in found("Camilla Wallin")


def test_changed_titles_of_many_people_reach_the_index(tmp_path):
    bundle = generate_bundle(people=300, organisations=10, functions=3, seed=7)
    import_directory(path=write(tmp_path, bundle))
    for person in bundle["people"]:
        person["title"] = "Familjebehandlare"

    result = import_directory(path=write(tmp_path, bundle, "titles.json"))

    assert result.counts["people"]["updated"] == 300
    engine = embedded.get_default()
    visible = [person["id"] for person in bundle["people"] if not person["protected"]]
    titles = [engine.get(f"person:{key}")["roles"][0] for key in visible]
    assert titles == ["Familjebehandlare"] * len(visible)
    assert service.search(SearchParams(q="familjebehandlare")).total > 0


def test_a_profile_edit_updates_the_index_in_its_transaction(tmp_path):
    import_directory(path=write(tmp_path, BUNDLE))
    person = Person.objects.get(key="p1")
    update_profile(
        person=person, phone="070-111 22 33", expertise=["Traumamedvetenhet"], languages=[]
    )

    assert "p1" in found("traumamedvetenhet")
    assert embedded.get_default().get("person:p1")["contact"]["phone"] == "070-111 22 33"
