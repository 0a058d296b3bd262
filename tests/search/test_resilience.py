"""Elasticsearch outage: answers from the embedded engine, one warning per interval, queued writes."""

import dataclasses
import logging

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import RequestFactory
from django.utils import translation

from search.backends import resilient
from search.backends.base import EngineQuery, Found, Hit
from search.backends.elasticsearch import ElasticsearchEngine
from search.backends.embedded import EmbeddedEngine
from search.backends.resilient import EngineUnavailable, ResilientEngine, outage_active
from search.context_processors import DEGRADED_MESSAGE, search_notice
from search.models import PendingIndexChange
from search.params import SearchParams

pytestmark = pytest.mark.django_db

with translation.override(settings.LANGUAGE_CODE):
    NOTICE = str(DEGRADED_MESSAGE)

KURATOR = {
    "uid": "function:kurator",
    "kind": "function",
    "id": "kurator",
    "title": "Kurator",
    "url": "/katalog/funktioner/kurator/",
    "names": ["Kurator"],
    "roles": ["skolkurator"],
    "summary": "Stöd till elever i skolan.",
}
REKTOR = {
    "uid": "function:rektor",
    "kind": "function",
    "id": "rektor",
    "title": "Rektor",
    "url": "/katalog/funktioner/rektor/",
    "names": ["Rektor"],
    "summary": "Leder skolan.",
}
KURATOR_QUERY = EngineQuery(text="kurator", should=(("kurator",),))


class SwitchableEngine:
    """A test double of the SearchEngine protocol whose availability the test switches."""

    name = "switchable"

    def __init__(self, *, up: bool = True):
        self.up = up
        self.documents: dict[str, dict] = {}
        self.versions: dict[str, int] = {}
        self.calls = 0

    def _check(self) -> None:
        self.calls += 1
        if not self.up:
            raise EngineUnavailable("switched off")

    def index_documents(self, documents):
        self._check()
        docs = list(documents)
        self.documents.update({doc["uid"]: doc for doc in docs})
        return len(docs)

    def delete_documents(self, uids):
        self._check()
        return sum(self.documents.pop(uid, None) is not None for uid in uids)

    def rebuild(self, documents):
        self._check()
        self.documents = {doc["uid"]: doc for doc in documents}
        return len(self.documents)

    def apply_changes(self, changes):
        self._check()
        for change in changes:
            if self.versions.get(change.uid, 0) >= change.seq:
                continue
            self.versions[change.uid] = change.seq
            if change.document is None:
                self.documents.pop(change.uid, None)
            else:
                self.documents[change.uid] = change.document
        return len(changes)

    def stale(self, expected):
        self._check()
        return {uid for uid, digest in expected.items() if (uid in self.documents) != bool(digest)}

    def search(self, query):
        self._check()
        words = {word for group in query.should for word in group}
        hits = [
            Hit(uid=uid, score=1.0, document=doc)
            for uid, doc in self.documents.items()
            if words & {name.lower() for name in doc.get("names", [])}
        ]
        return Found(hits=hits, total=len(hits))

    def suggest(self, prefix, *, size=8):
        self._check()
        return [
            Hit(uid=uid, score=1.0, document=doc)
            for uid, doc in self.documents.items()
            if doc["title"].lower().startswith(prefix.lower())
        ][:size]

    def count(self):
        self._check()
        return len(self.documents)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def make_engine():
    """Build resilient engines and take them out of the outage registry afterwards."""
    made = []

    def make(primary, fallback=None, **options):
        engine = ResilientEngine(primary, fallback or EmbeddedEngine(), **options)
        made.append(engine)
        return engine

    yield make
    for engine in made:
        resilient._engines.discard(engine)


@pytest.fixture
def es_down(closed_port_url):
    return ElasticsearchEngine(url=closed_port_url, index_prefix="outage-test", timeout=0.5)


def _warnings(caplog):
    return [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_search_answers_from_the_embedded_engine_when_elasticsearch_is_down(make_engine, es_down):
    engine = make_engine(es_down)
    engine.index_documents([KURATOR, REKTOR])

    found = engine.search(dataclasses.replace(KURATOR_QUERY, facets=("kind",)))

    assert [hit.uid for hit in found.hits][:1] == ["function:kurator"]
    assert (found.total, found.facets) == (1, {"kind": {"function": 1}})
    assert engine.last_degraded is True
    assert engine.degraded is True
    assert outage_active() is True
    assert [hit.uid for hit in engine.suggest("rek")] == ["function:rektor"]
    assert engine.count() == 2


def test_one_warning_across_many_calls(make_engine, es_down, caplog):
    caplog.set_level(logging.WARNING)
    engine = make_engine(es_down, retry_interval=0)
    engine.index_documents([KURATOR])

    for _ in range(5):
        engine.search(KURATOR_QUERY)
        engine.suggest("kur")
    engine.delete_documents(["function:rektor"])

    assert len(_warnings(caplog)) == 1
    assert "unavailable" in caplog.records[0].getMessage()
    assert "embedded" in caplog.records[0].getMessage()


def test_warning_repeats_once_per_interval(make_engine, caplog):
    caplog.set_level(logging.WARNING)
    clock = Clock()
    engine = make_engine(
        SwitchableEngine(up=False), warn_interval=60, retry_interval=0, clock=clock
    )

    engine.search(KURATOR_QUERY)
    clock.now += 59
    engine.search(KURATOR_QUERY)
    clock.now += 2
    engine.search(KURATOR_QUERY)

    assert len(_warnings(caplog)) == 2


def test_primary_is_not_retried_before_the_retry_interval(make_engine):
    clock = Clock()
    primary = SwitchableEngine(up=False)
    engine = make_engine(primary, retry_interval=10, clock=clock)

    engine.search(KURATOR_QUERY)
    engine.search(KURATOR_QUERY)
    engine.index_documents([KURATOR])
    assert primary.calls == 1

    clock.now += 10
    engine.search(KURATOR_QUERY)
    assert primary.calls == 2


def test_writes_during_the_outage_are_queued(make_engine, es_down):
    engine = make_engine(es_down, retry_interval=0)

    engine.index_documents([KURATOR, REKTOR])
    engine.delete_documents(["function:rektor"])

    queued = {row.uid: row for row in PendingIndexChange.objects.all()}
    assert set(queued) == {"function:kurator", "function:rektor"}
    assert queued["function:kurator"].action == "index"
    assert queued["function:kurator"].document == KURATOR
    assert queued["function:rektor"].action == "delete"
    assert queued["function:rektor"].document is None
    assert [hit.uid for hit in engine.fallback.search(KURATOR_QUERY).hits] == ["function:kurator"]


def test_queue_is_replayed_when_the_primary_answers_again(
    make_engine, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.WARNING)
    primary = SwitchableEngine(up=True)
    primary.documents = {REKTOR["uid"]: REKTOR}
    engine = make_engine(primary, retry_interval=0)
    primary.up = False
    with django_capture_on_commit_callbacks(execute=True):
        engine.index_documents([KURATOR])
        engine.delete_documents(["function:rektor"])
    assert PendingIndexChange.objects.count() == 2
    assert engine.degraded is True

    primary.up = True
    hits = engine.search(KURATOR_QUERY).hits

    assert PendingIndexChange.objects.count() == 0
    assert set(primary.documents) == {"function:kurator"}
    assert engine.degraded is False
    assert engine.last_degraded is False
    assert [hit.uid for hit in hits] == ["function:kurator"]
    assert "available again" in caplog.records[-1].getMessage()


def test_replay_keeps_the_queue_while_the_primary_is_still_down(make_engine):
    primary = SwitchableEngine(up=False)
    engine = make_engine(primary, retry_interval=0)
    engine.index_documents([KURATOR])

    assert engine.replay() == 0
    assert PendingIndexChange.objects.count() == 1


def test_a_committed_write_sends_the_whole_outbox(make_engine, django_capture_on_commit_callbacks):
    primary = SwitchableEngine(up=False)
    engine = make_engine(primary, retry_interval=0)
    with django_capture_on_commit_callbacks(execute=True):
        engine.delete_documents(["function:kurator"])
        engine.index_documents([REKTOR])
    primary.up = True

    with django_capture_on_commit_callbacks(execute=True):
        engine.index_documents([KURATOR])

    assert PendingIndexChange.objects.count() == 0
    assert set(primary.documents) == {"function:kurator", "function:rektor"}


def test_writes_reach_the_primary_only_when_their_transaction_commits(
    make_engine, django_capture_on_commit_callbacks
):
    primary = SwitchableEngine(up=True)
    engine = make_engine(primary)
    with transaction.atomic():
        engine.index_documents([REKTOR])
        transaction.set_rollback(True)
    assert PendingIndexChange.objects.count() == 0

    with django_capture_on_commit_callbacks() as callbacks:
        engine.index_documents([KURATOR])
        assert primary.documents == {}
        assert list(PendingIndexChange.objects.values_list("uid", flat=True)) == [KURATOR["uid"]]
    for callback in callbacks:
        callback()

    assert set(primary.documents) == {"function:kurator"}
    assert PendingIndexChange.objects.count() == 0
    assert primary.calls == 1


def test_a_change_left_in_the_outbox_by_a_crash_is_never_read_from_the_primary(make_engine):
    """The primary still holds a document the outbox deletes: the fallback answers meanwhile."""
    clock = Clock()
    primary = SwitchableEngine(up=True)
    primary.documents = {KURATOR["uid"]: KURATOR, REKTOR["uid"]: REKTOR}
    engine = make_engine(primary, retry_interval=10, clock=clock)
    engine.fallback.index_documents([REKTOR])
    resilient.queue_changes({KURATOR["uid"]: None})

    first = engine.search(KURATOR_QUERY)
    assert first == Found()
    assert set(primary.documents) == {"function:rektor"}

    primary.documents[KURATOR["uid"]] = KURATOR
    resilient.queue_changes({KURATOR["uid"]: None})
    second = engine.search(KURATOR_QUERY)

    assert second == Found()
    assert engine.last_degraded is False
    assert KURATOR["uid"] in primary.documents
    clock.now += 10
    assert engine.search(KURATOR_QUERY) == Found()
    assert set(primary.documents) == {"function:rektor"}


def test_a_newer_change_queued_while_sending_stays_in_the_outbox():
    class Racing(SwitchableEngine):
        """Another process queues a deletion while the first send is under way."""

        def apply_changes(self, changes):
            if not self.calls:
                resilient.queue_changes({KURATOR["uid"]: None})
            return super().apply_changes(changes)

    primary = Racing(up=True)
    resilient.queue_changes({KURATOR["uid"]: KURATOR})

    assert resilient.replay_pending(primary) == 1

    row = PendingIndexChange.objects.get()
    assert (row.uid, row.action) == (KURATOR["uid"], "delete")
    assert resilient.replay_pending(primary) == 1
    assert primary.documents == {}
    assert PendingIndexChange.objects.count() == 0


def test_rebuild_restores_the_primary_and_clears_the_queue(make_engine):
    primary = SwitchableEngine(up=False)
    engine = make_engine(primary, retry_interval=0)
    engine.delete_documents(["function:old"])
    primary.up = True

    assert engine.rebuild([KURATOR, REKTOR]) == 2

    assert PendingIndexChange.objects.count() == 0
    assert set(primary.documents) == {"function:kurator", "function:rektor"}
    assert engine.fallback.count() == 2


def test_failed_rebuild_queues_every_document(make_engine, es_down):
    engine = make_engine(es_down)

    assert engine.rebuild([KURATOR, REKTOR]) == 2

    assert set(PendingIndexChange.objects.values_list("uid", flat=True)) == {
        "function:kurator",
        "function:rektor",
    }
    assert engine.fallback.count() == 2


def test_replay_command_without_elasticsearch(settings):
    from io import StringIO

    settings.ELASTICSEARCH_URL = ""
    PendingIndexChange.objects.create(uid="function:kurator", action="delete")
    out = StringIO()

    call_command("replay_search_outbox", stdout=out)

    assert "nothing to replay (1 queued)" in out.getvalue()


def test_replay_command_reports_an_unreachable_cluster(settings, closed_port_url):
    settings.ELASTICSEARCH_URL = closed_port_url
    PendingIndexChange.objects.create(uid="function:kurator", action="delete")

    with pytest.raises(CommandError, match="1 of 1 queued changes are left"):
        call_command("replay_search_outbox")

    assert PendingIndexChange.objects.count() == 1


def test_notice_context_follows_the_outage(make_engine, es_down):
    request = RequestFactory().get("/")
    assert search_notice(request)["search_degraded"] is False

    engine = make_engine(es_down)
    engine.search(KURATOR_QUERY)
    context = search_notice(request)

    assert context["search_degraded"] is True
    assert str(context["search_degraded_message"]) == NOTICE


def test_notice_from_a_view_flag():
    request = RequestFactory().get("/")
    request.search_degraded = True

    assert search_notice(request)["search_degraded"] is True


def test_page_shows_the_notice_during_an_outage(make_engine, es_down, signed_in_client):
    before = signed_in_client.get("/sok/", {"q": "kurator"})
    make_engine(es_down).search(KURATOR_QUERY)

    during = signed_in_client.get("/sok/", {"q": "kurator"})

    assert NOTICE not in before.content.decode()
    assert during.status_code == 200
    assert 'class="notice" role="status"' in during.content.decode()
    assert NOTICE in during.content.decode()


@pytest.fixture
def site_on_unreachable_elasticsearch(settings, monkeypatch, closed_port_url):
    """The whole site configured with ELASTICSEARCH_URL pointing at a closed local port."""
    from search import service

    settings.ELASTICSEARCH_URL = closed_port_url
    engines = {}
    monkeypatch.setattr(service, "_engines", engines)
    yield service
    for engine in engines.values():
        resilient._engines.discard(engine)


def test_site_keeps_searching_with_elasticsearch_url_at_a_closed_port(
    site_on_unreachable_elasticsearch, signed_in_client
):
    service = site_on_unreachable_elasticsearch
    engine = service.get_engine()
    engine.index_documents([KURATOR, REKTOR])

    results = service.search(SearchParams(q="kurator"))
    page = signed_in_client.get("/sok/", {"q": "kurator"})
    api = signed_in_client.get("/api/v1/search", {"q": "kurator"})

    assert isinstance(engine, ResilientEngine)
    assert results.degraded is True
    assert ("function", "kurator") in [(r.kind, r.id) for r in results.results]
    assert page.status_code == 200
    assert NOTICE in page.content.decode()
    assert api.status_code == 200
    assert api.json()["results"]
    assert api.json()["degraded"] is True
    assert PendingIndexChange.objects.filter(uid="function:kurator", action="index").exists()


def test_the_api_says_degraded_false_while_the_embedded_default_answers(signed_in_client):
    body = signed_in_client.get("/api/v1/search", {"q": "kurator"}).json()

    assert body["degraded"] is False
