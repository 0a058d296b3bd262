"""Live Elasticsearch suite: runs only when ELASTICSEARCH_URL is set (see tests/search/conftest.py).

Each test works on a uniquely prefixed alias and deletes its indices and synonyms set afterwards.
"""

import dataclasses
import json
import os
import uuid

import pytest
from django.core.management import call_command

from search import service
from search.api import search_json
from search.backends.base import EngineQuery
from search.backends.elasticsearch import ElasticsearchEngine
from search.context import SearchContext
from search.params import SearchParams

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

MIN_SUCCESS_AT_3 = 0.9

DOCUMENTS = [
    {
        "uid": "function:kurator",
        "kind": "function",
        "id": "kurator",
        "title": "Kurator",
        "url": "/katalog/funktioner/kurator/",
        "names": ["Kurator"],
        "roles": ["skolkurator"],
        "summary": "Psykosocialt stöd till elever.",
        "body": "Kuratorn tar emot orosanmälan från skolan och samordnar stödet.",
        "organisation": ["lek-utb"],
        "function": ["kurator"],
    },
    {
        "uid": "function:skolskoterska",
        "kind": "function",
        "id": "skolskoterska",
        "title": "Skolsköterska",
        "url": "/katalog/funktioner/skolskoterska/",
        "names": ["Skolsköterska"],
        "summary": "Elevhälsans medicinska insats.",
        "organisation": ["lek-utb"],
        "function": ["skolskoterska"],
    },
    {
        "uid": "guideline:oro",
        "kind": "guideline",
        "id": "oro",
        "title": "Rutin vid oro för barn",
        "url": "/rutiner/oro/",
        "title_text": "Rutin vid oro för barn",
        "body": "Gör en orosanmälan till socialtjänsten.",
        "tag": ["oro"],
    },
]


@pytest.fixture
def live_engine(settings, monkeypatch):
    monkeypatch.setattr(service, "_engines", {})
    url = os.environ["ELASTICSEARCH_URL"]
    prefix = f"test-samverkan-{uuid.uuid4().hex[:12]}"
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    engine = ElasticsearchEngine(url=url, index_prefix=prefix, timeout=30)
    yield engine
    engine.drop()


def _uids(found):
    return [hit.uid for hit in getattr(found, "hits", found)]


def _query(*words, **options):
    return EngineQuery(text=" ".join(words), should=tuple((word,) for word in words), **options)


def test_analysis_on_a_real_cluster(live_engine):
    assert live_engine.rebuild(DOCUMENTS) == 3
    assert live_engine.count() == 3

    assert _uids(live_engine.search(_query("kuratorn")))[0] == "function:kurator"
    assert "guideline:oro" in _uids(live_engine.search(_query("orosanmalan")))
    assert "guideline:oro" in _uids(live_engine.search(_query("anmälan")))
    assert _uids(live_engine.search(_query("skolsyster")))[0] == "function:skolskoterska"
    assert _uids(live_engine.search(_query("kuratr")))[0] == "function:kurator"
    assert _uids(live_engine.suggest("kur"))[0] == "function:kurator"
    filtered = live_engine.search(_query("orosanmälan", filters={"kind": ("guideline",)}))
    assert _uids(filtered) == ["guideline:oro"]
    highlighted = live_engine.search(_query("orosanmälan")).hits
    assert any("<mark>" in "".join(v) for hit in highlighted for v in hit.highlights.values())
    assert live_engine.reload_synonyms() > 0


def _kurator(key, school, serves):
    return {
        "uid": f"person:{key}",
        "kind": "person",
        "id": key,
        "title": f"Kurator {key}",
        "url": f"/katalog/personer/{key}/",
        "roles": ["Skolkurator"],
        "organisation": [school],
        "serves": serves,
        "function": ["kurator"],
    }


def test_totals_facets_and_context_on_a_real_cluster(live_engine):
    """150 kuratorer elsewhere, 10 in Lekeby: exact totals and facets, Lekeby first in context."""
    people = [_kurator(f"o{number}", "ovik-skola", ["ovik"]) for number in range(150)]
    people += [_kurator(f"l{number}", "lek-skola", ["lek"]) for number in range(10)]
    live_engine.rebuild([*DOCUMENTS, *people])
    query = _query("kurator", facets=("kind", "organisation"), size=5)

    plain = live_engine.search(query)
    lekeby = SearchContext(bodies=("lek",), municipalities=("lek",))
    in_context = live_engine.search(dataclasses.replace(query, context=lekeby.boosts()))
    filtered = live_engine.search(
        dataclasses.replace(query, filters={"organisation": ("ovik-skola",), "kind": ("person",)})
    )

    assert plain.total == in_context.total == 161
    assert len(plain.hits) == 5
    assert plain.facets["kind"] == {"person": 160, "function": 1}
    people_first = [uid for uid in _uids(in_context) if uid.startswith("person:")]
    assert len(people_first) >= 4
    assert all(uid.startswith("person:l") for uid in people_first)
    assert filtered.total == 150
    assert filtered.facets["organisation"] == {"ovik-skola": 150, "lek-skola": 10}
    assert filtered.facets["kind"] == {"person": 150}


def test_rebuild_swaps_the_alias_and_drops_the_old_index(live_engine):
    live_engine.rebuild(DOCUMENTS[:1])
    first = live_engine.alias_indices()

    live_engine.rebuild(DOCUMENTS)
    second = live_engine.alias_indices()

    assert len(first) == len(second) == 1
    assert first != second
    assert not live_engine.client.indices.exists(index=first[0])
    assert live_engine.count() == 3
    live_engine.delete_documents(["function:kurator"])
    live_engine.index_documents([{**DOCUMENTS[0], "uid": "function:kurator2", "id": "kurator2"}])
    assert live_engine.count() == 3


def test_glossary_changes_reach_the_synonyms_without_reindex(live_engine):
    from wagtail.models import Page

    from portal.pages.content import GlossaryPage, GlossaryTerm

    live_engine.rebuild(DOCUMENTS)
    assert live_engine.search(_query("elevcoach")).hits == []
    glossary = GlossaryPage(
        title="Ordlista",
        slug="ordlista",
        terms=[GlossaryTerm(term="elevcoach", synonyms=["kurator"])],
    )
    Page.get_first_root_node().add_child(instance=glossary)

    live_engine.index_documents(
        [{"uid": "glossary:elevcoach", "kind": "glossary", "id": "elevcoach", "title": "Elevcoach"}]
    )

    assert "function:kurator" in _uids(live_engine.search(_query("elevcoach")))


def test_relevance_of_the_shared_collection(live_engine, shared_eval):
    call_command("import_directory", str(shared_eval / "directory.json"), verbosity=0)
    call_command("import_content", str(shared_eval / "content"), verbosity=0)
    service.rebuild_index()

    queries = json.loads((shared_eval / "queries.json").read_text(encoding="utf-8"))
    found = 0
    for entry in queries:
        results = service.search(SearchParams(q=entry["q"], limit=10))
        assert results.degraded is False, entry["q"]
        top = [(result.kind, result.id) for result in results.results[:3]]
        found += any((e["kind"], e["id"]) in top for e in entry["expect"])
    protected = json.loads((shared_eval / "protected.json").read_text(encoding="utf-8"))
    for text in protected["leak_queries"]:
        payload = json.dumps(
            search_json(service.search(SearchParams(q=text, limit=50))), ensure_ascii=False
        )
        assert not any(person["id"] in payload.split('"') for person in protected["people"])
        assert not any(person["name"] in payload for person in protected["people"])

    assert found / len(queries) >= MIN_SUCCESS_AT_3
