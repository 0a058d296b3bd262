"""Relevance on the public collection (SPEC §5.2) with the embedded engine."""

import json

import pytest

from benchmarks import relevance
from search import service
from search.params import SearchParams
from tests.search.eval_collection import eval_collection  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def queries(eval_collection):  # noqa: F811 - fixture
    return json.loads((eval_collection / "queries.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def protected(eval_collection):  # noqa: F811 - fixture
    return json.loads((eval_collection / "protected.json").read_text(encoding="utf-8"))


def test_relevance_meets_the_targets(queries):
    figures = relevance.score(queries, relevance.ours)["overall"]
    assert figures["success@3"] >= 0.95, figures
    assert figures["success@1"] >= 0.80, figures
    assert figures["mrr"] >= 0.85, figures


def test_beats_the_plain_baseline_by_half_again(queries):
    ours = relevance.score(queries, relevance.ours)["overall"]["success@3"]
    baseline = relevance.score(queries, relevance.Baseline())["overall"]["success@3"]
    assert ours >= 1.5 * baseline, (ours, baseline)


def test_protected_people_never_appear(queries, protected):
    leak_queries = [*protected["leak_queries"], *(query["q"] for query in queries)]
    assert relevance.leaks(leak_queries, protected["people"]) == 0


def test_protected_people_are_not_in_the_index(protected):
    engine = service.get_engine()
    for person in protected["people"]:
        assert engine.get(f"person:{person['id']}") is None
    assert not [
        hit for hit in service.suggest(protected["people"][0]["name"]) if hit["kind"] == "person"
    ]


def test_who_at_place_puts_the_position_holder_first_with_an_answer_card(eval_collection):  # noqa: F811
    results = service.search(SearchParams(q="vem är skolsköterska på Fjällby skola"))
    assert results.results[0].kind == "person"
    assert results.answer is not None
    assert results.answer.id == results.results[0].id
    assert results.answer.phone and results.answer.email


def _wrong_card(query: dict) -> bool:
    """A card is wrong when it is a person no expected record is, or the wrong record of a kind."""
    card = service.search(SearchParams(q=query["q"])).answer
    if card is None:
        return False
    expected = {(item["kind"], item["id"]) for item in query["expect"]}
    kinds = {kind for kind, _ in expected}
    if card.kind == "person" and "person" not in kinds:
        return True
    return card.kind in kinds and (card.kind, card.id) not in expected


def test_no_answer_card_is_wrong(queries):
    assert [query["q"] for query in queries if _wrong_card(query)] == []


@pytest.mark.parametrize(
    ("text", "kind", "key"),
    [
        ("vad gör en familjehemssekreterare", "function", "familjehemssekreterare"),
        ("kommunpolisens uppdrag", "function", "kommunpolis"),
        ("named person", "function", "barnets-basta"),
        ("SSPF direktiv polis skola", None, None),
        ("skolkurator", "function", "kurator"),
        ("LVU", "glossary", "forkortningar"),
        ("kurator Norrbyskolan", "person", "p002"),
    ],
)
def test_the_answer_card_of_the_issue_queries(eval_collection, text, kind, key):  # noqa: F811
    card = service.search(SearchParams(q=text)).answer
    assert ((card.kind, card.id) if card else (None, None)) == (kind, key)
