"""The document contract every kind of record is indexed as (see search/backends/base.py).

Apps build their documents with `new_document()` and register the builders in search/registry.py
(directory/search_documents.py, portal/search_documents.py); this module knows no app.
"""

from __future__ import annotations

import html
import re

from search.analysis import legal

KIND_PRIORS = {
    "person": 1.0,
    "function": 1.0,
    "contact_point": 1.05,
    "organisation": 0.9,
    "guideline": 1.0,
    "directive": 1.0,
    "forum": 1.0,
    "meeting": 0.85,
    "glossary": 0.6,
    "page": 0.85,
    "document": 0.8,
}
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain(value) -> str:
    """Plain text from a string, HTML, StreamField value or nested structure."""
    parts: list[str] = []
    _collect(value, parts)
    text = html.unescape(_TAG.sub(" ", " ".join(parts)))
    return _SPACE.sub(" ", text).strip()


def _collect(value, parts: list[str]) -> None:
    if value is None or isinstance(value, bool | int | float):
        return
    if isinstance(value, str):
        parts.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type"):
                _collect(item, parts)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, parts)
    elif hasattr(value, "raw_data"):
        _collect(list(value.raw_data), parts)
    else:
        parts.append(str(value))


def legal_keywords(*texts: str) -> list[str]:
    """Canonical tokens of the legal references in the texts."""
    return legal.tokens(" ".join(text for text in texts if text))


def new_document(kind: str, key: str, title: str, url: str, **fields) -> dict:
    """A document of `kind` with every contract field present (empty unless given)."""
    document = {
        "uid": f"{kind}:{key}",
        "kind": kind,
        "id": key,
        "title": title,
        "url": url,
        "names": [],
        "roles": [],
        "places": [],
        "title_text": "",
        "keywords": [],
        "summary": "",
        "body": "",
        "organisation": [],
        "serves": [],
        "function": [],
        "tag": [],
        "audience": [],
        "contact": {},
        "prior": KIND_PRIORS.get(kind, 1.0),
    }
    document.update(fields)
    return document
