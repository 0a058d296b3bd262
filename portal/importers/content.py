"""Import content pages from a directory of Markdown files with YAML front matter (SPEC §4.2)."""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.db import transaction
from wagtail.rich_text import RichText

from directory.importers.files import UnreadableFile, read_limited
from directory.models import AGE_GROUPS, Function, Organisation
from portal.governance.pages import ForumIndexPage, ForumPage
from portal.importers.markdown import find_raw_html, legal_references, markdown_to_html
from portal.pages.base import SUMMARY_MAX, ContentPage
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
COMMON_KEYS = {
    "type", "title", "slug", "summary", "owner", "contact_function", "tags", "audience",
    "age_groups", "valid_from", "valid_to", "review_by", "last_reviewed", "status",
}  # fmt: skip
TYPE_KEYS = {
    "guideline": set(),
    "directive": {"diary_number", "parties", "decided_by", "decided_on", "replaces"},
    "glossary": {"terms", "synonyms"},
    "forum": set(ForumPage.front_matter_keys),
}
DATE_KEYS = ("valid_from", "valid_to", "review_by", "last_reviewed", "decided_on")
FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.DOTALL
)
ABBREVIATION = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,5}$")
AGE_GROUP_KEYS = {key for key, _label in AGE_GROUPS}
BODY_MAX = 1_000_000
DEFINITION_MAX = 10_000


class FrontMatterLoader(yaml.SafeLoader):
    """YAML loader that keeps dates as text so they are checked with their field name."""


FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


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
        match = FRONT_MATTER.match(raw)
        if match is None:
            self.problem(name, "front matter", "missing: the file must start with a '---' block")
            return None
        try:
            data = yaml.load(match.group(1), Loader=FrontMatterLoader)  # noqa: S506 - safe loader
        except yaml.YAMLError as error:
            self.problem(name, "front matter", f"does not parse: {str(error).splitlines()[0]}")
            return None
        except ValueError:
            self.problem(name, "front matter", "holds a number with too many digits")
            return None
        if not isinstance(data, dict):
            self.problem(name, "front matter", "must be a mapping of keys to values")
            return None
        body = match.group(2)
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

    def text(self, name: str, data: dict, key: str, *, required=False, max_length=255) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.problem(name, key, "is required")
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.problem(name, key, "must be text")
            return ""
        value = str(value).strip()
        if len(value) > max_length:
            self.problem(name, key, f"is longer than {max_length} characters ({len(value)})")
        return value

    def strings(self, name: str, data: dict, key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(
            isinstance(item, str | int) and not isinstance(item, bool) for item in value
        ):
            self.problem(name, key, "must be a list of words")
            return []
        return [str(item).strip() for item in value if str(item).strip()]

    def day(self, name: str, data: dict, key: str) -> date | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.problem(name, key, f"'{value}' is not a date (YYYY-MM-DD)")
            return None

    def check(self, name: str, data: dict, body: str) -> dict:
        kind = data.get("type")
        if kind not in TYPES:
            self.problem(name, "type", f"'{kind}' is not one of {', '.join(TYPES)}")
            return data
        clean: dict = {"type": kind}
        clean["title"] = self.text(name, data, "title", required=True)
        clean["slug"] = self.text(name, data, "slug", required=True)
        if clean["slug"]:
            try:
                validate_unicode_slug(clean["slug"])
            except ValidationError:
                self.problem(
                    name, "slug", f"'{clean['slug']}' may hold only letters, digits, - and _"
                )
        clean["summary"] = self.text(name, data, "summary", max_length=SUMMARY_MAX)
        clean["owner"] = self.reference(name, data, "owner", self.organisations, "organisation")
        clean["contact_function"] = self.reference(
            name, data, "contact_function", self.functions, "function"
        )
        clean["tags"] = [tag[:100] for tag in self.strings(name, data, "tags")]
        clean["audience"] = self.strings(name, data, "audience")
        clean["age_groups"] = self.strings(name, data, "age_groups")
        for group in clean["age_groups"]:
            if group not in AGE_GROUP_KEYS:
                self.problem(
                    name,
                    "age_groups",
                    f"'{group}' is not one of {', '.join(sorted(AGE_GROUP_KEYS))}",
                )
        for key in DATE_KEYS:
            clean[key] = self.day(name, data, key)
        if clean["valid_from"] and clean["valid_to"] and clean["valid_to"] < clean["valid_from"]:
            self.problem(name, "valid_to", "is before valid_from")
        status = data.get("status", "published")
        if status not in ("published", "draft"):
            self.problem(name, "status", f"'{status}' is not published or draft")
        clean["status"] = status
        raw = find_raw_html(body)
        if raw:
            self.problem(name, "body", f"raw HTML is not allowed ({raw[:40]})")
        if kind == "directive":
            clean["diary_number"] = self.text(name, data, "diary_number", max_length=100)
            clean["decided_by"] = self.text(name, data, "decided_by")
            clean["parties"] = [
                self.resolve(name, "parties", key, self.organisations, "organisation")
                for key in self.strings(name, data, "parties")
            ]
            clean["replaces"] = self.text(name, data, "replaces")
            if clean["replaces"] and clean["replaces"] == clean["slug"]:
                self.problem(name, "replaces", "a directive cannot replace itself")
        if kind == "glossary":
            clean["terms"] = self.terms(name, data)
        if kind == "forum":
            clean.update({key: data[key] for key in ForumPage.front_matter_keys if key in data})
        known = COMMON_KEYS | TYPE_KEYS[kind]
        for key in sorted(set(data) - known, key=str):
            self.warnings.append(f"{name}: {key}: unknown key ignored")
        return clean

    def reference(self, name: str, data: dict, key: str, known: dict, label: str) -> int | None:
        value = self.text(name, data, key, max_length=100)
        return self.resolve(name, key, value, known, label) if value else None

    def resolve(self, name: str, key: str, value: str, known: dict, label: str) -> int | None:
        if value not in known:
            self.problem(name, key, f"unknown {label} id '{value}'")
            return None
        return known[value]

    def terms(self, name: str, data: dict) -> list[GlossaryTerm]:
        terms, synonyms = data.get("terms") or {}, data.get("synonyms") or {}
        if not isinstance(terms, dict):
            self.problem(name, "terms", "must map each term to its definition")
            return []
        if not isinstance(synonyms, dict):
            self.problem(name, "synonyms", "must map each term to a list of other words")
            return []
        for term in synonyms:
            if term not in terms:
                self.problem(name, "synonyms", f"'{term}' is not one of the terms")
        found = []
        for term, definition in terms.items():
            words = synonyms.get(term) or []
            words = [words] if isinstance(words, str) else words
            if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
                self.problem(name, "synonyms", f"'{term}' must have a list of words")
                continue
            term, definition = str(term).strip(), str(definition or "").strip()
            if len(definition) > DEFINITION_MAX:
                self.problem(
                    name, "terms", f"'{term[:40]}': the definition is longer than {DEFINITION_MAX}"
                )
                continue
            abbreviation = is_abbreviation(term)
            found.append(
                GlossaryTerm(
                    term=term[:255],
                    definition=definition,
                    is_abbreviation=abbreviation,
                    expansion=expansion_of(definition) if abbreviation else "",
                    synonyms=[word.strip() for word in words if word.strip()],
                )
            )
        return found


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


def write(item: Item, report: ImportReport) -> ContentPage | None:
    """Create or update one page as a new revision, published unless a draft; None if unchanged."""
    model, index_model = TYPES[item.kind]
    page = model.objects.filter(slug=item.data["slug"]).first()
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
        report.warnings += apply(item, page)
        ensure_index_page(model=index_model).add_child(instance=page)
        report.created += 1
    else:
        report.warnings += apply(item, page)
        report.updated += 1
    revision = page.save_revision(log_action=True)
    if publish:
        revision.publish(log_action=True)
    else:
        report.drafts += 1
    return page


def write_or_explain(item: Item, report: ImportReport) -> ContentPage | None:
    """Write one item; a model validation error becomes a problem naming the file and field."""
    try:
        return write(item, report)
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
    """Upsert every page described in the directory, all or nothing."""
    items, warnings = read_directory(directory)
    report = ImportReport(warnings=warnings)
    with transaction.atomic():
        with indexing.suspended() if dry_run else indexing.batch():
            for item in items:
                page = write_or_explain(item, report)
                if page is not None:
                    indexing.record_changed(page)
        if dry_run:
            transaction.set_rollback(True)
    return report
