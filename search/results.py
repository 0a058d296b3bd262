"""What a search returns: typed results, the answer card, facets, and the one snippet builder."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.analysis.analyzer import word_slot
from search.analysis.normalise import words
from search.backends.base import Hit
from search.params import FACETS

SNIPPET_FIELDS = ("summary", "body", "keywords", "roles", "places")
SNIPPET_LENGTH = 180
CONTACT_KINDS = ("person", "contact_point")
_WORD_SPAN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Result:
    """One ranked result; `snippet` is escaped text with matching words in <mark>."""

    kind: str
    id: str
    title: str
    url: str
    snippet: SafeString
    score: float
    role: str = ""
    unit: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Holder:
    """A person holding the function of a function card."""

    id: str
    title: str
    url: str
    phone: str = ""


@dataclass(frozen=True)
class HolderGroup:
    """The holders of a function at one place (unit or area), with the search "role + place"."""

    place: str
    people: tuple[Holder, ...]
    query: str


@dataclass(frozen=True)
class Answer:
    """The who-to-contact card (SPEC §5.3): what it names, why, and what the card shows.

    `reason` is "person" (the query pins one position), "function" (a role without a place),
    "contact_point" (a topic and its intake line) or "glossary" (an abbreviation). A function card
    lists its `holders` grouped by place; a glossary card has the `definition` and the `intake`
    line of the searcher's body when one was found.
    """

    kind: str
    id: str
    title: str
    url: str
    reason: str = ""
    function: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""
    holders: tuple[HolderGroup, ...] = ()
    definition: str = ""
    intake: Answer | None = None


@dataclass(frozen=True)
class Results:
    """A page of ranked results with exact total, facets, the answer card and a spelling hint."""

    query: str
    total: int = 0
    results: list[Result] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=lambda: {name: {} for name in FACETS})
    answer: Answer | None = None
    did_you_mean: str | None = None
    degraded: bool = False
    corrected_from: str | None = None


def result(hit: Hit, *, score: float, terms: frozenset[str]) -> Result:
    """A hit as a result, its snippet marking the query's terms."""
    document = hit.document
    return Result(
        kind=document["kind"],
        id=document["id"],
        title=document["title"],
        url=document["url"],
        snippet=snippet(document, terms),
        score=round(score * 10, 3),
        **contact_line(document),
    )


def contact_line(document: dict) -> dict[str, str]:
    """Role, unit and phone of a person or contact point (empty for other kinds)."""
    if document.get("kind") not in CONTACT_KINDS:
        return {"role": "", "unit": "", "phone": ""}
    contact = document.get("contact") or {}
    return {
        "role": contact.get("function") or "",
        "unit": contact.get("organisation") or "",
        "phone": contact.get("phone") or "",
    }


def answer(document: dict, *, reason: str, **extras) -> Answer:
    """The answer card of a document with its contact details."""
    contact = document.get("contact") or {}
    return Answer(
        kind=document["kind"],
        id=document["id"],
        title=document["title"],
        url=document["url"],
        reason=reason,
        **{
            name: contact.get(name, "")
            for name in ("function", "organisation", "phone", "email", "hours")
        },
        **extras,
    )


def snippet(document: dict, terms: frozenset[str]) -> SafeString:
    """An escaped excerpt of the summary or body with words matching `terms` in <mark>."""
    for name in SNIPPET_FIELDS:
        value = document.get(name) or ""
        text = " · ".join(value) if isinstance(value, list | tuple) else str(value)
        if not text:
            continue
        spans = [
            match.span() for match in _WORD_SPAN.finditer(text) if _matches(match.group(), terms)
        ]
        if spans or name == "summary":
            return _mark(text, spans)
    return mark_safe("")  # noqa: S308 - empty


def _matches(word: str, terms: frozenset[str]) -> bool:
    folded = words(word)
    return bool(folded) and not terms.isdisjoint(word_slot(folded[0]))


def _mark(text: str, spans: list[tuple[int, int]]) -> SafeString:
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
        parts.append(escape(text[cursor:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
