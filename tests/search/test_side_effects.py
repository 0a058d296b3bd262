"""Index side effects happen once: one index write per service call, none for any dry run."""

import logging
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory import services
from portal.importers.content import import_content
from portal.models import GuidelinePage
from search import service
from search.models import IndexedDocument, PendingIndexChange
from tests.directory.test_import_index import elasticsearch_at_a_closed_port  # noqa: F401
from tests.factories import PersonFactory
from tests.portal.test_import_content import (
    GUIDELINE,
    directory_records,  # noqa: F401 - fixture
    write,
)

pytestmark = pytest.mark.django_db

INDEX_WRITE = re.compile(
    r'^\s*(INSERT INTO|UPDATE|DELETE FROM) "?(search_indexeddocument|search_pendingindexchange)\b',
    re.IGNORECASE,
)


def index_writes(queries) -> list[str]:
    """The statements that wrote the embedded index table or the Elasticsearch outbox."""
    return [query["sql"] for query in queries if INDEX_WRITE.match(query["sql"])]


def index_inserts(queries) -> int:
    """How many times documents were written to the index table (one insert per engine write)."""
    return sum(
        1
        for sql in index_writes(queries)
        if sql.lstrip().upper().startswith("INSERT") and "search_indexeddocument" in sql
    )


def test_a_profile_save_indexes_the_person_once():
    person = PersonFactory()
    with CaptureQueriesContext(connection) as queries:
        services.update_profile(
            person=person, phone="070-111 22 33", expertise=["Läsning"], languages=["sv"]
        )
    assert index_inserts(queries.captured_queries) == 1


def test_a_profile_verification_indexes_the_person_once():
    person = PersonFactory()
    with CaptureQueriesContext(connection) as queries:
        services.verify_profile(person=person)
    assert index_inserts(queries.captured_queries) == 1


@pytest.mark.usefixtures("directory_records")
def test_a_content_dry_run_writes_nothing_to_the_embedded_index(tmp_path):
    write(tmp_path, "a.md", GUIDELINE)
    rows = list(IndexedDocument.objects.order_by("uid").values_list("uid", "seq"))

    with CaptureQueriesContext(connection) as queries:
        report = import_content(directory=tmp_path, dry_run=True)

    assert report.created == 1
    assert index_writes(queries.captured_queries) == []
    assert list(IndexedDocument.objects.order_by("uid").values_list("uid", "seq")) == rows
    assert not GuidelinePage.objects.exists()


@pytest.mark.usefixtures("directory_records", "elasticsearch_at_a_closed_port")
def test_a_content_dry_run_never_touches_elasticsearch(
    tmp_path, caplog, django_capture_on_commit_callbacks
):
    write(tmp_path, "a.md", GUIDELINE)
    engine = service.get_engine()
    caplog.set_level(logging.WARNING)

    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        import_content(directory=tmp_path, dry_run=True)

    assert callbacks == []
    assert index_writes(queries.captured_queries) == []
    assert engine.degraded is False
    assert PendingIndexChange.objects.count() == 0
    assert not [record for record in caplog.records if "unavailable" in record.getMessage()]
