"""Text of uploaded PDF and DOCX documents is extracted and searchable."""

import io

import docx
import pytest
from django.core.files.base import ContentFile

from portal.documents import PortalDocument, extract_text

pytestmark = pytest.mark.django_db


def make_pdf(text: str) -> bytes:
    """A one-page PDF with the text in Helvetica, with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def make_docx(*paragraphs: str) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Diarienummer SN 2024/031"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pdf_text_is_extracted_on_upload():
    document = PortalDocument.objects.create(
        title="Direktiv",
        file=ContentFile(make_pdf("Gemensamt direktiv om samtycke"), name="direktiv.pdf"),
    )
    assert "Gemensamt direktiv om samtycke" in document.extracted_text


def test_docx_paragraphs_and_tables_are_extracted():
    data = make_docx("Rutin för orosanmälan", "Ring socialjouren efter kl. 16.30.")
    document = PortalDocument.objects.create(
        title="Rutin", file=ContentFile(data, name="rutin.docx")
    )
    assert "Rutin för orosanmälan" in document.extracted_text
    assert "socialjouren" in document.extracted_text
    assert "SN 2024/031" in document.extracted_text


def test_replacing_the_file_extracts_again():
    document = PortalDocument.objects.create(
        title="Rutin", file=ContentFile(make_docx("Första"), name="a.docx")
    )
    document.file = ContentFile(make_docx("Andra versionen"), name="b.docx")
    document.file_hash = ""
    document.save()
    assert "Andra versionen" in document.extracted_text
    assert "Första" not in document.extracted_text


def test_broken_or_unknown_files_give_empty_text():
    assert extract_text("trasig.pdf", b"not a pdf") == ""
    assert extract_text("bild.odt", b"whatever") == ""


def test_extracted_text_is_searchable():
    PortalDocument.objects.create(
        title="Blankett",
        file=ContentFile(make_docx("Samtyckesblankett för informationsöverföring"), name="s.docx"),
    )
    assert "extracted_text" in {
        field.field_name for field in PortalDocument.search_fields if hasattr(field, "field_name")
    }
    found = PortalDocument.objects.search("informationsöverföring")
    assert [document.title for document in found] == ["Blankett"]


def test_document_uploads_are_limited_in_size_with_a_clear_message():
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.fields import WagtailDocumentField

    field = WagtailDocumentField()
    oversized = SimpleUploadedFile("rutin.txt", b"")
    oversized.size = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1

    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 50 * 1024 * 1024
    with pytest.raises(ValidationError, match="50"):
        field.check_document_file_size(oversized)
