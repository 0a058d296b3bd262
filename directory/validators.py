"""Checks shared by the directory's models, forms and import: phone numbers and language codes."""

import re

import pycountry
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

PHONE_PATTERN = re.compile(r"^[0-9 +()-]*[0-9][0-9 +()-]*$")
LANGUAGE_CODES = frozenset(
    language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2")
)
PHONE_MESSAGE = _("Enter a phone number using digits, spaces, +, - and parentheses only.")

validate_phone = RegexValidator(PHONE_PATTERN, message=PHONE_MESSAGE, code="invalid_phone")


def unknown_languages(codes: list[str]) -> list[str]:
    """The codes that are not two-letter ISO 639-1 language codes."""
    return [code for code in codes if code not in LANGUAGE_CODES]


def validate_languages(value) -> None:
    """A list of ISO 639-1 language codes such as sv, en, ar."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Enter a list of language codes."), code="invalid_languages")
    unknown = unknown_languages(value)
    if unknown:
        raise ValidationError(
            _("Unknown language code %(codes)s: use ISO 639-1 codes such as sv, en, ar."),
            code="unknown_language",
            params={"codes": ", ".join(unknown)},
        )
