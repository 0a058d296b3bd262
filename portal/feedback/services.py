"""Writes for reader feedback: submit, handle, reply and the editors' digest."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from portal.feedback import selectors
from portal.feedback.models import Feedback
from portal.feedback.selectors import Target

# Most feedback one reader may give within an hour (selectors.RATE_WINDOW).
MAX_PER_HOUR = 20


class TooMuchFeedback(Exception):
    """The reader has given MAX_PER_HOUR feedback within the last hour."""


def plain_text(text: str) -> str:
    """The text without HTML tags or surrounding whitespace (it is shown escaped as well)."""
    return strip_tags(text).strip()


@transaction.atomic
def submit_feedback(*, reader, target: Target, kind: str, text: str = "") -> Feedback:
    """Store the feedback for the target's owner (the reader only with an error report, to reply).

    Refuses a flood: more than MAX_PER_HOUR from one reader within the last hour.
    """
    if selectors.recent_count(reader=reader) >= MAX_PER_HOUR:
        raise TooMuchFeedback
    return Feedback.objects.create(
        **{target.field: target.record},
        owner_id=target.owner_id,
        kind=kind,
        text=plain_text(text) if kind == Feedback.Kind.ERROR else "",
        reader=reader if kind == Feedback.Kind.ERROR else None,
        reader_token=selectors.reader_token(reader),
    )


def mark_handled(*, feedback: Feedback) -> Feedback:
    """Mark the feedback handled and forget who gave it (it was kept only for a reply)."""
    feedback.status = Feedback.Status.HANDLED
    feedback.handled_at = timezone.now()
    feedback.reader = None
    feedback.reader_token = ""
    feedback.save(update_fields=["status", "handled_at", "reader", "reader_token"])
    return feedback


def may_reply(*, feedback: Feedback) -> bool:
    """True while the feedback is new and its reader has an e-mail address."""
    reader = feedback.reader
    return feedback.status == Feedback.Status.NEW and bool(reader and reader.email)


@transaction.atomic
def reply_to_reader(*, feedback: Feedback, reply: str) -> Feedback:
    """E-mail the owner's reply to the reader, then mark the feedback handled."""
    feedback.reply = plain_text(reply)
    feedback.save(update_fields=["reply"])
    context = {"feedback": feedback, "target": str(feedback.target)}
    send_mail(
        subject=_("Reply to your feedback on %(target)s") % context,
        message=render_to_string("feedback/email/reply.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[feedback.reader.email],
    )
    return mark_handled(feedback=feedback)


@transaction.atomic
def send_feedback_digest() -> dict[str, int]:
    """E-mail each editor the new feedback for their organisations since the last digest."""
    items = selectors.undigested_feedback()
    if not items:
        return {"feedback": 0, "emails": 0}
    by_owner: dict[int | None, list[Feedback]] = defaultdict(list)
    for item in items:
        by_owner[item.owner_id].append(item)
    messages = []
    for email, owners in sorted(selectors.digest_recipients().items()):
        mine = [item for owner in owners for item in by_owner.get(owner, [])]
        if not mine:
            continue
        mine.sort(key=lambda item: (item.created_at, item.pk))
        body = render_to_string(
            "feedback/email/digest.txt",
            {"items": mine, "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")},
        )
        subject = _("New reader feedback: %(count)d") % {"count": len(mine)}
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    send_mass_mail(messages)
    Feedback.objects.filter(pk__in=[item.pk for item in items]).update(digested_at=timezone.now())
    return {"feedback": len(items), "emails": len(messages)}
