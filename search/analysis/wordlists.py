"""The word lists search is built from (search/analysis/data), read one way by both engines."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
COMPOUND_WORDS = DATA_DIR / "compound_words.txt"
STOP_WORDS = DATA_DIR / "stopwords.txt"
SYNONYMS = DATA_DIR / "synonyms.txt"
ENGLISH = DATA_DIR / "english.txt"


def read(path: Path) -> list[str]:
    """Non-empty lines of a UTF-8 word list, "#" comments removed (missing file: empty list)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]
