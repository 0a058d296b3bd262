"""Readers' feedback on a content page or directory record, routed to the owning organisation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TEXT_MAX = 2000
# The target fields, one of which is set on every feedback.
TARGET_FIELDS = ("page", "function", "contact_point", "person", "organisation")


def _target(to: str, verbose_name) -> models.ForeignKey:
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reader_feedback",
    )


def _exactly_one_target() -> models.Q:
    """The condition that exactly one of TARGET_FIELDS is set."""
    condition = models.Q()
    for chosen in TARGET_FIELDS:
        condition |= models.Q(
            **{f"{name}__isnull": name != chosen for name in TARGET_FIELDS},
        )
    return condition


class Feedback(models.Model):
    """A reader's "was it helpful?" answer or error report, with its handling and the reply."""

    class Kind(models.TextChoices):
        HELPFUL = "helpful", _("Helpful")
        NOT_HELPFUL = "not_helpful", _("Not helpful")
        ERROR = "error", _("Error report")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        HANDLED = "handled", _("Handled")

    page = _target("wagtailcore.Page", _("page"))
    function = _target("directory.Function", _("function"))
    contact_point = _target("directory.ContactPoint", _("contact point"))
    person = _target("directory.Person", _("person"))
    organisation = _target("directory.Organisation", _("organisation"))
    owner = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("owner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_received",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"), blank=True, max_length=TEXT_MAX)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    # An error report's reader, kept only so that the owner can reply; emptied once handled.
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A keyed hash of the reader (no name, no id), to limit how much one reader sends per hour.
    reader_token = models.CharField(max_length=64, blank=True, editable=False)
    reply = models.TextField(_("reply"), blank=True, max_length=TEXT_MAX)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        indexes = [
            models.Index(fields=["status", "owner"], name="feedback_status_owner"),
            models.Index(fields=["reader_token", "created_at"], name="feedback_reader_created"),
        ]
        constraints = [
            models.CheckConstraint(name="feedback_one_target", condition=_exactly_one_target())
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target}"

    @property
    def target(self):
        """The page or directory record the feedback is about."""
        return next(
            (getattr(self, name) for name in TARGET_FIELDS if getattr(self, f"{name}_id")), None
        )
