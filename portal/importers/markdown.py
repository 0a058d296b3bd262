"""Markdown to safe rich-text HTML, and legal references found in text."""

import re

import markdown
import nh3

from search.analysis import legal

ALLOWED_TAGS = {
    "a", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "hr", "i", "li", "ol",
    "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan"}, "th": {"colspan", "scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
RAW_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--", re.MULTILINE)
HEADING_ONE = re.compile(r"<h1(\b[^>]*)>(.*?)</h1>", re.DOTALL)

LAWS = legal.citations()
LAW_PATTERNS = legal.written_patterns()
LAW_ALTERNATIVES = "|".join(f"(?P<{key}>{pattern})" for key, pattern in LAW_PATTERNS.items())
LEGAL_REFERENCE = re.compile(
    r"(?:(?P<chapter>\d+)\s*kap\.?\s*)?(?P<section>\d+\s?[a-z]?)\s*§§?\s*(?:i\s+)?"
    rf"(?:{LAW_ALTERNATIVES})\b(?:\s*\((?P<sfs>\d{{4}}:\d+)\))?"
)


def find_raw_html(text: str) -> str | None:
    """The first raw HTML tag in Markdown source outside code, if any."""
    without_code = re.sub(r"```.*?```|`[^`\n]*`", "", text, flags=re.DOTALL)
    match = RAW_HTML.search(without_code)
    return match.group(0) if match else None


def markdown_to_html(text: str) -> str:
    """Render Markdown and keep only the tags rich text may hold; scripts and handlers are dropped."""
    html = markdown.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    html = HEADING_ONE.sub(r"<h2\1>\2</h2>", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def legal_references(text: str) -> list[dict[str, str]]:
    """Structured references such as '14 kap. 1 § socialtjänstlagen (2001:453)' or '6 § LUL'."""
    found: list[dict[str, str]] = []
    for match in LEGAL_REFERENCE.finditer(text):
        law = next(key for key in LAW_PATTERNS if match.group(key))
        sfs = match.group("sfs") or ""
        if law == "sol" and sfs == "2001:453":
            law = "sol-2001"
        abbreviation, name, current_sfs = LAWS[law]
        chapter = match.group("chapter") or ""
        section = match.group("section").replace(" ", "")
        place = f"{chapter} kap. {section} §" if chapter else f"{section} §"
        reference = {
            "law": abbreviation,
            "name": name,
            "sfs": sfs or current_sfs,
            "chapter": chapter,
            "section": section,
            "citation": f"{place} {abbreviation}",
        }
        if reference not in found:
            found.append(reference)
    return found
