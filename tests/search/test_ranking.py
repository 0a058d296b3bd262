"""Reranking reuses the engine's index-time terms and ranks as if it analysed the text itself."""

import dataclasses

import pytest

from search import answers, query, ranking, service
from search.backends.base import RERANK_FIELDS
from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

pytestmark = pytest.mark.django_db

QUERIES = [
    "kurator Fjällby skola",
    "vem är skolkurator på Norrbyskolan",
    "socialjouren telefon",
    "elevhälsa 14 kap 1 § SoL",
    "Eva Ek",
]


@pytest.fixture
def hits_per_query():
    kommun = OrganisationFactory(key="lek", name="Lekeby kommun")
    norrby = OrganisationFactory(key="norrby", name="Norrbyskolan", parent=kommun)
    fjallby = OrganisationFactory(key="fjallby", name="Fjällby skola", parent=kommun)
    kurator = FunctionFactory(
        key="kurator", name="Skolkurator", synonyms=["kurator", "elevhälsa 14 kap. 1 § SoL"]
    )
    for key, given, family, school in (("p1", "Eva", "Ek", norrby), ("p2", "Per", "Al", fjallby)):
        person = PersonFactory(key=key, given_name=given, family_name=family, organisation=school)
        PositionFactory(person=person, function=kurator, organisation=school)
    ContactPointFactory(key="socjour", name="Socialjouren", organisation=kommun, purpose="Akut oro")
    engine = service.get_engine()
    return {
        text: (query.analyse(text), engine.search(query.analyse(text).engine_query).hits)
        for text in QUERIES
    }


def test_the_embedded_engine_hands_back_the_terms_reranking_would_analyse(hits_per_query):
    for _, hits in hits_per_query.values():
        assert hits
        for hit in hits:
            analysed = ranking.hit_terms(dataclasses.replace(hit, terms={}))
            assert hit.terms == {name: terms for name, terms in analysed.items() if terms}
            assert set(hit.terms) <= set(RERANK_FIELDS)


def test_reranking_with_index_time_terms_equals_reranking_by_analysing(hits_per_query):
    for analysed, hits in hits_per_query.values():
        reused = ranking.rerank(hits, analysed)
        fresh = ranking.rerank([dataclasses.replace(hit, terms={}) for hit in hits], analysed)
        assert [(score, hit.uid) for score, hit in reused] == [
            (score, hit.uid) for score, hit in fresh
        ]


def test_a_role_at_a_place_ranks_its_holder_first_and_answers_with_them(hits_per_query):
    analysed, hits = hits_per_query["kurator Fjällby skola"]
    ranked = ranking.rerank(hits, analysed)
    assert ranked[0][1].uid == "person:p2"
    assert answers.select_answer(ranked, analysed, None).id == "p2"
