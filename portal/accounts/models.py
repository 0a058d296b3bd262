"""Secrets that let machine clients act for a user: calendar subscriptions and API tokens.

Only a SHA-256 hash of each secret is stored: the secret is shown once, when it is created.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MachineToken(models.Model):
    """A named, revocable secret of one user; the secret itself is never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class CalendarToken(MachineToken):
    """The secret in a personal calendar subscription URL, /kalender/<secret>.ics."""

    class Meta(MachineToken.Meta):
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")


class ApiToken(MachineToken):
    """A personal, read-only API token sent as `Authorization: Bearer <secret>`."""

    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta(MachineToken.Meta):
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()
