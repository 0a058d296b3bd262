"""Search analytics without personal data: what was searched, found and opened, per day.

Privacy rules (SPEC §6): no user, session, IP address or time of day is stored; rows are
aggregated per day. Queries are normalised (case, whitespace, control characters, 200 characters)
and redacted before they are saved: e-mail addresses, personal identity numbers, phone numbers
and any word that is the given or family name of a person in the directory (protected people
included) are replaced by a placeholder, so the statistics never hold a name.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import Avg, Case, F, Q, Sum, When
from django.utils import timezone

from directory.models import Person
from search.models import ClickLog, QueryLog

logger = logging.getLogger(__name__)

MAX_LOGGED_LENGTH = 200
MAX_NAME_TOKENS = 12
EMAIL = re.compile(r"\S+@\S+")
IDENTITY_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}\s?[-+]?\s?\d{4}(?!\d)")
PHONE = re.compile(r"(?<![\w:])\+?\d(?:[\s-]?\d){6,}(?![\w:])")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def normalise_query(text: str) -> str:
    """Lower-case, single-spaced text without control characters, cut to the logged length."""
    text = CONTROL.sub(" ", text or "")
    return " ".join(text.lower().split())[:MAX_LOGGED_LENGTH].strip()


def redact(text: str) -> str:
    """Replace e-mail addresses, identity and phone numbers and people's names by placeholders."""
    text = EMAIL.sub("[e-post]", text)
    text = IDENTITY_NUMBER.sub("[personnummer]", text)
    text = PHONE.sub("[telefon]", text)
    names = _person_names(WORD.findall(text))
    if not names:
        return text
    return WORD.sub(lambda match: "[namn]" if match.group(0) in names else match.group(0), text)


def loggable_query(text: str) -> str:
    """The form of a query that may be stored: normalised and redacted."""
    return redact(normalise_query(text))


def _person_names(words: list[str]) -> set[str]:
    """The lower-cased words among `words` that are a given or family name of anyone."""
    candidates = {word for word in words if len(word) > 1}
    if not candidates:
        return set()
    spellings = set()
    for word in list(candidates)[:MAX_NAME_TOKENS]:
        spellings.update({word, word.capitalize(), word.title(), word.upper()})
    matches = Person.objects.filter(
        Q(given_name__in=spellings) | Q(family_name__in=spellings)
    ).values_list("given_name", "family_name")
    known = {part.lower() for names in matches for name in names for part in name.split()}
    return candidates & known


def _is_protected_person(uid: str) -> bool:
    """Whether `uid` names a person with protected identity (never stored, even if forged)."""
    kind, _, key = uid.partition(":")
    return kind == "person" and Person.objects.filter(key=key, protected=True).exists()


def _increment(model: type[models.Model], counter: str, keys: dict, **values) -> None:
    """Add one to `counter` of the row identified by `keys`, creating the row if needed.

    Statistics never break a search: a database error is logged and the count is lost.
    """
    updates = {counter: F(counter) + 1, **values}
    try:
        with transaction.atomic():
            if model.objects.filter(**keys).update(**updates):
                return
            try:
                with transaction.atomic():
                    model.objects.create(**keys, **values)
            except IntegrityError:
                model.objects.filter(**keys).update(**updates)
    except DatabaseError:
        logger.warning("Search statistics: could not count a %s", model.__name__, exc_info=True)


def record_search(*, query: str, results: int, kind: str = "", day: date | None = None) -> None:
    """Count one search for `query` (with an optional kind filter) and its number of results."""
    text = loggable_query(query)
    if not text:
        return
    keys = {"day": day or timezone.localdate(), "query": text, "kind": kind[:40]}
    _increment(QueryLog, "searches", keys, results=max(results, 0))


def record_click(*, query: str, uid: str, rank: int, day: date | None = None) -> None:
    """Count one opened result `uid` at `rank` for `query`."""
    text = loggable_query(query)
    if not text or not uid or _is_protected_person(uid):
        return
    keys = {"day": day or timezone.localdate(), "query": text, "uid": uid[:140], "rank": rank}
    _increment(ClickLog, "clicks", keys)


@dataclass(frozen=True)
class QueryStatistic:
    """One query's figures in the report."""

    query: str
    searches: int
    zero_result_searches: int
    clicks: int
    mean_click_rank: float | None

    @property
    def click_through_rate(self) -> float:
        return min(self.clicks / self.searches, 1.0) if self.searches else 0.0


@dataclass(frozen=True)
class SearchReport:
    """Top queries, zero-result queries and click-through over a period."""

    since: date
    searches: int
    zero_result_searches: int
    clicks: int
    top_queries: list[QueryStatistic]
    zero_result_queries: list[QueryStatistic]

    @property
    def click_through_rate(self) -> float:
        return min(self.clicks / self.searches, 1.0) if self.searches else 0.0


def search_report(*, days: int = 30, limit: int = 50) -> SearchReport:
    """Build the editors' report for the last `days` days."""
    since = timezone.localdate() - timedelta(days=days - 1)
    queries = (
        QueryLog.objects.filter(day__gte=since)
        .values("query")
        .annotate(
            total=Sum("searches"),
            zero=Sum(Case(When(results=0, then=F("searches")), default=0)),
        )
    )
    totals = QueryLog.objects.filter(day__gte=since).aggregate(
        all_searches=Sum("searches"),
        all_zero=Sum(Case(When(results=0, then=F("searches")), default=0)),
    )
    clicks = ClickLog.objects.filter(day__gte=since)
    top = list(queries.order_by("-total", "query")[:limit])
    zero = list(queries.filter(zero__gt=0).order_by("-zero", "query")[:limit])
    wanted = {row["query"] for row in top + zero}
    click_rows = {
        row["query"]: row
        for row in clicks.filter(query__in=wanted)
        .values("query")
        .annotate(total=Sum("clicks"), rank=Avg("rank"))
    }

    def statistic(row: dict) -> QueryStatistic:
        click_row = click_rows.get(row["query"], {})
        return QueryStatistic(
            query=row["query"],
            searches=row["total"],
            zero_result_searches=row["zero"],
            clicks=click_row.get("total", 0),
            mean_click_rank=click_row.get("rank"),
        )

    return SearchReport(
        since=since,
        searches=totals["all_searches"] or 0,
        zero_result_searches=totals["all_zero"] or 0,
        clicks=clicks.aggregate(total=Sum("clicks"))["total"] or 0,
        top_queries=[statistic(row) for row in top],
        zero_result_queries=[statistic(row) for row in zero],
    )
