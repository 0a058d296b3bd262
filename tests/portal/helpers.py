"""Helpers the portal tests share: messages as shown, and the admin's page form."""

from django.conf import settings
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def shown(message: str, **values) -> str:
    """The message as the portal shows it, in its default language."""
    with translation.override(settings.LANGUAGE_CODE):
        text = translation.gettext(message)
    return text % values if values else text


def publish_form_data(page, title: str) -> dict:
    """The admin edit form of a content page with a new title, sent with "publish"."""
    return nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "summary": page.summary,
            "owner_organisation": page.owner_organisation_id or "",
            "tags": "",
            "legal_references": "[]",
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
