"""The "calendar and API" section of "my profile"."""

from django import template

from portal.accounts import selectors
from portal.accounts.token_forms import ApiTokenForm, CalendarTokenForm

register = template.Library()


@register.inclusion_tag("accounts/components/machine_clients.html")
def machine_clients(user, csrf_token):
    """The user's calendar addresses and API tokens with forms to create and revoke them."""
    return {
        "calendar_tokens": list(selectors.calendar_tokens(user=user)),
        "api_tokens": list(selectors.api_tokens(user=user)),
        "calendar_form": CalendarTokenForm(auto_id="calendar-token-%s"),
        "api_form": ApiTokenForm(auto_id="api-token-%s"),
        "csrf_token": csrf_token,
    }
