"""What the user is after: a person to contact, a function's mandate, contact details, a kind.

Places are recognised against the index itself: every person, contact point and organisation
document carries its units (with ancestors) and areas served in `places`, so the reranker in
search/service.py knows when a query word (folded, stemmed, spelling-corrected) names a place and
boosts holders of the named role at that place ("kurator Norrbyskolan").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.analysis.normalise import fold

_WHO = re.compile(
    r"\b(vem|vilka|vilken|kontakt|kontakta|kontaktar|kontaktperson|ring|ringer|na|fraga|"
    r"hitta|ansvarig|ansvarar)\b"
)
_FUNCTION = re.compile(r"\b(vad gor|uppdrag\w*|mandat\w*|ansvar\w*|roll\w*|arbetar med)\b")
_CONTACT_DETAILS = re.compile(
    r"\b(telefon\w*|nummer|ring\w*|mejl|mail|e post|epost|oppettid\w*|oppet|adress\w*|"
    r"kvall\w*|helg\w*|natt\w*|akut\w*)\b"
)
KIND_WORDS = {
    "directive": re.compile(r"\b(direktiv\w*|overenskommelse\w*|avtal\w*|beslut\w*)\b"),
    "guideline": re.compile(r"\b(rutin\w*|riktlinje\w*|hur gor|vagledning\w*)\b"),
    "forum": re.compile(r"\b(forum|moten?|motet|natverk\w*|grupp\w*|styrgrupp\w*)\b"),
    "glossary": re.compile(r"\b(forkortning\w*|betyder|begrepp\w*|ordlista\w*)\b"),
}
INTENT_WORDS = frozenset(
    [
        "vem",
        "vilka",
        "vilken",
        "kontakt",
        "kontakta",
        "kontaktar",
        "kontaktperson",
        "fraga",
        "hitta",
        "hur",
        "gor",
        "jag",
        "vad",
        "en",
        "pa",
        "for",
        "ansvarar",
    ]
)


@dataclass
class Intent:
    """Flags read from the wording of a query."""

    who: bool = False
    function: bool = False
    contact_details: bool = False
    kinds: set[str] = field(default_factory=set)
    dropped: set[str] = field(default_factory=set)


def detect(text: str) -> Intent:
    """Who-intent ("vem är…", "kontakt…"), function-intent ("vad gör…") and contact details."""
    folded = " ".join(re.findall(r"[0-9a-z]+", fold(text)))
    intent = Intent(
        who=bool(_WHO.search(folded)),
        function=bool(_FUNCTION.search(folded)),
        contact_details=bool(_CONTACT_DETAILS.search(folded)),
    )
    intent.kinds = {kind for kind, pattern in KIND_WORDS.items() if pattern.search(folded)}
    words = folded.split()
    if len(words) > 1:
        intent.dropped = {word for word in words if word in INTENT_WORDS}
    return intent
