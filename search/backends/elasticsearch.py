"""The Elasticsearch 9 engine: the only module that talks to the `elasticsearch` client.

Request bodies are compiled by pure functions (`build_search_body`, `build_suggest_body`,
`build_bulk_actions`, `build_delete_actions`, `build_alias_actions`, and
`es_settings.build_index_body`) so the contract tests can pin them without a cluster.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk

from search.backends import es_settings
from search.backends.base import (
    FIELD_WEIGHTS,
    Change,
    EngineQuery,
    Found,
    Hit,
    by_count,
    document_digest,
)
from search.backends.resilient import EngineUnavailable
from search.context import Boost

# Outages are reported once per interval by the resilient wrapper; the transport would warn on
# every failed request.
logging.getLogger("elastic_transport").setLevel(logging.ERROR)

MAX_GROUPS = 32
MGET_BATCH = 1000
# Outbox changes carry their own version: an older one than the index holds is refused (409).
VERSION_TYPE = "external"
IGNORED_STATUS = (404, 409)
MAX_ALTERNATIVES = 12
MAX_PHRASES = 12
FUZZINESS = "AUTO"
# Elasticsearch's index.max_result_window: a search never asks for more hits than this.
MAX_RESULT_WINDOW = 10_000
# Facet values counted per field (organisations are the most numerous, ~1,000 in a county).
FACET_SIZE = 2_000
ADMIN_TIMEOUT = 120.0
# Indexing or deleting glossary documents means editors changed synonyms: reload them.
GLOSSARY_KIND = "glossary"
HIGHLIGHT = {
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",
    "fields": {
        "body": {"fragment_size": 160, "number_of_fragments": 2},
        "summary": {"fragment_size": 160, "number_of_fragments": 1},
        "names": {"number_of_fragments": 0},
        "title_text": {"number_of_fragments": 0},
    },
}


def main_fields() -> list[str]:
    """The analysed fields with their boosts: names^5 … body^1."""
    return [f"{name}^{boost:g}" for name, boost in FIELD_WEIGHTS.items()]


def folded_fields() -> list[str]:
    """The diacritics-folded sub-fields, boosted below their main field."""
    factor = es_settings.FOLDED_BOOST_FACTOR
    return [f"{name}.folded^{boost * factor:g}" for name, boost in FIELD_WEIGHTS.items()]


def _alternative_clauses(text: str, weight: float = 1.0) -> list[dict]:
    """Main fields (fuzzy unless the text holds digits, e.g. legal tokens) plus folded fields."""
    boost = {} if weight == 1.0 else {"boost": weight}
    fuzzy = (
        {}
        if any(char.isdigit() for char in text)
        else {"fuzziness": FUZZINESS, "prefix_length": 1, "max_expansions": 20}
    )
    return [
        {
            "multi_match": {
                "query": text,
                "fields": main_fields(),
                "type": "best_fields",
                "operator": "and",
                **fuzzy,
                **boost,
            }
        },
        {
            "multi_match": {
                "query": text,
                "fields": folded_fields(),
                "type": "best_fields",
                "operator": "and",
                **boost,
            }
        },
    ]


def _group_clause(alternatives: Iterable[str], weights: dict[str, float]) -> dict:
    queries = [
        clause
        for alternative in list(alternatives)[:MAX_ALTERNATIVES]
        for clause in _alternative_clauses(alternative, weights.get(alternative, 1.0))
    ]
    return {"dis_max": {"queries": queries}}


def _phrase_clause(phrase: str) -> dict:
    return {"multi_match": {"query": phrase, "type": "phrase", "fields": main_fields(), "slop": 1}}


def _terms_filters(filters: dict[str, tuple[str, ...]], *, without: str = "") -> list[dict]:
    """One `terms` clause per filtered field (fields without values and `without` left out)."""
    return [
        {"terms": {name: list(values)}}
        for name, values in sorted(filters.items())
        if values and name != without
    ]


def _context_function(boost: Boost) -> dict:
    """A function_score function for one context boost (search/context.py)."""
    values = list(boost.values)
    if boost.elsewhere:
        matching = {
            "bool": {
                "filter": [{"exists": {"field": boost.field}}],
                "must_not": [{"terms": {boost.field: values}}],
            }
        }
    else:
        matching = {"terms": {boost.field: values}}
    return {"filter": matching, "weight": boost.weight}


def _facet_aggregation(name: str, filters: dict[str, tuple[str, ...]]) -> dict:
    """Counts of one field's values among the hits passing every other field's filter."""
    return {
        "filter": {"bool": {"filter": _terms_filters(filters, without=name)}},
        "aggs": {"values": {"terms": {"field": name, "size": FACET_SIZE}}},
    }


def build_search_body(query: EngineQuery) -> dict:
    """Compile an analysed query: one dis_max per should group, phrases, filters, context, facets.

    `query.weights` (alternative -> factor) boosts single alternatives, as on the embedded
    engine. The context multiplies each document's score by the weight of the best boost it
    matches (function_score, score_mode max: 1 when none matches). Without facets the filters
    restrict the query; with facets they go into `post_filter`, so each facet's aggregation can
    count the matches of every other field's filter (disjunctive facets). Totals are exact.
    """
    weights = query.weights or {}
    groups = [tuple(a for a in group if a.strip()) for group in query.should[:MAX_GROUPS]]
    matching = [_group_clause(group, weights) for group in groups if group]
    matching += [_phrase_clause(p) for p in query.phrases[:MAX_PHRASES] if p.strip()]
    if not matching and query.text.strip():
        matching = [_group_clause([query.text], weights)]
    text_query = (
        {"bool": {"should": matching, "minimum_should_match": 1}} if matching else {"match_all": {}}
    )
    filters = _terms_filters(query.filters)
    scored: dict = {"bool": {"must": [text_query], "filter": [] if query.facets else filters}}
    if query.context:
        scored = {
            "function_score": {
                "query": scored,
                "functions": [_context_function(boost) for boost in query.context],
                "score_mode": "max",
                "boost_mode": "multiply",
            }
        }
    body = {
        "size": min(max(0, query.size), MAX_RESULT_WINDOW),
        "track_total_hits": True,
        "query": scored,
        "highlight": HIGHLIGHT,
    }
    if query.facets:
        body["post_filter"] = {"bool": {"filter": filters}}
        body["aggs"] = {name: _facet_aggregation(name, query.filters) for name in query.facets}
    return body


def build_suggest_body(prefix: str, *, size: int) -> dict:
    """Prefix suggestions over the edge n-gram sub-fields, every word must match."""
    return {
        "size": max(0, size),
        "query": {
            "bool": {
                "must": [
                    {
                        "multi_match": {
                            "query": prefix,
                            "type": "cross_fields",
                            "operator": "and",
                            "fields": [
                                "names.prefix^5",
                                "title.prefix^3",
                                "roles.prefix^2",
                                "title_text.prefix^2",
                                "places.prefix",
                            ],
                        }
                    }
                ]
            }
        },
        "_source": ["uid", "kind", "id", "title", "url", "prior"],
    }


def _source(document: dict) -> dict:
    return {**document, "digest": document_digest(document)}


def build_bulk_actions(documents: Iterable[dict], *, index: str) -> list[dict]:
    """Explicit bulk `index` actions, one per document, keyed by uid, with its digest."""
    return [
        {"_op_type": "index", "_index": index, "_id": doc["uid"], "_source": _source(doc)}
        for doc in documents
    ]


def build_delete_actions(uids: Iterable[str], *, index: str) -> list[dict]:
    """Explicit bulk `delete` actions."""
    return [{"_op_type": "delete", "_index": index, "_id": uid} for uid in uids]


def build_change_actions(changes: Iterable[Change], *, index: str) -> list[dict]:
    """Versioned bulk actions for outbox changes: index a document or delete it, as `seq`."""
    actions = []
    for change in changes:
        versioned = {"_id": change.uid, "version": change.seq, "version_type": VERSION_TYPE}
        if change.document is None:
            actions.append({"_op_type": "delete", "_index": index, **versioned})
        else:
            actions.append(
                {
                    "_op_type": "index",
                    "_index": index,
                    **versioned,
                    "_source": _source(change.document),
                }
            )
    return actions


def build_alias_actions(old: Iterable[str], new: str, *, alias: str) -> dict:
    """One atomic update_aliases request moving `alias` from the old indices to the new one."""
    actions = [{"remove": {"index": name, "alias": alias}} for name in old]
    actions.append({"add": {"index": new, "alias": alias}})
    return {"actions": actions}


def _hits(response) -> list[Hit]:
    return [
        Hit(
            uid=hit["_id"],
            score=float(hit.get("_score") or 0.0),
            document=hit.get("_source", {}),
            highlights=hit.get("highlight", {}),
        )
        for hit in response["hits"]["hits"]
    ]


def _facets(response, names: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """Facet counts from the per-field aggregations of build_search_body."""
    aggregations = response.get("aggregations", {})
    return {
        name: by_count(
            {
                str(bucket["key"]): int(bucket["doc_count"])
                for bucket in aggregations.get(name, {}).get("values", {}).get("buckets", [])
            }
        )
        for name in names
    }


def _unavailable(method):
    """Turn every client error into EngineUnavailable so the resilient wrapper can fall back."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except (ApiError, TransportError, BulkIndexError) as exc:
            raise EngineUnavailable(f"Elasticsearch: {type(exc).__name__}") from exc

    return wrapper


class ElasticsearchEngine:
    """SearchEngine over an index alias; rebuilds swap the alias to a fresh index atomically."""

    name = "elasticsearch"

    def __init__(self, *, url: str, index_prefix: str = "samverkan", timeout: float = 2.0):
        self.alias = index_prefix.lower()
        self.synonyms_set = f"{self.alias}-synonyms"
        self.client = Elasticsearch(
            url, request_timeout=timeout, max_retries=0, retry_on_timeout=False
        )
        # Index creation, bulk loading and alias swaps may take longer than a search.
        self.admin = self.client.options(request_timeout=max(timeout, ADMIN_TIMEOUT))

    @classmethod
    def from_settings(cls) -> ElasticsearchEngine:
        return cls(
            url=settings.ELASTICSEARCH_URL,
            index_prefix=settings.ELASTICSEARCH_INDEX_PREFIX,
            timeout=settings.ELASTICSEARCH_TIMEOUT,
        )

    def _new_index_name(self) -> str:
        return f"{self.alias}-{datetime.now(UTC).strftime('%Y%m%d%H%M%S%f')}"

    def alias_indices(self) -> list[str]:
        """The concrete indices behind the alias (one, except during a failed swap)."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def _create_index(self) -> str:
        self._put_synonyms()
        name = self._new_index_name()
        body = es_settings.build_index_body(synonyms_set=self.synonyms_set)
        self.admin.indices.create(index=name, **body)
        return name

    def _put_synonyms(self) -> int:
        rules = es_settings.synonym_rules()
        self.admin.synonyms.put_synonym(
            id=self.synonyms_set, synonyms_set=es_settings.build_synonyms_set(rules)
        )
        return len(rules)

    def _send(self, actions: list[dict], **options) -> int:
        """Send bulk actions; reload the synonyms when a glossary document is among them."""
        if not actions:
            return 0
        done, _ = bulk(self.client, actions, refresh="wait_for", **options)
        if any(action["_id"].startswith(f"{GLOSSARY_KIND}:") for action in actions):
            self.reload_synonyms()
        return done

    @_unavailable
    def index_documents(self, documents: Iterable[dict]) -> int:
        return self._send(build_bulk_actions(documents, index=self.alias), require_alias=True)

    @_unavailable
    def delete_documents(self, uids: Iterable[str]) -> int:
        return self._send(build_delete_actions(uids, index=self.alias), ignore_status=(404,))

    @_unavailable
    def apply_changes(self, changes: list[Change]) -> int:
        """Apply outbox changes in one bulk request; older versions than the index's are ignored."""
        return self._send(
            build_change_actions(changes, index=self.alias),
            require_alias=True,
            ignore_status=IGNORED_STATUS,
        )

    @_unavailable
    def stale(self, expected: dict[str, str | None]) -> set[str]:
        """Uids whose document in the index has another digest, is missing, or should be absent."""
        uids = list(expected)
        stored: dict[str, str | None] = {}
        for start in range(0, len(uids), MGET_BATCH):
            try:
                response = self.client.mget(
                    index=self.alias,
                    ids=uids[start : start + MGET_BATCH],
                    source_includes=["digest"],
                )
            except NotFoundError:
                break
            for found in response["docs"]:
                if found.get("found"):
                    stored[found["_id"]] = found.get("_source", {}).get("digest", "")
        return {uid for uid, digest in expected.items() if stored.get(uid) != digest}

    @_unavailable
    def rebuild(self, documents: Iterable[dict]) -> int:
        new = self._create_index()
        try:
            indexed, _ = bulk(self.admin, build_bulk_actions(documents, index=new))
            self.admin.indices.refresh(index=new)
            old = self.alias_indices()
            self.admin.indices.update_aliases(**build_alias_actions(old, new, alias=self.alias))
        except Exception:
            self.admin.indices.delete(index=new, ignore_unavailable=True)
            raise
        for name in old:
            self.admin.indices.delete(index=name, ignore_unavailable=True)
        return indexed

    @_unavailable
    def search(self, query: EngineQuery) -> Found:
        response = self.client.search(index=self.alias, body=build_search_body(query))
        return Found(
            hits=_hits(response),
            total=int(response["hits"]["total"]["value"]),
            facets=_facets(response, query.facets),
        )

    @_unavailable
    def suggest(self, prefix: str, *, size: int = 8) -> list[Hit]:
        if not prefix.strip() or size <= 0:
            return []
        response = self.client.search(index=self.alias, body=build_suggest_body(prefix, size=size))
        return _hits(response)

    @_unavailable
    def count(self) -> int:
        try:
            return int(self.client.count(index=self.alias)["count"])
        except NotFoundError:
            return 0

    @_unavailable
    def reload_synonyms(self) -> int:
        """Push the current synonym rules and reload the search analyzers; no reindex needed."""
        rules = self._put_synonyms()
        if self.client.indices.exists_alias(name=self.alias):
            self.admin.indices.reload_search_analyzers(index=self.alias)
        return rules

    @_unavailable
    def drop(self) -> None:
        """Delete the alias's indices and the synonyms set (used by the live test suite)."""
        for name in self.alias_indices():
            self.admin.indices.delete(index=name, ignore_unavailable=True)
        with contextlib.suppress(NotFoundError):
            self.admin.synonyms.delete_synonym(id=self.synonyms_set)
