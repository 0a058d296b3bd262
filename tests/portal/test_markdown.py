"""Markdown to safe HTML, raw HTML detection, legal references, glossary helpers."""

import pytest

from portal.importers.content import expansion_of, is_abbreviation
from portal.importers.markdown import find_raw_html, legal_references, markdown_to_html


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "Text <img src=x onerror=alert(1)>",
        "<!-- hidden -->",
        "<div>\nx\n</div>",
    ],
)
def test_raw_html_is_found(text):
    assert find_raw_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "Se <https://lekeby.test/>",
        "Mejla <info@lekeby.test>",
        "Skriv `<script>` i kod",
        "a < b och c > d",
    ],
)
def test_markdown_without_raw_html_passes(text):
    assert find_raw_html(text) is None


def test_markdown_is_rendered_and_sanitised():
    html = markdown_to_html(
        "# Rubrik\n\n1. Ett\n2. Två\n\n[x](javascript:alert(1)) [y](https://lekeby.test)"
    )
    assert "<h2>Rubrik</h2>" in html
    assert "<ol>\n<li>Ett</li>" in html
    assert "javascript:" not in html
    assert 'href="https://lekeby.test"' in html


def test_legal_references_in_several_notations():
    text = (
        "Enligt 14 kap. 1 § socialtjänstlagen (2001:453), 10 kap. 28 § OSL, "
        "6 § LUL och 29 kap. 13 § skollagen."
    )
    citations = {(ref["citation"], ref["sfs"]) for ref in legal_references(text)}
    assert citations == {
        ("14 kap. 1 § SoL", "2001:453"),
        ("10 kap. 28 § OSL", "2009:400"),
        ("6 § LUL", "1964:167"),
        ("29 kap. 13 § SkolL", "2010:800"),
    }


def test_abbreviations_and_their_expansions():
    assert is_abbreviation("SIP") and is_abbreviation("SkolL") and is_abbreviation("SoL")
    assert not is_abbreviation("Orosanmälan") and not is_abbreviation("2+2-möte")
    assert expansion_of("Samordnad individuell plan – plan när ett barn behöver insatser.") == (
        "samordnad individuell plan"
    )
    assert expansion_of("Offentlighets- och sekretesslagen (2009:400).") == (
        "offentlighets- och sekretesslagen"
    )
