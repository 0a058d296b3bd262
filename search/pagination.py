"""The one way to page a list: Django's Paginator with one rule for page numbers from a request."""

from collections.abc import Sequence

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def page_number(value: object) -> int:
    """A 1-based page number from a query parameter; anything unusable means the first page."""
    try:
        return max(int(str(value)), 1)
    except ValueError:
        return 1


def paginate(items: QuerySet | Sequence, *, per_page: int, number: object) -> Page:
    """Page `number` of `items`: the first for junk or numbers below 1, the last past the end."""
    return Paginator(items, per_page).get_page(page_number(number))
