"""The secret calendar feed, and creating and revoking tokens from "my profile"; thin over services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.accounts import services
from portal.accounts.token_forms import ApiTokenForm, CalendarTokenForm
from portal.governance import ics
from portal.governance.views import personal_calendar

PROFILE = "directory:my_profile"


@login_not_required
@require_safe
def calendar_feed(request, token: str):
    """The token owner's meetings; unknown, revoked and malformed tokens all get the same 404."""
    user = services.authenticate_calendar_token(secret=token)
    if user is None:
        return HttpResponseNotFound("Not found", content_type="text/plain; charset=utf-8")
    return ics.calendar_response(personal_calendar(user), filename="mina-moten.ics")


def _form_errors(request, form) -> None:
    for name, errors in form.errors.items():
        for error in errors:
            messages.error(request, f"{form.fields[name].label}: {error}")


def _shown_once(request, context: dict):
    """The page that shows a new secret; it is never stored, so nothing may cache it."""
    response = render(request, "accounts/token_created.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def _create_token(request, form, create, *, limit_message: str):
    """The new token and its secret from `create`, or None after telling the user why not."""
    if not form.is_valid():
        _form_errors(request, form)
        return None
    try:
        return create(**form.cleaned_data)
    except services.TokenLimitReached:
        messages.error(request, limit_message)
        return None


def _revoke_token(request, revoked: bool, *, done: str, missing: str):
    """Back to the profile with a message saying whether the token was revoked."""
    if revoked:
        messages.success(request, done)
    else:
        messages.error(request, missing)
    return redirect(PROFILE)


@require_POST
def create_calendar_token(request):
    created = _create_token(
        request,
        CalendarTokenForm(request.POST),
        lambda name: services.create_calendar_token(user=request.user, name=name),
        limit_message=_("You have too many calendar addresses. Revoke one first."),
    )
    if created is None:
        return redirect(PROFILE)
    token, secret = created
    url = request.build_absolute_uri(reverse("accounts:calendar_feed", args=[secret]))
    return _shown_once(
        request,
        {
            "kind": "calendar",
            "token": token,
            "url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[1],
        },
    )


@require_POST
def revoke_calendar_token(request, token_id: int):
    return _revoke_token(
        request,
        services.revoke_calendar_token(user=request.user, token_id=token_id),
        done=_("The calendar address is revoked and no longer works."),
        missing=_("That calendar address does not exist or is already revoked."),
    )


@require_POST
def create_api_token(request):
    created = _create_token(
        request,
        ApiTokenForm(request.POST),
        lambda name, lifetime: services.create_api_token(
            user=request.user, name=name, lifetime=lifetime
        ),
        limit_message=_("You have too many API tokens. Revoke one first."),
    )
    if created is None:
        return redirect(PROFILE)
    token, secret = created
    api_url = request.build_absolute_uri("/api/v1/search?q=kurator")
    return _shown_once(
        request, {"kind": "api", "token": token, "secret": secret, "api_url": api_url}
    )


@require_POST
def revoke_api_token(request, token_id: int):
    return _revoke_token(
        request,
        services.revoke_api_token(user=request.user, token_id=token_id),
        done=_("The API token is revoked and no longer works."),
        missing=_("That API token does not exist or is already revoked."),
    )
