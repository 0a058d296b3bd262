"""Writes to the directory: the import (SPEC §4.1), self-service profiles and stale-profile flags."""

import datetime
import fcntl
import logging
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag
from tqdm import tqdm

from directory import caching, selectors
from directory.importers.bundle import SECTIONS, Problem, read_bundle, validate
from directory.models import ContactPoint, Function, Organisation, Person, PersonTag, Position
from directory.schemas import RECORDS, references
from search import indexing

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
PROGRESS_THRESHOLD = 1000
MODELS: dict[str, type[models.Model]] = {
    "organisations": Organisation,
    "functions": Function,
    "people": Person,
    "contact_points": ContactPoint,
}


def _plain_fields(section: str) -> list[str]:
    """The record's fields stored in a column of its own (not the id, references or relations)."""
    model, linked = MODELS[section], references(RECORDS[section])
    return [
        name
        for name in RECORDS[section].model_fields
        if name != "id" and name not in linked and not model._meta.get_field(name).is_relation
    ]


def _defaults(section: str) -> dict[str, Any]:
    """What a new record gets for a field its input leaves out."""
    fields = RECORDS[section].model_fields
    return {
        name: fields[name].get_default(call_default_factory=True)
        for name in PLAIN_FIELDS[section]
        if not fields[name].is_required()
    }


PLAIN_FIELDS = {section: _plain_fields(section) for section in SECTIONS}
# pg_advisory_lock key of the directory import ("DIRI" in ASCII).
IMPORT_LOCK_KEY = 0x44495249
LOCK_POLL = 0.1


class DirectoryImportError(Exception):
    """The input has errors; nothing was written."""

    def __init__(self, problems: list[Problem], warnings: list[str]):
        super().__init__(f"{len(problems)} error(s) in the directory import")
        self.problems = problems
        self.warnings = warnings


class DirectoryImportBusy(Exception):
    """Another directory import kept the import lock for longer than we may wait."""


@contextmanager
def _exclusive_import(*, wait: float) -> Iterator[None]:
    """Hold the directory import lock (PostgreSQL advisory lock, else a lock file) while inside."""
    deadline = time.monotonic() + wait
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            while not _advisory_lock_taken(cursor):
                _wait_or_give_up(deadline, wait)
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [IMPORT_LOCK_KEY])
        return
    with open(_lock_file(), "a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                _wait_or_give_up(deadline, wait)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _advisory_lock_taken(cursor) -> bool:
    cursor.execute("SELECT pg_try_advisory_lock(%s)", [IMPORT_LOCK_KEY])
    return bool(cursor.fetchone()[0])


def _wait_or_give_up(deadline: float, wait: float) -> None:
    if time.monotonic() >= deadline:
        raise DirectoryImportBusy(
            f"another directory import is still running after {wait:g} s; nothing was changed, "
            "try again when it has finished"
        )
    time.sleep(LOCK_POLL)


def _lock_file() -> Path:
    """A lock file beside the SQLite database (in VAR_DIR for an in-memory one)."""
    name = str(connection.settings_dict["NAME"])
    if name.startswith("file:") or name == ":memory:":
        return Path(settings.VAR_DIR) / "directory-import.lock"
    return Path(f"{name}.import-lock")


@dataclass
class ImportResult:
    """What an import did (or would do, in a dry run) per record type."""

    counts: dict[str, Counter] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    repaired: int = 0

    def summary_lines(self) -> list[str]:
        lines = [
            f"{section}: {c['created']} created, {c['updated']} updated, "
            f"{c['unchanged']} unchanged, {c['retired']} retired"
            for section, c in self.counts.items()
        ]
        if self.repaired:
            lines.append(f"search index: {self.repaired} drifted entries repaired")
        return lines


def import_directory(
    *, path: Path, dry_run: bool = False, prune: bool = False, progress: bool | None = None
) -> ImportResult:
    """Validate FILE completely, then upsert it by import id in one transaction.

    One import runs at a time (a second one waits up to IMPORT_LOCK_WAIT seconds). The search
    index is written in the same transaction; records reported unchanged are checked against the
    index too and reindexed when they drifted. A dry run never touches the index.
    """
    with _exclusive_import(wait=settings.IMPORT_LOCK_WAIT):
        return _import(path=Path(path), dry_run=dry_run, prune=prune, progress=progress)


def _import(*, path: Path, dry_run: bool, prune: bool, progress: bool | None) -> ImportResult:
    sections, problems = read_bundle(path=path, max_bytes=settings.IMPORT_MAX_BYTES)
    if problems:
        raise DirectoryImportError(problems, [])
    known = {
        name: set()
        if prune and name in sections
        else set(MODELS[name].objects.current().values_list("key", flat=True))
        for name in ("organisations", "functions")
    }
    existing_parents = dict(Organisation.objects.values_list("key", "parent__key"))
    bundle = validate(sections=sections, known=known, existing_parents=existing_parents)
    if bundle.problems:
        raise DirectoryImportError(bundle.problems, bundle.warnings)
    result = ImportResult(warnings=bundle.warnings, dry_run=dry_run)
    show = (
        progress
        if progress is not None
        else sys.stderr.isatty() or bundle.size > PROGRESS_THRESHOLD
    )
    with tqdm(total=bundle.size, desc="Importing", file=sys.stderr, disable=not show) as bar:
        writer = _Writer(result=result, prune=prune, bar=bar)
        if dry_run:
            with transaction.atomic(), indexing.suspended():
                writer.write(bundle.records)
                transaction.set_rollback(True)
        else:
            with transaction.atomic():
                with indexing.batch():
                    writer.write(bundle.records)
                    for instance in writer.changed:
                        indexing.record_changed(instance)
                result.repaired = indexing.repair(writer.unchanged)
                caching.bump(caching.DIRECTORY)
    logger.info(
        "Directory import%s: %s", " (dry run)" if dry_run else "", "; ".join(result.summary_lines())
    )
    return result


class _Writer:
    """Diffs the bundle against the database in memory and writes only what changed, in bulk."""

    def __init__(self, *, result: ImportResult, prune: bool, bar: tqdm):
        self.result = result
        self.prune = prune
        self.bar = bar
        self.now = timezone.now()
        self.changed: list[models.Model] = []
        self.unchanged: list[models.Model] = []
        self.ids: dict[str, dict[str, int]] = {}

    def write(self, records: dict[str, dict[str, dict[str, Any]]]) -> None:
        for section in SECTIONS:
            model = MODELS[section]
            if section not in records:
                self.ids[section] = dict(model.objects.values_list("key", "pk"))
                continue
            self.result.counts[section] = Counter(created=0, updated=0, unchanged=0, retired=0)
            getattr(self, f"_write_{section}")(records[section])

    def _prepare(
        self,
        section: str,
        records: dict[str, dict],
        existing: dict[str, Any],
        refs: dict[str, tuple],
    ) -> tuple[list, list, set[str]]:
        """New and changed instances for the records; returns created, updated, changed fields."""
        model = MODELS[section]
        creates, updates, fields = [], [], {"updated_at"}
        for key, record in records.items():
            values = {name: record[name] for name in PLAIN_FIELDS[section] if name in record}
            for name, (attname, ids) in refs.items():
                if name in record:
                    values[attname] = ids[record[name]] if record[name] else None
            instance = existing.get(key)
            if instance is None:
                instance = model(key=key, **{**_defaults(section), **values})
                creates.append(instance)
            else:
                changed = {
                    name for name, value in values.items() if getattr(instance, name) != value
                }
                if instance.retired_at is not None:
                    changed.add("retired_at")
                    instance.retired_at = None
                for name in changed - {"retired_at"}:
                    setattr(instance, name, values[name])
                if changed:
                    instance.updated_at = self.now
                    updates.append(instance)
                    fields |= changed
            self.bar.update(1)
        return creates, updates, fields

    def _finish(
        self, section: str, existing: dict, records: dict, changes: tuple[list, list, set[str]]
    ) -> None:
        """Write updates, retire what the bundle no longer has (with prune) and count."""
        model, counts = MODELS[section], self.result.counts[section]
        creates, updates, fields = changes
        _upsert(model, updates, fields)
        retired = []
        if self.prune:
            retired = [
                instance
                for key, instance in existing.items()
                if instance.retired_at is None and key not in records
            ]
            for instance in retired:
                instance.retired_at = self.now
                instance.updated_at = self.now
            for chunk in _chunks([instance.pk for instance in retired]):
                model.objects.filter(pk__in=chunk).update(retired_at=self.now, updated_at=self.now)
        counts["created"] += len(creates)
        counts["updated"] += len(updates)
        counts["retired"] += len(retired)
        counts["unchanged"] += len(records) - len(creates) - len(updates)
        self.changed.extend([*creates, *updates, *retired])
        touched = {instance.key for instance in [*creates, *updates, *retired]}
        self.unchanged.extend(
            instance for key, instance in existing.items() if key in records and key not in touched
        )
        self.ids[section] = {
            **{key: instance.pk for key, instance in existing.items()},
            **{instance.key: instance.pk for instance in creates},
        }

    def _write_organisations(self, records: dict[str, dict]) -> None:
        existing = {instance.key: instance for instance in Organisation.objects.all()}
        creates, updates, fields = self._prepare("organisations", records, existing, {})
        Organisation.objects.bulk_create(creates, batch_size=BATCH_SIZE)
        by_key = {**existing, **{instance.key: instance for instance in creates}}
        created = {instance.pk for instance in creates}
        updated = {instance.key for instance in updates}
        parented = []
        for key, record in records.items():
            if "parent" not in record:
                continue
            instance = by_key[key]
            parent_id = by_key[record["parent"]].pk if record["parent"] else None
            if instance.parent_id == parent_id:
                continue
            instance.parent_id = parent_id
            if instance.pk in created:
                parented.append(instance)
            elif key not in updated:
                instance.updated_at = self.now
                updates.append(instance)
                updated.add(key)
            fields.add("parent_id")
        _upsert(Organisation, parented, {"parent_id"})
        self._finish("organisations", existing, records, (creates, updates, fields))

    def _write_functions(self, records: dict[str, dict]) -> None:
        existing = {instance.key: instance for instance in Function.objects.all()}
        refs = {"owner": ("owner_organisation_id", self.ids["organisations"])}
        creates, updates, fields = self._prepare("functions", records, existing, refs)
        Function.objects.bulk_create(creates, batch_size=BATCH_SIZE)
        self._finish("functions", existing, records, (creates, updates, fields))
        for function in [*creates, *updates]:
            revision = function.save_revision(clean=False, log_action=True)
            revision.publish(skip_permission_checks=True)

    def _write_contact_points(self, records: dict[str, dict]) -> None:
        existing = {instance.key: instance for instance in ContactPoint.objects.all()}
        refs = {"organisation": ("organisation_id", self.ids["organisations"])}
        creates, updates, fields = self._prepare("contact_points", records, existing, refs)
        ContactPoint.objects.bulk_create(creates, batch_size=BATCH_SIZE)
        self._finish("contact_points", existing, records, (creates, updates, fields))

    def _write_people(self, records: dict[str, dict]) -> None:
        for record in records.values():
            if record.get("last_verified", False) is None:
                del record["last_verified"]
        existing = {instance.key: instance for instance in Person.objects.all()}
        refs = {"organisation": ("organisation_id", self.ids["organisations"])}
        creates, updates, fields = self._prepare("people", records, existing, refs)
        Person.objects.bulk_create(creates, batch_size=BATCH_SIZE)
        created = {instance.key for instance in creates}
        updated = {instance.key for instance in updates}
        by_key = {**existing, **{instance.key: instance for instance in creates}}
        tag_changes = self._diff_tags(records, by_key, created)
        position_changes = self._diff_positions(records, by_key, created)
        for key in (tag_changes.keys() | position_changes.keys()) - created - updated:
            instance = by_key[key]
            instance.updated_at = self.now
            updates.append(instance)
            updated.add(key)
        self._write_tags(tag_changes, by_key, created)
        self._write_positions(position_changes, by_key, created)
        self._finish("people", existing, records, (creates, updates, fields))

    def _diff_tags(self, records: dict, by_key: dict, created: set[str]) -> dict[str, list[str]]:
        current: dict[int, set[str]] = {}
        for person_id, name in PersonTag.objects.values_list("content_object_id", "tag__name"):
            current.setdefault(person_id, set()).add(name.lower())
        changes = {}
        for key, record in records.items():
            if "expertise" not in record:
                continue
            wanted = record["expertise"]
            if key in created:
                if wanted:
                    changes[key] = wanted
            elif {name.lower() for name in wanted} != current.get(by_key[key].pk, set()):
                changes[key] = wanted
        return changes

    def _write_tags(self, changes: dict[str, list[str]], by_key: dict, created: set[str]) -> None:
        if not changes:
            return
        tags = {tag.name.lower(): tag.pk for tag in Tag.objects.all()}
        stale = [by_key[key].pk for key in changes if key not in created]
        for chunk in _chunks(stale):
            PersonTag.objects.filter(content_object_id__in=chunk).delete()
        links = []
        for key, names in changes.items():
            for name in dict.fromkeys(names, None):
                if name.lower() not in tags:
                    tags[name.lower()] = Tag.objects.create(name=name).pk
                links.append(PersonTag(content_object_id=by_key[key].pk, tag_id=tags[name.lower()]))
        PersonTag.objects.bulk_create(links, batch_size=BATCH_SIZE, ignore_conflicts=True)

    def _diff_positions(self, records: dict, by_key: dict, created: set[str]) -> dict[str, list]:
        functions, organisations = self.ids["functions"], self.ids["organisations"]
        current: dict[int, list[tuple]] = {}
        for row in Position.objects.order_by().values_list(
            "person_id", "function_id", "organisation_id", "area", "age_groups", "start", "end"
        ):
            current.setdefault(row[0], []).append(_position_row(*row[1:]))
        changes = {}
        for key, record in records.items():
            if "positions" not in record:
                continue
            wanted = [
                _position_row(
                    functions[position["function"]],
                    organisations[position["organisation"]],
                    position.get("area") or "",
                    position.get("age_groups") or [],
                    position.get("start"),
                    position.get("end"),
                )
                for position in record["positions"]
            ]
            if key in created:
                if wanted:
                    changes[key] = wanted
            elif sorted(wanted, key=repr) != sorted(current.get(by_key[key].pk, []), key=repr):
                changes[key] = wanted
        return changes

    def _write_positions(self, changes: dict[str, list], by_key: dict, created: set[str]) -> None:
        stale = [by_key[key].pk for key in changes if key not in created]
        for chunk in _chunks(stale):
            Position.objects.filter(person_id__in=chunk).delete()
        Position.objects.bulk_create(
            [
                Position(
                    person_id=by_key[key].pk,
                    function_id=function_id,
                    organisation_id=organisation_id,
                    area=area,
                    age_groups=list(age_groups),
                    start=start,
                    end=end,
                )
                for key, rows in changes.items()
                for function_id, organisation_id, area, age_groups, start, end in rows
            ],
            batch_size=BATCH_SIZE,
        )


def _upsert(model: type[models.Model], instances: list, fields: set[str]) -> None:
    """Insert new records and overwrite `fields` of existing ones, matched by import id."""
    if instances:
        model.objects.bulk_create(
            instances,
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=sorted(fields),
        )


def _position_row(function_id, organisation_id, area, age_groups, start, end) -> tuple:
    return (function_id, organisation_id, area, tuple(age_groups or ()), start, end)


def _chunks(items: list, size: int = BATCH_SIZE) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def update_profile(
    *, person: Person, phone: str, expertise: list[str], languages: list[str]
) -> Person:
    """Save the fields a person may change about themselves."""
    with transaction.atomic(), indexing.batch():
        person.phone = phone
        person.languages = languages
        person.expertise.set(expertise)
        person.save()
    return person


def verify_profile(*, person: Person) -> Person:
    """Record that the person confirmed their profile today."""
    with transaction.atomic(), indexing.batch():
        person.last_verified = timezone.localdate()
        person.save(update_fields=["last_verified", "updated_at"])
    return person


def flag_stale_profiles(*, today: datetime.date | None = None) -> tuple[int, int]:
    """E-mail each organisation's editors its stale profiles; returns (profiles, e-mails sent).

    An organisation's editors are the active users in the group "Redaktörer <organisation name>"
    and staff users whose own profile belongs to it, for the organisation and its ancestors.
    """
    stale: dict[int, list[Person]] = {}
    for person in selectors.stale_profiles(today=today):
        stale.setdefault(person.organisation_id, []).append(person)
    if not stale:
        return 0, 0
    tree = selectors.OrgTree()
    editors = selectors.editor_emails_by_organisation(tree=tree)
    sent = 0
    for organisation_id, people in stale.items():
        chain = [organisation_id, *(node.pk for node in tree.ancestors(organisation_id))]
        recipients = sorted(set().union(*(editors.get(pk, set()) for pk in chain)))
        if not recipients:
            continue
        organisation = people[0].organisation
        lines = "\n".join(f"- {person.full_name}: {person.get_absolute_url()}" for person in people)
        send_mail(
            subject=_("Profiles to verify in %(organisation)s") % {"organisation": organisation},
            message=_("These profiles have not been verified for twelve months:\n\n%(lines)s\n")
            % {"lines": lines},
            from_email=None,
            recipient_list=recipients,
        )
        sent += 1
    return sum(len(people) for people in stale.values()), sent
