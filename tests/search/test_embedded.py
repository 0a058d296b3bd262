"""The embedded engine: scoring, filters, totals, facets, context, suggestions and syncing."""

import dataclasses
import time

import pytest
from django.db import transaction

from search.backends.base import EngineQuery
from search.backends.embedded import EmbeddedEngine
from search.context import SearchContext, context_weight
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


def found_uids(query, engine):
    return uids(engine.search(query).hits)


def test_names_outrank_roles(engine):
    query = EngineQuery(text="kurator", should=(("kurator",),))
    assert found_uids(query, engine)[:2] == ["function:kurator", "person:p1"]


def test_more_matched_groups_rank_higher(engine):
    query = EngineQuery(text="kurator norrby", should=(("kurator",), ("norrbyskolan",)))
    assert found_uids(query, engine)[0] == "person:p1"


def test_unknown_compound_matches_by_its_parts(engine):
    query = EngineQuery(text="x", should=(("skolfrånvarorutin",),))
    assert found_uids(query, engine) == ["guideline:franvaro"]


def test_legal_tokens_match_references_in_any_notation(engine):
    query = EngineQuery(text="x", should=(("sol_14_1",),))
    assert found_uids(query, engine) == ["guideline:sol"]


def test_filters_and_size_bound_the_candidates(engine):
    query = EngineQuery(text="x", should=(("kurator",),), filters={"organisation": ("norrby",)})
    assert found_uids(query, engine) == ["person:p1"]
    assert len(engine.search(EngineQuery(text="x", should=(("kurator",),), size=1)).hits) == 1


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


@pytest.fixture
def schools():
    """30 kuratorer in three schools (10 each), 5 guidelines about kuratorer, one rektor."""
    engine = EmbeddedEngine()
    documents = [
        doc(
            "person",
            f"{school}-{number}",
            f"Person {school} {number}",
            roles=["Skolkurator"],
            organisation=[school, "lek"],
            function=["kurator"],
        )
        for school in ("norrby", "fjallby", "soder")
        for number in range(10)
    ]
    documents += [
        doc("guideline", f"g{number}", f"Rutin {number}", body="Kurator", organisation=["lek"])
        for number in range(5)
    ]
    documents.append(doc("person", "rektor", "Rektor", roles=["Rektor"], organisation=["norrby"]))
    engine.rebuild(documents)
    return engine


KURATOR = EngineQuery(text="kurator", should=(("kurator",),), facets=("kind", "organisation"))


def test_total_counts_every_match_whatever_the_cut_off(schools):
    for size in (1, 5, 200):
        found = schools.search(dataclasses.replace(KURATOR, size=size))
        assert (len(found.hits), found.total) == (min(size, 35), 35)


def test_filters_apply_before_the_cut_off_and_the_total(schools):
    query = dataclasses.replace(KURATOR, filters={"organisation": ("norrby",)}, size=3)
    found = schools.search(query)

    assert found.total == 10
    assert len(found.hits) == 3
    assert all("norrby" in hit.document["organisation"] for hit in found.hits)
    both = dataclasses.replace(query, filters={"organisation": ("norrby", "soder")})
    assert schools.search(both).total == 20
    guidelines = dataclasses.replace(query, filters={"kind": ("guideline",), "tag": ()})
    assert schools.search(guidelines).total == 5


def test_facets_count_every_match_and_ignore_their_own_selection(schools):
    plain = schools.search(dataclasses.replace(KURATOR, size=1)).facets
    assert plain == {
        "kind": {"person": 30, "guideline": 5},
        "organisation": {"lek": 35, "fjallby": 10, "norrby": 10, "soder": 10},
    }

    query = dataclasses.replace(
        KURATOR, filters={"kind": ("person",), "organisation": ("norrby",)}, size=1
    )
    found = schools.search(query)

    assert found.total == 10
    assert found.facets == {
        "kind": {"person": 10},
        "organisation": {"lek": 30, "fjallby": 10, "norrby": 10, "soder": 10},
    }


def test_context_ranks_before_the_cut_off(engine):
    """A lower text score from the searcher's municipality still makes a cut-off of one."""
    engine.index_documents(
        [
            doc("function", "kurator", "Skolkurator", names=["Skolkurator"], serves=["other"]),
            doc("person", "p1", "Eva Ek", roles=["Skolkurator"], serves=["lek"]),
        ]
    )
    query = EngineQuery(text="kurator", should=(("skolkurator",),), size=1)
    lekeby = SearchContext(bodies=("lek",), municipalities=("lek",))

    assert found_uids(query, engine) == ["function:kurator"]
    in_context = engine.search(dataclasses.replace(query, context=lekeby.boosts()))
    assert uids(in_context.hits) == ["person:p1"]
    assert in_context.total == 2


def test_context_factors_are_those_of_the_context_contract():
    """Each document's score is multiplied by exactly search.context.context_weight."""
    engine = EmbeddedEngine()
    variants = [
        {"organisation": ["unit", "adm", "lek"], "serves": ["lek"]},
        {"organisation": ["adm", "lek"], "serves": ["lek"]},
        {"organisation": ["lek"], "serves": ["lek", "ovik"]},
        {"organisation": ["region"], "serves": ["lek", "ovik"]},
        {"organisation": ["region"], "serves": ["ovik"]},
        {"organisation": ["ovik"], "serves": ["ovik"]},
        {"organisation": ["region"], "serves": []},
        {},
    ]
    documents = [
        doc("person", f"p{number}", f"Kurator {number}", roles=["Kurator"], **fields)
        for number, fields in enumerate(variants)
    ]
    engine.rebuild(documents)
    query = EngineQuery(text="kurator", should=(("kurator",),))
    boosts = SearchContext(
        units=("unit",), administrations=("adm",), bodies=("lek",), municipalities=("lek",)
    ).boosts()

    plain = {hit.uid: hit.score for hit in engine.search(query).hits}
    in_context = {
        hit.uid: hit.score for hit in engine.search(dataclasses.replace(query, context=boosts)).hits
    }

    for document in documents:
        expected = context_weight(document, boosts)
        assert in_context[document["uid"]] == pytest.approx(plain[document["uid"]] * expected)
    assert len({context_weight(document, boosts) for document in documents}) == 6


def test_totals_and_facets_follow_changes_and_deletions(schools):
    moved = doc(
        "person",
        "norrby-0",
        "Person norrby 0",
        roles=["Skolkurator"],
        organisation=["soder", "lek"],
        function=["kurator"],
    )
    schools.index_documents([moved])
    schools.delete_documents(["person:norrby-1"])

    found = schools.search(dataclasses.replace(KURATOR, filters={"organisation": ("norrby",)}))

    assert found.total == 8
    assert found.facets["organisation"] == {"lek": 34, "soder": 11, "fjallby": 10, "norrby": 8}


def test_a_query_asked_again_follows_changes_deletions_and_other_processes(schools):
    query = dataclasses.replace(KURATOR, filters={"organisation": ("norrby",)})
    other = EmbeddedEngine()
    before = schools.search(query)
    assert other.search(query) == before
    schools.delete_documents(["person:norrby-1"])
    for engine in (schools, other):
        after = engine.search(query)
        assert after.total == before.total - 1
        assert "person:norrby-1" not in uids(after.hits)
        assert after.facets["organisation"]["norrby"] == before.facets["organisation"]["norrby"] - 1


@pytest.fixture
def county():
    """90 people and 10 guidelines in 36 organisations of three municipalities, with ties."""
    engine = EmbeddedEngine()
    documents = []
    for number in range(90):
        municipality = f"m{number % 3}"
        administration = f"{municipality}-a{number % 2}"
        unit = f"{administration}-u{number % 5}"
        organisation = [unit, administration, municipality]
        if number % 17 == 0:
            organisation.append(unit)
        serves = [[municipality], [], ["m0", "m1"]][number % 3 if number % 4 else 0]
        role = ["Kurator", "Skolkurator", "Rektor", "Kurator och rektor"][number % 4]
        documents.append(
            doc(
                "person",
                f"p{number:02}",
                f"Person {number}",
                names=[f"Person {number}"] + (["Kurator"] if number % 9 == 0 else []),
                roles=[role],
                organisation=organisation,
                serves=serves,
                function=[role.split()[0].lower()],
                tag=[f"t{number % 7}"] if number % 2 else [],
            )
        )
    documents += [
        doc(
            "guideline",
            f"g{number}",
            f"Rutin {number}",
            body="Kurator och rektor samverkar." * (number + 1),
            organisation=[f"m{number % 3}"],
            serves=[f"m{number % 3}"],
            audience=["kurator", "rektor"][: number % 3],
        )
        for number in range(10)
    ]
    engine.rebuild(documents)
    return engine, {document["uid"]: document for document in documents}


def _held(document, name):
    held = document.get(name) or ()
    return {held} if isinstance(held, str) else set(held)


def _expected(engine, documents, query):
    """What the Found contract says, worked out document by document from the plain text scores."""
    plain = engine.search(dataclasses.replace(query, filters={}, context=(), size=10_000))
    scores = {hit.uid: hit.score for hit in plain.hits}
    filters = {name: values for name, values in query.filters.items() if values}

    def passing(uid, skipped=None):
        return all(
            not _held(documents[uid], name).isdisjoint(values)
            for name, values in filters.items()
            if name != skipped
        )

    facets = {}
    for name in query.facets:
        counts: dict[str, int] = {}
        for uid in scores:
            if passing(uid, skipped=name):
                for value in _held(documents[uid], name):
                    counts[value] = counts.get(value, 0) + 1
        facets[name] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    kept = {
        uid: score * context_weight(documents[uid], query.context)
        for uid, score in scores.items()
        if passing(uid)
    }
    ranked = sorted(kept.items(), key=lambda item: (-item[1], item[0]))[: query.size]
    return ranked, len(kept), facets


CONTEXTS = [
    (),
    SearchContext(
        units=("m0-a0-u0",), administrations=("m0-a0",), bodies=("m0",), municipalities=("m0",)
    ).boosts(),
    SearchContext(bodies=("m2",), municipalities=("m2", "m1")).boosts(),
]


@pytest.mark.parametrize("size", [1, 7, 200])
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"organisation": ("m1",)},
        {"organisation": ("m0-a1", "m2-a0-u3"), "kind": ("person",)},
        {"function": ("rektor",), "tag": ("t1", "t2", "t3")},
        {"audience": ("kurator",), "organisation": ("m0", "m1", "m2")},
        {"organisation": ("nowhere",)},
    ],
)
@pytest.mark.parametrize("context", CONTEXTS)
def test_hits_totals_and_facets_are_exactly_those_of_the_contract(county, size, filters, context):
    engine, documents = county
    query = EngineQuery(
        text="kurator rektor",
        should=(("kurator",), ("rektor", "skolkurator")),
        weights={"skolkurator": 0.85},
        filters=filters,
        facets=("kind", "organisation", "function", "tag", "audience"),
        context=context,
        size=size,
    )
    ranked, total, facets = _expected(engine, documents, query)

    found = engine.search(query)

    assert [(hit.uid, hit.score) for hit in found.hits] == ranked
    assert found.total == total
    assert {name: list(counts.items()) for name, counts in found.facets.items()} == facets
