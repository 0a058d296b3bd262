"""Offline contract tests for the Elasticsearch engine: the request bodies it sends, pinned."""

import pytest

from search.analysis import wordlists
from search.analysis.normalise import MAX_TOKEN_LENGTH
from search.backends import es_settings
from search.backends.base import Change, EngineQuery, document_digest
from search.backends.elasticsearch import (
    FACET_SIZE,
    HIGHLIGHT,
    MAX_RESULT_WINDOW,
    ElasticsearchEngine,
    build_alias_actions,
    build_bulk_actions,
    build_change_actions,
    build_delete_actions,
    build_search_body,
    build_suggest_body,
    folded_fields,
    main_fields,
)
from search.backends.resilient import EngineUnavailable
from search.context import SearchContext

MAIN = ["names^5", "roles^4", "places^3", "title_text^3", "keywords^2", "summary^1.5", "body^1"]
FOLDED = [
    "names.folded^2.5",
    "roles.folded^2",
    "places.folded^1.5",
    "title_text.folded^1.5",
    "keywords.folded^1",
    "summary.folded^0.75",
    "body.folded^0.5",
]


@pytest.fixture(scope="module")
def index_body():
    return es_settings.build_index_body(synonyms_set="samverkan-synonyms")


def _alternative(text):
    return [
        {
            "multi_match": {
                "query": text,
                "fields": MAIN,
                "type": "best_fields",
                "operator": "and",
                "fuzziness": "AUTO",
                "prefix_length": 1,
                "max_expansions": 20,
            }
        },
        {
            "multi_match": {
                "query": text,
                "fields": FOLDED,
                "type": "best_fields",
                "operator": "and",
            }
        },
    ]


def _text(word):
    return {
        "bool": {
            "should": [{"dis_max": {"queries": _alternative(word)}}],
            "minimum_should_match": 1,
        }
    }


# Index settings ---------------------------------------------------------------------------------


def test_every_analyzer_uses_the_standard_tokenizer_and_defined_filters(index_body):
    analysis = index_body["settings"]["analysis"]
    built_in = {"lowercase", "asciifolding"}

    assert set(analysis["analyzer"]) == {
        "sv_index",
        "sv_search",
        "sv_folded",
        "sv_prefix",
        "sv_prefix_search",
    }
    for analyzer in analysis["analyzer"].values():
        assert (analyzer["type"], analyzer["tokenizer"]) == ("custom", "standard")
        assert set(analyzer["filter"]) <= set(analysis["filter"]) | built_in


def test_index_and_search_chains_differ_only_in_decompounding_and_synonyms(index_body):
    analyzers = index_body["settings"]["analysis"]["analyzer"]
    index_chain = analyzers["sv_index"]["filter"]
    search_chain = analyzers["sv_search"]["filter"]

    assert [name for name in index_chain if name != "sv_decompounder"] == [
        name for name in search_chain if name != "sv_synonyms"
    ]
    assert index_chain.index("sv_decompounder") < index_chain.index("sv_compound_forms")
    assert index_chain[-1] == "sv_stemmer"
    assert search_chain[-1] == "sv_synonyms"
    assert index_chain.index("sv_stop") < index_chain.index("sv_stemmer")


def test_folded_and_prefix_analyzers_fold_accents_and_only_the_index_side_cuts_prefixes(index_body):
    analyzers = index_body["settings"]["analysis"]["analyzer"]

    assert all(
        "asciifolding" in analyzers[name]["filter"]
        for name in ("sv_folded", "sv_prefix", "sv_prefix_search")
    )
    assert analyzers["sv_folded"]["filter"][-1] == "sv_stemmer"
    assert analyzers["sv_prefix"]["filter"][-1] == "sv_edge_ngram"
    assert analyzers["sv_prefix_search"]["filter"] == analyzers["sv_prefix"]["filter"][:-1]


def test_every_analyzer_cuts_tokens_to_the_shared_maximum_length(index_body):
    analysis = index_body["settings"]["analysis"]

    assert analysis["filter"]["sv_truncate"] == {"type": "truncate", "length": 64}
    assert MAX_TOKEN_LENGTH == 64
    assert all(chain["filter"][0] == "sv_truncate" for chain in analysis["analyzer"].values())


def test_synonyms_only_at_search_time_and_updateable(index_body):
    analysis = index_body["settings"]["analysis"]

    assert analysis["filter"]["sv_synonyms"] == {
        "type": "synonym_graph",
        "synonyms_set": "samverkan-synonyms",
        "updateable": True,
        "lenient": True,
    }
    index_time = ("sv_index", "sv_folded", "sv_prefix")
    assert all("sv_synonyms" not in analysis["analyzer"][name]["filter"] for name in index_time)


def test_swedish_stemmer_and_stop_words(index_body):
    filters = index_body["settings"]["analysis"]["filter"]

    assert filters["sv_stemmer"] == {"type": "stemmer", "language": "swedish"}
    assert filters["sv_stop"]["type"] == "stop"
    assert filters["sv_stop"]["stopwords"] == wordlists.read(wordlists.STOP_WORDS)
    assert {"och", "att", "för", "på", "är", "vem"} <= set(filters["sv_stop"]["stopwords"])


def test_decompounder_reads_the_repository_word_list(index_body):
    decompounder = index_body["settings"]["analysis"]["filter"]["sv_decompounder"]
    lines = wordlists.read(wordlists.COMPOUND_WORDS)
    words_in_file = {word.strip(":").lower() for line in lines for word in line.split()}

    assert decompounder["type"] == "dictionary_decompounder"
    assert set(decompounder["word_list"]) == words_in_file
    assert {"anmälan", "anmälningar", "kurator"} <= set(decompounder["word_list"])
    assert decompounder["only_longest_match"] is False


def test_compound_variants_map_to_their_canonical_form(index_body):
    rules = index_body["settings"]["analysis"]["filter"]["sv_compound_forms"]["rules"]

    anmalan = next(rule for rule in rules if rule.endswith("=> anmälan"))
    assert anmalan.startswith("anmälan, anmälning, anmälningar")


def test_edge_ngrams_cover_long_swedish_compounds(index_body):
    edge = index_body["settings"]["analysis"]["filter"]["sv_edge_ngram"]

    assert edge == {"type": "edge_ngram", "min_gram": 2, "max_gram": 25, "preserve_original": True}


def test_text_field_mapping(index_body):
    properties = index_body["mappings"]["properties"]

    assert properties["names"] == {
        "type": "text",
        "analyzer": "sv_index",
        "search_analyzer": "sv_search",
        "fields": {
            "folded": {"type": "text", "analyzer": "sv_folded"},
            "prefix": {
                "type": "text",
                "analyzer": "sv_prefix",
                "search_analyzer": "sv_prefix_search",
            },
        },
    }
    assert properties["body"]["fields"] == {"folded": {"type": "text", "analyzer": "sv_folded"}}
    for name in ("names", "roles", "places", "title_text", "title"):
        assert "prefix" in properties[name]["fields"], name
    for name in ("keywords", "summary", "body"):
        assert properties[name]["search_analyzer"] == "sv_search"


def test_filter_fields_are_keywords(index_body):
    properties = index_body["mappings"]["properties"]

    for name in ("uid", "kind", "id", "organisation", "serves", "function", "tag", "audience"):
        assert properties[name] == {"type": "keyword"}, name
    assert properties["contact"] == {"type": "object", "enabled": False}
    assert index_body["mappings"]["dynamic"] is False


# Queries ----------------------------------------------------------------------------------------


def test_field_boosts_order_names_above_titles_above_summaries_above_bodies():
    assert main_fields() == MAIN
    assert folded_fields() == FOLDED


LEKEBY = SearchContext(
    units=("nb-skola",), administrations=("bun",), bodies=("lek",), municipalities=("lek",)
)


def test_compiled_who_query_with_the_searchers_context():
    query = EngineQuery(
        text="kurator norrby skola",
        should=(("kurator", "skolkurator"), ("norrby",)),
        phrases=("norrby skola",),
        filters={"kind": ("person", "function")},
        context=LEKEBY.boosts(),
        size=50,
    )

    assert build_search_body(query) == {
        "size": 50,
        "track_total_hits": True,
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "must": [
                            {
                                "bool": {
                                    "should": [
                                        {
                                            "dis_max": {
                                                "queries": _alternative("kurator")
                                                + _alternative("skolkurator")
                                            }
                                        },
                                        {"dis_max": {"queries": _alternative("norrby")}},
                                        {
                                            "multi_match": {
                                                "query": "norrby skola",
                                                "type": "phrase",
                                                "fields": MAIN,
                                                "slop": 1,
                                            }
                                        },
                                    ],
                                    "minimum_should_match": 1,
                                }
                            }
                        ],
                        "filter": [{"terms": {"kind": ["person", "function"]}}],
                    }
                },
                "functions": [
                    {"filter": {"terms": {"organisation": ["nb-skola"]}}, "weight": 1.3},
                    {"filter": {"terms": {"organisation": ["bun"]}}, "weight": 1.2},
                    {"filter": {"terms": {"organisation": ["lek"]}}, "weight": 1.15},
                    {"filter": {"terms": {"serves": ["lek"]}}, "weight": 1.1},
                    {
                        "filter": {
                            "bool": {
                                "filter": [{"exists": {"field": "serves"}}],
                                "must_not": [{"terms": {"serves": ["lek"]}}],
                            }
                        },
                        "weight": 0.5,
                    },
                ],
                "score_mode": "max",
                "boost_mode": "multiply",
            }
        },
        "highlight": HIGHLIGHT,
    }


def test_facets_move_the_filters_to_a_post_filter_and_count_disjunctively():
    query = EngineQuery(
        text="kurator",
        should=(("kurator",),),
        filters={"kind": ("person",), "organisation": ("norrby", "fjallby"), "tag": ()},
        facets=("kind", "organisation", "tag"),
        size=120,
    )
    body = build_search_body(query)

    assert body["query"] == {"bool": {"must": [_text("kurator")], "filter": []}}
    assert body["track_total_hits"] is True
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"kind": ["person"]}},
                {"terms": {"organisation": ["norrby", "fjallby"]}},
            ]
        }
    }
    assert body["aggs"] == {
        "kind": {
            "filter": {"bool": {"filter": [{"terms": {"organisation": ["norrby", "fjallby"]}}]}},
            "aggs": {"values": {"terms": {"field": "kind", "size": FACET_SIZE}}},
        },
        "organisation": {
            "filter": {"bool": {"filter": [{"terms": {"kind": ["person"]}}]}},
            "aggs": {"values": {"terms": {"field": "organisation", "size": FACET_SIZE}}},
        },
        "tag": {
            "filter": {
                "bool": {
                    "filter": [
                        {"terms": {"kind": ["person"]}},
                        {"terms": {"organisation": ["norrby", "fjallby"]}},
                    ]
                }
            },
            "aggs": {"values": {"terms": {"field": "tag", "size": FACET_SIZE}}},
        },
    }


def test_without_context_or_facets_there_is_no_function_score_post_filter_or_aggregation():
    body = build_search_body(EngineQuery(text="kurator", should=(("kurator",),)))

    assert set(body) == {"size", "track_total_hits", "query", "highlight"}
    assert body["query"] == {"bool": {"must": [_text("kurator")], "filter": []}}


def test_no_search_asks_for_more_hits_than_the_result_window():
    body = build_search_body(EngineQuery(text="x", should=(("x",),), size=50_000))

    assert body["size"] == MAX_RESULT_WINDOW


class AnsweringClient:
    """Stands in for the Elasticsearch client: records the body, returns a canned response."""

    def __init__(self, response):
        self.response = response
        self.bodies = []

    def search(self, *, index, body):
        self.bodies.append(body)
        return self.response


def test_search_reads_the_exact_total_and_the_facet_buckets(closed_port_url):
    engine = ElasticsearchEngine(url=closed_port_url, index_prefix="test")
    engine.client = AnsweringClient(
        {
            "hits": {
                "total": {"value": 153, "relation": "eq"},
                "hits": [{"_id": "person:p1", "_score": 2.5, "_source": {"uid": "person:p1"}}],
            },
            "aggregations": {
                "kind": {
                    "doc_count": 160,
                    "values": {
                        "buckets": [
                            {"key": "function", "doc_count": 7},
                            {"key": "person", "doc_count": 153},
                        ]
                    },
                },
                "organisation": {"doc_count": 153, "values": {"buckets": []}},
            },
        }
    )

    found = engine.search(
        EngineQuery(
            text="kurator",
            should=(("kurator",),),
            filters={"kind": ("person",)},
            facets=("kind", "organisation", "tag"),
        )
    )

    assert found.total == 153
    assert [(hit.uid, hit.score) for hit in found.hits] == [("person:p1", 2.5)]
    assert found.facets == {"kind": {"person": 153, "function": 7}, "organisation": {}, "tag": {}}
    assert list(found.facets["kind"]) == ["person", "function"]
    assert engine.client.bodies[0]["post_filter"] == {
        "bool": {"filter": [{"terms": {"kind": ["person"]}}]}
    }


def test_weighted_alternatives_and_exact_legal_tokens():
    query = EngineQuery(
        text="14 kap 1 § SoL",
        should=(("sol_14_1", "socialtjänstlagen"),),
        weights={"socialtjänstlagen": 0.85},
        size=10,
    )

    group = build_search_body(query)["query"]["bool"]["must"][0]["bool"]["should"][0]
    legal, legal_folded, expansion, expansion_folded = group["dis_max"]["queries"]

    assert legal["multi_match"] == {
        "query": "sol_14_1",
        "fields": MAIN,
        "type": "best_fields",
        "operator": "and",
    }
    assert expansion["multi_match"]["fuzziness"] == "AUTO"
    assert expansion["multi_match"]["boost"] == 0.85
    assert expansion_folded["multi_match"]["boost"] == 0.85
    assert "boost" not in legal_folded["multi_match"]


def test_highlights_body_and_summary_with_mark_and_escaping():
    highlight = build_search_body(EngineQuery(text="x", should=(("x",),)))["highlight"]

    assert highlight["pre_tags"] == ["<mark>"]
    assert highlight["post_tags"] == ["</mark>"]
    assert highlight["encoder"] == "html"
    assert {"body", "summary"} <= set(highlight["fields"])


def test_filters_without_context_or_facets_restrict_the_query():
    query = EngineQuery(
        text="orosanmälan",
        should=(("orosanmälan",),),
        filters={"tag": ("oro",), "audience": ("kurator",)},
    )
    body = build_search_body(query)

    assert body["size"] == 200
    assert body["query"]["bool"]["filter"] == [
        {"terms": {"audience": ["kurator"]}},
        {"terms": {"tag": ["oro"]}},
    ]


def test_unanalysed_text_is_searched_as_one_group():
    body = build_search_body(EngineQuery(text="bup"))

    should = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert should == [{"dis_max": {"queries": _alternative("bup")}}]


def test_no_text_matches_everything_within_the_filters():
    body = build_search_body(EngineQuery(text="  ", filters={"kind": ("guideline",)}))

    assert body["query"]["bool"]["must"] == [{"match_all": {}}]


def test_query_syntax_is_passed_as_plain_text():
    text = 'AND "kurator* ~2 <script>'
    body = build_search_body(EngineQuery(text=text, should=((text,),)))

    clause = body["query"]["bool"]["must"][0]["bool"]["should"][0]["dis_max"]["queries"][0]
    assert clause["multi_match"]["query"] == text
    assert "query_string" not in str(body)


def test_huge_queries_are_capped():
    groups = tuple((f"ord{number}",) * 20 for number in range(100))
    body = build_search_body(EngineQuery(text="x", should=groups))

    should = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert len(should) == 32
    assert len(should[0]["dis_max"]["queries"]) == 2 * 12


def test_suggest_body_uses_the_edge_ngram_sub_fields():
    body = build_suggest_body("kur norr", size=8)

    clause = body["query"]["bool"]["must"][0]["multi_match"]
    assert body["size"] == 8
    assert clause["query"] == "kur norr"
    assert clause["operator"] == "and"
    assert clause["fields"][0] == "names.prefix^5"
    assert all(field.split("^")[0].endswith(".prefix") for field in clause["fields"])


# Writes -----------------------------------------------------------------------------------------


def test_bulk_actions_index_by_uid():
    documents = [{"uid": "person:p1", "kind": "person"}, {"uid": "page:rutin", "kind": "page"}]

    assert build_bulk_actions(documents, index="samverkan") == [
        {
            "_op_type": "index",
            "_index": "samverkan",
            "_id": "person:p1",
            "_source": {"uid": "person:p1", "kind": "person", "digest": PERSON_DIGEST},
        },
        {
            "_op_type": "index",
            "_index": "samverkan",
            "_id": "page:rutin",
            "_source": {"uid": "page:rutin", "kind": "page", "digest": PAGE_DIGEST},
        },
    ]
    assert build_delete_actions(["person:p1"], index="samverkan") == [
        {"_op_type": "delete", "_index": "samverkan", "_id": "person:p1"}
    ]


PERSON_DIGEST = document_digest({"kind": "person", "uid": "person:p1"})
PAGE_DIGEST = document_digest({"uid": "page:rutin", "kind": "page"})


def test_the_digest_ignores_key_order_and_changes_with_content():
    assert document_digest({"uid": "person:p1", "kind": "person"}) == PERSON_DIGEST
    assert document_digest({"uid": "person:p1", "kind": "person", "title": "A"}) != PERSON_DIGEST
    assert len(PERSON_DIGEST) == 32


def test_outbox_changes_are_versioned_with_their_sequence_number():
    changes = [
        Change(uid="person:p1", seq=1_700_000_000_000_001, document={"uid": "person:p1"}),
        Change(uid="person:p2", seq=1_700_000_000_000_002, document=None),
    ]

    assert build_change_actions(changes, index="samverkan") == [
        {
            "_op_type": "index",
            "_index": "samverkan",
            "_id": "person:p1",
            "version": 1_700_000_000_000_001,
            "version_type": "external",
            "_source": {"uid": "person:p1", "digest": document_digest({"uid": "person:p1"})},
        },
        {
            "_op_type": "delete",
            "_index": "samverkan",
            "_id": "person:p2",
            "version": 1_700_000_000_000_002,
            "version_type": "external",
        },
    ]


def test_alias_swap_is_one_atomic_request():
    actions = build_alias_actions(["samverkan-1"], "samverkan-2", alias="samverkan")

    assert actions == {
        "actions": [
            {"remove": {"index": "samverkan-1", "alias": "samverkan"}},
            {"add": {"index": "samverkan-2", "alias": "samverkan"}},
        ]
    }
    assert build_alias_actions([], "samverkan-1", alias="samverkan") == {
        "actions": [{"add": {"index": "samverkan-1", "alias": "samverkan"}}]
    }


# Synonyms ---------------------------------------------------------------------------------------


def test_synonym_rules_come_from_the_maintained_list_without_stop_words():
    rules = es_settings.synonym_rules()

    assert "samordnad individuell plan, sip" in rules
    assert "orosanmälan, anmälan oro, barnavårdsanmälan" in rules
    assert all(" i " not in f" {rule} " for rule in rules)


@pytest.mark.django_db
def test_glossary_synonyms_are_added_to_the_rules():
    from wagtail.models import Page

    from portal.pages.content import GlossaryPage, GlossaryTerm

    glossary = GlossaryPage(
        title="Ordlista",
        slug="ordlista",
        terms=[
            GlossaryTerm(
                term="LVU",
                is_abbreviation=True,
                expansion="lag med särskilda bestämmelser om vård av unga",
                synonyms=["tvångsvård"],
            )
        ],
    )
    Page.get_first_root_node().add_child(instance=glossary)

    rules = es_settings.synonym_rules()

    assert "lvu, lag särskilda bestämmelser vård unga, tvångsvård" in rules


def test_synonyms_set_body():
    assert es_settings.build_synonyms_set(["a, b", "c => d"]) == [
        {"id": "rule-1", "synonyms": "a, b"},
        {"id": "rule-2", "synonyms": "c => d"},
    ]


# Engine against an unreachable cluster ----------------------------------------------------------


def test_every_call_raises_engine_unavailable_when_the_cluster_is_down(closed_port_url):
    engine = ElasticsearchEngine(url=closed_port_url, index_prefix="test", timeout=0.5)

    calls = [
        lambda: engine.search(EngineQuery(text="kurator", should=(("kurator",),))),
        lambda: engine.suggest("kur"),
        lambda: engine.index_documents([{"uid": "person:p1"}]),
        lambda: engine.delete_documents(["person:p1"]),
        lambda: engine.rebuild([{"uid": "person:p1"}]),
        engine.count,
        engine.reload_synonyms,
    ]
    for call in calls:
        with pytest.raises(EngineUnavailable):
            call()


def test_no_request_for_empty_input(closed_port_url):
    engine = ElasticsearchEngine(url=closed_port_url, index_prefix="test")

    assert engine.suggest("   ") == []
    assert engine.index_documents([]) == 0
    assert engine.delete_documents([]) == 0
