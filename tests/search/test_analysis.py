"""Swedish query and text analysis: folding, stemming, compounds, legal references, synonyms, intent."""

import pytest

from search.analysis import compounds, intent, legal, synonyms
from search.analysis.analyzer import index_terms, query_words, word_slot
from search.analysis.normalise import fold, stem, words


def test_fold_lowercases_and_removes_swedish_diacritics():
    assert fold("Orosanmälan FÖRSKOLA Åsa") == "orosanmalan forskola asa"


def test_words_split_on_punctuation_symbols_and_control_characters():
    assert words("BVC-sjuksköterska,\x00Norrby!<b>") == ["bvc", "sjukskoterska", "norrby", "b"]


def test_stem_joins_inflections_and_keeps_legal_tokens():
    assert stem("kuratorerna") == stem("kuratorer")
    assert stem("styrgruppen") == stem("styrgrupp")
    assert stem("sol_14_1") == "sol_14_1"


def test_query_words_drop_question_and_stop_words():
    assert query_words("hur gör jag en orosanmälan") == ["orosanmalan"]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("skolfranvarorutin", ("skola", "franvaro", "rutin")),
        ("orosanmalningar", ("oro", "anmalan")),
        ("valdsutsatta", ("vald", "utsatt")),
        ("forskolerektor", ("forskola", "rektor")),
    ],
)
def test_decompounder_splits_with_the_word_list(word, parts):
    assert compounds.split(word) == parts


def test_decompounder_leaves_unknown_and_short_words_alone():
    assert compounds.split("norrbyskolan") == ()
    assert compounds.split("barn") == ()


def test_lemma_maps_inflected_variants_to_the_indexed_form():
    assert "gymnasium" in word_slot("gymnasiet")
    assert "anmalan" in word_slot("anmalningar")


def test_index_terms_carry_compound_parts_and_legal_tokens():
    terms = index_terms("Rutin vid skolfrånvaro enligt 14 kap. 1 § socialtjänstlagen")
    assert {"~skola", "~franvaro", "skolfranvaro", "sol_14_1"} <= set(terms)
    assert "vid" not in terms


@pytest.mark.parametrize(
    "text",
    [
        "14 kap 1 § SoL",
        "14 kap. 1 § socialtjänstlagen (2001:453)",
        "SoL 14:1",
        "14:1 SoL",
        "SoL 14 kap. 1 §",
        "sol 14:1",
    ],
)
def test_legal_references_in_any_notation_become_one_token(text):
    assert legal.tokens(text) == ["sol_14_1"]


def test_legal_references_for_other_laws_and_sections_without_chapter():
    assert legal.tokens("OSL 10:28") == ["osl_10_28"]
    assert legal.tokens("enligt 10 kap. 21 § offentlighets- och sekretesslagen") == ["osl_10_21"]
    assert legal.tokens("(6 § LUL)") == ["lul_6"]
    assert legal.tokens("11 kap. 1 a § SoL") == ["sol_11_1a"]


def test_legal_extract_removes_the_reference_from_the_query():
    tokens, rest = legal.extract("anmälan 14 kap 1 § SoL skola")
    assert tokens == ["sol_14_1"]
    assert rest.split() == ["anmalan", "skola"]


def test_years_in_statute_numbers_are_not_references():
    assert legal.tokens("socialtjänstlagen (2025:400) och SN 2023/118") == []


def test_maintained_synonyms_expand_a_word():
    spans = synonyms.expand(["skolsyster", "centralskolan"])
    assert spans and spans[0][:2] == (0, 1)
    assert "skolsköterska" in spans[0][2]


@pytest.mark.django_db
def test_glossary_synonyms_apply_at_query_time_without_a_reindex():
    from wagtail.models import Page

    from portal.pages.content import GlossaryIndexPage, GlossaryPage, GlossaryTerm

    synonyms.clear()
    assert not synonyms.expand(["namngiven", "person"])
    index = Page.get_first_root_node().add_child(
        instance=GlossaryIndexPage(title="Begrepp", slug="begrepp-test")
    )
    glossary = GlossaryPage(title="Ord", slug="ord-test", summary="")
    glossary.terms.add(GlossaryTerm(term="GIR", synonyms=["namngiven person"]))
    index.add_child(instance=glossary)
    glossary.save_revision().publish()
    try:
        assert synonyms.expand(["namngiven", "person"]) == [(0, 2, ("gir", "namngiven person"))]
    finally:
        synonyms.clear()


def test_who_intent_and_kind_hints():
    assert intent.detect("vem är skolsköterska på Fjällby skola").who
    assert intent.detect("kontakt socialjouren").who
    assert not intent.detect("orosanmälan förskola").who
    assert intent.detect("vad gör en familjehemssekreterare").function
    assert intent.detect("socialjouren telefon").contact_details
    assert intent.detect("SSPF direktiv polis skola").kinds == {"directive"}


def test_words_longer_than_the_maximum_token_length_are_cut():
    from search.analysis.normalise import MAX_TOKEN_LENGTH, words

    assert words("kort " + "Å" * 100) == ["kort", "a" * MAX_TOKEN_LENGTH]


def test_analysis_of_a_very_long_word_is_linear():
    import time

    from search.analysis.analyzer import index_terms

    started = time.monotonic()
    terms = index_terms("skolfrånvaro" * 100_000)

    assert time.monotonic() - started < 2
    assert terms and all(len(term) <= 65 for term in terms)
