"""Both engines analyse and weigh text from one table: the same stop words, the same field weights."""

import pytest

from search.analysis import wordlists
from search.analysis.analyzer import index_terms
from search.backends import elasticsearch, embedded, es_settings
from search.backends.base import FIELD_WEIGHTS
from search.backends.embedded import analyse_document
from search.context import SearchContext
from search.params import FACETS

STOP_WORDS = wordlists.read(wordlists.STOP_WORDS)


def test_the_stop_word_list_is_one_list_of_distinct_swedish_words():
    assert len(STOP_WORDS) == len(set(STOP_WORDS)) > 90
    assert {"och", "att", "för", "på", "är", "vem", "hur"} <= set(STOP_WORDS)


@pytest.mark.parametrize("word", STOP_WORDS)
def test_every_stop_word_is_dropped_by_both_engines(word):
    elasticsearch_stop = es_settings.build_index_body(synonyms_set="s")["settings"]["analysis"]
    assert word in elasticsearch_stop["filter"]["sv_stop"]["stopwords"]
    assert index_terms(word) == []


def test_a_word_outside_the_list_is_kept():
    assert "kurator" not in STOP_WORDS
    assert "kurator" in index_terms("och kurator")


def test_both_engines_weigh_the_contract_fields_alike():
    document = dict.fromkeys(FIELD_WEIGHTS, "kurator")
    assert set(analyse_document(document)) == set(FIELD_WEIGHTS)
    assert elasticsearch.main_fields() == [
        f"{name}^{weight:g}" for name, weight in FIELD_WEIGHTS.items()
    ]
    assert tuple(FIELD_WEIGHTS) == es_settings.TEXT_FIELDS
    assert list(FIELD_WEIGHTS.values()) == sorted(FIELD_WEIGHTS.values(), reverse=True)
    assert FIELD_WEIGHTS["names"] > FIELD_WEIGHTS["title_text"] > FIELD_WEIGHTS["summary"]


def test_both_engines_filter_count_and_rank_by_context_on_the_same_keyword_fields():
    searched = {"kind", "organisation", "serves", "function", "tag", "audience"}
    assert set(embedded.KEYWORD_FIELDS) == searched
    assert searched <= set(es_settings.KEYWORD_FIELDS)
    assert set(FACETS) <= searched
    boosts = SearchContext(units=("u",), bodies=("b",), municipalities=("m",)).boosts()
    assert {boost.field for boost in boosts} <= searched
