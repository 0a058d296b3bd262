"""Text of uploaded PDF and DOCX documents is extracted and searchable."""

import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection

from portal.documents import PortalDocument, extract_text
from portal.services import organisation_collection
from tests.factories import OrganisationFactory

# Admin views and the content importer read and write Wagtail's reference and page search indexes.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_indexes")]


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
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
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


# Editors upload documents to their organisation's collection


@pytest.fixture
def organisations():
    return OrganisationFactory(name="Ekeså kommun"), OrganisationFactory(name="Region Dalmark")


@pytest.fixture
def editor_client(make_editor, organisations):
    editor = make_editor(organisations[0], others=[organisations[1]], username="editor-kommun")
    client = Client()
    client.force_login(editor)
    return client


def upload(client, *, name: str, data: bytes, collection: Collection):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, data), "collection": collection.pk},
    )


def test_editor_uploads_a_pdf_to_their_organisations_collection(editor_client, organisations):
    ours = organisation_collection(organisations[0])
    assert editor_client.get(reverse("wagtaildocs:add")).status_code == 200
    response = upload(
        editor_client, name="direktiv.pdf", data=make_pdf("Signerat direktiv"), collection=ours
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = PortalDocument.objects.get(title="direktiv.pdf")
    assert document.collection == ours
    assert "Signerat direktiv" in document.extracted_text


def test_editor_cannot_upload_to_another_organisations_collection(editor_client, organisations):
    theirs = organisation_collection(organisations[1])
    upload(editor_client, name="fel.pdf", data=make_pdf("Fel samling"), collection=theirs)
    assert not PortalDocument.objects.filter(collection=theirs).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("program.exe", b"MZ\x90\x00", "är inte giltig"),
        (
            "falsk.pdf",
            b"<html><script>alert(1)</script></html>",
            "Det här är inte en riktig .pdf-fil",
        ),
        ("falsk.docx", b"%PDF-1.4 not a word file", "Det här är inte en riktig .docx-fil"),
        ("binar.txt", b"text\x00\x01\x02", "Det här är inte en riktig .txt-fil"),
    ],
)
def test_wrong_file_types_are_refused_with_a_clear_message(
    editor_client, organisations, name, data, message
):
    response = upload(
        editor_client, name=name, data=data, collection=organisation_collection(organisations[0])
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PortalDocument.objects.exists()


def test_too_big_files_are_refused_with_the_limit(editor_client, organisations, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(
        editor_client,
        name="stor.txt",
        data=b"a" * 2048,
        collection=organisation_collection(organisations[0]),
    )
    assert "Filen är för stor" in response.content.decode()
    assert not PortalDocument.objects.exists()
