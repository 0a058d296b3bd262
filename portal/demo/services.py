"""Writes for the demo: import the demo cooperation area and create one account per kind of user."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command, get_commands
from django.db import transaction

from directory.models import Function, Organisation, Person, Position
from directory.selectors import moderator_group_name
from portal.accounts.services import choose_body
from portal.governance import demo as governance_demo
from portal.onboarding import demo as onboarding_demo
from portal.services import setup_organisation_editors
from search import indexing

DEMO_DIR = Path(__file__).resolve().parent
IMPORT_COMMANDS = ("import_directory", "import_content")
NEW_EMPLOYEE_KEY = "demo-nyanstalld"
NEW_EMPLOYEE_FUNCTION = "socsek-bou"
NEW_EMPLOYEE_DAYS = 14
BODY_EDITORS = {
    "municipality": "editor-kommun",
    "region": "editor-region",
    "police": "editor-polis",
}


class DemoUnavailable(Exception):
    """A part the demo needs is not installed."""


@dataclass(frozen=True)
class DemoAccount:
    """A demo login as printed for the user."""

    username: str
    password: str
    role: str


ADMIN = DemoAccount("admin", "demo-admin-2026", "Administratör (alla rättigheter)")
EDITOR_PASSWORD = "demo-editor-2026"  # noqa: S105 - printed demo login
MODERATOR_PASSWORD = "demo-moderator-2026"  # noqa: S105 - printed demo login
# The body whose content a moderator approves before it is published, to show the policy.
MODERATED_BODY_KIND = "region"
STAFF = DemoAccount("personal", "demo-staff-2026", "Medarbetare (läser och söker)")
NEW_EMPLOYEE = DemoAccount(
    "nyanstalld",
    "demo-new-2026",
    f"Nyanställd socialsekreterare (började för {NEW_EMPLOYEE_DAYS} dagar sedan)",
)


def import_demo_data(*, stdout, stderr) -> None:
    """Run the import commands on the demo bundle and content, as for real data."""
    missing = [name for name in IMPORT_COMMANDS if name not in get_commands()]
    if missing:
        raise DemoUnavailable(f"the command(s) {', '.join(missing)} are not installed yet")
    call_command("import_directory", str(DEMO_DIR / "directory.json"), stdout=stdout, stderr=stderr)
    call_command("import_content", str(DEMO_DIR / "content"), stdout=stdout, stderr=stderr)


def load_governance_demo() -> None:
    """Load the demo plan, forums and meetings, then the onboarding paths that link to them."""
    governance_demo.load_governance_demo()
    onboarding_demo.load_onboarding_demo()


def _ensure_user(account: DemoAccount, **fields):
    """Create the user (password set once) or bring its fields back; saves only what differs."""
    username, password = account.username, account.password
    user, created = get_user_model().objects.get_or_create(username=username, defaults=fields)
    changed = created or any(getattr(user, name) != value for name, value in fields.items())
    for name, value in fields.items():
        setattr(user, name, value)
    if created or not user.has_usable_password():
        user.set_password(password)
        changed = True
    if changed:
        user.save()
    return user


def _new_employee(*, user, today: datetime.date) -> Person:
    """The demo person behind the newly hired account, in a socsek-bou position started recently."""
    function = Function.objects.get(key=NEW_EMPLOYEE_FUNCTION)
    holder = (
        Position.objects.filter(function=function, organisation__retired_at__isnull=True)
        .select_related("organisation")
        .order_by("organisation__key")
        .first()
    )
    organisation = holder.organisation if holder else Organisation.objects.current().first()
    person, created = Person.objects.get_or_create(
        key=NEW_EMPLOYEE_KEY,
        defaults={
            "given_name": "Nora",
            "family_name": "Lindahl",
            "title": "Socialsekreterare",
            "email": "nora.lindahl@ekesa.test",
            "phone": "0980-319 299",
            "languages": ["sv", "en"],
            "organisation": organisation,
            "user": user,
            "last_verified": today,
        },
    )
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    if not person.positions.filter(function=function).exists():
        Position.objects.create(
            person=person,
            function=function,
            organisation=person.organisation,
            area=holder.area if holder else "",
            age_groups=holder.age_groups if holder else [],
            start=today - datetime.timedelta(days=NEW_EMPLOYEE_DAYS),
        )
        created = True
    if created:
        indexing.record_changed(person)
    return person


@transaction.atomic
def create_demo_accounts(*, today: datetime.date) -> list[DemoAccount]:
    """Administrator, an editor and a moderator per public body, staff and a newly hired employee.

    The region's content is moderated: its editor submits, its moderator approves.
    """
    _ensure_user(
        ADMIN,
        email="admin@ekesa.test",
        first_name="Ada",
        last_name="Administratör",
        is_staff=True,
        is_superuser=True,
    )
    accounts = [ADMIN]
    bodies = Organisation.objects.current().filter(parent__isnull=True, kind__in=list(BODY_EDITORS))
    for body in bodies.order_by("kind", "key"):
        account = DemoAccount(BODY_EDITORS[body.kind], EDITOR_PASSWORD, f"Redaktör för {body.name}")
        if account.username in {existing.username for existing in accounts}:
            continue
        user = _ensure_user(
            account,
            email=f"{account.username}@{body.email.partition('@')[2] or 'demo.test'}",
            first_name="Redaktör",
            last_name=body.name,
        )
        if (
            body.kind == MODERATED_BODY_KIND
            and body.moderation != Organisation.Moderation.MODERATED
        ):
            body.moderation = Organisation.Moderation.MODERATED
            body.save(update_fields=["moderation", "updated_at"])
        user.groups.add(setup_organisation_editors(body))
        accounts.append(account)
        moderator = DemoAccount(
            account.username.replace("editor-", "granskare-"),
            MODERATOR_PASSWORD,
            f"Granskare för {body.name}",
        )
        _ensure_user(
            moderator,
            email=f"{moderator.username}@{body.email.partition('@')[2] or 'demo.test'}",
            first_name="Granskare",
            last_name=body.name,
        ).groups.add(Group.objects.get(name=moderator_group_name(body)))
        accounts.append(moderator)
    staff = _ensure_user(
        STAFF, email="personal@ekesa.test", first_name="Sam", last_name="Medarbetare"
    )
    municipality = Organisation.objects.current().filter(kind="municipality").order_by("key")
    if municipality.exists():
        choose_body(user=staff, organisation=municipality.first())
    accounts.append(STAFF)
    user = _ensure_user(
        NEW_EMPLOYEE, email="nora.lindahl@ekesa.test", first_name="Nora", last_name="Lindahl"
    )
    with indexing.batch():
        _new_employee(user=user, today=today)
    accounts.append(NEW_EMPLOYEE)
    return accounts
