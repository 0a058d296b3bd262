"""Forms for the self-service profile and for directory upkeep in the admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from directory.selectors import editor_organisation_ids
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


class UpkeepForm(WagtailAdminModelForm):
    """Admin form of a directory record: editors place records only in their own organisations."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("organisation")
        user = self.for_user
        if field is not None and user is not None and not user.is_superuser:
            field.queryset = field.queryset.filter(pk__in=editor_organisation_ids(user))


class FunctionUpkeepForm(UpkeepForm):
    """A function's mandate, once written, is never emptied by an edit."""

    def clean_mandate(self) -> str:
        mandate = self.cleaned_data.get("mandate", "")
        if self.instance.pk and self.instance.mandate.strip() and not mandate.strip():
            raise ValidationError(
                _(
                    "The mandate cannot be emptied. Describe what the function is responsible for,"
                    " or ask an administrator to retire the function."
                ),
                code="mandate_emptied",
            )
        return mandate
