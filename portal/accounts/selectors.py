"""Reads: whom a first SSO sign-in may be linked to, the sign-in buttons, the user's context, and
machine-client tokens."""

import datetime
from dataclasses import dataclass

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from directory.models import Organisation, Person, Position
from directory.selectors import current_positions, organisation_chain, person_for_user
from portal.accounts.models import BODY_KINDS, ApiToken, BodyChoice, CalendarToken, SignInRefusal
from portal.accounts.tokens import secret_hash

OIDC = "openid_connect"


class SignInRefused(Exception):
    """A first SSO sign-in that must not be linked or create an account."""

    def __init__(self, reason: SignInRefusal.Reason, account=None):
        super().__init__(reason)
        self.reason = reason
        self.account = account


@dataclass(frozen=True)
class FirstSignIn:
    """Whom a new identity is linked to: an existing account, a directory person, both or neither."""

    account: object | None
    person: Person | None


@dataclass(frozen=True)
class SignInButton:
    provider_id: str
    name: str
    url: str


@dataclass(frozen=True)
class UserContext:
    """Who is asking: the linked person and where they work, or the body they chose."""

    person: Person | None
    organisation: Organisation | None
    administration: Organisation | None
    body: Organisation | None
    positions: tuple[Position, ...]
    areas: tuple[str, ...]
    chosen_body: Organisation | None


def first_sign_in(*, email: str, email_verified: bool, email_domains: list[str]) -> FirstSignIn:
    """Apply the linking rules to a new (issuer, sub); raise SignInRefused when one fails."""
    if not email:
        raise SignInRefused(SignInRefusal.Reason.MISSING_EMAIL)
    if email_verified is not True:
        raise SignInRefused(SignInRefusal.Reason.UNVERIFIED_EMAIL)
    if email.rpartition("@")[2].lower() not in email_domains:
        raise SignInRefused(SignInRefusal.Reason.OUTSIDE_DOMAINS)
    people = list(Person.objects.current().filter(email__iexact=email)[:2])
    person = people[0] if len(people) == 1 else None
    accounts = list(
        get_user_model()
        .objects.filter(
            Q(email__iexact=email)
            | Q(emailaddress__email__iexact=email)
            | Q(pk__in=[p.user_id for p in people if p.user_id])
        )
        .distinct()[:2]
    )
    if len(accounts) > 1:
        raise SignInRefused(SignInRefusal.Reason.AMBIGUOUS)
    account = accounts[0] if accounts else None
    if account is None:
        return FirstSignIn(account=None, person=person if person and not person.user_id else None)
    if account.is_staff or account.is_superuser:
        raise SignInRefused(SignInRefusal.Reason.PRIVILEGED_ACCOUNT, account=account)
    if not account.is_active:
        raise SignInRefused(SignInRefusal.Reason.INACTIVE_ACCOUNT, account=account)
    if SocialAccount.objects.filter(user=account).exists():
        raise SignInRefused(SignInRefusal.Reason.ALREADY_LINKED, account=account)
    if person is not None and person.user_id not in (None, account.pk):
        person = None
    return FirstSignIn(account=account, person=person)


def sign_in_buttons(*, request: HttpRequest) -> list[SignInButton]:
    """One button per configured OpenID Connect provider, in configuration order."""
    return [
        SignInButton(provider.sub_id, provider.name, provider.get_login_url(request))
        for provider in get_adapter().list_providers(request)
        if provider.id == OIDC
    ]


def provider_name(*, provider_id: str) -> str:
    """The configured name of a provider, or its id when it is not configured."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get(OIDC, {}).get("APPS", [])
    return next((app["name"] for app in apps if app["provider_id"] == provider_id), provider_id)


def bodies() -> QuerySet[Organisation]:
    """The municipalities, regions and police areas a user may say they work for."""
    return Organisation.objects.current().filter(kind__in=BODY_KINDS).order_by("name")


def user_context(*, user) -> UserContext:
    """The one place that says who is asking; search and the home page read it."""
    chosen = (
        BodyChoice.objects.filter(user=user, organisation__retired_at__isnull=True)
        .select_related("organisation")
        .first()
        if user.is_authenticated
        else None
    )
    chosen_body = chosen.organisation if chosen else None
    person = person_for_user(user=user)
    if person is None:
        return UserContext(None, None, None, chosen_body, (), (), chosen_body)
    chain = organisation_chain(organisation_id=person.organisation_id)
    organisation = chain[0]
    administration = next((o for o in chain if o.kind == Organisation.Kind.ADMINISTRATION), None)
    body = next((o for o in chain if o.kind in BODY_KINDS), chain[-1])
    positions = tuple(
        current_positions()
        .filter(person=person)
        .select_related("function", "organisation")
        .order_by("function__name")
    )
    areas = tuple(dict.fromkeys(position.area for position in positions if position.area))
    return UserContext(person, organisation, administration, body, positions, areas, chosen_body)


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
