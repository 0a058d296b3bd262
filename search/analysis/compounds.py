"""Dictionary decompounding for Swedish compounds, with the word list in data/compound_words.txt.

"skolfrånvarorutin" → skola + frånvaro + rutin, "orosanmälningar" → oro + anmälan. Parts may be
joined by a linking "s" or "e"; the last part may carry an inflection the Snowball stemmer removes.
"""

from __future__ import annotations

from functools import lru_cache

from search.analysis import wordlists
from search.analysis.normalise import fold, stem

MIN_PART = 3
MIN_WORD = 7


@lru_cache(maxsize=1)
def lexicon() -> tuple[dict[str, str], dict[str, str]]:
    """(folded word or variant → canonical, stem → canonical) from the word list."""
    words: dict[str, str] = {}
    stems: dict[str, str] = {}
    for line in wordlists.read(wordlists.COMPOUND_WORDS):
        head, _, variants = line.partition(":")
        canonical = fold(head.strip())
        for form in [canonical, *(fold(v) for v in variants.split())]:
            words.setdefault(form, canonical)
            stems.setdefault(stem(form), canonical)
    return words, stems


def lemma(word: str) -> str | None:
    """The canonical form of a known variant ("anmälningar" → "anmalan"), else None."""
    canonical = lexicon()[0].get(word)
    return canonical if canonical and canonical != word else None


def _final(part: str) -> str | None:
    words, stems = lexicon()
    if part in words:
        return words[part]
    return stems.get(stem(part))


@lru_cache(maxsize=100_000)
def split(word: str) -> tuple[str, ...]:
    """Canonical parts of a folded compound, or () when it is not a known compound."""
    if len(word) < MIN_WORD or not word.isalpha():
        return ()
    return _split(word, 0) or ()


def _split(word: str, depth: int) -> tuple[str, ...] | None:
    words = lexicon()[0]
    best: tuple[str, ...] | None = None
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head = word[:cut]
        if head not in words:
            continue
        rests = [word[cut:]]
        if word[cut] in "se" and len(word) - cut - 1 >= MIN_PART:
            rests.append(word[cut + 1 :])
        for rest in rests:
            tail = _final(rest)
            found = (words[head], tail) if tail else None
            if found is None and depth < 2:
                deeper = _split(rest, depth + 1)
                found = (words[head], *deeper) if deeper else None
            if found and (best is None or len(found) < len(best)):
                best = found
        if best and len(best) == 2:
            return best
    return best
