"""Search bookkeeping stored in the database."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class QueryLog(models.Model):
    """How often a normalised, redacted query was searched on a day, and how many it found."""

    day = models.DateField(_("day"), db_index=True)
    query = models.CharField(_("query"), max_length=200)
    kind = models.CharField(_("kind filter"), max_length=40, blank=True)
    results = models.PositiveIntegerField(_("results"), default=0)
    searches = models.PositiveIntegerField(_("searches"), default=1)

    class Meta:
        verbose_name = _("search query statistic")
        verbose_name_plural = _("search query statistics")
        constraints = [
            models.UniqueConstraint(fields=["day", "query", "kind"], name="unique_query_log_day")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.query}"


class ClickLog(models.Model):
    """How often a result at a rank was opened for a query on a day."""

    day = models.DateField(_("day"), db_index=True)
    query = models.CharField(_("query"), max_length=200)
    uid = models.CharField(_("result"), max_length=140)
    rank = models.PositiveSmallIntegerField(_("rank"))
    clicks = models.PositiveIntegerField(_("clicks"), default=1)

    class Meta:
        verbose_name = _("search click statistic")
        verbose_name_plural = _("search click statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "query", "uid", "rank"], name="unique_click_log_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.query} {self.uid}"


class PendingIndexChange(models.Model):
    """The outbox: an index change for the primary engine, kept until the primary has it."""

    class Action(models.TextChoices):
        INDEX = "index", _("Index")
        DELETE = "delete", _("Delete")

    uid = models.CharField(_("document uid"), max_length=255, unique=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    document = models.JSONField(_("document"), null=True, blank=True)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    seq = models.BigIntegerField(_("version"), default=0, db_index=True)

    class Meta:
        ordering = ["seq", "id"]
        verbose_name = _("pending index change")
        verbose_name_plural = _("pending index changes")

    def __str__(self) -> str:
        return f"{self.action} {self.uid}"


from search.index_models import IndexedDocument  # noqa: E402 - the embedded engine's table

__all__ = ["ClickLog", "IndexedDocument", "PendingIndexChange", "QueryLog"]
