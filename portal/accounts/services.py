"""Writes for machine-client tokens: create (the secret is returned once), revoke, authenticate."""

import datetime
import logging

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from portal.accounts import selectors
from portal.accounts.models import ApiToken, CalendarToken, MachineToken
from portal.accounts.tokens import new_api_secret, new_calendar_secret, secret_hash

logger = logging.getLogger(__name__)

MAX_ACTIVE_TOKENS = 20
LAST_USED_PRECISION = datetime.timedelta(minutes=5)
MAX_ID = 2**63 - 1


class TokenLimitReached(Exception):
    """The user already has as many tokens of this kind as allowed."""


def _create(model: type[MachineToken], *, user, name: str, secret: str, **fields) -> MachineToken:
    if model.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise TokenLimitReached
    token = model.objects.create(
        user=user, name=name.strip(), token_hash=secret_hash(secret), **fields
    )
    logger.info("%s %s created for user %s", model.__name__, token.pk, user.pk)
    return token


def create_calendar_token(*, user: AbstractBaseUser, name: str) -> tuple[CalendarToken, str]:
    """A new calendar subscription and its secret, which is not stored and cannot be shown again."""
    secret = new_calendar_secret()
    return _create(CalendarToken, user=user, name=name, secret=secret), secret


def create_api_token(
    *, user: AbstractBaseUser, name: str, lifetime: datetime.timedelta | None
) -> tuple[ApiToken, str]:
    """A new read-only API token and its secret, which is not stored and cannot be shown again."""
    secret = new_api_secret()
    expires_at = timezone.now() + lifetime if lifetime else None
    token = _create(ApiToken, user=user, name=name, secret=secret, expires_at=expires_at)
    return token, secret


def _revoke(model: type[MachineToken], *, user, token_id: int) -> bool:
    if not 0 < token_id <= MAX_ID:
        return False
    revoked = model.objects.filter(pk=token_id, user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        logger.info("%s %s revoked by user %s", model.__name__, token_id, user.pk)
    return bool(revoked)


def revoke_calendar_token(*, user: AbstractBaseUser, token_id: int) -> bool:
    """Revoke one of the user's calendar subscriptions; False when it is not theirs or gone."""
    return _revoke(CalendarToken, user=user, token_id=token_id)


def revoke_api_token(*, user: AbstractBaseUser, token_id: int) -> bool:
    """Revoke one of the user's API tokens; False when it is not theirs or gone."""
    return _revoke(ApiToken, user=user, token_id=token_id)


def _touch(token: MachineToken) -> None:
    """Record use, at most once per LAST_USED_PRECISION so polling clients cost no write each."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        type(token).objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def authenticate_calendar_token(*, secret: str) -> AbstractBaseUser | None:
    """The active user owning this live calendar secret, or None."""
    token = selectors.usable_calendar_token(secret=secret)
    if token is None:
        return None
    _touch(token)
    return token.user


def authenticate_api_token(*, secret: str) -> AbstractBaseUser | None:
    """The active user owning this live, unexpired API secret, or None."""
    token = selectors.usable_api_token(secret=secret)
    if token is None:
        return None
    _touch(token)
    return token.user
