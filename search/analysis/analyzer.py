"""The shared Swedish analysis chain: words → index terms (surface, stem, lemma, compound parts).

Index terms are plain strings; a term prefixed with "~" is a compound part and weighs less.
Queries use `word_slot()` (the terms one query word may match) and `part_slots()`.
"""

from __future__ import annotations

from functools import lru_cache

from search.analysis import compounds, legal
from search.analysis.normalise import is_stop_word, stem, words

PART = "~"


@lru_cache(maxsize=200_000)
def word_slot(word: str) -> tuple[str, ...]:
    """The index terms one folded word stands for: itself, its stem, its lemma."""
    forms = [word, stem(word)]
    lemma = compounds.lemma(word)
    if lemma:
        forms += [lemma, stem(lemma)]
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=200_000)
def part_slots(word: str) -> tuple[tuple[str, ...], ...]:
    """One slot per compound part of a folded word, or () when it does not split."""
    return tuple(tuple(dict.fromkeys([part, stem(part)])) for part in compounds.split(word))


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[str, ...]:
    terms = list(word_slot(word))
    for slot in part_slots(word):
        terms += [PART + slot[0]]
    return tuple(dict.fromkeys(terms))


def index_terms(text: str) -> list[str]:
    """Index terms of a text, in order: stop words dropped, legal references added."""
    if not text:
        return []
    terms: list[str] = []
    for word in words(text):
        if not is_stop_word(word):
            terms += _word_terms(word)
    terms += legal.tokens(text)
    return terms


def query_words(text: str) -> list[str]:
    """Folded query words without stop words."""
    return [word for word in words(text) if not is_stop_word(word)]
