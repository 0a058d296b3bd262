"""An explicit place in the query overrides the searcher's context (SPEC §5.3).

A query word names a place when every organisation whose name holds it as a whole word (not as a
compound part) serves exactly one and the same municipality, and none serves everyone: "Lekeby"
(Lekeby kommun, BVC Lekeby, Kommunpolisen Lekeby) names Lekeby; "Bergslagen" (Region Bergslagen,
for everyone) names no place. Organisation names and what they serve come from the embedded
index, read again only when it changes.
"""

from __future__ import annotations

from collections import defaultdict

from search.analysis.analyzer import PART
from search.backends import embedded
from search.context import SearchContext
from search.query import Analysed


def _served_by_name_term(index) -> dict[str, frozenset[tuple[str, ...]]]:
    """Per whole-word organisation name term, the `serves` of the organisations so named."""
    served: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for uid, document in index.documents.items():
        if document.get("kind") != "organisation":
            continue
        serves = tuple(sorted(document.get("serves") or ()))
        for term in index.short_terms.get(uid, {}).get("names", ()):
            if not term.startswith(PART):
                served[term].add(serves)
    return {term: frozenset(found) for term, found in served.items()}


_place_terms = embedded.Derived(_served_by_name_term)


def named_places(analysed: Analysed) -> tuple[str, ...]:
    """The municipality keys the query's words name, in query order."""
    served = _place_terms.get()
    places: list[str] = []
    for group in analysed.groups:
        found = set().union(*(served.get(term, ()) for term in group if not term.startswith(PART)))
        if len(found) == 1:
            (serves,) = found
            if len(serves) == 1:
                places.append(serves[0])
    return tuple(dict.fromkeys(places))


def effective_context(context: SearchContext | None, analysed: Analysed) -> SearchContext:
    """The context to rank in: the searcher's, unless the query names a place elsewhere.

    A place in another municipality than the searcher's replaces the context by that
    municipality (as its body, and as the municipality shared bodies must serve). Without a
    context (nobody, or `context=none`) the result is an empty context: ranking as for everyone.
    """
    if not context:
        return SearchContext()
    named = named_places(analysed)
    if not named or set(named) <= set(context.municipalities):
        return context
    return SearchContext(bodies=named, municipalities=named)
