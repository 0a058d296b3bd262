"""The one entry to search: `search()`, `suggest()`, `get_engine()` and `rebuild_index()`.

Pipeline: analyse the query (legal references, intent, synonyms, spelling) into an EngineQuery →
retrieve up to `CANDIDATES` hits from the engine → rerank them in Python (linear in candidates:
who-at-place, intent, kind priors) → filter, facet, page, snippet and pick the answer card.
"""

from __future__ import annotations

import html
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from rapidfuzz import fuzz, process

from search.analysis import intent as intents
from search.analysis import legal, synonyms
from search.analysis.analyzer import index_terms, part_slots, query_words, word_slot
from search.analysis.normalise import fold, words
from search.backends.base import EngineQuery, Hit

logger = logging.getLogger(__name__)

FACETS = ("kind", "organisation", "function", "tag", "audience")
CANDIDATES = 120
MAX_QUERY = 500
MAX_WORDS = 12
RERANK_FIELDS = ("names", "roles", "places", "title_text", "keywords")
PEOPLE_KINDS = ("person", "contact_point")
ANSWER_KINDS = ("person", "contact_point")
EXPANSION_WEIGHT = 0.85
FUZZY_WEIGHT = 0.7
PARTS_WEIGHT = 0.75


@dataclass
class SearchResults:
    """A page of ranked results with facets, the best contact answer and a spelling hint."""

    query: str
    total: int = 0
    results: list[dict] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=lambda: {name: {} for name in FACETS})
    answer: dict | None = None
    did_you_mean: str | None = None
    degraded: bool = False

    def to_json(self) -> dict:
        """The SPEC §5.1 JSON, plus `answer` and `did_you_mean`."""
        return {
            "query": self.query,
            "total": self.total,
            "results": self.results,
            "facets": self.facets,
            "answer": self.answer,
            "did_you_mean": self.did_you_mean,
        }


_engine_lock = threading.Lock()
_engines: dict[str, object] = {}


def get_engine():
    """Elasticsearch when ELASTICSEARCH_URL is set (with embedded fallback), else embedded."""
    from search.backends import embedded

    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return embedded.get_default()
    with _engine_lock:
        if url not in _engines:
            from search.backends.elasticsearch import ElasticsearchEngine
            from search.backends.resilient import ResilientEngine

            _engines[url] = ResilientEngine(
                ElasticsearchEngine.from_settings(), embedded.get_default()
            )
        return _engines[url]


def _embedded():
    from search.backends import embedded

    return embedded.get_default()


# --- query analysis -------------------------------------------------------------------------


@dataclass
class Analysed:
    """A query taken apart: the engine query plus what the reranker needs."""

    engine_query: EngineQuery
    groups: list[tuple[frozenset[str], ...]]
    intent: intents.Intent
    corrections: dict[str, str]
    terms: frozenset[str]


def clean(query: str) -> str:
    """The query without control characters, trimmed to a sane length."""
    text = "".join(
        " " if unicodedata.category(char).startswith("C") else char for char in str(query or "")
    )
    return " ".join(text.split())[:MAX_QUERY]


class _Vocabulary:
    """Whole-word index terms for spelling correction, refreshed when the index changes."""

    def __init__(self):
        self.seq = None
        self.terms: list[str] = []
        self.known: set[str] = set()
        self.lock = threading.Lock()

    def get(self) -> tuple[list[str], set[str]]:
        engine = _embedded()
        index = engine.sync()
        with self.lock:
            if self.seq != index.seq:
                known = {term for term in index.postings if not term.startswith("~")}
                self.terms = sorted(term for term in known if term.isalpha() and len(term) > 3)
                self.known = known
                self.seq = index.seq
            return self.terms, self.known


_vocabulary = _Vocabulary()


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


def _slot_terms(alternative: str) -> list[frozenset[str]]:
    return [frozenset(word_slot(word)) for word in words(alternative)]


def analyse(query: str) -> Analysed:
    """Turn a user's query into an EngineQuery and reranking hints."""
    intent = intents.detect(query)
    legal_tokens, rest = legal.extract(query)
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
    engine_query = EngineQuery(text=query, should=tuple(should), weights=weights, size=CANDIDATES)
    groups = [tuple(frozenset().union(*_slot_terms(alt)) for alt in group) for group in should]
    terms = frozenset(term for group in groups for alt in group for term in alt)
    return Analysed(engine_query, groups, intent, corrections, terms)


# --- reranking ------------------------------------------------------------------------------

_short_cache: dict[str, tuple[dict, dict[str, frozenset[str]]]] = {}
_short_lock = threading.Lock()


def _short_fields(document: dict) -> dict[str, frozenset[str]]:
    uid = document["uid"]
    cached = _short_cache.get(uid)
    if cached is not None and cached[0] is document:
        return cached[1]
    analysed = {}
    for name in RERANK_FIELDS:
        value = document.get(name) or ""
        text = " ".join(value) if isinstance(value, list | tuple) else str(value)
        terms = index_terms(text)
        if name == "roles":
            analysed[name] = frozenset(term for term in terms if term[0] != "~")
        else:
            analysed[name] = frozenset(term.lstrip("~") for term in terms)
    with _short_lock:
        if len(_short_cache) > 50_000:
            _short_cache.clear()
        _short_cache[uid] = (document, analysed)
    return analysed


def _group_fields(group: frozenset[str], fields: dict[str, frozenset[str]]) -> set[str]:
    return {name for name, terms in fields.items() if not group.isdisjoint(terms)}


def rerank(hits: list[Hit], analysed: Analysed) -> list[tuple[float, Hit]]:
    """Rescore engine hits with who-at-place, intent and kind priors."""
    if not hits:
        return []
    top = max(hit.score for hit in hits) or 1.0
    groups = [frozenset().union(*group) for group in analysed.groups]
    intent = analysed.intent
    scored = []
    for hit in hits:
        document = hit.document
        kind = document.get("kind")
        score = hit.score / top
        fields = _short_fields(document)
        per_group = [_group_fields(group, fields) for group in groups]
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
        scored.append((score * factor, hit))
    scored.sort(key=lambda item: (-item[0], item[1].uid))
    return scored


# --- presentation ---------------------------------------------------------------------------

_WORD_SPAN = re.compile(r"\w+", re.UNICODE)
SNIPPET_LENGTH = 180


def snippet(document: dict, terms: frozenset[str]) -> str:
    """An escaped excerpt of the summary or body with matching words in <mark>."""
    for name in ("summary", "body", "keywords", "roles", "places"):
        value = document.get(name) or ""
        text = " · ".join(value) if isinstance(value, list | tuple) else str(value)
        if not text:
            continue
        spans = [
            match.span()
            for match in _WORD_SPAN.finditer(text)
            if terms.intersection(
                word_slot(words(match.group())[0]) if words(match.group()) else ()
            )
        ]
        if spans or name == "summary":
            return _mark(text, spans)
    return ""


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    start = 0
    if spans and spans[0][0] > SNIPPET_LENGTH // 2:
        start = text.rfind(" ", 0, spans[0][0] - 40) + 1
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + 1)
    parts = ["… " if start else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        parts.append(html.escape(text[cursor:span_start]))
        parts.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return "".join(parts)


def _answer(ranked: list[tuple[float, Hit]], analysed: Analysed) -> dict | None:
    for position, (_, hit) in enumerate(ranked[:3]):
        document = hit.document
        if document.get("kind") not in ANSWER_KINDS:
            if position == 0 and not analysed.intent.who and document.get("kind") != "function":
                return None
            continue
        contact = document.get("contact") or {}
        return {
            "kind": document["kind"],
            "id": document["id"],
            "title": document["title"],
            "url": document["url"],
            "function": contact.get("function", ""),
            "organisation": contact.get("organisation", ""),
            "phone": contact.get("phone", ""),
            "email": contact.get("email", ""),
            "hours": contact.get("hours", ""),
        }
    return None


def _values(document: dict, facet: str) -> list[str]:
    value = document.get(facet)
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _facets(hits: list[Hit], selected: dict[str, set[str]]) -> dict[str, dict[str, int]]:
    """Counts per facet value among hits matching the other facets' selections."""
    active = {facet: chosen for facet, chosen in selected.items() if chosen}
    if not active:
        plain: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        for hit in hits:
            for facet in FACETS:
                counts = plain[facet]
                for value in set(_values(hit.document, facet)):
                    counts[value] = counts.get(value, 0) + 1
        return {
            facet: dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
            for facet, counts in plain.items()
        }
    values = [{facet: _values(hit.document, facet) for facet in FACETS} for hit in hits]
    facets: dict[str, dict[str, int]] = {}
    for facet in FACETS:
        others = [(other, chosen) for other, chosen in active.items() if other != facet]
        counts: dict[str, int] = {}
        for own in values:
            if all(not chosen.isdisjoint(own[other]) for other, chosen in others):
                for value in set(own[facet]):
                    counts[value] = counts.get(value, 0) + 1
        facets[facet] = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return facets


def search(
    query: str,
    *,
    kinds=(),
    organisations=(),
    functions=(),
    tags=(),
    audiences=(),
    limit: int = 10,
    offset: int = 0,
) -> SearchResults:
    """Search every kind and return one ranked, faceted page."""
    text = clean(query)
    results = SearchResults(query=text)
    limit = max(0, min(int(limit), 100))
    offset = max(0, min(int(offset), 10_000))
    analysed = analyse(text)
    if not analysed.engine_query.should:
        return results
    engine = get_engine()
    hits = engine.search(analysed.engine_query)
    results.degraded = bool(getattr(engine, "last_degraded", False))
    ranked = rerank(hits, analysed)
    selected = {
        "kind": set(kinds or ()),
        "organisation": set(organisations or ()),
        "function": set(functions or ()),
        "tag": set(tags or ()),
        "audience": set(audiences or ()),
    }
    results.facets = _facets([hit for _, hit in ranked], selected)
    matching = [
        (score, hit)
        for score, hit in ranked
        if all(
            not values or values.intersection(_values(hit.document, facet))
            for facet, values in selected.items()
        )
    ]
    results.total = len(matching)
    results.answer = _answer(matching, analysed)
    for score, hit in matching[offset : offset + limit]:
        document = hit.document
        results.results.append(
            {
                "kind": document["kind"],
                "id": document["id"],
                "title": document["title"],
                "url": document["url"],
                "snippet": snippet(document, analysed.terms),
                "score": round(score * 10, 3),
            }
        )
    if not matching:
        results.did_you_mean = did_you_mean(text, analysed)
    return results


def did_you_mean(text: str, analysed: Analysed | None = None) -> str | None:
    """The query with unknown words respelt from the index vocabulary, when any were."""
    analysed = analysed or analyse(text)
    vocabulary, known = _vocabulary.get()
    fixes: dict[str, str] = {}
    for token in query_words(text):
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


def suggest(query: str, *, limit: int = 8) -> list[dict]:
    """Typeahead: up to `limit` `{kind, id, title, url}` whose names start with the query."""
    text = clean(query)[:100]
    limit = max(0, min(int(limit), 20))
    if not words(text) or not limit:
        return []
    hits = get_engine().suggest(text, size=limit)
    return [
        {
            "kind": hit.document["kind"],
            "id": hit.document["id"],
            "title": hit.document["title"],
            "url": hit.document["url"],
        }
        for hit in hits
    ]


def rebuild_index(progress=None) -> int:
    """Rebuild the whole index; returns the number of documents."""
    from search import documents

    def counted():
        for count, document in enumerate(documents.all_documents(), start=1):
            if progress is not None and count % 500 == 0:
                progress(count)
            yield document

    total = get_engine().rebuild(counted())
    if progress is not None:
        progress(total)
    return total
