"""Every body block renders through its template; protected people never appear."""

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks.struct_block import StructBlockValidationError

from portal.blocks import (
    CalloutBlock,
    ContactCardBlock,
    DocumentLinkBlock,
    LegalReferenceBlock,
    RelatedPagesBlock,
    StepsBlock,
    TextBlock,
)
from portal.documents import PortalDocument
from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    GuidelinePageFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def render(block, raw):
    return block.render(block.to_python(raw))


def test_text_block_renders_rich_text():
    html = render(TextBlock(), "<p>Ring <b>samma dag</b>.</p>")
    assert "<b>samma dag</b>" in html


def test_steps_render_as_a_numbered_list():
    html = render(
        StepsBlock(),
        {"heading": "Så gör du", "steps": ["<p>Prata med rektor.</p>", "<p>Ring.</p>"]},
    )
    assert "<h2>Så gör du</h2>" in html
    assert html.index("<ol") < html.index("Prata med rektor.") < html.index("Ring.")


@pytest.mark.parametrize("kind", ["important", "warning"])
def test_callout_shows_its_kind(kind):
    html = render(CalloutBlock(), {"kind": kind, "heading": "", "text": "<p>Ring 112.</p>"})
    assert f"callout--{kind}" in html
    assert "Ring 112." in html


def test_legal_reference_shows_citation_and_former_numbering():
    block = LegalReferenceBlock()
    value = block.to_python(
        {"law": "sol", "chapter": "10", "section": "1", "former_law": "sol-2001",
         "former_chapter": "14", "former_section": "1", "note": "Anmälningsskyldighet"}
    )  # fmt: skip
    html = block.render(value)
    assert "10 kap. 1 § SoL (2025:400)" in html
    assert "14 kap. 1 § SoL (2001:453)" in html
    assert "SoL 14:1" in block.get_searchable_content(value)
    assert "10 kap. 1 § socialtjänstlagen" in block.get_searchable_content(value)


def test_reference_to_the_repealed_social_services_act_names_its_successor():
    html = render(LegalReferenceBlock(), {"law": "sol-2001", "chapter": "14", "section": "1"})
    assert "14 kap. 1 § SoL (2001:453)" in html
    assert "socialtjänstlagen (2025:400)" in html


def test_reference_without_chapter():
    html = render(LegalReferenceBlock(), {"law": "lul", "chapter": "", "section": "6"})
    assert "6 § LUL (1964:167)" in html


def test_contact_card_shows_a_visible_person_and_a_contact_point():
    person = PersonFactory(given_name="Anna", family_name="Berg", phone="070-111 11 11")
    point = ContactPointFactory(name="Socialjouren", phone="0980-100 00")
    function = FunctionFactory(name="Skolkurator")
    html = render(
        ContactCardBlock(),
        {"function": function.pk, "person": person.pk, "contact_point": point.pk, "note": ""},
    )
    assert "Anna Berg" in html and "070-111 11 11" in html
    assert "Socialjouren" in html and "Skolkurator" in html


def test_contact_card_renders_nothing_identifying_for_a_protected_person():
    person = PersonFactory(
        given_name="Hemlig", family_name="Skyddad", protected=True, email="hemlig@lekeby.test",
        phone="070-999 99 99", key="p-secret",
    )  # fmt: skip
    html = render(
        ContactCardBlock(), {"function": None, "person": person.pk, "contact_point": None}
    )
    for secret in ("Hemlig", "Skyddad", "hemlig@lekeby.test", "070-999 99 99", "p-secret"):
        assert secret not in html
    assert html.strip() == ""


def test_contact_card_needs_one_contact():
    block = ContactCardBlock()
    with pytest.raises(StructBlockValidationError) as raised:
        block.clean(block.to_python({"function": None, "person": None, "contact_point": None}))
    assert set(raised.value.block_errors) == {"function"}


def test_document_link_names_the_document():
    document = PortalDocument.objects.create(
        title="Samtyckesblankett", file=ContentFile(b"Samtycke", name="samtycke.txt")
    )
    html = render(DocumentLinkBlock(), {"document": document.pk, "title": ""})
    assert "Samtyckesblankett" in html and document.url in html


def test_related_pages_list_only_live_pages():
    live = GuidelinePageFactory(title="Levande rutin")
    draft = GuidelinePageFactory(title="Utkast", live=False)
    html = render(RelatedPagesBlock(), {"heading": "", "pages": [live.pk, draft.pk]})
    assert "Levande rutin" in html
    assert "Utkast" not in html
