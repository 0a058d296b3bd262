"""Synonyms: the maintained list in data/synonyms.txt plus the glossary's, read at query time.

English words for the commonest terms (data/english.txt) lead one way to the Swedish terms.

A group is a set of phrases that mean the same. Glossary synonyms come from the synonym providers
apps register in search/registry.py (the portal's glossary: term → other words, and an
abbreviation's expansion); they are cached briefly and dropped when a page is published, so
editors' changes apply without a reindex.
"""

from __future__ import annotations

import logging
import threading
import time
from functools import lru_cache

from search import registry
from search.analysis import wordlists
from search.analysis.normalise import stem, words

logger = logging.getLogger(__name__)

TTL_SECONDS = 60
MAX_PHRASE = 4

_lock = threading.Lock()
_cache: dict[str, object] = {"at": 0.0, "table": None}


def key(phrase: str) -> tuple[str, ...]:
    """A phrase's comparison key: its stemmed, folded words."""
    return tuple(stem(word) for word in words(phrase))


def _phrases(text: str) -> tuple[str, ...]:
    """The non-empty comma-separated phrases of a word-list line."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


@lru_cache(maxsize=1)
def maintained_groups() -> tuple[tuple[str, ...], ...]:
    return tuple(_phrases(line) for line in wordlists.read(wordlists.SYNONYMS))


@lru_cache(maxsize=1)
def english_rules() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(English phrases, Swedish terms) per rule of data/english.txt."""
    rules = []
    for line in wordlists.read(wordlists.ENGLISH):
        english, _, swedish = line.partition("=>")
        phrases, terms = _phrases(english), _phrases(swedish)
        if phrases and terms:
            rules.append((phrases, terms))
    return tuple(rules)


def _glossary_source() -> list[list[str]]:
    """Term lists from the providers: a mapping term → words, rule strings or lists all work."""
    try:
        sources = registry.synonym_sources()
    except Exception:  # noqa: BLE001 - search must work while the glossary is missing or broken
        logger.debug("glossary synonyms unavailable", exc_info=True)
        return []
    groups: list[list[str]] = []
    for source in sources:
        if isinstance(source, dict):
            groups += [
                [term, *([others] if isinstance(others, str) else list(others or []))]
                for term, others in source.items()
            ]
        else:
            groups += [
                item.split(",") if isinstance(item, str) else list(item) for item in source or []
            ]
    return groups


def glossary_groups() -> list[tuple[str, ...]]:
    """One group per glossary term: the term and its synonyms."""
    groups = []
    for phrases in _glossary_source():
        group = tuple(
            dict.fromkeys(
                str(phrase).strip() for phrase in phrases if phrase and words(str(phrase))
            )
        )
        if len(group) > 1:
            groups.append(group)
    return groups


def table() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Phrase key → every phrase of its groups (cached for TTL_SECONDS)."""
    with _lock:
        cached = _cache["table"]
        if cached is not None and time.monotonic() - _cache["at"] < TTL_SECONDS:
            return cached  # type: ignore[return-value]
    built: dict[tuple[str, ...], list[str]] = {}
    for group in [*maintained_groups(), *glossary_groups()]:
        for phrase in group:
            phrase_key = key(phrase)
            if not phrase_key or len(phrase_key) > MAX_PHRASE:
                continue
            merged = built.setdefault(phrase_key, [])
            merged.extend(other for other in group if other not in merged)
    for phrases, terms in english_rules():
        swedish = [
            phrase for term in terms for phrase in (term, *built.get(key(term), ())) if phrase
        ]
        for phrase in phrases:
            phrase_key = key(phrase)
            if phrase_key and len(phrase_key) <= MAX_PHRASE and phrase_key not in built:
                built[phrase_key] = list(dict.fromkeys([phrase, *swedish]))
    result = {phrase_key: tuple(phrases) for phrase_key, phrases in built.items()}
    with _lock:
        _cache.update(at=time.monotonic(), table=result)
    return result


def clear() -> None:
    """Forget cached glossary synonyms (called when glossary pages change)."""
    with _lock:
        _cache.update(at=0.0, table=None)


def expand(tokens: list[str]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Spans (start, end) of query words with a synonym group, longest match first."""
    lookup = table()
    stems = [stem(token) for token in tokens]
    found = []
    start = 0
    while start < len(tokens):
        for length in range(min(MAX_PHRASE, len(tokens) - start), 0, -1):
            phrases = lookup.get(tuple(stems[start : start + length]))
            if phrases:
                found.append((start, start + length, phrases))
                start += length
                break
        else:
            start += 1
    return found
