"""Forms for creating machine-client tokens on "my profile"."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

LIFETIMES = {
    "30": datetime.timedelta(days=30),
    "90": datetime.timedelta(days=90),
    "365": datetime.timedelta(days=365),
    "never": None,
}


class CalendarTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        initial=_("My calendar"),
        help_text=_("So you recognise it later, e.g. Outlook on my phone."),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the unit's intranet."),
    )
    lifetime = forms.ChoiceField(
        label=_("Valid for"),
        initial="90",
        choices=[
            ("30", _("30 days")),
            ("90", _("90 days")),
            ("365", _("1 year")),
            ("never", _("Until I revoke it")),
        ],
    )

    def clean_lifetime(self) -> datetime.timedelta | None:
        return LIFETIMES[self.cleaned_data["lifetime"]]
