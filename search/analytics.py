"""Search analytics without personal data: what was searched, found and opened, per day.

Privacy rules (SPEC §6): no user, session, IP address or time of day is stored; rows are
aggregated per day. Queries are normalised (case, whitespace, control characters) and redacted
before they are saved: e-mail addresses, personal identity numbers and phone numbers become
placeholders, and so does every word that is a directory person's name, e-mail, phone number or
id (protected people included) — compared folded (å/ä/ö → a/a/o, case), part by part for
hyphenated or dotted words and joined ("asalovqvist"), over the whole query. Only known kinds are
stored as the kind filter.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import Avg, Case, F, Sum, When
from django.utils import timezone

from search import registry
from search.analysis.normalise import fold
from search.documents import KIND_PRIORS
from search.models import ClickLog, QueryLog

logger = logging.getLogger(__name__)

MAX_LOGGED_LENGTH = 200
MAX_INPUT_LENGTH = 2000
KNOWN_KINDS = frozenset(KIND_PRIORS)
EMAIL = re.compile(r"\S+@\S+")
IDENTITY_NUMBER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}\s?[-+]?\s?\d{4}(?!\d)")
PHONE = re.compile(r"(?<![\w:])\+?\d(?:[\s-]?\d){6,}(?![\w:])")
NUMBER = re.compile(r"(?<![\w:])\+?\d(?:[\s()-]*\d)*(?![\w:])")
PART = re.compile(r"[0-9a-z]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
PLACEHOLDER = re.compile(r"^\[[a-z-]+\]$")


def normalise_query(text: str) -> str:
    """Lower-case, single-spaced text without control characters."""
    text = CONTROL.sub(" ", (text or "")[:MAX_INPUT_LENGTH])
    return " ".join(text.lower().split())


def _parts(text: str) -> list[str]:
    return PART.findall(fold(text))


def _national(digits: str) -> str:
    """A phone number's digits in Swedish national form (+46 70… → 070…)."""
    return "0" + digits[2:] if digits.startswith("46") and len(digits) > 8 else digits


class _PersonalTokens:
    """Every directory person's name parts, joined names, e-mail and id words and phone digits.

    Built once per process and rebuilt when the directory changed: every check compares the latest
    `updated_at` of people (an indexed MAX; imports and saves set it), and saves and deletes in
    this process clear the cache at once (signals).
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._signature: object = None
        self.names: frozenset[str] = frozenset()
        self.ids: frozenset[str] = frozenset()
        self.phones: frozenset[str] = frozenset()

    def clear(self) -> None:
        with self._lock:
            self._signature = None

    def current(self) -> _PersonalTokens:
        signature = tuple(data.signature() for data in registry.personal_data())
        with self._lock:
            if signature != self._signature:
                self._build()
                self._signature = signature
        return self

    def _build(self) -> None:
        names: set[str] = set()
        ids: set[str] = set()
        phones: set[str] = set()
        rows = (row for data in registry.personal_data() for row in data.rows())
        for key, given_name, family_name, email, phone in rows:
            given, family = _parts(given_name), _parts(family_name)
            local = _parts((email or "").split("@")[0])
            names.update(given, family, local)
            names.update(
                "".join(joined) for joined in (given, family, local, given + family, family + given)
            )
            ids.update([fold(key), "".join(_parts(key))])
            digits = re.sub(r"\D", "", phone or "")
            if digits:
                phones.add(_national(digits))
        self.names = frozenset(name for name in names if len(name) > 1)
        self.ids = frozenset(key for key in ids if key)
        self.phones = frozenset(phones)


people_tokens = _PersonalTokens()


def _word(token: str, personal: _PersonalTokens) -> str:
    if PLACEHOLDER.match(token):
        return token
    parts = _parts(token)
    candidates = {*parts, "".join(parts)}
    if not candidates.isdisjoint(personal.ids):
        return "[id]"
    if not candidates.isdisjoint(personal.names):
        return "[namn]"
    return token


def redact(text: str) -> str:
    """Replace contact data, identity numbers and anything naming a directory person."""
    text = EMAIL.sub("[e-post]", text)
    text = IDENTITY_NUMBER.sub("[personnummer]", text)
    text = PHONE.sub("[telefon]", text)
    personal = people_tokens.current()
    text = NUMBER.sub(
        lambda match: (
            "[telefon]"
            if _national(re.sub(r"\D", "", match.group())) in personal.phones
            else match.group()
        ),
        text,
    )
    return " ".join(_word(token, personal) for token in text.split())


def loggable_query(text: str) -> str:
    """The form of a query that may be stored: normalised, redacted, cut at a word."""
    redacted = redact(normalise_query(text))
    if len(redacted) <= MAX_LOGGED_LENGTH:
        return redacted
    return redacted[: MAX_LOGGED_LENGTH + 1].rsplit(" ", 1)[0][:MAX_LOGGED_LENGTH]


def known_kinds(kind: str, *, max_length: int = 40) -> str:
    """The comma-separated kind filter with unknown values dropped, sorted, whole values only."""
    kept: list[str] = []
    for value in sorted({value for value in kind.split(",") if value in KNOWN_KINDS}):
        if len(",".join([*kept, value])) > max_length:
            break
        kept.append(value)
    return ",".join(kept)


def click_target(uid: str) -> str:
    """What a click statistic keeps of the opened result: people only by kind, never by id."""
    kind, _, _ = uid.partition(":")
    return kind if kind == "person" else uid[:140]


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
    keys = {"day": day or timezone.localdate(), "query": text, "kind": known_kinds(kind)}
    _increment(QueryLog, "searches", keys, results=max(results, 0))


def record_click(*, query: str, uid: str, rank: int, day: date | None = None) -> None:
    """Count one opened result `uid` at `rank` for `query`."""
    text = loggable_query(query)
    if not text or not uid:
        return
    keys = {
        "day": day or timezone.localdate(),
        "query": text,
        "uid": click_target(uid),
        "rank": rank,
    }
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
