"""Legal references in any notation → canonical tokens such as "sol_14_1".

Recognised: "14 kap. 1 § SoL", "14 kap 1 § socialtjänstlagen", "SoL 14 kap. 1 §", "SoL 14:1",
"14:1 SoL", "OSL 10:28", "6 § LUL". SoL (2001:453) was replaced by SoL (2025:400) on 1 July 2025;
`FORMER_NUMBERING` maps a former SoL provision to its new number so both tokens are produced.
"""

from __future__ import annotations

import re

from search.analysis.normalise import fold

LAWS = {
    "sol": ("sol", "socialtjanstlagen", "socialtjanstlag", "socialtjanstlagens"),
    "osl": (
        "osl",
        "offentlighets och sekretesslagen",
        "offentlighets- och sekretesslagen",
        "sekretesslagen",
    ),
    "skoll": ("skoll", "skollagen", "skollag"),
    "lvu": ("lvu",),
    "lul": ("lul",),
    "hsl": ("hsl", "halso- och sjukvardslagen", "halso och sjukvardslagen"),
    "fb": ("fb", "foraldrabalken"),
    "brb": ("brb", "brottsbalken"),
    "psl": ("psl", "patientsakerhetslagen"),
    "fl": ("fl", "forvaltningslagen"),
}

FORMER_NUMBERING: dict[str, str] = {}

_NAME_TO_LAW = {name: law for law, names in LAWS.items() for name in names}
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
