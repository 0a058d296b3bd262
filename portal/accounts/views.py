"""Sign-in and sign-out pages: local login with one button per provider, SSO, the chosen body."""

import logging
import re

from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from requests import RequestException

from portal.accounts import selectors, services
from portal.accounts.models import BodyChoice, SignInRefusal
from portal.accounts.oidc import PortalOIDCAdapter

logger = logging.getLogger(__name__)

SAFE_CODE = re.compile(r"[^a-z0-9_]")


def _page(request: HttpRequest, *, message: str, advice: str, status: int) -> HttpResponse:
    context = {"message": message, "advice": advice, "login_url": settings.LOGIN_URL}
    return render(request, "accounts/sign_in_failed.html", context, status=status)


def sign_in_failed(
    request: HttpRequest, *, provider_name: str, unreachable: bool = False
) -> HttpResponse:
    """The page for a sign-in that went wrong on the way; nothing was created or linked."""
    if unreachable:
        return _page(
            request,
            message=_("%(provider)s is not answering right now.") % {"provider": provider_name},
            advice=_(
                "Try again in a few minutes. If it goes on, contact your IT support. "
                "Administrators can still log in with a local account."
            ),
            status=503,
        )
    return _page(
        request,
        message=_("We could not log you in with %(provider)s. No account was created or changed.")
        % {"provider": provider_name},
        advice=_(
            "Start again from the login page. If it happens again, contact the portal's "
            "administrator and say at what time it happened."
        ),
        status=400,
    )


REFUSAL_MESSAGES = {
    SignInRefusal.Reason.MISSING_EMAIL: gettext_lazy(
        "%(provider)s did not tell us your e-mail address, so we cannot tell who you are."
    ),
    SignInRefusal.Reason.UNVERIFIED_EMAIL: gettext_lazy(
        "%(provider)s has not verified your e-mail address, so we cannot link your account."
    ),
    SignInRefusal.Reason.OUTSIDE_DOMAINS: gettext_lazy(
        "Your e-mail address does not belong to %(provider)s. Use the button for your own "
        "organisation."
    ),
    SignInRefusal.Reason.PRIVILEGED_ACCOUNT: gettext_lazy(
        "Your e-mail address belongs to an administrator account. For safety, such accounts "
        "are never linked automatically."
    ),
    SignInRefusal.Reason.ALREADY_LINKED: gettext_lazy(
        "The account with your e-mail address is already linked to another login."
    ),
    SignInRefusal.Reason.AMBIGUOUS: gettext_lazy(
        "Several accounts have your e-mail address, so we cannot tell which one is yours."
    ),
    SignInRefusal.Reason.INACTIVE_ACCOUNT: gettext_lazy(
        "The account with your e-mail address is deactivated."
    ),
}


def sign_in_refused(request: HttpRequest, *, reason: str, provider_name: str) -> HttpResponse:
    """The page for a first sign-in the linking rules refused; nothing was created or linked."""
    return _page(
        request,
        message=REFUSAL_MESSAGES[reason] % {"provider": provider_name},
        advice=_(
            "Contact the portal's administrator: they can link your login by hand. "
            "No account was created or changed."
        ),
        status=403,
    )


class LoginView(auth_views.LoginView):
    """The local login form (for administrators) under one button per identity provider."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sign_in_buttons"] = selectors.sign_in_buttons(request=self.request)
        return context


class CallbackView(OAuth2CallbackView):
    """allauth's callback, handing the nonce kept in the state to the adapter."""

    def _get_state(self, request, provider):
        state, response = super()._get_state(request, provider)
        if state is not None:
            self.adapter.expected_nonce = state.get("nonce")
        return state, response


def _unreachable(request: HttpRequest, provider_id: str, error: Exception) -> HttpResponse:
    logger.warning(
        "SSO provider unreachable: provider=%s reason=%s", provider_id, type(error).__name__
    )
    name = selectors.provider_name(provider_id=provider_id)
    return sign_in_failed(request, provider_name=name, unreachable=True)


@login_not_required
@require_http_methods(["GET", "POST"])
def oidc_login(request: HttpRequest, provider_id: str) -> HttpResponse:
    """Send the browser to the provider (POST from the login page, so no login CSRF)."""
    if request.method == "GET":
        return redirect(settings.LOGIN_URL)
    try:
        return OAuth2LoginView.adapter_view(PortalOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404(_("No such login.")) from None
    except (RequestException, OAuth2Error, ValueError) as error:
        return _unreachable(request, provider_id, error)


@login_not_required
@require_GET
def oidc_callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    """The provider's answer: validate, link or refuse, sign in; then choose a body if needed."""
    adapter = PortalOIDCAdapter(request, provider_id)
    try:
        response = CallbackView.adapter_view(adapter)(request)
    except SocialApp.DoesNotExist:
        raise Http404(_("No such login.")) from None
    except (RequestException, OAuth2Error, ValueError) as error:
        return _unreachable(request, provider_id, error)
    signed_in = (
        response.status_code == 302
        and adapter.subject
        and request.user.is_authenticated
        and request.user.socialaccount_set.filter(
            provider=provider_id, uid=adapter.subject
        ).exists()
    )
    if not signed_in:
        return response
    services.remember_sso_session(
        request=request,
        provider_id=provider_id,
        client_id=adapter.get_provider().app.client_id,
        id_token=adapter.id_token,
        end_session_endpoint=adapter.openid_config.get("end_session_endpoint", ""),
    )
    if selectors.user_context(user=request.user).body is None:
        return redirect(f"{reverse('choose_body')}?{urlencode({'next': response['Location']})}")
    return response


@login_not_required
def account_inactive(request: HttpRequest) -> HttpResponse:
    """Where allauth sends a deactivated account."""
    return _page(
        request,
        message=_("Your account is deactivated."),
        advice=_("Contact the portal's administrator."),
        status=403,
    )


@login_not_required
def signup_closed(request: HttpRequest) -> HttpResponse:
    """Accounts are never created from a form here."""
    return _page(
        request,
        message=_("You cannot create an account here."),
        advice=_("Log in with your organisation's button, or contact the portal's administrator."),
        status=403,
    )


class LogoutView(auth_views.LogoutView):
    """End the portal session and, after SSO, the provider's session too (RP-initiated logout)."""

    def post(self, request, *args, **kwargs):
        sso = request.session.get(services.SSO_SESSION_KEY) or {}
        response = super().post(request, *args, **kwargs)
        endpoint = sso.get("end_session_endpoint")
        if not endpoint:
            return response
        query = urlencode(
            {
                "id_token_hint": sso["id_token"],
                "client_id": sso["client_id"],
                "post_logout_redirect_uri": request.build_absolute_uri(settings.LOGIN_URL),
            }
        )
        return HttpResponseRedirect(f"{endpoint}{'&' if '?' in endpoint else '?'}{query}")


class BodyChoiceForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=selectors.bodies(),
        widget=forms.RadioSelect,
        empty_label=None,
        label=gettext_lazy("I work for"),
    )


@require_http_methods(["GET", "POST"])
def choose_body(request: HttpRequest) -> HttpResponse:
    """A user without a directory link says once which municipality, region or police area."""
    current = BodyChoice.objects.filter(user=request.user).first()
    form = BodyChoiceForm(
        request.POST or None, initial={"organisation": current.organisation_id if current else None}
    )
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        services.choose_body(user=request.user, organisation=form.cleaned_data["organisation"])
        messages.success(request, _("Thank you. The portal now shows your organisation first."))
        return redirect(next_url or "directory:my_profile")
    return render(request, "accounts/choose_body.html", {"form": form, "next": next_url})
