"""Reranking engine hits: who-at-place, intent and kind priors (the answer card: search.answers).

Reranking looks at which short fields of a hit a query group matches. It uses the terms the
engine analysed at index time (`Hit.terms`); only hits without them (Elasticsearch keeps its
analysis to itself) are analysed here, with the same chain, each field text once per process.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from search.analysis.analyzer import PART, index_terms
from search.backends.base import RERANK_FIELDS, Hit
from search.query import Analysed

PEOPLE_KINDS = ("person", "contact_point")
FIELD_TEXT_CACHE = 100_000


def hit_terms(hit: Hit) -> Mapping[str, frozenset[str]]:
    """The analysed terms of a hit's short fields: the engine's, else analysed now."""
    if hit.terms:
        return hit.terms
    document = hit.document
    analysed = {}
    for name in RERANK_FIELDS:
        value = document.get(name) or ""
        text = " \n ".join(value) if isinstance(value, list | tuple) else str(value)
        analysed[name] = _text_terms(text)
    return analysed


@lru_cache(maxsize=FIELD_TEXT_CACHE)
def _text_terms(text: str) -> frozenset[str]:
    return frozenset(index_terms(text))


def _matched_fields(
    whole: frozenset[str], with_parts: frozenset[str], fields: Mapping[str, frozenset[str]]
) -> set[str]:
    """Fields a group matches: roles by whole words only, other fields also by compound parts."""
    return {
        name
        for name, terms in fields.items()
        if not (whole if name == "roles" else with_parts).isdisjoint(terms)
    }


Groups = list[tuple[frozenset[str], frozenset[str]]]


def query_groups(analysed: Analysed) -> Groups:
    """Each query group's terms, alone (for roles) and with their compound-part forms."""
    return [(group, group | frozenset(PART + term for term in group)) for group in analysed.groups]


def matched_groups(hit: Hit, groups: Groups) -> list[set[str]]:
    """For each query group, the short fields of the hit it matches (roles by whole words)."""
    fields = hit_terms(hit)
    return [_matched_fields(whole, parts, fields) for whole, parts in groups]


def rerank(hits: list[Hit], analysed: Analysed) -> list[tuple[float, Hit]]:
    """Rescore engine hits with who-at-place, intent and kind priors; best first."""
    if not hits:
        return []
    top = max(hit.score for hit in hits) or 1.0
    groups = query_groups(analysed)
    intent = analysed.intent
    scored = []
    for hit in hits:
        document = hit.document
        kind = document.get("kind")
        per_group = matched_groups(hit, groups)
        role_groups = sum(1 for matched in per_group if "roles" in matched)
        place_groups = sum(
            1 for matched in per_group if "places" in matched and "roles" not in matched
        )
        short_cover = sum(1 for matched in per_group if matched) / max(len(groups), 1)
        name_groups = sum(1 for matched in per_group if "names" in matched)
        factor = float(document.get("prior") or 1.0)
        factor *= 1 + 0.5 * short_cover
        if name_groups == len(groups) and kind != "glossary":
            factor *= 1.4
        if kind == "person" and not role_groups and not name_groups:
            factor *= 0.6
        if kind in PEOPLE_KINDS and role_groups and place_groups:
            factor *= 1.6
        if intent.who and kind in PEOPLE_KINDS:
            factor *= 1.25
        if intent.function and kind == "function":
            factor *= 1.3
        if intent.contact_details:
            if kind in ("contact_point", "organisation"):
                factor *= 1.25
            elif kind == "person" and not intent.who:
                factor *= 0.8
        if kind in intent.kinds:
            factor *= 1.6
        scored.append((hit.score / top * factor, hit))
    scored.sort(key=lambda item: (-item[0], item[1].uid))
    return scored
