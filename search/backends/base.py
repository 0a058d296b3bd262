"""The contract between the search service and an engine (embedded or Elasticsearch).

A *document* is a flat dict in the shape of search/documents.py for every searchable record:

    uid            "person:p002"          kind + ":" + id, unique
    kind           person | function | contact_point | organisation | guideline | directive |
                   forum | meeting | glossary | page | document
    id             import id for directory records, slug for pages
    title          display title (person: full name)
    url            absolute path on the site
    names          the record's own name(s): person full name, function name, unit name,
                   contact point name, glossary terms                                   boost 5
    roles          function names and their synonyms held/served (people: every current
                   position's function; functions: own synonyms)                         boost 4
    places         organisation names (with ancestors), areas served, schools           boost 3
    title_text     page titles                                                          boost 3
    keywords       tags, topics, expertise, abbreviations, legal references normalised  boost 2
    summary        summaries, purposes, mandates in short                               boost 1.5
    body           full text                                                            boost 1
    organisation   list of organisation keys (own and ancestors), for filtering/facets/context
    serves         list of municipality keys the record is for (a municipal record: its own
                   municipality; a region or police unit: the municipalities it serves; empty
                   when it is for everyone), for context ranking (search/context.py)
    function       list of function keys, for filtering/facets
    tag            list of tags
    audience       list of audience function keys
    contact        {"phone": ..., "email": ..., "hours": ...} for answer cards
    prior          float, a kind/quality prior used by the ranker (1.0 = neutral)

Protected people never become documents. Engines store each document's `document_digest()` so
a caller can ask which documents differ from what the records say (`stale()`) without reading
them back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from search.context import Boost

# Field weights of the document contract, read by both engines (as boosts by Elasticsearch).
FIELD_WEIGHTS: dict[str, float] = {
    "names": 5.0,
    "roles": 4.0,
    "places": 3.0,
    "title_text": 3.0,
    "keywords": 2.0,
    "summary": 1.5,
    "body": 1.0,
}

# Short fields whose index-time terms an engine may hand back with each hit, for reranking.
RERANK_FIELDS = ("names", "roles", "places", "title_text", "keywords")


def document_digest(document: dict) -> str:
    """A short, stable fingerprint of a document's content (key order does not matter)."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def field_values(document: dict, name: str) -> list[str]:
    """A document's values of a filter field (a single string counts as one value)."""
    value = document.get(name)
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def by_count(counts: dict[str, int]) -> dict[str, int]:
    """Facet counts most frequent first, then by value."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True)
class Hit:
    """One matching document as an engine returns it (`terms`: its RERANK_FIELDS' index terms)."""

    uid: str
    score: float
    document: dict
    highlights: dict[str, list[str]] = field(default_factory=dict)
    terms: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class EngineQuery:
    """An analysed query, ready to be compiled by an engine.

    `should` groups are alternatives for one user word (the word, its stem, expansions, fuzzy
    corrections); a document matching more groups ranks higher. `phrases` are multi-word
    expansions (e.g. "samordnad individuell plan"). `filters` maps a document list field
    (organisation, function, tag, audience, kind) to accepted values; a document must hold one
    of them for every field with values. `facets` names the fields to count values of.
    `context` are the searcher's boosts (search/context.py), applied by the engine before its
    candidate cut-off of `size` hits.
    """

    text: str
    should: tuple[tuple[str, ...], ...] = ()
    phrases: tuple[str, ...] = ()
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    facets: tuple[str, ...] = ()
    context: tuple[Boost, ...] = ()
    size: int = 200
    weights: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Found:
    """What a search found: the best `hits` (at most `size`), the exact `total` and `facets`.

    `total` counts every document matching the text and all filters, whatever the cut-off.
    `facets` holds, for each field asked for, the number of documents per value among those
    matching the text and every filter except that field's own (disjunctive facets), most
    frequent first.
    """

    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


class SearchEngine(Protocol):
    """What every engine implements; only modules in search/backends talk to an engine."""

    name: str

    def index_documents(self, documents: Iterable[dict]) -> int: ...

    def delete_documents(self, uids: Iterable[str]) -> int: ...

    def rebuild(self, documents: Iterable[dict]) -> int: ...

    def search(self, query: EngineQuery) -> Found: ...

    def suggest(self, prefix: str, *, size: int = 8) -> list[Hit]: ...

    def count(self) -> int: ...

    def stale(self, expected: dict[str, str | None]) -> set[str]:
        """The uids whose stored state differs from `expected` (uid -> digest, None = absent)."""
        ...


@dataclass(frozen=True)
class Change:
    """One change of the outbox: index `document` (or delete when None) as version `seq`."""

    uid: str
    seq: int
    document: dict | None


class PrimaryEngine(SearchEngine, Protocol):
    """An engine fed from the outbox (Elasticsearch): applies versioned changes in bulk.

    A change older than the version the engine already holds for a uid is ignored, so changes
    sent twice or out of order never undo a newer one.
    """

    def apply_changes(self, changes: list[Change]) -> int: ...
