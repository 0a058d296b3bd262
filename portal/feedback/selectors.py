"""Reads for reader feedback: its target, the owners' lists, counts and digest recipients."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from directory import selectors as directory_selectors
from directory.models import ImportedRecord, Organisation
from directory.selectors import editor_group_emails, organisation_tree
from portal.feedback.models import Feedback
from portal.pages.base import ContentPage
from portal.workflows import editor_organisation_ids

KEY_MAX_LENGTH = ImportedRecord._meta.get_field("key").max_length
RATE_WINDOW = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Target:
    """What a reader gives feedback on: the record, the field it goes in, its owner and address."""

    field: str
    record: Model
    owner_id: int | None
    url: str


# Directory targets: how a key is found (visible records only) and which organisation owns it.
DIRECTORY_TARGETS: dict[str, tuple[Callable[..., Model | None], Callable[[Model], int | None]]] = {
    "function": (directory_selectors.get_function, attrgetter("owner_organisation_id")),
    "contact_point": (directory_selectors.get_contact_point, attrgetter("organisation_id")),
    "person": (directory_selectors.get_person, attrgetter("organisation_id")),
    "organisation": (directory_selectors.get_organisation, attrgetter("pk")),
}
# The largest primary key every supported database accepts in a lookup.
PK_MAX = 2**31 - 1


def _page_target(key: str) -> Target | None:
    if not key.isdigit() or int(key) > PK_MAX:
        return None
    page = ContentPage.objects.live().filter(pk=int(key)).first()
    if page is None:
        return None
    return Target("page", page, page.owner_organisation_id, page.url or "/")


def feedback_target(*, kind: str, key: str) -> Target | None:
    """The live content page or visible directory record readers may give feedback on, or None.

    People are found only when visible, so protected or retired people are never a target.
    """
    if kind == "page":
        return _page_target(key)
    if kind not in DIRECTORY_TARGETS or len(key) > KEY_MAX_LENGTH:
        return None
    find, owner = DIRECTORY_TARGETS[kind]
    record = find(key=key)
    if record is None:
        return None
    return Target(kind, record, owner(record), record.get_absolute_url())


def reader_token(reader) -> str:
    """A keyed hash that tells one reader's feedback from another's without naming them."""
    return salted_hmac("portal.feedback.reader", str(reader.pk), algorithm="sha256").hexdigest()


def recent_count(*, reader) -> int:
    """How much feedback the reader has given within the last hour."""
    since = timezone.now() - RATE_WINDOW
    return Feedback.objects.filter(reader_token=reader_token(reader), created_at__gte=since).count()


def _scoped(user, queryset: QuerySet[Feedback]) -> QuerySet[Feedback]:
    """Administrators see all feedback; editors that of their organisations, never on protected people."""
    if user.is_superuser:
        return queryset
    return queryset.filter(owner_id__in=editor_organisation_ids(user)).exclude(
        person__protected=True
    )


def may_handle_feedback(user) -> bool:
    """True for administrators and for editors of at least one organisation."""
    return user.is_active and (user.is_superuser or bool(editor_organisation_ids(user)))


def feedback_for(*, user, status: str | None = None) -> QuerySet[Feedback]:
    """The feedback the user may see and handle, newest first, optionally of one status."""
    queryset = Feedback.objects.select_related(
        "page", "function", "contact_point", "person", "organisation", "owner"
    )
    if status:
        queryset = queryset.filter(status=status)
    return _scoped(user, queryset)


def new_feedback_count(*, user) -> int:
    """How much new feedback waits for the user's organisations (all of it for administrators)."""
    return _scoped(user, Feedback.objects.filter(status=Feedback.Status.NEW)).count()


def undigested_feedback() -> list[Feedback]:
    """New feedback not yet sent in a digest, never about protected people."""
    return list(
        Feedback.objects.filter(status=Feedback.Status.NEW, digested_at__isnull=True)
        .exclude(person__protected=True)
        .select_related("page", "function", "contact_point", "person", "organisation", "owner")
        .order_by("created_at", "pk")
    )


def digest_recipients() -> dict[str, set[int | None]]:
    """Each editor's e-mail with the owners whose feedback they get (administrators also None)."""
    tree = organisation_tree()
    pk_by_name = dict(Organisation.objects.values_list("name", "pk"))
    recipients: dict[str, set[int | None]] = {}
    for pk, emails in editor_group_emails(pk_by_name=pk_by_name).items():
        units = tree.descendants([pk])
        for email in emails:
            recipients.setdefault(email, set()).update(units)
    administrators = get_user_model().objects.filter(is_superuser=True, is_active=True)
    for email in administrators.exclude(email="").values_list("email", flat=True):
        recipients.setdefault(email, set()).add(None)
    return recipients
