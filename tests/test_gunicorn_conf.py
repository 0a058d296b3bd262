"""gunicorn.conf.py: the master loads the search index before it forks, then closes its connections."""

import gc
import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import connections

from search.backends import embedded
from search.models import IndexedDocument
from tests.factories import PersonFactory

_spec = importlib.util.spec_from_file_location(
    "gunicorn_conf", Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
)
gunicorn_conf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gunicorn_conf)


def _server(*, preload: bool) -> SimpleNamespace:
    return SimpleNamespace(
        cfg=SimpleNamespace(preload_app=preload), log=SimpleNamespace(info=print)
    )


def _open(connection) -> bool:
    """True while the connection holds a database handle a forked worker would share."""
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    return connection.connection is not None and not in_memory


def test_the_app_is_loaded_in_the_master_before_the_workers_fork():
    assert gunicorn_conf.preload_app is True


@pytest.fixture
def _unfreeze():
    yield
    gc.unfreeze()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_unfreeze")
def test_the_ready_hook_loads_the_index_closes_every_connection_and_freezes():
    PersonFactory(given_name="Kurt", family_name="Kuratorsson")
    engine = embedded.get_default()
    engine.reset()
    gunicorn_conf.when_ready(_server(preload=True))
    assert not any(_open(connection) for connection in connections.all(initialized_only=True))
    index = engine._index
    assert index.seq == max(IndexedDocument.objects.values_list("seq", flat=True))
    assert index.titles_dirty is False
    assert {document["title"] for document in index.documents.values()} >= {"Kurt Kuratorsson"}
    assert gc.get_freeze_count() > 0


@pytest.mark.django_db(transaction=True)
def test_without_preload_the_hook_leaves_loading_to_the_workers():
    PersonFactory()
    engine = embedded.get_default()
    engine.reset()
    gunicorn_conf.when_ready(_server(preload=False))
    assert engine._index.seq == -1
