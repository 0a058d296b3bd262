"""allauth adapters: no local sign-up, and the linking rules for a first SSO sign-in."""

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.db import transaction
from requests import RequestException

from portal.accounts import selectors, services
from portal.accounts.oidc import SignInError
from portal.accounts.views import sign_in_failed, sign_in_refused

logger = logging.getLogger(__name__)


def _claims(sociallogin) -> dict:
    """UserInfo claims (already checked to have the ID token's `sub`) over the ID token's."""
    data = sociallogin.account.extra_data
    return {**data.get("id_token", {}), **data.get("userinfo", {})}


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators or by a first SSO sign-in, never by a form."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def login(self, request, user) -> None:
        user.backend = "django.contrib.auth.backends.ModelBackend"
        super().login(request, user)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Only providers from OIDC_PROVIDERS; a new identity is linked only as the rules allow."""

    def list_apps(self, request, provider=None, client_id=None):
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        return [app for app in apps if app.pk is None]

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return True

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        return True

    def on_authentication_error(
        self, request, provider, error=None, exception=None, extra_context=None
    ) -> None:
        reason = exception.reason if isinstance(exception, SignInError) else error
        if exception is not None and not isinstance(exception, SignInError):
            reason = f"{error}:{type(exception).__name__}"
        logger.warning("SSO sign-in failed: provider=%s reason=%s", provider.sub_id, reason)
        unreachable = isinstance(exception, RequestException)
        raise ImmediateHttpResponse(
            sign_in_failed(request, provider_name=provider.name, unreachable=unreachable)
        )

    def pre_social_login(self, request, sociallogin) -> None:
        if sociallogin.is_existing:
            return
        provider = sociallogin.provider
        claims = _claims(sociallogin)
        try:
            first = selectors.first_sign_in(
                email=claims.get("email") or "",
                email_verified=claims.get("email_verified"),
                email_domains=provider.email_domains,
            )
        except selectors.SignInRefused as refusal:
            services.record_refusal(
                provider_id=provider.sub_id,
                issuer=claims["iss"],
                subject=sociallogin.account.uid,
                reason=refusal.reason,
                account=refusal.account,
            )
            raise ImmediateHttpResponse(
                sign_in_refused(request, reason=refusal.reason, provider_name=provider.name)
            ) from None
        if first.account is not None:
            with transaction.atomic():
                sociallogin.connect(request, first.account)
                services.link_identity(
                    account=sociallogin.account, issuer=claims["iss"], person=first.person
                )

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.email = (data.get("email") or "").strip()
        return user

    def save_user(self, request, sociallogin, form=None):
        claims = _claims(sociallogin)
        first = selectors.first_sign_in(
            email=claims.get("email") or "",
            email_verified=claims.get("email_verified"),
            email_domains=sociallogin.provider.email_domains,
        )
        with transaction.atomic():
            user = super().save_user(request, sociallogin, form=form)
            services.link_identity(
                account=sociallogin.account, issuer=claims["iss"], person=first.person
            )
        return user
