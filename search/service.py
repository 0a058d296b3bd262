"""The one entry to search: `search()`, `suggest()`, `get_engine()` and `rebuild_index()`.

Pipeline: checked params (search.params) → query analysis into an EngineQuery (search.query) →
the engine filters by the selected facets, applies the searcher's context and returns the best
`CANDIDATES` (or as many as the page needs) with the exact total and facet counts → rerank in
Python (search.ranking) → page and build typed results with snippets and the answer card
(search.results).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

from django.conf import settings
from django.utils.module_loading import import_string

from search import answers, places, query, ranking, registry
from search.analysis.normalise import words
from search.backends import embedded
from search.backends.base import SearchEngine
from search.backends.resilient import ResilientEngine
from search.context import SearchContext
from search.params import FACETS, SearchParams, suggest_text
from search.results import Results, contact_line, result

# Imported on first use: the Elasticsearch client is heavy and unused on the embedded default.
ELASTICSEARCH_ENGINE = "search.backends.elasticsearch.ElasticsearchEngine"
SUGGEST_LIMIT = 8
# A query that finds something and one that finds nothing (so its spelling help runs too).
WARM_UP_QUERIES = ("skolkurator socialtjänst", "xqzwvk")

_engine_lock = threading.Lock()
_engines: dict[str, SearchEngine] = {}


def get_engine() -> SearchEngine:
    """Elasticsearch when ELASTICSEARCH_URL is set (with embedded fallback), else embedded."""
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return embedded.get_default()
    with _engine_lock:
        if url not in _engines:
            primary = import_string(ELASTICSEARCH_ENGINE).from_settings()
            _engines[url] = ResilientEngine(primary, embedded.get_default())
        return _engines[url]


def search(params: SearchParams, context: SearchContext | None = None) -> Results:
    """Search every kind and return one ranked, faceted page.

    `context` is the searcher (SPEC §5.3): the engine ranks by it before its cut-off.
    """
    analysed = query.analyse(params.q)
    if not analysed.engine_query.should:
        return Results(query=params.q)
    engine = get_engine()
    context = places.effective_context(context, analysed)
    found = engine.search(
        replace(
            analysed.engine_query,
            filters={name: values for name, values in params.selected.items() if values},
            facets=FACETS,
            context=context.boosts(),
            size=max(analysed.engine_query.size, params.offset + params.limit),
        )
    )
    degraded = bool(getattr(engine, "last_degraded", False))
    ranked = ranking.rerank(found.hits, analysed)
    window = ranked[params.offset : params.offset + params.limit]
    return Results(
        query=params.q,
        total=found.total,
        results=[result(hit, score=score, terms=analysed.terms) for score, hit in window],
        facets=found.facets,
        answer=answers.select_answer(ranked, analysed, context),
        did_you_mean=None if found.total else query.did_you_mean(params.q, analysed),
        degraded=degraded,
    )


def search_with_correction(
    params: SearchParams, context: SearchContext | None = None, *, exact: bool = False
) -> Results:
    """`search`; when nothing matches and its spelling correction finds results, those instead."""
    results = search(params, context)
    if exact or results.total or not results.did_you_mean:
        return results
    corrected = search(params.model_copy(update={"q": results.did_you_mean}), context)
    return replace(corrected, corrected_from=params.q) if corrected.total else results


def suggest(text: str) -> list[dict]:
    """Typeahead: up to eight `{kind, id, title, url}` whose names start with the text.

    People and contact points also have `detail`: role · unit · phone.
    """
    prefix = suggest_text(text)
    if not words(prefix):
        return []
    suggestions = []
    for hit in get_engine().suggest(prefix, size=SUGGEST_LIMIT)[:SUGGEST_LIMIT]:
        suggestion = {name: hit.document[name] for name in ("kind", "id", "title", "url")}
        detail = " · ".join(filter(None, contact_line(hit.document).values()))
        suggestions.append({**suggestion, "detail": detail} if detail else suggestion)
    return suggestions


def warm_up() -> int:
    """Load this process's index and every table a query needs; returns the documents loaded.

    A server calls it before it forks its workers (gunicorn.conf.py), so that they share the loaded
    index copy-on-write and their first request costs no more than any other.
    """
    count = embedded.get_default().count()
    for text in WARM_UP_QUERIES:
        search(SearchParams(q=text))
        suggest(text)
    return count


def rebuild_index(progress: Callable[[int], object] | None = None) -> int:
    """Rebuild the whole index; returns the number of documents."""

    def counted():
        for count, document in enumerate(registry.all_documents(), start=1):
            if progress is not None and count % 500 == 0:
                progress(count)
            yield document

    total = get_engine().rebuild(counted())
    if progress is not None:
        progress(total)
    return total
