"""The embedded, zero-config engine: our own document table plus an in-process inverted index.

Why not FTS5 / PostgreSQL full-text directly: the relevance work (Swedish stemming, lemmas,
compound parts, legal-reference tokens) happens in our analysis chain, so the database only has to
store analysed terms. Keeping them in one ordinary table (`search.IndexedDocument`) makes the engine
identical on SQLite and PostgreSQL, transactional with the records it describes (an import that
rolls back rolls its index rows back too) and free of database extensions. Each process keeps an
inverted index of those rows in memory and syncs it before queries: one indexed `MAX(seq)` query
when nothing changed, an incremental load of newer rows otherwise, and a full reload when its rows no
longer add up (a rebuild, or rows rolled back by another transaction).

Freshness: the `MAX(seq)` check runs at most once per `SYNC_INTERVAL` (1 s) per engine, so a write
made by another process may take up to that long to show. Writes made by this process (any engine
instance, any thread) are seen by the very next query: they bump a process-wide write generation,
again when their transaction commits, and an engine re-checks whenever the generation moved. Queries
inside a transaction always re-check (they may see uncommitted rows), and an index synced inside one
is not trusted afterwards, since that transaction may roll back.

Scoring is BM25F-like: every query group (one user word and its alternatives) scores the best of
its alternatives; an alternative is a list of slots (AND), a slot a set of terms (OR). Field
weights follow base.py: names 5 > roles 4 > places 3 = title 3 > keywords 2 > summary 1.5 > body 1.
Filters and the context factor (search/context.py) apply to every matching document before the
best `EngineQuery.size` are cut off; the total and the facet counts cover every match.
"""

from __future__ import annotations

import bisect
import gc
import heapq
import math
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, compress
from operator import mul
from typing import Generic, TypeVar

from django.db import transaction
from django.db.models import Max

from search.analysis.analyzer import PART, index_terms, part_slots, word_slot
from search.analysis.normalise import words
from search.backends.base import (
    FIELD_WEIGHTS,
    RERANK_FIELDS,
    EngineQuery,
    Found,
    Hit,
    by_count,
    document_digest,
    field_values,
)
from search.context import Boost
from search.models import IndexedDocument

PART_WEIGHT = 0.6
OTHER_FIELDS = 0.25
COMMON_SHARE = 0.05
COMMON_MIN = 1000
# A very common word only refines (adds no documents) once rarer words matched this many; a
# constant, not the query's size, so the cut-off never changes which documents match.
COMMON_REFINES_AFTER = 120
SLOT_CACHE = 256
# Answers kept per index state: a query asked again (a popular search, the next page, another
# reader with the same context) is not scored and counted again until the index changes.
FOUND_CACHE = 256
BOOST_TABLES = 64
BODY_B = 0.5
SUGGEST_KIND_ORDER = {"person": 0, "function": 1, "contact_point": 2, "organisation": 3}
SYNC_INTERVAL = 1.0
# Filter, facet and context fields with an inverted index (value -> uids) and per-document
# signatures (see _Index), for set-speed filtering and counting; context boosts read only these.
KEYWORD_FIELDS = ("kind", "organisation", "serves", "function", "tag", "audience")
WRITE_BATCH = 500

_generation = 0
_generation_lock = threading.Lock()


def _touch() -> None:
    """Record a write by this process so every engine here re-checks the table on its next query."""
    global _generation
    with _generation_lock:
        _generation += 1


def _written() -> None:
    _touch()
    transaction.on_commit(_touch)


def analyse_document(document: dict) -> dict[str, str]:
    """Analysed terms per weighted field, stored beside the document."""
    analysed = {}
    for name in FIELD_WEIGHTS:
        value = document.get(name) or ""
        text = " \n ".join(value) if isinstance(value, list | tuple) else str(value)
        terms = index_terms(text)
        if terms:
            analysed[name] = " ".join(terms)
    return analysed


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a full load builds millions of acyclic objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _next_seq() -> int:
    latest = IndexedDocument.objects.aggregate(latest=Max("seq"))["latest"] or 0
    return max(time.time_ns() // 1000, latest + 1)


class _Index:
    """The in-memory inverted index of one process."""

    def __init__(self):
        self.documents: dict[str, dict] = {}
        self.seqs: dict[str, int] = {}
        self.postings: dict[str, dict[str, float]] = defaultdict(dict)
        self.doc_terms: dict[str, list[str]] = {}
        self.short_terms: dict[str, dict[str, frozenset[str]]] = {}
        self.holders: dict[str, dict[str, set[str]]] = {name: {} for name in KEYWORD_FIELDS}
        # Per keyword field: each document's distinct values as a small number standing for
        # them (documents of one unit share one), and what each number stands for.
        self.signatures: dict[str, dict[str, int]] = {name: {} for name in KEYWORD_FIELDS}
        self.signature_values: dict[str, list[tuple[str, ...]]] = {
            name: [] for name in KEYWORD_FIELDS
        }
        self.signature_numbers: dict[str, dict[tuple[str, ...], int]] = {
            name: {} for name in KEYWORD_FIELDS
        }
        self.titles: list[tuple[str, str]] = []
        self.titles_dirty = True
        self.folded_titles: dict[str, str] = {}
        self.slot_cache: dict[tuple[str, ...], dict[str, float]] = {}
        self.found_cache: dict[tuple[int, str], Found] = {}
        self.boost_tables: dict[tuple[Boost, ...], list[float]] = {}
        self.seq = -1
        self.rows = 0

    def add(self, uid: str, document: dict, analysed: dict[str, str]) -> None:
        if uid in self.documents:
            self.remove(uid)
        self.slot_cache.clear()
        self.found_cache.clear()
        per_field: dict[str, list[float]] = defaultdict(list)
        fields = {name: list(map(sys.intern, text.split())) for name, text in analysed.items()}
        body_length = len(fields.get("body", ()))
        for name, terms in fields.items():
            counts = Counter(terms)
            boost = FIELD_WEIGHTS.get(name, 1.0)
            if name == "body":
                boost /= 1 - BODY_B + BODY_B * max(body_length, 1) / 300
            for term, count in counts.items():
                per_field[term].append(boost * (2.2 * count / (count + 1.2)))
        weights = {
            term: values[0] if len(values) == 1 else _combined(values)
            for term, values in per_field.items()
        }
        for term, weight in weights.items():
            self.postings[term][uid] = weight
        self.doc_terms[uid] = list(weights)
        self.short_terms[uid] = {
            name: frozenset(fields[name]) for name in RERANK_FIELDS if name in fields
        }
        for name, holders in self.holders.items():
            values = tuple(dict.fromkeys(field_values(document, name)))
            for value in values:
                uids = holders.get(value)
                if uids is None:
                    holders[value] = {uid}
                else:
                    uids.add(uid)
            numbers = self.signature_numbers[name]
            number = numbers.get(values)
            if number is None:
                number = numbers[values] = len(numbers)
                self.signature_values[name].append(values)
            self.signatures[name][uid] = number
        self.documents[uid] = document
        if not self.titles_dirty:
            for entry in _title_entries(uid, document):
                bisect.insort(self.titles, entry)

    def remove(self, uid: str) -> None:
        self.slot_cache.clear()
        self.found_cache.clear()
        for term in self.doc_terms.pop(uid, ()):
            postings = self.postings.get(term)
            if postings is not None:
                postings.pop(uid, None)
                if not postings:
                    del self.postings[term]
        self.short_terms.pop(uid, None)
        self.folded_titles.pop(uid, None)
        document = self.documents.pop(uid, None)
        for signatures in self.signatures.values():
            signatures.pop(uid, None)
        for name, holders in self.holders.items():
            for value in field_values(document, name) if document is not None else ():
                uids = holders.get(value)
                if uids is not None:
                    uids.discard(uid)
                    if not uids:
                        del holders[value]
        if document is not None and not self.titles_dirty:
            for entry in _title_entries(uid, document):
                position = bisect.bisect_left(self.titles, entry)
                if position < len(self.titles) and self.titles[position] == entry:
                    del self.titles[position]

    def values(self, uid: str, name: str) -> set[str]:
        """A document's values of field `name`."""
        return set(field_values(self.documents[uid], name))

    def holding(self, name: str, values: frozenset[str], among: set[str]) -> set[str]:
        """The documents among `among` whose field `name` holds one of `values`."""
        holders = self.holders.get(name)
        if holders is None:
            return {uid for uid in among if not values.isdisjoint(self.values(uid, name))}
        found: set[str] = set()
        for value in values:
            uids = holders.get(value)
            if uids:
                found |= uids & among
        return found

    def boost_weights(self, boosts: tuple[Boost, ...]) -> list[float]:
        """Per signature of the boosts' field, the best weight among those matching, else 0."""
        name = boosts[0].field
        table = self.boost_tables.get(boosts)
        if table is None or len(table) != len(self.signature_values[name]):
            if len(self.boost_tables) >= BOOST_TABLES:
                self.boost_tables.clear()
            table = self.boost_tables[boosts] = [
                max(
                    (boost.weight for boost in boosts if boost.matches({name: values})),
                    default=0.0,
                )
                for values in self.signature_values[name]
            ]
        return table

    def value_counts(self, name: str, among: Collection[str]) -> dict[str, int]:
        """How many documents among `among` hold each value of field `name`.

        A keyword field is counted per signature (one pass over `among`), then per value.
        """
        signatures = self.signatures.get(name)
        if signatures is None:
            return Counter(chain.from_iterable(self.values(uid, name) for uid in among))
        signature_values = self.signature_values[name]
        if len(signature_values) == 1:
            return dict.fromkeys(signature_values[0], len(among)) if among else {}
        counts: dict[str, int] = defaultdict(int)
        for number, count in Counter(map(signatures.__getitem__, among)).items():
            for value in signature_values[number]:
                counts[value] += count
        return counts

    def folded_title(self, uid: str) -> str:
        """A document's title as suggestions compare it (folded words), computed once."""
        folded = self.folded_titles.get(uid)
        if folded is None:
            folded = " ".join(words(self.documents[uid].get("title", "")))
            self.folded_titles[uid] = folded
        return folded

    def title_list(self) -> list[tuple[str, str]]:
        """(folded title suffix, uid) pairs in order, for prefix suggestions."""
        if self.titles_dirty:
            entries = [
                entry
                for uid, document in self.documents.items()
                for entry in _title_entries(uid, document)
            ]
            entries.sort()
            self.titles = entries
            self.titles_dirty = False
        return self.titles


def _combined(values: list[float]) -> float:
    """A term's weight over several fields: the best field's, plus a share of the others'."""
    best = max(values)
    return best + OTHER_FIELDS * (sum(values) - best)


def _title_entries(uid: str, document: dict) -> set[tuple[str, str]]:
    entries = set()
    for phrase in dict.fromkeys([document.get("title", ""), *(document.get("names") or [])]):
        folded = words(phrase)
        for position in range(len(folded)):
            entries.add((" ".join(folded[position:]), uid))
    return entries


class EmbeddedEngine:
    """The default engine; safe to share between threads."""

    name = "embedded"

    def __init__(self, *, sync_interval: float = SYNC_INTERVAL):
        self._lock = threading.RLock()
        self._index = _Index()
        self._sync_interval = sync_interval
        self._checked: tuple[float, int] | None = None

    # --- writes ---------------------------------------------------------------------------

    def index_documents(self, documents: Iterable[dict]) -> int:
        rows = [
            IndexedDocument(
                uid=document["uid"],
                kind=document["kind"],
                data=document,
                terms=analyse_document(document),
                deleted=False,
                digest=document_digest(document),
            )
            for document in documents
        ]
        if not rows:
            return 0
        with transaction.atomic():
            _written()
            seq = _next_seq()
            for start in range(0, len(rows), WRITE_BATCH):
                chunk = rows[start : start + WRITE_BATCH]
                for row in chunk:
                    row.seq = seq
                IndexedDocument.objects.filter(uid__in=[row.uid for row in chunk]).delete()
                IndexedDocument.objects.bulk_create(chunk)
        return len(rows)

    def delete_documents(self, uids: Iterable[str]) -> int:
        uids = list(dict.fromkeys(uids))
        if not uids:
            return 0
        existing = 0
        with transaction.atomic():
            _written()
            seq = _next_seq()
            for start in range(0, len(uids), WRITE_BATCH):
                chunk = uids[start : start + WRITE_BATCH]
                existing += IndexedDocument.objects.filter(uid__in=chunk, deleted=False).count()
                IndexedDocument.objects.filter(uid__in=chunk).delete()
                IndexedDocument.objects.bulk_create(
                    [
                        IndexedDocument(uid=uid, kind=uid.split(":", 1)[0], seq=seq, deleted=True)
                        for uid in chunk
                    ]
                )
        return existing

    def stale(self, expected: dict[str, str | None]) -> set[str]:
        """Uids whose row differs from `expected`: another digest, missing, or live when absent."""
        uids = list(expected)
        stored: dict[str, str | None] = {}
        for start in range(0, len(uids), WRITE_BATCH):
            rows = IndexedDocument.objects.filter(uid__in=uids[start : start + WRITE_BATCH])
            for uid, digest, deleted in rows.values_list("uid", "digest", "deleted"):
                stored[uid] = None if deleted else digest
        return {uid for uid, digest in expected.items() if stored.get(uid) != digest}

    def rebuild(self, documents: Iterable[dict]) -> int:
        with transaction.atomic():
            _written()
            IndexedDocument.objects.all().delete()
            count = 0
            chunk: list[dict] = []
            for document in documents:
                chunk.append(document)
                if len(chunk) >= 1000:
                    count += self.index_documents(chunk)
                    chunk = []
            count += self.index_documents(chunk)
        return count

    # --- reads ----------------------------------------------------------------------------

    def sync(self) -> _Index:
        """Bring this process's index up to date with the table (see the module docstring)."""
        checked = self._checked
        in_transaction = transaction.get_connection().in_atomic_block
        if (
            checked is not None
            and checked[1] == _generation
            and not in_transaction
            and time.monotonic() - checked[0] < self._sync_interval
        ):
            return self._index
        with self._lock:
            started, generation = time.monotonic(), _generation
            index = self._load()
            self._checked = None if in_transaction else (started, generation)
            return index

    def _load(self) -> _Index:
        index = self._index
        latest = IndexedDocument.objects.aggregate(latest=Max("seq"))["latest"] or 0
        if latest == index.seq:
            return index
        if latest > index.seq >= 0:
            newer = list(
                IndexedDocument.objects.filter(seq__gt=index.seq).values_list(
                    "uid", "data", "terms", "seq", "deleted"
                )
            )
            replaced = sum(1 for row in newer if index.seqs.get(row[0], latest + 1) <= index.seq)
            older = IndexedDocument.objects.filter(seq__lte=index.seq).count()
            if older == index.rows - replaced:
                self._apply(index, newer)
                index.seq = latest
                return index
        index = _Index()
        with _collector_paused():
            self._apply(
                index,
                IndexedDocument.objects.values_list("uid", "data", "terms", "seq", "deleted")
                .order_by("seq")
                .iterator(chunk_size=2000),
            )
            index.seq = latest
            index.title_list()
        self._index = index
        return index

    def _apply(self, index: _Index, rows) -> None:
        for uid, data, terms, seq, deleted in rows:
            if uid not in index.seqs:
                index.rows += 1
            index.seqs[uid] = seq
            if deleted:
                index.remove(uid)
            else:
                index.add(uid, data, terms)

    def count(self) -> int:
        return len(self.sync().documents)

    def document_frequency(self, term: str) -> int:
        index = self.sync()
        return len(index.postings.get(term, ())) + len(index.postings.get(PART + term, ()))

    def vocabulary(self) -> list[str]:
        """Every whole-word term in the index (for spelling suggestions)."""
        return [term for term in self.sync().postings if not term.startswith(PART)]

    def get(self, uid: str) -> dict | None:
        return self.sync().documents.get(uid)

    def search(self, query: EngineQuery) -> Found:
        """The hits, total and facets of `query`; asked again on the same index state, from memory.

        The key holds the index's sequence number, so an answer computed while a sync was applying
        changes is never served after it.
        """
        index = self.sync()
        key = (index.seq, repr(query))
        if (found := index.found_cache.get(key)) is not None:
            return found
        found = self._found(index, query)
        if len(index.found_cache) >= FOUND_CACHE:
            index.found_cache.clear()
        index.found_cache[key] = found
        return found

    def _found(self, index: _Index, query: EngineQuery) -> Found:
        scores = self._scores(index, query)
        filters = {name: frozenset(values) for name, values in query.filters.items() if values}
        matched = set(scores) if filters else set()
        passing = {name: index.holding(name, values, matched) for name, values in filters.items()}
        kept: Collection[str] = matched.intersection(*passing.values()) if filters else scores
        facets = {}
        for name in query.facets:
            others = [uids for other, uids in passing.items() if other != name]
            among = matched.intersection(*others) if name in passing else kept
            facets[name] = by_count(index.value_counts(name, among))
        if passing:
            scores = {uid: scores[uid] for uid in kept}
        if query.context:
            self._apply_context(index, scores, query.context)
        ranked = _best(scores, query.size)
        return Found(
            hits=[
                Hit(
                    uid=uid,
                    score=score,
                    document=index.documents[uid],
                    terms=index.short_terms[uid],
                )
                for uid, score in ranked
            ],
            total=len(kept),
            facets=facets,
        )

    @staticmethod
    def _apply_context(index: _Index, scores: dict[str, float], boosts: tuple[Boost, ...]) -> None:
        """Multiply each score by its best matching boost's weight (search.context.context_weight).

        Boosts read keyword fields: whether one matches is worked out once per signature.
        """
        uids = list(scores)
        best: list[float] | None = None
        for name in dict.fromkeys(boost.field for boost in boosts):
            table = index.boost_weights(tuple(boost for boost in boosts if boost.field == name))
            weights = list(map(table.__getitem__, map(index.signatures[name].__getitem__, uids)))
            best = weights if best is None else list(map(max, best, weights))
        if best is not None:
            values = list(scores.values())
            boosted = map(mul, compress(values, best), filter(None, best))
            scores.update(zip(compress(uids, best), boosted, strict=True))

    def _scores(self, index: _Index, query: EngineQuery) -> dict[str, float]:
        """The text score of every document matching at least one query group.

        Dicts handed back by `_alternative` may be the slot cache's own: read, never changed.
        """
        total = max(len(index.documents), 1)
        weights = getattr(query, "weights", None) or {}
        groups = [*query.should, *((phrase,) for phrase in query.phrases)]
        frequencies = {group: self._frequency(index, group) for group in groups}
        groups.sort(key=frequencies.__getitem__)
        scores: dict[str, float] = {}
        for group in groups:
            common = frequencies[group] > max(COMMON_SHARE * total, COMMON_MIN)
            restrict = scores if common and len(scores) >= COMMON_REFINES_AFTER else None
            best: dict[str, float] | None = None
            shared = False
            for alternative in group:
                factor = weights.get(alternative, 1.0)
                found = self._alternative(index, alternative, total, restrict)
                found_shared = factor == 1.0
                if not found_shared:
                    found = {uid: value * factor for uid, value in found.items()}
                if best is None:
                    best, shared = found, found_shared
                    continue
                if shared:
                    best, shared = dict(best), False
                get = best.get
                for uid, value in found.items():
                    if value > get(uid, 0.0):
                        best[uid] = value
            if not best:
                continue
            if not scores:
                scores = dict(best) if shared else best
                continue
            get = scores.get
            for uid, value in best.items():
                scores[uid] = get(uid, 0.0) + value
        return scores

    @staticmethod
    def _frequency(index: _Index, group: tuple[str, ...]) -> int:
        """How many postings a group may touch (an upper bound, from its words' terms)."""
        count = 0
        for alternative in group:
            for word in words(alternative):
                for term in word_slot(word):
                    count += len(index.postings.get(term, ())) + len(
                        index.postings.get(PART + term, ())
                    )
        return count

    def _slot(
        self, index: _Index, slot: tuple[str, ...], total: int, restrict: Collection[str] | None
    ) -> dict[str, float]:
        """Each document's best weighted term of the slot (cached when unrestricted)."""
        if restrict is None:
            cached = index.slot_cache.get(slot)
            if cached is not None:
                return cached
        found: dict[str, float] = {}
        for term in slot:
            for key, factor in ((term, 1.0), (PART + term, PART_WEIGHT)):
                postings = index.postings.get(key)
                if not postings:
                    continue
                idf = math.log(1 + total / len(postings)) * factor
                if restrict is not None and len(restrict) < len(postings):
                    values = {uid: postings[uid] * idf for uid in restrict if uid in postings}
                else:
                    values = {uid: weight * idf for uid, weight in postings.items()}
                if len(values) > len(found):
                    found, values = values, found
                get = found.get
                for uid, value in values.items():
                    if value > get(uid, 0.0):
                        found[uid] = value
        if restrict is None:
            if len(index.slot_cache) >= SLOT_CACHE:
                index.slot_cache.clear()
            index.slot_cache[slot] = found
        return found

    def _alternative(
        self,
        index: _Index,
        alternative: str,
        total: int,
        restrict: Collection[str] | None = None,
    ) -> dict[str, float]:
        """Scores of one alternative: its words AND-ed; an unknown word may match by its parts."""
        slots: list[tuple[str, ...]] = []
        for word in words(alternative):
            slot = word_slot(word)
            if "_" not in word and not any(term in index.postings for term in slot):
                parts = part_slots(word)
                if parts:
                    slots += parts
                    continue
            slots.append(slot)
        if not slots:
            return {}
        result: dict[str, float] | None = None
        for slot in slots:
            found = self._slot(index, slot, total, restrict if result is None else result)
            if result is None:
                result = found
            elif len(found) < len(result):
                result = {uid: result[uid] + value for uid, value in found.items() if uid in result}
            else:
                result = {uid: value + found[uid] for uid, value in result.items() if uid in found}
            if not result:
                return {}
        if len(slots) == 1:
            return result
        return {uid: value / len(slots) for uid, value in result.items()}

    def suggest(self, prefix: str, *, size: int = 8) -> list[Hit]:
        folded = " ".join(words(prefix))
        if not folded:
            return []
        index = self.sync()
        titles = index.title_list()
        start = bisect.bisect_left(titles, (folded, ""))
        seen: dict[str, tuple] = {}
        for key, uid in titles[start : start + 400]:
            if not key.startswith(folded):
                break
            document = index.documents[uid]
            rank = (
                not index.folded_title(uid).startswith(folded),
                SUGGEST_KIND_ORDER.get(document["kind"], 4),
                len(key),
            )
            if uid not in seen or rank < seen[uid]:
                seen[uid] = rank
        ranked = sorted(seen, key=lambda uid: (seen[uid], uid))[:size]
        return [Hit(uid=uid, score=1.0, document=index.documents[uid]) for uid in ranked]

    def reset(self) -> None:
        """Forget the in-memory index (the next query reloads it)."""
        with self._lock:
            self._index = _Index()
            self._checked = None


def _best(scores: dict[str, float], size: int) -> list[tuple[str, float]]:
    """The `size` best (uid, score) pairs: highest score first, then by uid."""
    if size <= 0:
        return []
    if len(scores) <= size:
        candidates = list(scores.items())
    else:
        threshold = heapq.nlargest(size, scores.values())[-1]
        kept = compress(scores, map(threshold.__le__, scores.values()))
        candidates = [(uid, scores[uid]) for uid in kept]
    return sorted(candidates, key=lambda item: (-item[1], item[0]))[:size]


T = TypeVar("T")


class Derived(Generic[T]):
    """A value computed from the process's embedded index, recomputed only when the index changed."""

    def __init__(self, compute: Callable[[_Index], T]):
        self._compute = compute
        self._seq: int | None = None
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        index = get_default().sync()
        with self._lock:
            if self._seq != index.seq:
                self._value = self._compute(index)
                self._seq = index.seq
            return self._value


_default: EmbeddedEngine | None = None
_default_lock = threading.Lock()


def get_default() -> EmbeddedEngine:
    """The process-wide embedded engine."""
    global _default
    with _default_lock:
        if _default is None:
            _default = EmbeddedEngine()
        return _default
