"""Search API (SPEC §5.1): `/api/v1/search` and `/api/v1/suggest`."""

from __future__ import annotations

from ninja import Field, Query, Router, Schema

from search import registry, service
from search.params import QueryParams, SearchParams
from search.results import Results

router = Router(tags=["search"])


class ResultOut(Schema):
    kind: str = Field(description="person, function, contact_point, organisation, guideline, …")
    id: str = Field(description="Import id for directory records, slug for pages.")
    title: str
    url: str
    snippet: str = Field(description="HTML-escaped text; matches wrapped in <mark>.")
    score: float


class HolderOut(Schema):
    id: str
    title: str
    url: str
    phone: str | None = None


class HolderGroupOut(Schema):
    place: str = Field(description="The unit or area the holders work at.")
    people: list[HolderOut]
    query: str = Field(description='The search "role + place" for this group.')


class IntakeOut(Schema):
    kind: str
    id: str
    title: str
    url: str
    reason: str
    organisation: str | None = None
    phone: str | None = None
    email: str | None = None
    hours: str | None = None


class AnswerOut(Schema):
    kind: str
    id: str
    title: str
    url: str
    reason: str = Field(
        description="person (the query pins one position), function (a role without a place), "
        "contact_point (a topic's intake line) or glossary (an abbreviation)."
    )
    function: str | None = None
    organisation: str | None = None
    phone: str | None = None
    email: str | None = None
    hours: str | None = None
    holders: list[HolderGroupOut] = Field(
        default_factory=list,
        description="A function's holders by place, in the searcher's municipalities only.",
    )
    definition: str | None = Field(None, description="A glossary card's definition.")
    intake: IntakeOut | None = Field(None, description="A glossary card's intake line.")


class SearchOut(Schema):
    query: str
    total: int
    results: list[ResultOut]
    facets: dict[str, dict[str, int]] = Field(
        description="Counts per value for kind, organisation, function, tag and audience."
    )
    answer: AnswerOut | None = Field(None, description="The best who-to-contact card.")
    did_you_mean: str | None = None
    corrected_from: str | None = Field(
        None, description="The query as typed, when it found nothing and `query` is its correction."
    )
    degraded: bool = Field(
        False,
        description="True while Elasticsearch is unreachable and the embedded engine answers.",
    )


class SuggestionOut(Schema):
    kind: str
    id: str
    title: str
    url: str
    detail: str = Field("", description="People and contact points: role · unit · phone.")


def search_json(results: Results) -> dict:
    """The SPEC §5.1 JSON of a search (also printed by `search_query --json`)."""
    return SearchOut.model_validate(results).model_dump(mode="json")


@router.get("/search", response=SearchOut, url_name="search", summary="Search every kind")
def search(request, params: Query[SearchParams], exact: bool = False):
    """One ranked page of results mixing kinds, with facets and the best contact answer.

    Ranked in the caller's context (SPEC §5.3) unless `context=none`. A query that finds nothing
    is searched as its spelling correction unless `exact` is true.
    """
    context = None if params.context == "none" else registry.context_for_user(request.user)
    return service.search_with_correction(params, context=context, exact=exact)


@router.get(
    "/suggest", response=list[SuggestionOut], url_name="suggest", summary="Typeahead suggestions"
)
def suggest(request, params: Query[QueryParams]):
    """Up to eight people, functions, units and pages whose names start with the query."""
    return service.suggest(params.q)
