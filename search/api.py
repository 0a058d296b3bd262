"""Search API (SPEC §5.1): `/api/v1/search` and `/api/v1/suggest`."""

from __future__ import annotations

from typing import Annotated

from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from search import service
from search.params import MAX_LIMIT, MAX_OFFSET, MAX_QUERY_LENGTH, clean_query, filter_arguments

router = Router(tags=["search"])

SUGGEST_LIMIT = 8
SUGGEST_QUERY_LENGTH = 100

QueryText = Annotated[
    str,
    Query(
        max_length=MAX_QUERY_LENGTH,
        description=f"Free text, at most {MAX_QUERY_LENGTH} characters.",
    ),
]
FilterValues = Annotated[
    list[str] | None,
    Query(description="Repeat the parameter to accept several values; unknown values match none."),
]


class ResultOut(Schema):
    kind: str = Field(description="person, function, contact_point, organisation, guideline, …")
    id: str = Field(description="Import id for directory records, slug for pages.")
    title: str
    url: str
    snippet: str = Field(description="HTML-escaped text; matches wrapped in <mark>.")
    score: float


class AnswerOut(Schema):
    model_config = ConfigDict(extra="allow")

    kind: str
    id: str
    title: str
    url: str
    function: str | None = None
    organisation: str | None = None
    phone: str | None = None
    email: str | None = None
    hours: str | None = None


class SearchOut(Schema):
    model_config = ConfigDict(extra="allow")

    query: str
    total: int
    results: list[ResultOut]
    facets: dict[str, dict[str, int]] = Field(
        description="Counts per value for kind, organisation, function, tag and audience."
    )
    answer: AnswerOut | None = Field(None, description="The best who-to-contact card.")
    did_you_mean: str | None = None


class SuggestionOut(Schema):
    kind: str
    id: str
    title: str
    url: str


@router.get("/search", response=SearchOut, url_name="search", summary="Search every kind")
def search(
    request,
    q: QueryText = "",
    kind: FilterValues = None,
    organisation: FilterValues = None,
    function: FilterValues = None,
    tag: FilterValues = None,
    audience: FilterValues = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
):
    """One ranked page of results mixing kinds, with facets and the best contact answer."""
    filters = filter_arguments(
        {
            "kind": kind,
            "organisation": organisation,
            "function": function,
            "tag": tag,
            "audience": audience,
        }
    )
    results = service.search(clean_query(q), **filters, limit=limit, offset=offset)
    return results.to_json()


@router.get(
    "/suggest", response=list[SuggestionOut], url_name="suggest", summary="Typeahead suggestions"
)
def suggest(request, q: QueryText = ""):
    """Up to eight people, functions, units and pages whose names start with the query."""
    text = clean_query(q)[:SUGGEST_QUERY_LENGTH]
    if not text:
        return []
    return service.suggest(text, limit=SUGGEST_LIMIT)[:SUGGEST_LIMIT]
