"""The one normaliser of search input: query text, facet selections and the page window.

The API (as a django-ninja query schema), the results page and `search_query` all build a
`SearchParams`; nothing after it cleans or clamps again. The API and the command are strict (a
value out of range is an error naming the parameter); the results page is lenient (odd values fall
back to defaults, since a page must never fail).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal, get_args

from django.http import QueryDict
from pydantic import BaseModel, ConfigDict, Field, field_validator

from search.pagination import page_number

MAX_QUERY_LENGTH = 2000
MAX_QUERY_TEXT = 500
SUGGEST_QUERY_TEXT = 100
MAX_FILTER_VALUES = 20
MAX_FILTER_LENGTH = 200
DEFAULT_LIMIT = 10
MAX_LIMIT = 50
MAX_OFFSET = 10_000
PAGE_SIZE = 10
MAX_PAGE = MAX_OFFSET // PAGE_SIZE + 1
FACETS = ("kind", "organisation", "function", "tag", "audience")
Context = Literal["", "none"]
CONTEXTS: tuple[str, ...] = get_args(Context)

_SURROGATES = re.compile(r"[\ud800-\udfff]")


def _is_control(character: str) -> bool:
    """Control, format, surrogate, private-use and unassigned characters (Unicode category C)."""
    return unicodedata.category(character)[0] == "C"


def clean_query(text: str | None) -> str:
    """The query without control characters, spaces collapsed, cut to MAX_QUERY_TEXT."""
    text = "".join(" " if _is_control(character) else character for character in text or "")
    return " ".join(text.split())[:MAX_QUERY_TEXT]


def suggest_text(text: str | None) -> str:
    """The cleaned query cut to what typeahead looks at."""
    return clean_query(text)[:SUGGEST_QUERY_TEXT]


def clean_values(values: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Distinct, non-empty filter values without control characters, capped in number and size."""
    cleaned: dict[str, None] = {}
    for value in values or ():
        text = "".join(character for character in value or "" if not _is_control(character))
        text = text.strip()[:MAX_FILTER_LENGTH]
        if text:
            cleaned[text] = None
    return tuple(cleaned)[:MAX_FILTER_VALUES]


FilterValues = Annotated[
    tuple[str, ...],
    Field(
        default=(),
        description="Repeat the parameter to accept several values; unknown values match none.",
    ),
]


class QueryParams(BaseModel):
    """A checked query text (typeahead needs no more)."""

    model_config = ConfigDict(frozen=True)

    q: str = Field(
        default="",
        max_length=MAX_QUERY_LENGTH,
        description=f"Free text, at most {MAX_QUERY_LENGTH} characters.",
    )

    @field_validator("q", mode="before")
    @classmethod
    def _without_surrogates(cls, value: Any) -> Any:
        """Lone surrogates become spaces so the length check sees the text as given."""
        return _SURROGATES.sub(" ", value) if isinstance(value, str) else value

    @field_validator("q")
    @classmethod
    def _cleaned(cls, value: str) -> str:
        return clean_query(value)


class SearchParams(QueryParams):
    """One checked search: query, facet selections and the window of ranked results."""

    kind: FilterValues
    organisation: FilterValues
    function: FilterValues
    tag: FilterValues
    audience: FilterValues
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)
    context: Context = Field(
        default="",
        description=(
            "Empty (the default): rank in the signed-in caller's context — their own unit, "
            "administration and body first, then shared bodies serving their municipality; an "
            "explicit place in the query overrides it. `none`: rank the same for everyone."
        ),
    )

    @field_validator(*FACETS, mode="before")
    @classmethod
    def _values(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
            return clean_values(value)
        return value

    @classmethod
    def for_results_page(cls, data: QueryDict) -> SearchParams:
        """Params for the results page from its GET data: odd values fall back; never fails."""
        page = min(page_number(data.get("page")), MAX_PAGE)
        context = data.get("context")
        return cls(
            q=(data.get("q") or "")[:MAX_QUERY_LENGTH],
            **{name: data.getlist(name) for name in FACETS},
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
            context=context if context in CONTEXTS else "",
        )

    @property
    def page(self) -> int:
        """The page these params show, counted in pages of `limit` results."""
        return self.offset // self.limit + 1

    def on_page(self, number: int) -> SearchParams:
        """The same search on page `number` (pages of `limit` results)."""
        return self.model_copy(update={"offset": (number - 1) * self.limit})

    @property
    def selected(self) -> dict[str, tuple[str, ...]]:
        """The chosen values of every facet."""
        return {name: getattr(self, name) for name in FACETS}
