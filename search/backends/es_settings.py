"""Elasticsearch index settings, mappings and the word lists they are built from (pure, no client)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from search import registry
from search.analysis import wordlists
from search.analysis.normalise import MAX_TOKEN_LENGTH
from search.backends.base import FIELD_WEIGHTS

logger = logging.getLogger(__name__)

TEXT_FIELDS = tuple(FIELD_WEIGHTS)
FOLDED_BOOST_FACTOR = 0.5
PREFIX_FIELDS = ("names", "roles", "places", "title_text")
KEYWORD_FIELDS = ("uid", "kind", "id", "organisation", "serves", "function", "tag", "audience")
EDGE_NGRAM_MIN = 2
EDGE_NGRAM_MAX = 25


def compound_forms() -> dict[str, list[str]]:
    """compound_words.txt as canonical word -> its listed variants (lines "word: variant …")."""
    forms: dict[str, list[str]] = {}
    for line in wordlists.read(wordlists.COMPOUND_WORDS):
        canonical, _, variants = line.lower().partition(":")
        if canonical.strip():
            forms.setdefault(canonical.strip(), []).extend(variants.split())
    return forms


def compound_words() -> list[str]:
    """The decompounder dictionary: every canonical word and variant of compound_words.txt."""
    return sorted(
        {
            word
            for canonical, variants in compound_forms().items()
            for word in [canonical, *variants]
        }
    )


def compound_override_rules() -> list[str]:
    """stemmer_override rules mapping each variant (and the word itself) to its canonical form."""
    return [
        f"{', '.join(dict.fromkeys([canonical, *variants]))} => {canonical}"
        for canonical, variants in sorted(compound_forms().items())
    ]


def _glossary_rules() -> list[str]:
    """Synonym rules from the registered providers, tolerating a missing glossary or database."""
    try:
        groups = [
            group
            for entries in registry.synonym_sources()
            for group in (
                [[term, *synonyms] for term, synonyms in entries.items()]
                if isinstance(entries, Mapping)
                else list(entries)
            )
        ]
    except Exception as exc:  # the glossary is optional for the index: never fail on it
        logger.warning("Glossary synonyms unavailable for Elasticsearch (%s)", type(exc).__name__)
        return []
    rules = []
    for group in groups:
        if isinstance(group, str):
            rules.append(group)
            continue
        terms = [" ".join(str(term).replace(",", " ").replace("=>", " ").split()) for term in group]
        rules.append(", ".join(term for term in terms if term))
    return rules


def stop_words() -> list[str]:
    """The Swedish stop words of the analyzers: the list the embedded engine uses too."""
    return wordlists.read(wordlists.STOP_WORDS)


def _without_stop_words(term: str, stop: frozenset[str]) -> str:
    """A synonym term with stop words removed (single words are kept as they are)."""
    words = term.split()
    if len(words) < 2:
        return term
    return " ".join(word for word in words if word not in stop)


def _clean_rule(rule: str, stop: frozenset[str]) -> str | None:
    """Normalise one Solr rule so it parses after the stop filter; None when nothing is left."""
    sides = [side.split(",") for side in " ".join(rule.lower().split()).split("=>")]
    if len(sides) > 2:
        return None
    cleaned = [
        [term for term in (_without_stop_words(t.strip(), stop) for t in side) if term]
        for side in sides
    ]
    if len(cleaned) == 2:
        return f"{', '.join(cleaned[0])} => {', '.join(cleaned[1])}" if all(cleaned) else None
    terms = list(dict.fromkeys(cleaned[0]))
    return ", ".join(terms) if len(terms) > 1 else None


def synonym_rules() -> list[str]:
    """Solr-format synonym rules: the maintained list, then the glossary, deduplicated."""
    stop = frozenset(stop_words())
    rules = (
        _clean_rule(rule, stop)
        for rule in [*wordlists.read(wordlists.SYNONYMS), *_glossary_rules()]
    )
    return list(dict.fromkeys(rule for rule in rules if rule))


def build_synonyms_set(rules: Iterable[str]) -> list[dict]:
    """The body of a PUT _synonyms/<set> request."""
    return [{"id": f"rule-{number}", "synonyms": rule} for number, rule in enumerate(rules, 1)]


def build_analysis(*, word_list: list[str], override_rules: list[str], synonyms_set: str) -> dict:
    """Analyzers: Swedish index/search chains, a folded chain and an edge n-gram prefix chain."""
    filters: dict[str, dict] = {
        "sv_truncate": {"type": "truncate", "length": MAX_TOKEN_LENGTH},
        "sv_stop": {"type": "stop", "stopwords": stop_words()},
        "sv_stemmer": {"type": "stemmer", "language": "swedish"},
        "sv_synonyms": {
            "type": "synonym_graph",
            "synonyms_set": synonyms_set,
            "updateable": True,
            "lenient": True,
        },
        "sv_edge_ngram": {
            "type": "edge_ngram",
            "min_gram": EDGE_NGRAM_MIN,
            "max_gram": EDGE_NGRAM_MAX,
            "preserve_original": True,
        },
    }
    index_chain = ["sv_truncate", "lowercase", "sv_stop"]
    search_chain = ["sv_truncate", "lowercase", "sv_stop"]
    if word_list:
        index_chain.append("sv_decompounder")
        filters["sv_decompounder"] = {
            "type": "dictionary_decompounder",
            "word_list": word_list,
            "min_word_size": 5,
            "min_subword_size": 3,
            "max_subword_size": 20,
            "only_longest_match": False,
        }
    if override_rules:
        index_chain.append("sv_compound_forms")
        search_chain.append("sv_compound_forms")
        filters["sv_compound_forms"] = {"type": "stemmer_override", "rules": override_rules}
    index_chain.append("sv_stemmer")
    search_chain += ["sv_stemmer", "sv_synonyms"]
    analyzers = {
        "sv_index": {"type": "custom", "tokenizer": "standard", "filter": index_chain},
        "sv_search": {"type": "custom", "tokenizer": "standard", "filter": search_chain},
        "sv_folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["sv_truncate", "lowercase", "sv_stop", "asciifolding", "sv_stemmer"],
        },
        "sv_prefix": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["sv_truncate", "lowercase", "asciifolding", "sv_edge_ngram"],
        },
        "sv_prefix_search": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["sv_truncate", "lowercase", "asciifolding"],
        },
    }
    return {"filter": filters, "analyzer": analyzers}


def _text_field(*, prefix: bool) -> dict:
    fields: dict[str, dict] = {"folded": {"type": "text", "analyzer": "sv_folded"}}
    if prefix:
        fields["prefix"] = {
            "type": "text",
            "analyzer": "sv_prefix",
            "search_analyzer": "sv_prefix_search",
        }
    return {
        "type": "text",
        "analyzer": "sv_index",
        "search_analyzer": "sv_search",
        "fields": fields,
    }


def build_mappings() -> dict:
    """Mappings for the document contract; unknown fields are kept in _source but not indexed."""
    properties: dict[str, dict] = {name: {"type": "keyword"} for name in KEYWORD_FIELDS}
    for name in TEXT_FIELDS:
        properties[name] = _text_field(prefix=name in PREFIX_FIELDS)
    properties["title"] = _text_field(prefix=True)
    properties["url"] = {"type": "keyword", "index": False}
    properties["contact"] = {"type": "object", "enabled": False}
    properties["prior"] = {"type": "float"}
    return {"dynamic": False, "properties": properties}


def build_index_body(
    *,
    synonyms_set: str,
    word_list: list[str] | None = None,
    override_rules: list[str] | None = None,
) -> dict:
    """The create-index body: settings (analysis) and mappings; word lists default to the repo's."""
    analysis = build_analysis(
        word_list=compound_words() if word_list is None else word_list,
        override_rules=compound_override_rules() if override_rules is None else override_rules,
        synonyms_set=synonyms_set,
    )
    return {
        "settings": {
            "index": {"number_of_shards": 1, "auto_expand_replicas": "0-1"},
            "analysis": analysis,
        },
        "mappings": build_mappings(),
    }
