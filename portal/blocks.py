"""StreamField blocks editors use in page bodies."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from directory.selectors import visible_person
from search.analysis import legal

# key: (abbreviation, name, SFS number)
LAWS: dict[str, tuple[str, str, str]] = legal.citations(in_blocks=True)
REPEALED_LAWS = legal.REPEALED_LAWS


def cite(law: str, chapter: str, section: str) -> str:
    """The Swedish citation, e.g. '14 kap. 1 § SoL (2025:400)'."""
    abbreviation, _name, sfs = LAWS.get(law, (law, law, ""))
    place = f"{chapter} kap. {section} §" if chapter else f"{section} §"
    return f"{place} {abbreviation} ({sfs})" if sfs else f"{place} {abbreviation}"


def notations(law: str, chapter: str, section: str) -> list[str]:
    """The ways people write one reference, so search finds it in any of them."""
    abbreviation, name, sfs = LAWS.get(law, (law, law, ""))
    if chapter:
        found = [
            f"{chapter} kap. {section} § {abbreviation}",
            f"{chapter} kap. {section} § {name}",
            f"{abbreviation} {chapter}:{section}",
        ]
    else:
        found = [f"{section} § {abbreviation}", f"{section} § {name}", f"{abbreviation} {section}"]
    return found + ([f"{abbreviation} ({sfs})"] if sfs else [])


class TextBlock(blocks.RichTextBlock):
    """Formatted text."""

    class Meta:
        template = "portal/blocks/text.html"
        label = _("Text")


class StepsBlock(blocks.StructBlock):
    """Numbered steps to follow in order."""

    heading = blocks.CharBlock(label=_("heading"), required=False)
    steps = blocks.ListBlock(blocks.RichTextBlock(features=["bold", "italic", "link"]))

    class Meta:
        template = "portal/blocks/steps.html"
        icon = "list-ol"
        label = _("Numbered steps")


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: important information or a warning."""

    kind = blocks.ChoiceBlock(
        choices=[("important", _("Important")), ("warning", _("Warning"))], default="important"
    )
    heading = blocks.CharBlock(label=_("heading"), required=False)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        template = "portal/blocks/callout.html"
        icon = "warning"
        label = _("Callout")


class LegalReferenceValue(blocks.StructValue):
    """A legal reference with its citation, former numbering and search notations."""

    def citation(self) -> str:
        return cite(self.get("law"), self.get("chapter"), self.get("section"))

    def law_name(self) -> str:
        return LAWS.get(self.get("law"), ("", self.get("law"), ""))[1]

    def former_citation(self) -> str:
        if not self.get("former_law") or not self.get("former_section"):
            return ""
        return cite(self["former_law"], self.get("former_chapter"), self["former_section"])

    def replaced_by(self) -> str:
        """For a repealed law: the citation of the law that replaced it."""
        successor = REPEALED_LAWS.get(self.get("law"))
        return LAWS[successor][1] + f" ({LAWS[successor][2]})" if successor else ""

    def notations(self) -> list[str]:
        found = notations(self.get("law"), self.get("chapter"), self.get("section"))
        if self.former_citation():
            found += notations(
                self["former_law"], self.get("former_chapter"), self["former_section"]
            )
        return found


class LegalReferenceBlock(blocks.StructBlock):
    """A reference to a provision (law, chapter, section), with its former numbering if moved."""

    law = blocks.ChoiceBlock(
        label=_("law"), choices=[(key, f"{v[0]} ({v[2]}) – {v[1]}") for key, v in LAWS.items()]
    )
    chapter = blocks.CharBlock(label=_("chapter"), required=False, max_length=10)
    section = blocks.CharBlock(label=_("section"), max_length=10)
    former_law = blocks.ChoiceBlock(
        label=_("former law"),
        required=False,
        choices=[(key, f"{v[0]} ({v[2]})") for key, v in LAWS.items()],
        help_text=_("E.g. SoL (2001:453) when the provision moved to SoL (2025:400)."),
    )
    former_chapter = blocks.CharBlock(label=_("former chapter"), required=False, max_length=10)
    former_section = blocks.CharBlock(label=_("former section"), required=False, max_length=10)
    note = blocks.CharBlock(label=_("what it says"), required=False)

    class Meta:
        template = "portal/blocks/legal_reference.html"
        icon = "doc-full"
        label = _("Legal reference")
        value_class = LegalReferenceValue

    def get_searchable_content(self, value):
        return value.notations() + ([value["note"]] if value.get("note") else [])


class ContactCardValue(blocks.StructValue):
    """Gives templates only what may be shown: never a protected or retired person."""

    def visible_person(self):
        return visible_person(self.get("person"))

    def visible_contact_point(self):
        point = self.get("contact_point")
        return point if point is not None and point.retired_at is None else None


class ContactCardBlock(blocks.StructBlock):
    """A contact chosen from the directory: a function, a person or a contact point."""

    function = SnippetChooserBlock("directory.Function", label=_("function"), required=False)
    person = SnippetChooserBlock("directory.Person", label=_("person"), required=False)
    contact_point = SnippetChooserBlock(
        "directory.ContactPoint", label=_("contact point"), required=False
    )
    note = blocks.CharBlock(label=_("when to contact"), required=False)

    class Meta:
        template = "portal/blocks/contact_card.html"
        icon = "user"
        label = _("Contact card")
        value_class = ContactCardValue

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("function") or value.get("person") or value.get("contact_point")):
            raise StructBlockValidationError(
                block_errors={
                    "function": ValidationError(
                        _("Choose a function, a person or a contact point.")
                    )
                }
            )
        return value

    def get_searchable_content(self, value):
        found = [value["function"].name] if value.get("function") else []
        if value.visible_contact_point():
            found.append(value["contact_point"].name)
        return found


class DocumentLinkBlock(blocks.StructBlock):
    """A link to an uploaded document (PDF, DOCX)."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), required=False)

    class Meta:
        template = "portal/blocks/document_link.html"
        icon = "doc-full-inverse"
        label = _("Document")


class RelatedPagesBlock(blocks.StructBlock):
    """Links to other pages in the portal."""

    heading = blocks.CharBlock(label=_("heading"), required=False)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("pages"))

    class Meta:
        template = "portal/blocks/related_pages.html"
        icon = "link"
        label = _("Related pages")


class BodyBlock(blocks.StreamBlock):
    """The body of a content page."""

    text = TextBlock()
    steps = StepsBlock()
    callout = CalloutBlock()
    legal_reference = LegalReferenceBlock()
    contact_card = ContactCardBlock()
    document = DocumentLinkBlock()
    related_pages = RelatedPagesBlock()
