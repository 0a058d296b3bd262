"""Reading and validating a directory bundle (SPEC §4.1) before anything is written."""

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from directory.importers.files import UnreadableFile, read_limited
from directory.models import AGE_GROUPS, LONG_TEXT_MAX, Function, Organisation
from directory.tree import Tree
from directory.validators import PHONE_PATTERN, unknown_languages

SECTIONS = ("organisations", "functions", "people", "contact_points")
KEY_PATTERN = re.compile(r"^[-a-zA-Z0-9_]{1,100}$")
AGE_GROUP_KEYS = [key for key, _label in AGE_GROUPS]
MAX_INT_DIGITS = 18
CSV_DELIMITERS = ",;\t"
TRUE_WORDS = {"true", "1", "yes", "ja", "x"}
FALSE_WORDS = {"false", "0", "no", "nej", ""}


@dataclass(frozen=True)
class Problem:
    """One error in the input, located by section, record id and field."""

    section: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.section}[{self.record}]" if self.record else self.section
        return f"{where}.{self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass(frozen=True)
class Spec:
    """How one input field is checked."""

    kind: str
    required: bool = False
    max_length: int = 255
    choices: tuple[str, ...] = ()
    ref: str = ""


class OutOfRange(int):
    """A JSON integer with more digits than any field accepts (kept as a marker, never stored)."""


def _parse_int(digits: str) -> int:
    return OutOfRange(0) if len(digits.lstrip("-")) > MAX_INT_DIGITS else int(digits)


TEXT = Spec("text")
LONG = Spec("longtext", max_length=LONG_TEXT_MAX)
PHONE = Spec("phone", max_length=50)
SPECS: dict[str, dict[str, Spec]] = {
    "organisations": {
        "id": Spec("key", required=True),
        "name": Spec("text", required=True),
        "kind": Spec("choice", required=True, choices=tuple(Organisation.Kind.values)),
        "parent": Spec("ref", ref="organisations"),
        "phone": PHONE,
        "email": Spec("email"),
        "address": TEXT,
        "visiting_address": TEXT,
        "website": Spec("url", max_length=200),
        "opening_hours": TEXT,
    },
    "functions": {
        "id": Spec("key", required=True),
        "name": Spec("text", required=True),
        "sector": Spec("choice", choices=tuple(Function.Sector.values)),
        "synonyms": Spec("strings"),
        "summary": LONG,
        "mandate": LONG,
        "responsibilities": LONG,
        "competence": LONG,
        "conditions": LONG,
        "legal_basis": LONG,
        "contact_when": LONG,
        "contact_not_when": LONG,
    },
    "people": {
        "id": Spec("key", required=True),
        "given_name": Spec("text", required=True, max_length=100),
        "family_name": Spec("text", required=True, max_length=100),
        "title": TEXT,
        "email": Spec("email"),
        "phone": PHONE,
        "organisation": Spec("ref", required=True, ref="organisations"),
        "protected": Spec("bool"),
        "expertise": Spec("strings", max_length=100),
        "languages": Spec("languages", max_length=2),
        "positions": Spec("positions"),
    },
    "contact_points": {
        "id": Spec("key", required=True),
        "organisation": Spec("ref", required=True, ref="organisations"),
        "name": Spec("text", required=True),
        "purpose": LONG,
        "phone": PHONE,
        "email": Spec("email"),
        "hours": TEXT,
        "topics": Spec("strings"),
    },
}
POSITION_SPECS = {
    "function": Spec("ref", required=True, ref="functions"),
    "organisation": Spec("ref", required=True, ref="organisations"),
    "area": TEXT,
    "age_groups": Spec("age_groups"),
    "start": Spec("date"),
    "end": Spec("date"),
}
CSV_LIST_FIELDS = {"expertise", "languages"}
INVALID = object()
VALIDATORS = {"email": validate_email, "url": URLValidator()}


@dataclass
class Bundle:
    """Validated records per section, keyed by import id, with the problems found."""

    records: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(section) for section in self.records.values())


def read_bundle(*, path: Path, max_bytes: int) -> tuple[dict[str, list], list[Problem]]:
    """Read FILE as a JSON bundle or a CSV of people; return raw sections and read errors."""
    try:
        data = read_limited(path, max_bytes=max_bytes)
    except UnreadableFile as error:
        return {}, [Problem("file", "", "", str(error))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}, [Problem("file", "", "", "is not UTF-8 text")]
    if path.suffix.lower() == ".csv":
        return _read_csv(text)
    return _read_json(text)


def _read_json(text: str) -> tuple[dict[str, list], list[Problem]]:
    try:
        data = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        return {}, [Problem("file", "", "", f"malformed JSON at line {error.lineno}: {error.msg}")]
    except RecursionError:
        return {}, [Problem("file", "", "", "malformed JSON: nested too deeply")]
    if not isinstance(data, dict):
        return {}, [Problem("file", "", "", "must be a JSON object with sections")]
    sections, problems = {}, []
    for name, value in data.items():
        if name not in SECTIONS:
            continue
        if not isinstance(value, list):
            problems.append(Problem(name, "", "", "must be a list"))
            continue
        sections[name] = value
    if not sections and not problems:
        problems.append(Problem("file", "", "", f"has none of the sections {', '.join(SECTIONS)}"))
    return sections, problems


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """The CSV dialect of the header line: comma, or semicolon as Swedish Excel writes it."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=CSV_DELIMITERS)
    except csv.Error:
        return csv.excel


def _read_csv(text: str) -> tuple[dict[str, list], list[Problem]]:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), dialect=_dialect(text), strict=True)
        header = reader.fieldnames or []
        rows = list(reader)
    except csv.Error as error:
        return {}, [Problem("file", "", "", f"malformed CSV: {error}")]
    if "id" not in header:
        return {}, [Problem("file", "", "", "malformed CSV: the header has no id column")]
    people, problems = [], []
    for line, row in enumerate(rows, start=2):
        if None in row or any(value is None for value in row.values()):
            problems.append(
                Problem("people", row.get("id") or f"line {line}", "", "wrong number of columns")
            )
            continue
        people.append(_csv_person(row))
    return {"people": people}, problems


def _csv_person(row: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name, value in row.items():
        value = value.strip()
        if name in CSV_LIST_FIELDS:
            record[name] = [item.strip() for item in value.split(";") if item.strip()]
        elif name == "protected":
            lowered = value.lower()
            record[name] = (
                True if lowered in TRUE_WORDS else False if lowered in FALSE_WORDS else value
            )
        elif name == "positions":
            record[name] = [_csv_position(item) for item in value.split(";") if item.strip()]
        else:
            record[name] = value
    return record


def _csv_position(item: str) -> Any:
    parts = [part.strip() for part in item.split(":")]
    if len(parts) != 2:
        return item
    return {"function": parts[0], "organisation": parts[1]}


def validate(
    *,
    sections: dict[str, list],
    known: dict[str, set[str]],
    existing_parents: dict[str, str | None],
) -> Bundle:
    """Check every record; `known` holds ids that references may name besides the bundle's."""
    bundle = Bundle()
    for section in SECTIONS:
        if section in sections:
            bundle.records[section] = _collect(section, sections[section], bundle)
    targets = {
        name: set(bundle.records.get(name, {})) | known.get(name, set())
        for name in ("organisations", "functions")
    }
    for section, records in bundle.records.items():
        for key, record in records.items():
            _check_references(section, key, record, targets, bundle.problems)
    _check_cycles(bundle, existing_parents)
    return bundle


def _collect(section: str, raw: list, bundle: Bundle) -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    specs = SPECS[section]
    for index, item in enumerate(raw):
        label = f"#{index + 1}"
        if not isinstance(item, dict):
            bundle.problems.append(Problem(section, label, "", "must be an object"))
            continue
        key = item.get("id")
        if isinstance(key, str) and KEY_PATTERN.match(key):
            label = key
        record = _clean(section, label, item, specs, bundle)
        if record is None:
            continue
        if label in records:
            bundle.problems.append(Problem(section, label, "id", "duplicate id"))
            continue
        records[label] = record
    return records


def _clean(
    section: str, label: str, item: dict, specs: dict[str, Spec], bundle: Bundle, prefix: str = ""
) -> dict[str, Any] | None:
    record: dict[str, Any] = {}
    ok = True
    for name in item:
        if name not in specs:
            bundle.warnings.append(f"{section}[{label}].{prefix}{name}: unknown key ignored")
    for name, spec in specs.items():
        if name not in item or item[name] is None or item[name] == "":
            if spec.required:
                bundle.problems.append(Problem(section, label, prefix + name, "is required"))
                ok = False
            elif name in item:
                record[name] = None if spec.kind in {"ref", "date"} else _empty(spec)
            continue
        value, message = _convert(spec, item[name], section, label, bundle)
        if message:
            bundle.problems.append(Problem(section, label, prefix + name, message))
        if message or value is INVALID:
            ok = False
        else:
            record[name] = value
    return record if ok else None


def _empty(spec: Spec) -> Any:
    if spec.kind in {"strings", "age_groups", "positions"}:
        return []
    if spec.kind == "bool":
        return False
    if spec.kind == "choice":
        return spec.choices[-1]
    return ""


def _convert(spec: Spec, value: Any, section: str, label: str, bundle: Bundle) -> tuple[Any, str]:
    kind = spec.kind
    if isinstance(value, OutOfRange):
        return None, f"is a number with more than {MAX_INT_DIGITS} digits"
    if _has_nul(value):
        return None, "contains a NUL character (\\x00)"
    if kind == "bool":
        return (value, "") if isinstance(value, bool) else (None, "must be true or false")
    if kind in {"strings", "age_groups", "languages"}:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return None, "must be a list of strings"
        items = list(dict.fromkeys(item.strip() for item in value if item.strip()))
        if kind == "age_groups" and any(item not in AGE_GROUP_KEYS for item in items):
            return None, f"age groups must be among {', '.join(AGE_GROUP_KEYS)}"
        if kind == "languages":
            items = [item.lower() for item in items]
            unknown = unknown_languages(items)
            if unknown:
                return None, f"unknown language code {', '.join(unknown)} (use ISO 639-1: sv, en…)"
            return items, ""
        if any(len(item) > spec.max_length for item in items):
            return None, f"items must be at most {spec.max_length} characters"
        return items, ""
    if kind == "positions":
        return _positions(value, section, label, bundle)
    if not isinstance(value, str):
        return None, "must be a string"
    value = value.strip()
    if len(value) > spec.max_length:
        return None, f"must be at most {spec.max_length} characters (it has {len(value)})"
    if kind == "phone" and value and not PHONE_PATTERN.match(value):
        return None, "must be a phone number: digits, spaces, +, - and parentheses only"
    if kind == "key" and not KEY_PATTERN.match(value):
        return None, "must contain only letters, digits, - and _"
    if kind == "choice" and value not in spec.choices:
        return None, f"unknown value, expected one of {', '.join(spec.choices)}"
    if kind == "date":
        try:
            return datetime.date.fromisoformat(value), ""
        except ValueError:
            return None, "must be a date YYYY-MM-DD"
    validator = VALIDATORS.get(kind)
    if validator:
        try:
            validator(value)
        except ValidationError:
            return (
                None,
                "is not a valid e-mail address" if kind == "email" else "is not a valid URL",
            )
    return value, ""


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(isinstance(item, str) and "\x00" in item for item in value)
    return False


def _positions(value: Any, section: str, label: str, bundle: Bundle) -> tuple[Any, str]:
    if not isinstance(value, list):
        return None, "must be a list"
    positions, ok = [], True
    for index, item in enumerate(value):
        where = f"positions[{index}]"
        if not isinstance(item, dict):
            bundle.problems.append(
                Problem(
                    section, label, where, "must be an object (CSV: function_id:organisation_id)"
                )
            )
            ok = False
            continue
        cleaned = _clean(section, label, item, POSITION_SPECS, bundle, prefix=f"{where}.")
        if cleaned is None:
            ok = False
        else:
            positions.append(cleaned)
    return (positions, "") if ok else (INVALID, "")


def _check_references(
    section: str, key: str, record: dict, targets: dict[str, set[str]], problems: list[Problem]
) -> None:
    for name, spec in SPECS[section].items():
        value = record.get(name)
        if spec.kind == "ref" and value and value not in targets[spec.ref]:
            problems.append(Problem(section, key, name, f"unknown organisation {value!r}"))
    for index, position in enumerate(record.get("positions") or []):
        for name in ("function", "organisation"):
            value = position[name]
            if value not in targets[POSITION_SPECS[name].ref]:
                noun = "function" if name == "function" else "organisation"
                problems.append(
                    Problem(section, key, f"positions[{index}].{name}", f"unknown {noun} {value!r}")
                )


def _check_cycles(bundle: Bundle, existing_parents: dict[str, str | None]) -> None:
    organisations = bundle.records.get("organisations", {})
    parents = dict(existing_parents)
    parents.update(
        {key: record.get("parent") for key, record in organisations.items() if "parent" in record}
    )
    tree = Tree(parents)
    for key in organisations:
        if tree.loops(key):
            bundle.problems.append(
                Problem("organisations", key, "parent", "the organisation tree has a cycle")
            )
