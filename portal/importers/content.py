"""Import content pages from a directory of Markdown files with YAML front matter (SPEC §4.2)."""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.actions.base import BaseAction
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.rich_text import RichText
from wagtail.signals import page_published, published

from directory import caching
from directory.importers.files import UnreadableFile, read_limited
from directory.models import Function, Organisation
from portal.governance.pages import ForumIndexPage, ForumPage
from portal.importers import front_matter, known_rows, page_indexes
from portal.importers.markdown import find_raw_html, legal_references, markdown_to_html
from portal.pages.base import ContentPage
from portal.pages.content import (
    DirectiveIndexPage,
    DirectivePage,
    GlossaryIndexPage,
    GlossaryPage,
    GlossaryTerm,
    GuidelineIndexPage,
    GuidelinePage,
)
from portal.services import ensure_index_page
from search import indexing

TYPES = {
    "guideline": (GuidelinePage, GuidelineIndexPage),
    "directive": (DirectivePage, DirectiveIndexPage),
    "glossary": (GlossaryPage, GlossaryIndexPage),
    "forum": (ForumPage, ForumIndexPage),
}
ABBREVIATION = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,5}$")
BODY_MAX = 1_000_000


@dataclass
class Problem:
    """One reason a file cannot be imported."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class ContentImportError(Exception):
    """The import was refused; nothing was changed."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Item:
    """A parsed, validated file ready to be written."""

    file: str
    kind: str
    data: dict
    html: str
    references: list[dict]
    checksum: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    drafts: int = 0
    warnings: list[str] = field(default_factory=list)


def is_abbreviation(term: str) -> bool:
    """SIP, BBIC, SoL, SkolL: short words with at least two capitals."""
    return bool(ABBREVIATION.match(term)) and sum(char.isupper() for char in term) >= 2


def expansion_of(definition: str) -> str:
    """What an abbreviation stands for: the definition up to its first dash or full stop."""
    head = re.split(r"\s[–—-]\s|\.\s|\.$", definition.strip(), maxsplit=1)[0]
    head = re.sub(r"\s*\([^)]*\)", "", head)
    return " ".join(head.split()).lower()[:255]


class Validator:
    """Parses and checks every file, collecting all problems before anything is written."""

    def __init__(self):
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.organisations = dict(Organisation.objects.current().values_list("key", "pk"))
        self.functions = dict(Function.objects.current().values_list("key", "pk"))

    def problem(self, file: str, field_name: str, message: str) -> None:
        self.problems.append(Problem(file, field_name, message))

    def parse(self, path: Path) -> Item | None:
        name = path.name
        try:
            raw = read_limited(path, max_bytes=settings.IMPORT_MAX_BYTES).decode("utf-8")
        except UnreadableFile as error:
            self.problem(name, "file", str(error))
            return None
        except UnicodeDecodeError:
            self.problem(name, "file", "is not UTF-8 text")
            return None
        if "\x00" in raw:
            line = raw.count("\n", 0, raw.index("\x00")) + 1
            self.problem(name, "file", f"line {line} contains a NUL character (\\x00)")
            return None
        try:
            data, body = front_matter.split(raw)
        except front_matter.FrontMatterError as error:
            self.problem(name, "front matter", str(error))
            return None
        if len(body) > BODY_MAX:
            self.problem(name, "body", f"is longer than {BODY_MAX} characters ({len(body)})")
            return None
        before = len(self.problems)
        data = self.check(name, data, body)
        if len(self.problems) > before:
            return None
        return Item(
            file=name,
            kind=data["type"],
            data=data,
            html=markdown_to_html(body),
            references=legal_references(body),
            checksum=hashlib.sha256(raw.encode()).hexdigest(),
        )

    def check(self, name: str, data: dict, body: str) -> dict:
        kind = data.get("type")
        schema = front_matter.FRONT_MATTER.get(kind) if isinstance(kind, str) else None
        if schema is None:
            self.problem(name, "type", f"'{kind}' is not one of {', '.join(TYPES)}")
            return data
        clean, problems = front_matter.validate(
            schema, data, organisations=self.organisations, functions=self.functions
        )
        for field_name, message in problems:
            self.problem(name, field_name, message)
        raw = find_raw_html(body)
        if raw:
            self.problem(name, "body", f"raw HTML is not allowed ({raw[:40]})")
        if kind == "glossary" and clean:
            clean["terms"] = glossary_terms(clean["terms"], clean.pop("synonyms"))
        if kind == "forum":
            clean.update({key: data[key] for key in ForumPage.front_matter_keys if key in data})
        known = set(schema.model_fields) | (
            ForumPage.front_matter_keys if kind == "forum" else set()
        )
        for key in sorted(set(data) - known, key=str):
            self.warnings.append(f"{name}: {key}: unknown key ignored")
        return clean


def glossary_terms(terms: dict[str, str], synonyms: dict[str, list[str]]) -> list[GlossaryTerm]:
    """Glossary rows for checked terms; abbreviations get what they stand for."""
    return [
        GlossaryTerm(
            term=term[:255],
            definition=definition,
            is_abbreviation=is_abbreviation(term),
            expansion=expansion_of(definition) if is_abbreviation(term) else "",
            synonyms=synonyms.get(term, []),
        )
        for term, definition in terms.items()
    ]


def read_directory(directory: Path) -> tuple[list[Item], list[str]]:
    """Parse and validate every *.md file; raise ContentImportError listing every problem."""
    if not directory.exists():
        raise ContentImportError([Problem(str(directory), "directory", "does not exist")])
    if not directory.is_dir():
        raise ContentImportError([Problem(str(directory), "directory", "is not a directory")])
    validator = Validator()
    items = [item for path in sorted(directory.glob("*.md")) if (item := validator.parse(path))]
    seen: dict[str, str] = {}
    for item in items:
        slug = item.data["slug"]
        if slug in seen:
            validator.problem(item.file, "slug", f"'{slug}' is also used by {seen[slug]}")
        seen[slug] = item.file
    existing_types = dict(
        ContentPage.objects.filter(slug__in=seen).values_list("slug", "content_type__model")
    )
    for item in items:
        found = existing_types.get(item.data["slug"])
        if found and found != TYPES[item.kind][0]._meta.model_name:
            validator.problem(item.file, "slug", f"'{item.data['slug']}' is already a {found}")
    in_run = {item.data["slug"] for item in items if item.kind == "directive"}
    existing = set(DirectivePage.objects.values_list("slug", flat=True))
    for item in items:
        replaced = item.data.get("replaces")
        if replaced and replaced not in in_run | existing:
            validator.problem(item.file, "replaces", f"no directive with slug '{replaced}'")
    if validator.problems:
        raise ContentImportError(validator.problems)
    return ordered(items), validator.warnings


def ordered(items: list[Item]) -> list[Item]:
    """Directives a file replaces come before the file that replaces them."""
    by_slug = {item.data["slug"]: item for item in items}
    result: list[Item] = []
    placed: set[str] = set()

    def place(item: Item, trail: tuple[str, ...] = ()) -> None:
        slug = item.data["slug"]
        if slug in placed:
            return
        if slug in trail:
            raise ContentImportError(
                [Problem(item.file, "replaces", "directives replace each other in a loop")]
            )
        replaced = by_slug.get(item.data.get("replaces") or "")
        if replaced is not None:
            place(replaced, (*trail, slug))
        placed.add(slug)
        result.append(item)

    for item in items:
        place(item)
    return result


def apply(item: Item, page) -> list[str]:
    """Copy an item's values onto a (new or existing) page; return warnings for skipped values."""
    data = item.data
    page.title = page.draft_title = data["title"]
    page.slug = data["slug"]
    page.summary = data["summary"]
    page.owner_organisation_id = data["owner"]
    page.contact_function_id = data["contact_function"]
    page.audience = data["audience"]
    page.age_groups = data["age_groups"]
    page.valid_from, page.valid_to = data["valid_from"], data["valid_to"]
    page.review_by, page.last_reviewed = data["review_by"], data["last_reviewed"]
    page.legal_references = item.references
    page.import_hash = item.checksum
    page.body = [("text", RichText(item.html))] if item.html.strip() else []
    page.tags.set(data["tags"])
    if item.kind == "directive":
        page.diary_number, page.decided_by = data["diary_number"], data["decided_by"]
        page.decided_on = data["decided_on"]
        page.parties = list(Organisation.objects.filter(pk__in=data["parties"]))
        slug = data["replaces"]
        page.replaces = DirectivePage.objects.filter(slug=slug).first() if slug else None
    if item.kind == "glossary":
        page.terms = data["terms"]
    if item.kind == "forum":
        extra = {key: data[key] for key in ForumPage.front_matter_keys if key in data}
        return [f"{item.file}: {warning}" for warning in page.apply_front_matter(extra)]
    return []


def content_dates(data: dict) -> tuple[date, date] | None:
    """When the text was first published and last changed, by the front matter; None if it says not.

    First published: `published`, else the decision date, else `valid_from`. Last changed:
    `updated`, else `last_reviewed`, else the first date (never before it).
    """
    first = data.get("published") or data.get("decided_on") or data.get("valid_from")
    last = data.get("updated") or data.get("last_reviewed") or first
    if first is None and last is None:
        return None
    first = first or last
    return first, max(first, last)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def date_from_front_matter(
    page: ContentPage, revision: Revision, data: dict, *, created: bool
) -> None:
    """Date the page, its new revision and their log entries (its creation's) by the front matter.

    So the version history says when the text was decided and changed, not when it was imported.
    A date still to come (a page valid from next year) is not a publication date: today is used.
    """
    dates = content_dates(data)
    if dates is None:
        return
    today = timezone.localdate()
    first, last = (_moment(min(day, today)) for day in dates)
    if page.first_published_at is None or page.first_published_at > first:
        page.first_published_at = first
    changes = {"latest_revision_created_at": last, "first_published_at": page.first_published_at}
    if page.live:
        changes["last_published_at"] = last
    for name, value in changes.items():
        setattr(page, name, value)
    Page.objects.filter(pk=page.pk).update(**changes)
    Revision.objects.filter(pk=revision.pk).update(created_at=last)
    revision.created_at = last
    entries = (
        Q(revision_id=revision.pk) | Q(action="wagtail.create")
        if created
        else Q(revision_id=revision.pk)
    )
    PageLogEntry.objects.filter(entries, page_id=page.pk).update(timestamp=last)


class PublishSavedRevision(PublishPageRevisionAction):
    """Wagtail's publish action for a revision just saved from `page`, with the page in hand.

    The stock action rebuilds the page from the revision's JSON (checking every foreign key
    again); the importer's page already holds that state, and everything else (live revision,
    timestamps, log entry, page_published) is Wagtail's own code. A page created by this import
    has no comments, aliases or workflow yet, so those are not looked up for it.
    """

    def __init__(self, revision: Revision, page: ContentPage, *, created: bool):
        BaseAction.__init__(self, page)
        self.revision = revision
        self.object = page
        self.changed = True
        self.log_action = True
        self.previous_revision = None
        self.created = created

    def _after_publish(self):
        if not self.created:
            super()._after_publish()
            return
        page_published.send(
            sender=self.object.specific_class, instance=self.object.specific, revision=self.revision
        )
        published.send(sender=type(self.object), instance=self.object, revision=self.revision)


class Writer:
    """Writes items one by one, looking up index pages and existing pages once per import."""

    def __init__(self, items: list[Item]):
        self.report = ImportReport()
        self.index_pages: dict[type, ContentPage] = {}
        self.existing: dict[str, ContentPage] = {}
        slugs_by_model: dict[type, list[str]] = {}
        for item in items:
            slugs_by_model.setdefault(TYPES[item.kind][0], []).append(item.data["slug"])
        for model, slugs in slugs_by_model.items():
            self.existing |= {page.slug: page for page in model.objects.filter(slug__in=slugs)}

    def index_page(self, model: type) -> ContentPage:
        if model not in self.index_pages:
            self.index_pages[model] = ensure_index_page(model=model)
        return self.index_pages[model]

    def write(self, item: Item) -> ContentPage | None:
        """Create or update one page as a new revision, published unless a draft; None if unchanged."""
        report = self.report
        model, index_model = TYPES[item.kind]
        page = self.existing.get(item.data["slug"])
        publish = item.data["status"] != "draft"
        if (
            page is not None
            and page.import_hash == item.checksum
            and (not publish or (page.live and not page.has_unpublished_changes))
        ):
            report.unchanged += 1
            return None
        if page is None:
            page = model(live=False)
            # A page created here cannot be a site's root: no Site looked up on each of its saves.
            page._is_site_root = False
            report.warnings += apply(item, page)
            self.index_page(index_model).add_child(instance=page)
            report.created += 1
            created = True
        else:
            report.warnings += apply(item, page)
            report.updated += 1
            created = False
        revision = page.save_revision(log_action=True, clean=not created)
        if publish:
            PublishSavedRevision(revision, page, created=created).execute()
        else:
            report.drafts += 1
        date_from_front_matter(page, revision, item.data, created=created)
        return page

    def write_or_explain(self, item: Item) -> ContentPage | None:
        """Write one item; a model validation error becomes a problem naming the file and field."""
        try:
            return self.write(item)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                problems = [
                    Problem(item.file, key, " ".join(messages))
                    for key, messages in error.message_dict.items()
                ]
            else:
                problems = [Problem(item.file, "page", " ".join(error.messages))]
            raise ContentImportError(problems) from error


def import_content(*, directory: Path, dry_run: bool = False) -> ImportReport:
    """Upsert every page described in the directory, all or nothing.

    Search, Wagtail's indexes and the content cache are updated once per import, at the end of
    its transaction; a dry run or a failure leaves all of them as they were. Each foreign-key
    target is looked up once per import, not once per page and log entry (known_rows).
    """
    items, warnings = read_directory(directory)
    models = {model for model, _index_model in TYPES.values()}
    with transaction.atomic():
        with (
            indexing.suspended() if dry_run else indexing.batch(),
            caching.deferred(discard=dry_run),
        ):
            with page_indexes.deferred(models), known_rows.remembered():
                writer = Writer(items)
                written = [page for item in items if (page := writer.write_or_explain(item))]
            for page in written:
                indexing.record_changed(page)
            if not dry_run:
                page_indexes.update(written)
        if dry_run:
            transaction.set_rollback(True)
    writer.report.warnings[:0] = warnings
    return writer.report
