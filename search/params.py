"""Turning request parameters into arguments for search.service, the same way for page and API."""

from __future__ import annotations

import re

MAX_QUERY_LENGTH = 2000
MAX_FILTER_VALUES = 20
MAX_FILTER_LENGTH = 200
PAGE_SIZE = 10
MAX_OFFSET = 10_000
MAX_LIMIT = 50

# Request parameter -> keyword argument of search.service.search.
FILTERS = {
    "kind": "kinds",
    "organisation": "organisations",
    "function": "functions",
    "tag": "tags",
    "audience": "audiences",
}

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_query(text: str | None) -> str:
    """The query without control characters or surrounding space, cut to MAX_QUERY_LENGTH."""
    return CONTROL.sub(" ", (text or "")[:MAX_QUERY_LENGTH]).strip()


def clean_values(values: list[str] | None) -> tuple[str, ...]:
    """Distinct, non-empty filter values without control characters, capped in number and size."""
    cleaned: dict[str, None] = {}
    for value in values or ():
        text = CONTROL.sub("", value or "").strip()[:MAX_FILTER_LENGTH]
        if text:
            cleaned[text] = None
    return tuple(cleaned)[:MAX_FILTER_VALUES]


def filter_arguments(values: dict[str, list[str] | None]) -> dict[str, tuple[str, ...]]:
    """Map request filter parameters (kind, organisation, …) to service keyword arguments."""
    return {argument: clean_values(values.get(name)) for name, argument in FILTERS.items()}
