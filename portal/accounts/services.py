"""Writes: linking and unlinking SSO identities (each audited), refusals, the chosen body, and
machine-client tokens (created with a secret returned once, revoked, authenticated)."""

import datetime
import logging

from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from wagtail.log_actions import log

from directory import caching
from directory.models import Organisation, Person
from portal.accounts import selectors, sessions
from portal.accounts.models import (
    ApiToken,
    BodyChoice,
    CalendarToken,
    IdentityIssuer,
    MachineToken,
    SignInRefusal,
)
from portal.accounts.tokens import new_api_secret, new_calendar_secret, secret_hash

logger = logging.getLogger(__name__)

SSO_SESSION_KEY = "portal_sso"
LINK, REFUSE, UNLINK = "accounts.sso.link", "accounts.sso.refuse", "accounts.sso.unlink"


def _title(account: SocialAccount) -> str:
    return f"SSO {account.provider}"


@transaction.atomic
def link_identity(
    *, account: SocialAccount, issuer: str, person: Person | None, by_hand: bool = False
) -> IdentityIssuer:
    """Bind a saved SocialAccount to its issuer, link the directory person, and audit it."""
    binding = IdentityIssuer.objects.create(account=account, issuer=issuer)
    if person is not None and person.user_id is None:
        # An update, not save(): the link changes no searchable field, so nothing is reindexed.
        Person.objects.filter(pk=person.pk, user__isnull=True).update(
            user=account.user, updated_at=timezone.now()
        )
        # the search context of the account and the person page's owner banner
        caching.bump(sessions.ACCOUNTS, caching.DIRECTORY)
    log(
        instance=account,
        action=LINK,
        user=None if by_hand else account.user,
        title=_title(account),
        data={
            "provider": account.provider,
            "issuer": issuer,
            "person_linked": person is not None,
            "by_hand": by_hand,
        },
    )
    return binding


@transaction.atomic
def link_by_hand(*, refusal: SignInRefusal, user) -> IdentityIssuer:
    """An administrator binds a refused identity to an account (e.g. a staff account)."""
    if SocialAccount.objects.filter(provider=refusal.provider, uid=refusal.subject).exists():
        raise ValueError("this identity is already linked")
    account = SocialAccount.objects.create(
        user=user, provider=refusal.provider, uid=refusal.subject, extra_data={}
    )
    return link_identity(account=account, issuer=refusal.issuer, person=None, by_hand=True)


def record_refusal(
    *, provider_id: str, issuer: str, subject: str, reason: str, account=None
) -> SignInRefusal:
    """Keep what an administrator needs to link by hand; log no e-mail, name or token."""
    refusal = SignInRefusal.objects.create(
        provider=provider_id, issuer=issuer, subject=subject, reason=reason, account=account
    )
    log(
        instance=refusal,
        action=REFUSE,
        title=str(refusal),
        data={"provider": provider_id, "reason": reason},
    )
    logger.warning(
        "SSO sign-in refused: provider=%s reason=%s refusal=%s", provider_id, reason, refusal.pk
    )
    return refusal


def record_unlink(*, account: SocialAccount) -> None:
    """Audit an SSO identity that is removed (by an administrator or with its user)."""
    log(
        instance=account,
        action=UNLINK,
        title=_title(account),
        data={"provider": account.provider},
    )


def unlink_identities(*, user, provider_id: str | None = None) -> int:
    """Remove the user's SSO identities (optionally one provider's); each removal is audited."""
    accounts = SocialAccount.objects.filter(user=user)
    if provider_id:
        accounts = accounts.filter(provider=provider_id)
    removed = 0
    for account in accounts:
        account.delete()
        removed += 1
    return removed


def remember_sso_session(
    *,
    request: HttpRequest,
    provider_id: str,
    client_id: str,
    id_token: str,
    end_session_endpoint: str,
) -> None:
    """What RP-initiated logout needs later: the provider, the ID token hint and its endpoint."""
    request.session[SSO_SESSION_KEY] = {
        "provider": provider_id,
        "client_id": client_id,
        "id_token": id_token,
        "end_session_endpoint": end_session_endpoint,
    }


def choose_body(*, user, organisation: Organisation) -> BodyChoice:
    """Remember the body a user without a directory link works for."""
    choice, _ = BodyChoice.objects.update_or_create(
        user=user, defaults={"organisation": organisation}
    )
    return choice


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


def _user_of(token: MachineToken | None) -> AbstractBaseUser | None:
    """The owner of a usable token, its use recorded; None without a token."""
    if token is None:
        return None
    _touch(token)
    return token.user


def authenticate_calendar_token(*, secret: str) -> AbstractBaseUser | None:
    """The active user owning this live calendar secret, or None."""
    return _user_of(selectors.usable_calendar_token(secret=secret))


def authenticate_api_token(*, secret: str) -> AbstractBaseUser | None:
    """The active user owning this live, unexpired API secret, or None."""
    return _user_of(selectors.usable_api_token(secret=secret))
