"""The admin's document upload form: a file must be what its extension says."""

import codecs
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

HEAD_BYTES = 4096
ZIP_SIGNATURE = b"PK\x03\x04"
SIGNATURES = {"pdf": b"%PDF-", "docx": ZIP_SIGNATURE, "odt": ZIP_SIGNATURE}


def looks_like(extension: str, head: bytes) -> bool:
    """Whether the first bytes of a file fit its extension (plain text: UTF-8 without NUL)."""
    if extension == "txt":
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        except UnicodeDecodeError:
            return False
        return b"\x00" not in head
    signature = SIGNATURES.get(extension)
    return signature is not None and head.startswith(signature)


class PortalDocumentForm(BaseDocumentForm):
    """Wagtail's document form; a new upload must have the content its extension promises."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not isinstance(file, UploadedFile):
            return file
        extension = Path(file.name).suffix.lower().lstrip(".")
        file.seek(0)
        head = file.read(HEAD_BYTES)
        file.seek(0)
        if extension in {*SIGNATURES, "txt"} and not looks_like(extension, head):
            raise ValidationError(
                _(
                    "This is not a real .%(extension)s file. Save the document as PDF, "
                    "Word (.docx), OpenDocument (.odt) or plain text (.txt) and upload it again."
                ),
                code="content_mismatch",
                params={"extension": extension},
            )
        return file
