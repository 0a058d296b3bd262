"""Swedish alphabetical order (å, ä, ö after z) without ICU, and the A–Ö letters of an index."""

import unicodedata

SWEDISH_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"
OTHER_INITIAL = "0–9"
_LAST_LETTERS = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "ü": "y"})


def _without_accents(text: str) -> str:
    """`text` with accents removed from every letter but the Swedish å, ä and ö."""
    kept = []
    for character in text:
        if character in "åäö":
            kept.append(character)
            continue
        decomposed = unicodedata.normalize("NFD", character)
        kept.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(kept)


def swedish_sort_key(text: str) -> tuple[str, str]:
    """Sort key that orders words as a Swedish dictionary does: …, x, y, z, å, ä, ö."""
    folded = unicodedata.normalize("NFC", text.casefold())
    return (_without_accents(folded).translate(_LAST_LETTERS), text)


def initial(text: str) -> str:
    """The A–Ö letter a word is listed under, or OTHER_INITIAL for digits and signs."""
    first = unicodedata.normalize("NFC", text.strip()[:1].upper())
    if first in "ÅÄÖ":
        return first
    letter = _without_accents(first).replace("Æ", "Ä").replace("Ø", "Ö").replace("Ü", "Y")
    return letter if letter and letter in SWEDISH_ALPHABET else OTHER_INITIAL
