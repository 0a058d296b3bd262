"""Reads for machine-client tokens."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.accounts.models import ApiToken, CalendarToken
from portal.accounts.tokens import secret_hash


def calendar_tokens(*, user) -> QuerySet[CalendarToken]:
    """The user's calendar subscriptions that are not revoked, newest first."""
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True)


def api_tokens(*, user) -> QuerySet[ApiToken]:
    """The user's API tokens that are not revoked (expired ones included), newest first."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def usable_calendar_token(*, secret: str) -> CalendarToken | None:
    """The live calendar token with this secret whose user is active, with the user loaded."""
    digest = secret_hash(secret)
    if digest is None:
        return None
    return (
        CalendarToken.objects.select_related("user")
        .filter(token_hash=digest, revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def usable_api_token(*, secret: str, now: datetime.datetime | None = None) -> ApiToken | None:
    """The live, unexpired API token with this secret whose user is active, with the user loaded."""
    digest = secret_hash(secret)
    if digest is None:
        return None
    now = now or timezone.now()
    return (
        ApiToken.objects.select_related("user")
        .filter(token_hash=digest, revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
