"""Swedish text normalisation: case, å/ä/ö folding, punctuation, stop words and stemming."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

from search.analysis import wordlists

_FOLD = str.maketrans(
    {"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "æ": "a", "ø": "o"}
)
_WORD = re.compile(r"[0-9a-z_]+")
_STEMMER = snowballstemmer.stemmer("swedish")
# Longer words are cut to this length (on every engine) so analysis stays linear in the text.
MAX_TOKEN_LENGTH = 64

# One list for both engines (search/analysis/data/stopwords.txt), folded like every word here.
STOP_WORDS = frozenset(
    word.lower().translate(_FOLD) for word in wordlists.read(wordlists.STOP_WORDS)
)


def fold(text: str) -> str:
    """Lower-case, fold å/ä/ö and other diacritics to ASCII letters."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )


def words(text: str) -> list[str]:
    """Folded words, cut to MAX_TOKEN_LENGTH; punctuation, symbols and controls separate words."""
    return [word[:MAX_TOKEN_LENGTH] for word in _WORD.findall(fold(text))]


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball Swedish stem of a folded word (legal tokens and numbers stay whole)."""
    if "_" in word or word.isdigit() or len(word) < 4:
        return word
    return _STEMMER.stemWord(word)


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS
