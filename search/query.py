"""Query understanding: a cleaned query taken apart into an EngineQuery, plus spelling help.

Legal references, intent words, synonyms and abbreviations, compound parts and close spellings of
unknown words each become alternatives of one `should` group per user word (see EngineQuery).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from search.analysis import intent as intents
from search.analysis import legal, synonyms
from search.analysis.analyzer import PART, part_slots, query_words, word_slot
from search.analysis.normalise import fold, words
from search.backends import embedded
from search.backends.base import EngineQuery

CANDIDATES = 120
MAX_WORDS = 12
EXPANSION_WEIGHT = 0.85
FUZZY_WEIGHT = 0.7
PARTS_WEIGHT = 0.75
_WORD_SPAN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Analysed:
    """A query taken apart: the engine query plus what ranking and snippets need."""

    engine_query: EngineQuery
    groups: tuple[frozenset[str], ...]
    intent: intents.Intent
    corrections: dict[str, str]
    terms: frozenset[str]


def _whole_words(index) -> tuple[list[str], set[str]]:
    """Whole-word index terms: those long enough to respell towards, and every known one."""
    known = {term for term in index.postings if not term.startswith(PART)}
    return sorted(term for term in known if term.isalpha() and len(term) > 3), known


_vocabulary = embedded.Derived(_whole_words)


def _corrections(word: str, terms: list[str]) -> list[str]:
    """Close spellings and completions of an unknown word."""
    if len(word) < 4 or not word.isalpha():
        return []
    found = process.extract(word, terms, scorer=fuzz.ratio, limit=3, score_cutoff=80)
    options = [match for match, _, _ in found]
    if len(word) >= 5:
        completions = [term for term in terms if term.startswith(word)]
        options += sorted(completions, key=len)[:2]
    return list(dict.fromkeys(options))[:3]


def _alternative_terms(alternative: str) -> frozenset[str]:
    """Every index term one alternative of a group may match."""
    return frozenset(term for word in words(alternative) for term in word_slot(word))


def analyse(text: str) -> Analysed:
    """Turn a cleaned query (see search.params) into an EngineQuery and ranking hints."""
    intent = intents.detect(text)
    legal_tokens, rest = legal.extract(text)
    tokens = query_words(rest)
    kept = [token for token in tokens if token not in intent.dropped] or tokens
    kept = kept[:MAX_WORDS]
    vocabulary, known = _vocabulary.get()
    should: list[tuple[str, ...]] = []
    weights: dict[str, float] = {}
    corrections: dict[str, str] = {}
    covered: set[int] = set()
    for start, end, phrases in synonyms.expand(kept):
        original = " ".join(kept[start:end])
        group = [original, *(phrase for phrase in phrases if words(phrase) != kept[start:end])]
        for phrase in group[1:]:
            weights.setdefault(phrase, EXPANSION_WEIGHT)
        should.append(tuple(dict.fromkeys(group)))
        covered.update(range(start, end))
    for position, token in enumerate(kept):
        if position in covered:
            continue
        group = [token]
        if not known.intersection(word_slot(token)):
            parts = part_slots(token)
            if parts:
                alternative = " ".join(slot[0] for slot in parts)
                group.append(alternative)
                weights.setdefault(alternative, PARTS_WEIGHT)
            else:
                fixes = _corrections(token, vocabulary)
                for fix in fixes:
                    weights.setdefault(fix, FUZZY_WEIGHT)
                group += fixes
                if fixes:
                    corrections[token] = fixes[0]
        should.append(tuple(group))
    for token in legal_tokens:
        should.append((token,))
    engine_query = EngineQuery(text=text, should=tuple(should), weights=weights, size=CANDIDATES)
    groups = tuple(
        frozenset().union(*(_alternative_terms(alternative) for alternative in group))
        for group in should
    )
    return Analysed(engine_query, groups, intent, corrections, frozenset().union(*groups))


def did_you_mean(text: str, analysed: Analysed | None = None) -> str | None:
    """The query with unknown words respelt from the index vocabulary, when any were.

    Words of a known phrase (a synonym, an English term) are never respelt.
    """
    analysed = analysed or analyse(text)
    vocabulary, known = _vocabulary.get()
    fixes: dict[str, str] = {}
    tokens = query_words(text)
    known_phrases = {pos for start, end, _ in synonyms.expand(tokens) for pos in range(start, end)}
    for position, token in enumerate(tokens):
        if position in known_phrases:
            continue
        fix = analysed.corrections.get(token)
        if fix is None and not known.intersection(word_slot(token)):
            options = process.extract(
                token, vocabulary, scorer=fuzz.ratio, limit=1, score_cutoff=70
            )
            fix = options[0][0] if options else None
        if fix and fix != token:
            fixes[token] = fix
    if not fixes:
        return None
    return _WORD_SPAN.sub(lambda match: fixes.get(fold(match.group()), match.group()), text)
