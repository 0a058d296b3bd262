"""The reader's feedback form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.feedback.models import TEXT_MAX, Feedback

TARGET_KINDS = ["page", "function", "contact_point", "person", "organisation"]
TOO_LONG = _(
    "The text can be at most %(limit_value)d characters (it has %(show_value)d). "
    "Shorten it and send again."
)


class FeedbackForm(forms.Form):
    """What the reader answers and which page or record it is about."""

    target_kind = forms.ChoiceField(choices=[(kind, kind) for kind in TARGET_KINDS])
    target_key = forms.CharField(max_length=100)
    kind = forms.ChoiceField(
        choices=Feedback.Kind.choices,
        error_messages={"invalid_choice": _("Choose Yes, No or report an error.")},
    )
    text = forms.CharField(
        label=_("What is wrong or out of date?"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea,
        error_messages={"max_length": TOO_LONG},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Feedback.Kind.ERROR and not cleaned.get("text", "").strip():
            self.add_error("text", _("Describe what is wrong or out of date."))
        return cleaned


class ReplyForm(forms.Form):
    """The owner's reply, e-mailed to the reader."""

    reply = forms.CharField(
        label=_("Reply to the reader"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write the reply before you send it."),
            "max_length": TOO_LONG,
        },
    )
