"""The front matter of an imported Markdown file (SPEC §4.2): read with python-frontmatter, checked by pydantic."""

from datetime import date
from typing import Annotated, Any

import yaml
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_unicode_slug
from frontmatter.default_handlers import YAMLHandler
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from directory.models import AGE_GROUPS
from portal.pages.base import SUMMARY_MAX

AGE_GROUP_KEYS = {key for key, _label in AGE_GROUPS}
DEFINITION_MAX = 10_000
TYPE_NAMES = ("guideline", "directive", "glossary", "forum")


class FrontMatterError(Exception):
    """The front matter is missing or does not parse (a one-line reason)."""


class FrontMatterLoader(yaml.CSafeLoader):
    """YAML loader that keeps dates as text so they are checked with their field name."""


FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


class FrontMatterHandler(YAMLHandler):
    """python-frontmatter's YAML handler with the loader above."""

    def load(self, fm: str, **kwargs: object) -> Any:
        return super().load(fm, Loader=FrontMatterLoader)


HANDLER = FrontMatterHandler()


def split(text: str) -> tuple[dict, str]:
    """The front matter as a mapping and the Markdown body; FrontMatterError if there is none."""
    text = text.removeprefix("\ufeff")
    if not HANDLER.detect(text):
        raise FrontMatterError("missing: the file must start with a '---' block")
    try:
        front, body = HANDLER.split(text)
    except ValueError:
        raise FrontMatterError("missing: the file must start with a '---' block") from None
    try:
        data = HANDLER.load(front)
    except yaml.YAMLError as error:
        raise FrontMatterError(f"does not parse: {str(error).splitlines()[0]}") from None
    except ValueError:
        raise FrontMatterError("holds a number with too many digits") from None
    if not isinstance(data, dict):
        raise FrontMatterError("must be a mapping of keys to values")
    return data, body.removeprefix("\n")


def _fail(message: str) -> None:
    raise PydanticCustomError("front_matter", message)


def _text(max_length: int):
    def check(value: Any) -> str:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            _fail("must be text")
        value = str(value).strip()
        if len(value) > max_length:
            _fail(f"is longer than {max_length} characters ({len(value)})")
        return value

    return BeforeValidator(check)


def _words(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(
        isinstance(item, str | int) and not isinstance(item, bool) for item in value
    ):
        _fail("must be a list of words")
    return [str(item).strip() for item in value if str(item).strip()]


def _tags(value: Any) -> list[str]:
    return [tag[:100] for tag in _words(value)]


def _age_groups(value: Any) -> list[str]:
    groups = _words(value)
    wrong = [group for group in groups if group not in AGE_GROUP_KEYS]
    if wrong:
        allowed = ", ".join(sorted(AGE_GROUP_KEYS))
        _fail("; ".join(f"'{group}' is not one of {allowed}" for group in wrong))
    return groups


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        _fail(f"'{value}' is not a date (YYYY-MM-DD)")


def _status(value: Any) -> str:
    if value not in ("published", "draft"):
        _fail(f"'{value}' is not published or draft")
    return value


def _reference(section: str, noun: str):
    """An import id of a current record, turned into its primary key."""
    text = _text(100).func

    def resolve(value: Any, info: ValidationInfo) -> int | None:
        if value is None:
            return None
        key, known = text(value), info.context[section]
        if key not in known:
            _fail(f"unknown {noun} id '{key}'")
        return known[key]

    return BeforeValidator(resolve)


def _parties(value: Any, info: ValidationInfo) -> list[int]:
    keys, known = _words(value), info.context["organisations"]
    unknown = [key for key in keys if key not in known]
    if unknown:
        _fail("; ".join(f"unknown organisation id '{key}'" for key in unknown))
    return [known[key] for key in keys]


Text = Annotated[str, _text(255)]
Words = Annotated[list[str], BeforeValidator(_words)]
Day = Annotated[date | None, BeforeValidator(_day)]


class FrontMatter(BaseModel):
    """Keys every content type has; empty values read as the field's default."""

    model_config = ConfigDict(extra="ignore")

    type: str
    title: Text
    slug: Text
    summary: Annotated[str, _text(SUMMARY_MAX)] = ""
    owner: Annotated[int | None, _reference("organisations", "organisation")] = None
    contact_function: Annotated[int | None, _reference("functions", "function")] = None
    tags: Annotated[list[str], BeforeValidator(_tags)] = []
    audience: Words = []
    age_groups: Annotated[list[str], BeforeValidator(_age_groups)] = []
    valid_from: Day = None
    valid_to: Day = None
    review_by: Day = None
    last_reviewed: Day = None
    # When the text was first published and last changed, if not the import's date.
    published: Day = None
    updated: Day = None
    status: Annotated[str, BeforeValidator(_status)] = "published"

    @field_validator("*", mode="before")
    @classmethod
    def _present(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None or value == "":
            field = cls.model_fields[info.field_name]
            if field.is_required():
                raise PydanticCustomError("missing", "is required")
            return field.get_default(call_default_factory=True)
        return value

    @field_validator("slug")
    @classmethod
    def _slug(cls, value: str) -> str:
        try:
            validate_unicode_slug(value)
        except DjangoValidationError:
            _fail(f"'{value}' may hold only letters, digits, - and _")
        return value

    @field_validator("valid_to")
    @classmethod
    def _not_before_valid_from(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("valid_from")
        if value and start and value < start:
            _fail("is before valid_from")
        return value


class GuidelineFrontMatter(FrontMatter):
    """A guideline (rutin)."""


class DirectiveFrontMatter(FrontMatter):
    """A directive, decided by a body, that may replace an older one."""

    diary_number: Annotated[str, _text(100)] = ""
    decided_by: Text = ""
    decided_on: Day = None
    parties: Annotated[list[int], BeforeValidator(_parties)] = []
    replaces: Text = ""

    @field_validator("replaces")
    @classmethod
    def _not_itself(cls, value: str, info: ValidationInfo) -> str:
        if value and value == info.data.get("slug"):
            _fail("a directive cannot replace itself")
        return value


class GlossaryFrontMatter(FrontMatter):
    """Terms and their definitions, with the other words people use for them."""

    terms: dict[str, str] = {}
    synonyms: dict[str, list[str]] = {}

    @field_validator("terms", mode="before")
    @classmethod
    def _terms(cls, value: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            _fail("must map each term to its definition")
        terms = {}
        for term, definition in value.items():
            term, definition = str(term).strip(), str(definition or "").strip()
            if len(definition) > DEFINITION_MAX:
                _fail(f"'{term[:40]}': the definition is longer than {DEFINITION_MAX}")
            terms[term] = definition
        return terms

    @field_validator("synonyms", mode="before")
    @classmethod
    def _synonyms(cls, value: Any, info: ValidationInfo) -> dict[str, list[str]]:
        if not isinstance(value, dict):
            _fail("must map each term to a list of other words")
        if "terms" not in info.data:
            return {}
        terms = info.data["terms"]
        problems, synonyms = [], {}
        for term, words in value.items():
            words = [words] if isinstance(words, str) else words
            if str(term).strip() not in terms:
                problems.append(f"'{term}' is not one of the terms")
            elif not isinstance(words, list) or not all(isinstance(word, str) for word in words):
                problems.append(f"'{term}' must have a list of words")
            else:
                synonyms[str(term).strip()] = [word.strip() for word in words if word.strip()]
        if problems:
            _fail("; ".join(problems))
        return synonyms


class ForumFrontMatter(FrontMatter):
    """A forum; its own keys are checked when they are applied to the page."""


FRONT_MATTER: dict[str, type[FrontMatter]] = {
    "guideline": GuidelineFrontMatter,
    "directive": DirectiveFrontMatter,
    "glossary": GlossaryFrontMatter,
    "forum": ForumFrontMatter,
}


def validate(
    schema: type[FrontMatter], data: dict, *, organisations: dict, functions: dict
) -> tuple[dict, list[tuple[str, str]]]:
    """The checked values, or no values and (field, message) for every field refused."""
    context = {"organisations": organisations, "functions": functions}
    try:
        return schema.model_validate(data, context=context).model_dump(), []
    except ValidationError as error:
        return {}, _field_problems(error)


def _field_problems(error: ValidationError) -> list[tuple[str, str]]:
    """(field, message) for every field pydantic refused, worded as the import contract words it."""
    problems = {}
    for detail in error.errors(include_url=False):
        field = str(detail["loc"][0]) if detail["loc"] else "front matter"
        message = "is required" if detail["type"] == "missing" else detail["msg"]
        problems.setdefault(field, message)
    return list(problems.items())
