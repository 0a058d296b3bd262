"""What the portal exposes to search: live content pages, uploaded documents and glossary synonyms.

Pages are indexed while live, when they are published, unpublished or deleted; page fields are
read defensively because page types grow over time. Registered with search/registry.py from
PortalConfig.ready().
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from django.db.models import Prefetch
from django.db.models.signals import post_delete
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from directory.selectors import organisation_serves, served_by
from portal import selectors
from portal.models import ContentPage, ContentPageTag
from search import indexing, registry
from search.analysis import synonyms
from search.documents import KIND_PRIORS, legal_keywords, new_document, plain

PAGE_KINDS = {
    "GuidelinePage": "guideline",
    "DirectivePage": "directive",
    "ForumPage": "forum",
    "MeetingPage": "meeting",
    "GlossaryPage": "glossary",
}
EXTRA_PAGE_TEXT = ("purpose", "mandate", "area", "cadence", "location")
# What page_document reads beyond a page's own row, fetched for a whole batch at once.
PAGE_LINKS = ("owner_organisation", "contact_function")
PAGE_RELATIONS = ("terms", "parties", "related_functions", "replaced_by_directives")
# Tags come through their links, in the order they were given: a prefetch of `tags` itself has
# no set order (PostgreSQL returns them differently from a page's own query).
TAG_LINKS = Prefetch(
    "tagged_content_items",
    queryset=ContentPageTag.objects.select_related("tag").order_by("pk"),
    to_attr="tag_links",
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


def _tag_names(page) -> list[str]:
    """The page's tags: from the batch's prefetched links when there are some, else looked up."""
    links = getattr(page, "tag_links", None)
    if links is not None:
        return [link.tag.name for link in links]
    return [tag.name for tag in page.tags.all()] if hasattr(page, "tags") else []


def page_document(page, serves: Mapping[int, list[str]] | None = None) -> dict | None:
    """A live content page; None for drafts, unpublished pages and index pages.

    `serves` (directory.selectors.organisation_serves, looked up when not given) says which
    municipalities the page's owner organisation serves; a page without an owner is for everyone.
    """
    page = page.specific
    if not page.live or getattr(page, "summary", None) is None:
        return None
    kind = page_kind(page)
    tags = _tag_names(page)
    keywords = list(tags)
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
        if replaced is not None and any(directive.live for directive in replaced.all()):
            prior *= 0.5
    valid_to = getattr(page, "valid_to", None)
    if valid_to is not None and valid_to < timezone.localdate():
        prior *= 0.6
    keywords += legal_keywords(page.title, page.summary, *body)
    owner = getattr(page, "owner_organisation", None)
    contact_function = getattr(page, "contact_function", None)
    org_keys = [owner.key] if owner else []
    if owner is not None and serves is None:
        serves = organisation_serves()
    org_keys += _related_keys(page, "parties")
    function_keys = [contact_function.key] if contact_function else []
    function_keys += _related_keys(page, "related_functions")
    return new_document(
        kind,
        page.slug,
        page.title,
        _page_url(page),
        title_text=page.title,
        keywords=[keyword for keyword in dict.fromkeys(keywords) if keyword],
        summary=page.summary,
        body="\n".join(filter(None, body)),
        organisation=list(dict.fromkeys(org_keys)),
        serves=served_by([owner.pk], serves) if owner is not None else [],
        function=list(dict.fromkeys(function_keys)),
        tag=tags,
        audience=list(getattr(page, "audience", None) or []),
        prior=prior,
    )


def page_documents(pages: Iterable[Page], serves: Mapping[int, list[str]]) -> Iterator[dict | None]:
    """The documents of many pages, in no set order, read with a fixed number of queries per type."""
    ids_by_model: dict[type, list[int]] = {}
    for page in pages:
        ids_by_model.setdefault(page.specific_class or type(page), []).append(page.pk)
    for model, ids in ids_by_model.items():
        field_names = {field.name for field in model._meta.get_fields()}
        links = [name for name in PAGE_LINKS if name in field_names]
        relations = [name for name in PAGE_RELATIONS if name in field_names]
        if "tags" in field_names:
            relations.append(TAG_LINKS)
        pages_of_model = model.objects.filter(pk__in=ids).prefetch_related(*relations)
        if links:
            pages_of_model = pages_of_model.select_related(*links)
        for page in pages_of_model:
            yield page_document(page, serves)


def document_document(document) -> dict | None:
    """An uploaded document with its extracted text."""
    text = getattr(document, "extracted_text", "")
    return new_document(
        "document",
        str(document.pk),
        document.title,
        document.url,
        title_text=document.title,
        keywords=[tag.name for tag in document.tags.all()] + legal_keywords(text),
        body=text,
    )


def live_pages():
    return Page.objects.live().type(ContentPage).specific()


def all_documents() -> Iterator[dict]:
    """Every live page and uploaded document."""
    serves = organisation_serves()
    for page in live_pages():
        document = page_document(page, serves)
        if document:
            yield document
    for document in get_document_model().objects.prefetch_related("tags"):
        yield document_document(document)


def _shared_serves(shared: dict) -> Mapping[int, list[str]]:
    """One lookup of the organisations' served municipalities for every page of an index batch."""
    if "page_serves" not in shared:
        shared["page_serves"] = organisation_serves()
    return shared["page_serves"]


def _page_uid(page) -> str:
    kind = PAGE_KINDS.get(getattr(page.specific_class, "__name__", ""), "page")
    return f"{kind}:{page.slug}"


def _page_changed(sender, instance, **kwargs):
    synonyms.clear()
    indexing.record_changed(instance)


def _page_deleted(sender, instance, **kwargs):
    synonyms.clear()
    indexing.record_deleted(instance)


def register() -> None:
    """Register pages, documents and the glossary (synonyms, abbreviations) with search; pages
    index when published."""
    registry.register(
        Page,
        uid=_page_uid,
        build=lambda pages, shared: page_documents(pages, _shared_serves(shared)),
        saves=False,
    )
    registry.register(
        get_document_model(),
        uid=lambda document: f"document:{document.pk}",
        build=lambda documents, shared: (document_document(document) for document in documents),
    )
    registry.register_source(all_documents)
    registry.register_synonyms(selectors.glossary_synonyms)
    registry.register_glossary(selectors.glossary_abbreviation)
    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="search-page-deleted")
