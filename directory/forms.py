"""Forms for the self-service profile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.validators import validate_languages, validate_phone


def split_list(value: str) -> list[str]:
    """Comma-separated text to a list without blanks or repeats."""
    return list(dict.fromkeys(item.strip() for item in value.split(",") if item.strip()))


class ProfileForm(forms.Form):
    """What a person may change about themselves."""

    phone = forms.CharField(
        label=_("Phone"), max_length=50, required=False, validators=[validate_phone]
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        required=False,
        max_length=1000,
        help_text=_("Separate with commas, e.g. NPF, mobbning."),
    )
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        max_length=200,
        help_text=_("Language codes separated by commas, e.g. sv, en, ar."),
    )

    def clean_expertise(self) -> list[str]:
        items = split_list(self.cleaned_data["expertise"])
        if any(len(item) > 100 for item in items):
            raise forms.ValidationError(_("Each expertise may be at most 100 characters."))
        return items

    def clean_languages(self) -> list[str]:
        items = [item.lower() for item in split_list(self.cleaned_data["languages"])]
        validate_languages(items)
        return items
