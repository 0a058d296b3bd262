"""Legal references in any notation → canonical tokens such as "sol_14_1".

Recognised: "14 kap. 1 § SoL", "14 kap 1 § socialtjänstlagen", "SoL 14 kap. 1 §", "SoL 14:1",
"14:1 SoL", "OSL 10:28", "6 § LUL". SoL (2001:453) was replaced by SoL (2025:400) on 1 July 2025;
`FORMER_NUMBERING` maps a former SoL provision to its new number so both tokens are produced.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from search.analysis.normalise import fold


class Law(NamedTuple):
    """A law editors cite and search recognises: how it is cited and how people write it."""

    abbreviation: str
    name: str
    sfs: str
    spellings: tuple[str, ...]
    in_blocks: bool = True


# The one table of laws: page blocks, the content importer and search read it. A key with a
# year ("sol-2001") is a repealed numbering of the law REPEALED_LAWS names.
LAWS: dict[str, Law] = {
    "sol": Law(
        "SoL",
        "socialtjänstlagen",
        "2025:400",
        ("SoL", "socialtjänstlagen", "socialtjänstlag", "socialtjänstlagens"),
    ),
    "sol-2001": Law("SoL", "socialtjänstlagen", "2001:453", ()),
    "osl": Law(
        "OSL",
        "offentlighets- och sekretesslagen",
        "2009:400",
        (
            "OSL",
            "offentlighets och sekretesslagen",
            "offentlighets- och sekretesslagen",
            "sekretesslagen",
        ),
    ),
    "skoll": Law("SkolL", "skollagen", "2010:800", ("SkolL", "skollagen", "skollag")),
    "lvu": Law("LVU", "lagen med särskilda bestämmelser om vård av unga", "1990:52", ("LVU",)),
    "lul": Law(
        "LUL", "lagen med särskilda bestämmelser om unga lagöverträdare", "1964:167", ("LUL",)
    ),
    "hsl": Law(
        "HSL",
        "hälso- och sjukvårdslagen",
        "2017:30",
        ("HSL", "hälso- och sjukvårdslagen", "hälso och sjukvårdslagen"),
    ),
    "psl": Law("PSL", "patientsäkerhetslagen", "2010:659", ("PSL", "patientsäkerhetslagen")),
    "brb": Law("BrB", "brottsbalken", "1962:700", ("BrB", "brottsbalken")),
    "fb": Law("FB", "föräldrabalken", "1949:381", ("FB", "föräldrabalken")),
    "pl": Law("PL", "polislagen", "1984:387", ("polislagen",)),
    "bk": Law("BK", "barnkonventionen", "2018:1197", ()),
    # Not offered in page blocks yet: adding a choice migrates every page body.
    "fl": Law("FL", "förvaltningslagen", "2017:900", ("FL", "förvaltningslagen"), in_blocks=False),
}
REPEALED_LAWS = {"sol-2001": "sol"}


def citations(*, in_blocks: bool = False) -> dict[str, tuple[str, str, str]]:
    """Laws (only those page blocks offer, if asked) as key → (abbreviation, name, SFS number)."""
    return {
        key: (law.abbreviation, law.name, law.sfs)
        for key, law in LAWS.items()
        if law.in_blocks or not in_blocks
    }


def written_patterns() -> dict[str, str]:
    """A case-sensitive regular expression per law for its spellings in running text."""
    return {
        key: "|".join(
            re.escape(spelling).replace(r"\ ", r"\s+")
            for spelling in sorted(law.spellings, key=len, reverse=True)
        )
        for key, law in LAWS.items()
        if law.spellings
    }


FORMER_NUMBERING: dict[str, str] = {}

_NAME_TO_LAW = {fold(name): key for key, law in LAWS.items() for name in law.spellings}
_LAW = (
    "(?P<law{n}>"
    + "|".join(sorted((re.escape(name) for name in _NAME_TO_LAW), key=len, reverse=True))
    + r")(?![a-z])"
)
_SECTION = r"(?P<sec{n}>\d+\s?[a-z]?)(?![\d:])"
_PATTERNS = [
    # 14 kap. 1 § SoL / 14 kap 1 § socialtjänstlagen (2001:453)
    rf"(?P<chap1>\d+)\s*kap\.?\s*{_SECTION.format(n=1)}\s*§\s*{_LAW.format(n=1)}",
    # SoL 14 kap. 1 §
    rf"{_LAW.format(n=2)}\s*(?P<chap2>\d+)\s*kap\.?\s*{_SECTION.format(n=2)}\s*§",
    # SoL 14:1
    rf"{_LAW.format(n=3)}\s*(?P<chap3>\d+)\s*:\s*{_SECTION.format(n=3)}",
    # 14:1 SoL
    rf"(?<![\d:])(?P<chap4>\d+)\s*:\s*{_SECTION.format(n=4)}\s*{_LAW.format(n=4)}",
    # 6 § LUL
    rf"(?<![\d:])(?<!kap\. )(?<!kap ){_SECTION.format(n=5)}\s*§\s*{_LAW.format(n=5)}",
]
_REFERENCE = re.compile("|".join(f"(?:{pattern})" for pattern in _PATTERNS))
_DIGIT = re.compile(r"\d")


def _token(law: str, chapter: str | None, section: str) -> str:
    section = section.replace(" ", "")
    return f"{law}_{chapter}_{section}" if chapter else f"{law}_{section}"


def references(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Canonical tokens with the span of the folded text they were found in."""
    folded = fold(text)
    found: list[tuple[str, tuple[int, int]]] = []
    if not _DIGIT.search(folded):
        return found
    for match in _REFERENCE.finditer(folded):
        groups = match.groupdict()
        for n in range(1, 6):
            if groups.get(f"law{n}"):
                law = _NAME_TO_LAW[groups[f"law{n}"]]
                token = _token(law, groups.get(f"chap{n}"), groups[f"sec{n}"])
                found.append((token, match.span()))
                if token in FORMER_NUMBERING:
                    found.append((FORMER_NUMBERING[token], match.span()))
                break
    return found


def tokens(text: str) -> list[str]:
    """Canonical tokens of every legal reference in a text, in order, without duplicates."""
    return list(dict.fromkeys(token for token, _ in references(text)))


def extract(text: str) -> tuple[list[str], str]:
    """Tokens of the references in a query, and the folded query with them removed."""
    folded = fold(text)
    found = references(folded)
    for _, (start, end) in sorted((span for span in found), key=lambda item: -item[1][0]):
        folded = folded[:start] + " " + folded[end:]
    return list(dict.fromkeys(token for token, _ in found)), folded
