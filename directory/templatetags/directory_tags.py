"""Display helpers for directory templates."""

from django import template
from django.conf.locale import LANG_INFO

from directory.models import AGE_GROUPS

register = template.Library()
AGE_GROUP_LABELS = dict(AGE_GROUPS)


@register.filter
def language_name(code: str) -> str:
    """A language code as its own name ("ar" → "العربيّة"), or the code when unknown."""
    return LANG_INFO.get(str(code).lower(), {}).get("name_local", code)


@register.filter
def age_group_labels(values) -> str:
    """Age group keys as a readable list of ranges."""
    return ", ".join(AGE_GROUP_LABELS.get(value, value) for value in values or [])
