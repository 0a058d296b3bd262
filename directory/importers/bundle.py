"""Reading and validating a directory bundle (SPEC §4.1) before anything is written."""

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from directory.importers.files import UnreadableFile, read_limited
from directory.schemas import (
    KEY_PATTERN,
    MAX_INT_DIGITS,
    RECORDS,
    OutOfRange,
    PersonRecord,
    PositionRecord,
    list_fields,
    references,
)
from directory.tree import Tree

SECTIONS = tuple(RECORDS)
CSV_DELIMITERS = ",;\t"
TRUE_WORDS = {"true", "1", "yes", "ja", "x"}
FALSE_WORDS = {"false", "0", "no", "nej", ""}
CSV_LIST_FIELDS = list_fields(PersonRecord)
BUILT_IN_MESSAGES = {
    "missing": "is required",
    "string_type": "must be a string",
    "bool_type": "must be true or false",
    "list_type": "must be a list",
    "model_type": "must be an object (CSV: function_id:organisation_id)",
}


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


def _parse_int(digits: str) -> int:
    return OutOfRange(0) if len(digits.lstrip("-")) > MAX_INT_DIGITS else int(digits)


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
    schema = RECORDS[section]
    for index, item in enumerate(raw):
        label = f"#{index + 1}"
        if not isinstance(item, dict):
            bundle.problems.append(Problem(section, label, "", "must be an object"))
            continue
        key = item.get("id")
        if isinstance(key, str) and KEY_PATTERN.match(key):
            label = key
        _warn_unknown_keys(section, label, item, bundle)
        try:
            record = schema.model_validate(item).model_dump(exclude_unset=True)
        except ValidationError as error:
            bundle.problems.extend(_problems(section, label, error))
            continue
        if label in records:
            bundle.problems.append(Problem(section, label, "id", "duplicate id"))
            continue
        records[label] = record
    return records


def _warn_unknown_keys(section: str, label: str, item: dict, bundle: Bundle) -> None:
    schema = RECORDS[section]
    for name in item:
        if name not in schema.model_fields:
            bundle.warnings.append(f"{section}[{label}].{name}: unknown key ignored")
    positions = item.get("positions") if section == "people" else None
    for index, position in enumerate(positions if isinstance(positions, list) else []):
        for name in position if isinstance(position, dict) else ():
            if name not in PositionRecord.model_fields:
                bundle.warnings.append(
                    f"{section}[{label}].positions[{index}].{name}: unknown key ignored"
                )


def _problems(section: str, label: str, error: ValidationError) -> list[Problem]:
    """One problem per field, worded as the import contract words it."""
    problems: dict[str, Problem] = {}
    for detail in error.errors(include_url=False):
        where = _field_path(detail["loc"])
        if where not in problems:
            problems[where] = Problem(section, label, where, _message(detail))
    return list(problems.values())


def _field_path(loc: tuple) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path


def _message(detail: dict) -> str:
    kind = detail["type"]
    if kind == "string_too_long":
        length = len(detail["input"].strip())
        return f"must be at most {detail['ctx']['max_length']} characters (it has {length})"
    return BUILT_IN_MESSAGES.get(kind, detail["msg"])


def _check_references(
    section: str, key: str, record: dict, targets: dict[str, set[str]], problems: list[Problem]
) -> None:
    for name, reference in references(RECORDS[section]).items():
        value = record.get(name)
        if value and value not in targets[reference.section]:
            problems.append(Problem(section, key, name, f"unknown {reference.noun} {value!r}"))
    for index, position in enumerate(record.get("positions") or []):
        for name, reference in references(PositionRecord).items():
            value = position[name]
            if value not in targets[reference.section]:
                problems.append(
                    Problem(
                        section,
                        key,
                        f"positions[{index}].{name}",
                        f"unknown {reference.noun} {value!r}",
                    )
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
