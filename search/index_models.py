"""The embedded engine's document table (read and written only by search/backends/embedded.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexedDocument(models.Model):
    """One searchable document with its analysed terms; `deleted` rows are tombstones."""

    uid = models.CharField(max_length=200, primary_key=True)
    kind = models.CharField(max_length=40, db_index=True)
    data = models.JSONField(default=dict)
    terms = models.JSONField(default=dict)
    seq = models.BigIntegerField(db_index=True)
    deleted = models.BooleanField(default=False)
    digest = models.CharField(max_length=32, blank=True)

    class Meta:
        app_label = "search"
        verbose_name = _("indexed document")
        verbose_name_plural = _("indexed documents")

    def __str__(self) -> str:
        return self.uid
