"""Uploaded documents whose text is extracted (PDF, DOCX, plain text) so search can find them."""

import io
import logging
from pathlib import Path

import docx
import pypdf
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

logger = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 500_000


def extract_pdf(data: bytes) -> str:
    """The text of every page of a PDF."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def extract_docx(data: bytes) -> str:
    """The paragraphs and table cells of a Word document."""
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(part for part in parts if part)


EXTRACTORS = {
    ".pdf": extract_pdf,
    ".docx": extract_docx,
    ".txt": lambda data: data.decode("utf-8", errors="replace"),
}


def extract_text(name: str, data: bytes) -> str:
    """Plain text of a document by its file extension; empty for unknown or unreadable files."""
    extractor = EXTRACTORS.get(Path(name).suffix.lower())
    if extractor is None:
        return ""
    try:
        text = extractor(data)
    except Exception:  # noqa: BLE001 - a broken upload must never break saving it
        logger.warning("Could not extract text from %s", Path(name).suffix, exc_info=True)
        return ""
    return " ".join(text.split())[:MAX_TEXT_LENGTH]


class PortalDocument(AbstractDocument):
    """A Wagtail document with its extracted text."""

    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    extracted_from_hash = models.CharField(max_length=40, blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields
    search_fields = AbstractDocument.search_fields + [index.SearchField("extracted_text")]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_document", "Can choose document")]

    def save(self, *args, **kwargs):
        if self.file and not self.file_hash:
            self._set_document_file_metadata()
        if self.file and self.file_hash != self.extracted_from_hash:
            with self.open_file() as handle:
                self.extracted_text = extract_text(self.file.name, handle.read())
            self.extracted_from_hash = self.file_hash
        super().save(*args, **kwargs)
