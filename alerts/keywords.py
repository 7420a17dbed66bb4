"""Words as alerts compare them: the same folding for the keywords a candidate
types and for the text of an offer, so that a keyword matches by plain equality
(and so through an index) on every database."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

WORD = re.compile(r"\w+")
MAX_KEYWORD_WORDS = 10
MAX_WORD_LENGTH = 50


def fold(word: str) -> str:
    """``Développeurs`` -> ``developpeur``: no accents, no case, no plural ``s``."""
    word = unicodedata.normalize("NFKD", word)
    word = "".join(char for char in word if not unicodedata.combining(char))
    word = word.casefold()
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:MAX_WORD_LENGTH]


def words(texts: str | Iterable[str]) -> list[str]:
    """The distinct folded words of one or more texts, in order of appearance."""
    if isinstance(texts, str):
        texts = [texts]
    found: dict[str, None] = {}
    for text in texts:
        for word in WORD.findall(text or ""):
            found.setdefault(fold(word))
    return list(found)
