"""The directory's record formats (SPEC §4.1) as pydantic models, shared by the import and the API."""

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from directory.models import AGE_GROUPS, LONG_TEXT_MAX, Function, Organisation
from directory.validators import PHONE_PATTERN, unknown_languages

KEY_PATTERN = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
AGE_GROUP_KEYS = tuple(key for key, _label in AGE_GROUPS)
MAX_INT_DIGITS = 18
TEXT_MAX = 255


class OutOfRange(int):
    """A JSON integer with more digits than any field accepts (kept as a marker, never stored)."""


@dataclass(frozen=True)
class Reference:
    """Marks a field that names another record by its import id."""

    section: str
    noun: str


def _fail(message: str) -> None:
    raise PydanticCustomError("directory_import", message)


def _key(value: str) -> str:
    if not KEY_PATTERN.match(value):
        _fail("must contain only letters, digits, - and _")
    return value


def _phone(value: str) -> str:
    if value and not PHONE_PATTERN.match(value):
        _fail("must be a phone number: digits, spaces, +, - and parentheses only")
    return value


def _valid_for(validator, message: str):
    """A check that runs a Django validator on a non-empty value and fails with the message."""

    def check(value: str) -> str:
        if value:
            try:
                validator(value)
            except DjangoValidationError:
                _fail(message)
        return value

    return AfterValidator(check)


def _strings(value: Any) -> list[str]:
    """A list of strings, stripped, without empty items or repeats."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        _fail("must be a list of strings")
    return list(dict.fromkeys(item.strip() for item in value if item.strip()))


def _items_at_most(max_length: int):
    def check(items: list[str]) -> list[str]:
        if any(len(item) > max_length for item in items):
            _fail(f"items must be at most {max_length} characters")
        return items

    return AfterValidator(check)


def _languages(items: list[str]) -> list[str]:
    items = [item.lower() for item in items]
    unknown = unknown_languages(items)
    if unknown:
        _fail(f"unknown language code {', '.join(unknown)} (use ISO 639-1: sv, en…)")
    return items


def _age_groups(value: Any) -> list[str]:
    items = _strings(value)
    if any(item not in AGE_GROUP_KEYS for item in items):
        _fail(f"age groups must be among {', '.join(AGE_GROUP_KEYS)}")
    return items


def _text(value: Any) -> str:
    if not isinstance(value, str):
        _fail("must be a string")
    return value.strip()


def _choice(values: tuple[str, ...]):
    def check(value: Any) -> str:
        value = _text(value)
        if value not in values:
            _fail(f"unknown value, expected one of {', '.join(values)}")
        return value

    return BeforeValidator(check)


def _reference(value: Any) -> str | None:
    if value is None:
        return None
    value = _text(value)
    if len(value) > TEXT_MAX:
        _fail(f"must be at most {TEXT_MAX} characters (it has {len(value)})")
    return value


def _day(value: Any) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(_text(value))
    except ValueError:
        _fail("must be a date YYYY-MM-DD")


Key = Annotated[StrictStr, Field(max_length=TEXT_MAX), AfterValidator(_key)]
Text = Annotated[StrictStr, Field(max_length=TEXT_MAX)]
ShortText = Annotated[StrictStr, Field(max_length=100)]
LongText = Annotated[StrictStr, Field(max_length=LONG_TEXT_MAX)]
Phone = Annotated[StrictStr, Field(max_length=50), AfterValidator(_phone)]
Email = Annotated[
    StrictStr, Field(max_length=254), _valid_for(validate_email, "is not a valid e-mail address")
]
Url = Annotated[StrictStr, Field(max_length=200), _valid_for(URLValidator(), "is not a valid URL")]
Words = Annotated[list[str], BeforeValidator(_strings), _items_at_most(TEXT_MAX)]
Tags = Annotated[list[str], BeforeValidator(_strings), _items_at_most(100)]
Languages = Annotated[list[str], BeforeValidator(_strings), AfterValidator(_languages)]
AgeGroups = Annotated[list[Literal[AGE_GROUP_KEYS]], BeforeValidator(_age_groups)]
Day = Annotated[datetime.date | None, BeforeValidator(_day)]
OrganisationRef = Annotated[
    str | None, BeforeValidator(_reference), Reference("organisations", "organisation")
]
FunctionRef = Annotated[str | None, BeforeValidator(_reference), Reference("functions", "function")]
OrganisationKind = Annotated[
    Literal[tuple(Organisation.Kind.values)], _choice(tuple(Organisation.Kind.values))
]
Sector = Annotated[Literal[tuple(Function.Sector.values)], _choice(tuple(Function.Sector.values))]


class Record(BaseModel):
    """A record as read from a bundle or CSV: unknown keys ignored, empty values as the default."""

    model_config = ConfigDict(str_strip_whitespace=True, extra="ignore")

    @field_validator("*", mode="before")
    @classmethod
    def _present(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, OutOfRange):
            _fail(f"is a number with more than {MAX_INT_DIGITS} digits")
        if _has_nul(value):
            _fail("contains a NUL character (\\x00)")
        if value is None or (isinstance(value, str) and value == ""):
            field = cls.model_fields[info.field_name]
            if field.is_required():
                raise PydanticCustomError("missing", "is required")
            return field.get_default(call_default_factory=True)
        return value


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(isinstance(item, str) and "\x00" in item for item in value)
    return False


class OrganisationFields(BaseModel):
    """A body, administration, department or unit."""

    id: Key
    name: Text
    kind: OrganisationKind
    parent: OrganisationRef = None
    phone: Phone = ""
    email: Email = ""
    address: Text = ""
    visiting_address: Text = ""
    website: Url = ""
    opening_hours: Text = ""


class FunctionFields(BaseModel):
    """A role that exists across bodies, with its mandate."""

    id: Key
    name: Text
    sector: Sector = Function.Sector.OTHER.value
    synonyms: Words = []
    summary: LongText = ""
    mandate: LongText = ""
    responsibilities: LongText = ""
    competence: LongText = ""
    conditions: LongText = ""
    legal_basis: LongText = ""
    contact_when: LongText = ""
    contact_not_when: LongText = ""


class OrganisationRecord(Record, OrganisationFields):
    """An organisation in a bundle."""


class FunctionRecord(Record, FunctionFields):
    """A function in a bundle."""

    # The organisation whose editors keep the function up to date (administrators' otherwise).
    owner: OrganisationRef = None


class PositionRecord(Record):
    """A function held at an organisation unit, serving an area."""

    function: FunctionRef
    organisation: OrganisationRef
    area: Text = ""
    age_groups: AgeGroups = []
    start: Day = None
    end: Day = None


class PersonRecord(Record):
    """A named person; positions link them to functions and units."""

    id: Key
    given_name: ShortText
    family_name: ShortText
    title: Text = ""
    email: Email = ""
    phone: Phone = ""
    organisation: OrganisationRef
    protected: StrictBool = False
    expertise: Tags = []
    languages: Languages = []
    positions: list[PositionRecord] = []
    # When the source last had the profile confirmed; left out or empty keeps the stored date.
    last_verified: Day = None


class ContactPointRecord(Record):
    """An intake line, shared mailbox or on-call service."""

    id: Key
    organisation: OrganisationRef
    name: Text
    purpose: LongText = ""
    phone: Phone = ""
    email: Email = ""
    hours: Text = ""
    topics: Words = []


RECORDS: dict[str, type[Record]] = {
    "organisations": OrganisationRecord,
    "functions": FunctionRecord,
    "people": PersonRecord,
    "contact_points": ContactPointRecord,
}


def references(record: type[Record]) -> dict[str, Reference]:
    """The fields of a record that name other records."""
    return {
        name: marker
        for name, info in record.model_fields.items()
        for marker in info.metadata
        if isinstance(marker, Reference)
    }


def list_fields(record: type[Record]) -> set[str]:
    """The fields that hold a list of words (in CSV: items separated by `;`)."""
    return {name for name, info in record.model_fields.items() if info.annotation == list[str]}
