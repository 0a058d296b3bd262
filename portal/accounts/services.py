"""Writes: linking and unlinking SSO identities, refusals, the chosen body; each link is audited."""

import logging

from allauth.socialaccount.models import SocialAccount
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from wagtail.log_actions import log

from directory.models import Organisation, Person
from portal.accounts.models import BodyChoice, IdentityIssuer, SignInRefusal

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
