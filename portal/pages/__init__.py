"""Wagtail page types, one module per page family."""
