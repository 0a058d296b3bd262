"""What each kind of record exposes to search: flat document dicts (see search/backends/base.py).

People are indexed through their current positions and never when protected or retired; pages
only while live. Page fields are read defensively because page types grow over time.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from django.urls import reverse
from django.utils import timezone

from directory.models import ContactPoint, Function, Organisation, Person, Position
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
PAGE_KINDS = {
    "GuidelinePage": "guideline",
    "DirectivePage": "directive",
    "ForumPage": "forum",
    "MeetingPage": "meeting",
    "GlossaryPage": "glossary",
}
EXTRA_PAGE_TEXT = ("purpose", "mandate", "area", "cadence", "location")
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


def _legal_keywords(*texts: str) -> list[str]:
    return legal.tokens(" ".join(text for text in texts if text))


class Organisations:
    """Organisation lookups shared by a batch of documents (ancestors without extra queries)."""

    def __init__(self, organisations: Iterable[Organisation] | None = None):
        self.by_id = {org.pk: org for org in (organisations or [])}
        self.chains: dict[int | None, list[Organisation]] = {}

    def get(self, pk: int | None) -> Organisation | None:
        if pk is None:
            return None
        if pk not in self.by_id:
            org = Organisation.objects.filter(pk=pk).first()
            if org is None:
                return None
            self.by_id[pk] = org
        return self.by_id[pk]

    def chain(self, pk: int | None) -> list[Organisation]:
        """The organisation and its ancestors, nearest first."""
        cached = self.chains.get(pk)
        if cached is not None:
            return cached
        chain: list[Organisation] = []
        seen: set[int] = set()
        org = self.get(pk)
        while org is not None and org.pk not in seen and len(chain) < 10:
            chain.append(org)
            seen.add(org.pk)
            org = self.get(org.parent_id)
        self.chains[pk] = chain
        return chain


def _document(kind: str, key: str, title: str, url: str, **fields) -> dict:
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
        "function": [],
        "tag": [],
        "audience": [],
        "contact": {},
        "prior": KIND_PRIORS.get(kind, 1.0),
    }
    document.update(fields)
    return document


@lru_cache(maxsize=1)
def _person_url_pattern() -> str:
    return reverse("directory:person", args=["KEY"]).replace("KEY", "{}")


def _person_url(key: str) -> str:
    return _person_url_pattern().format(key)


def person_document(
    person: Person, positions: list[Position], orgs: Organisations, tags: list[str] | None = None
) -> dict | None:
    """A person through their current positions; None when they must not be found."""
    if person.protected or person.retired_at is not None:
        return None
    roles: list[str] = [person.title] if person.title else []
    places: list[str] = []
    org_keys: list[str] = []
    function_keys: list[str] = []
    lines: list[str] = []
    cards: list[dict] = []
    for position in positions:
        function = position.function
        chain = orgs.chain(position.organisation_id)
        roles += [function.name, *(function.synonyms or [])]
        places += [position.area, *(org.name for org in chain)]
        org_keys += [org.key for org in chain]
        function_keys.append(function.key)
        unit = chain[0].name if chain else ""
        lines.append(" ".join(part for part in (function.name, unit, position.area) if part))
        cards.append({"function": function.name, "organisation": unit, "area": position.area})
    home = orgs.chain(person.organisation_id)
    places += [org.name for org in home]
    org_keys += [org.key for org in home]
    return _document(
        "person",
        person.key,
        person.full_name,
        _person_url(person.key),
        names=[person.full_name],
        roles=list(dict.fromkeys(filter(None, roles))),
        places=list(dict.fromkeys(filter(None, places))),
        keywords=tags if tags is not None else [tag.name for tag in person.expertise.all()],
        summary=" · ".join(lines) or person.title,
        organisation=list(dict.fromkeys(org_keys)),
        function=list(dict.fromkeys(function_keys)),
        contact={
            "phone": person.phone,
            "email": person.email,
            "function": cards[0]["function"] if cards else person.title,
            "organisation": cards[0]["organisation"] if cards else (home[0].name if home else ""),
        },
        positions=cards,
    )


def function_document(function: Function) -> dict | None:
    if function.retired_at is not None or not getattr(function, "live", True):
        return None
    body_parts = [
        function.mandate,
        function.responsibilities,
        function.competence,
        function.conditions,
        function.legal_basis,
        function.contact_when,
        function.contact_not_when,
    ]
    return _document(
        "function",
        function.key,
        function.name,
        function.get_absolute_url(),
        names=[function.name],
        roles=list(function.synonyms or []),
        keywords=[function.get_sector_display(), *_legal_keywords(*body_parts)],
        summary=function.summary,
        body="\n".join(filter(None, body_parts)),
        function=[function.key],
    )


def contact_point_document(point: ContactPoint, orgs: Organisations) -> dict | None:
    if point.retired_at is not None:
        return None
    chain = orgs.chain(point.organisation_id)
    return _document(
        "contact_point",
        point.key,
        point.name,
        point.get_absolute_url(),
        names=[point.name],
        places=[org.name for org in chain],
        keywords=[*(point.topics or []), *_legal_keywords(point.purpose)],
        summary=point.purpose,
        body=point.hours,
        organisation=[org.key for org in chain],
        contact={
            "phone": point.phone,
            "email": point.email,
            "hours": point.hours,
            "organisation": chain[0].name if chain else "",
        },
    )


def organisation_document(org: Organisation, orgs: Organisations) -> dict | None:
    if org.retired_at is not None:
        return None
    chain = orgs.chain(org.pk)
    return _document(
        "organisation",
        org.key,
        org.name,
        org.get_absolute_url(),
        names=[org.name],
        places=[ancestor.name for ancestor in chain[1:]],
        keywords=[org.get_kind_display()],
        summary=" ".join(filter(None, [org.address, org.visiting_address, org.opening_hours])),
        organisation=[ancestor.key for ancestor in chain],
        contact={
            "phone": org.phone,
            "email": org.email,
            "hours": org.opening_hours,
            "organisation": chain[1].name if len(chain) > 1 else "",
        },
    )


def page_kind(page) -> str:
    return PAGE_KINDS.get(type(page).__name__, "page")


def _page_url(page) -> str:
    try:
        return page.get_url() or page.url_path
    except Exception:  # noqa: BLE001 - a page without a site still gets a path
        return page.url_path


def _related_keys(page, name: str) -> list[str]:
    related = getattr(page, name, None)
    if related is None:
        return []
    try:
        return [item.key for item in related.all()]
    except Exception:  # noqa: BLE001 - a field another page type may not have
        return []


def page_document(page) -> dict | None:
    """A live content page; None for drafts, unpublished pages and index pages."""
    page = page.specific
    if not page.live or getattr(page, "summary", None) is None:
        return None
    kind = page_kind(page)
    keywords = [tag.name for tag in page.tags.all()] if hasattr(page, "tags") else []
    body = [plain(getattr(page, "body", ""))]
    body += [plain(getattr(page, name, "")) for name in EXTRA_PAGE_TEXT]
    prior = KIND_PRIORS.get(kind, 1.0)
    if kind == "glossary":
        for term in page.terms.all() if hasattr(page, "terms") else []:
            keywords += [term.term, term.expansion, *(term.synonyms or [])]
            body.append(f"{term.term} {term.definition}")
    if kind == "directive":
        keywords += [page.diary_number, page.decided_by]
        replaced = getattr(page, "replaced_by_directives", None)
        if replaced is not None and replaced.filter(live=True).exists():
            prior *= 0.5
    valid_to = getattr(page, "valid_to", None)
    if valid_to is not None and valid_to < timezone.localdate():
        prior *= 0.6
    keywords += _legal_keywords(page.title, page.summary, *body)
    owner = getattr(page, "owner_organisation", None)
    contact_function = getattr(page, "contact_function", None)
    org_keys = [owner.key] if owner else []
    org_keys += _related_keys(page, "parties")
    function_keys = [contact_function.key] if contact_function else []
    function_keys += _related_keys(page, "related_functions")
    return _document(
        kind,
        page.slug,
        page.title,
        _page_url(page),
        title_text=page.title,
        keywords=[keyword for keyword in dict.fromkeys(keywords) if keyword],
        summary=page.summary,
        body="\n".join(filter(None, body)),
        organisation=list(dict.fromkeys(org_keys)),
        function=list(dict.fromkeys(function_keys)),
        tag=[tag.name for tag in page.tags.all()] if hasattr(page, "tags") else [],
        audience=list(getattr(page, "audience", None) or []),
        prior=prior,
    )


def document_document(document) -> dict | None:
    """An uploaded document with its extracted text."""
    text = getattr(document, "extracted_text", "")
    return _document(
        "document",
        str(document.pk),
        document.title,
        document.url,
        title_text=document.title,
        keywords=[tag.name for tag in document.tags.all()] + _legal_keywords(text),
        body=text,
    )


def _positions_by_person(people: Iterable[Person]) -> dict[int, list[Position]]:
    ids = [person.pk for person in people]
    grouped: dict[int, list[Position]] = {pk: [] for pk in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        positions = (
            Position.objects.current()
            .filter(person_id__in=chunk)
            .select_related("function")
            .filter(function__retired_at__isnull=True)
            .order_by("person_id", "id")
        )
        for position in positions:
            grouped[position.person_id].append(position)
    return grouped


def _tags_by_person(people: list[Person]) -> dict[int, list[str]]:
    from directory.models import PersonTag

    ids = [person.pk for person in people]
    grouped: dict[int, list[str]] = {pk: [] for pk in ids}
    for start in range(0, len(ids), 500):
        rows = PersonTag.objects.filter(content_object_id__in=ids[start : start + 500]).order_by(
            "content_object_id", "tag__name"
        )
        for person_id, name in rows.values_list("content_object_id", "tag__name"):
            grouped[person_id].append(name)
    return grouped


def people_documents(people: Iterable[Person], orgs: Organisations | None = None) -> Iterator[dict]:
    people = [person for person in people if not person.protected and person.retired_at is None]
    orgs = orgs or Organisations(Organisation.objects.all())
    positions = _positions_by_person(people)
    tags = _tags_by_person(people)
    for person in people:
        document = person_document(person, positions[person.pk], orgs, tags[person.pk])
        if document:
            yield document


def live_pages():
    from wagtail.models import Page

    from portal.pages.base import ContentPage

    return Page.objects.live().type(ContentPage).specific()


def all_documents() -> Iterator[dict]:
    """Every searchable document, in bulk with a bounded number of queries per kind."""
    orgs = Organisations(Organisation.objects.all())
    for org in orgs.by_id.values():
        document = organisation_document(org, orgs)
        if document:
            yield document
    for function in Function.objects.current():
        document = function_document(function)
        if document:
            yield document
    for point in ContactPoint.objects.current():
        document = contact_point_document(point, orgs)
        if document:
            yield document
    people = Person.objects.visible()
    for start in range(0, people.count(), 2000):
        yield from people_documents(people.order_by("pk")[start : start + 2000], orgs)
    for page in live_pages():
        document = page_document(page)
        if document:
            yield document
    yield from _documents_of_documents()


def _documents_of_documents() -> Iterator[dict]:
    from wagtail.documents import get_document_model

    for document in get_document_model().objects.prefetch_related("tags"):
        yield document_document(document)


def uid_for(instance) -> str | None:
    """The uid an instance is (or would be) indexed under."""
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    if isinstance(instance, Person):
        return f"person:{instance.key}"
    if isinstance(instance, Function):
        return f"function:{instance.key}"
    if isinstance(instance, ContactPoint):
        return f"contact_point:{instance.key}"
    if isinstance(instance, Organisation):
        return f"organisation:{instance.key}"
    if isinstance(instance, Page):
        kind = PAGE_KINDS.get(getattr(instance.specific_class, "__name__", ""), "page")
        return f"{kind}:{instance.slug}"
    if isinstance(instance, get_document_model()):
        return f"document:{instance.pk}"
    return None


def document_for(instance) -> dict | None:
    """The document of one record, or None when it must not be found."""
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    if isinstance(instance, Person):
        fresh = Person.objects.filter(pk=instance.pk).first()
        if fresh is None:
            return None
        return next(people_documents([fresh]), None)
    if isinstance(instance, Function):
        return function_document(instance)
    if isinstance(instance, ContactPoint):
        return contact_point_document(instance, Organisations())
    if isinstance(instance, Organisation):
        return organisation_document(instance, Organisations())
    if isinstance(instance, Page):
        return page_document(instance)
    if isinstance(instance, get_document_model()):
        return document_document(instance)
    return None


def dependents(instance) -> list:
    """Other records whose documents embed this one (kept cheap: direct links only)."""
    if isinstance(instance, Position):
        return [instance.person]
    if isinstance(instance, Organisation):
        people = Person.objects.filter(organisation=instance) | Person.objects.filter(
            positions__organisation=instance
        )
        return [
            *people.distinct(),
            *instance.contact_points.all(),
            *instance.children.all(),
        ]
    if isinstance(instance, Function):
        return list(Person.objects.filter(positions__function=instance).distinct())
    return []
