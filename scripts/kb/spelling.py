"""Spelling keys, so that search finds a name however it is transliterated.

Names from Arabic and Persian reach English in many spellings (Soleimani,
Suleimani, Sulaimani). Sources give some; readers type others. The keys here are
for matching only (the search index, duplicate checks); never shown as names a
source used.
"""

from __future__ import annotations

import re
import unicodedata

_WORD_BREAK = re.compile(r"[\W_]+")
_VOWELS = frozenset("aeiouy")
_LATIN = re.compile(r"[a-z]+")
_SOUNDS = (("kh", "h"), ("dh", "z"), ("q", "k"), ("g", "k"))
"""Letter groups that transliterations of one Arabic or Persian letter swap."""


def words(text: str) -> list[str]:
    """Lower-case words without accents: 'al-Ja\u0301wari' -> ['al', 'jawari']."""
    # lower() and marks by category, as search.js does with toLowerCase() and \p{M}
    decomposed = unicodedata.normalize("NFKD", text).lower()
    bare = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return [word for word in _WORD_BREAK.split(bare) if word]


def skeleton(word: str) -> str:
    """What transliterations of a word share: its consonants, with swapped letter groups
    made one, and a first vowel as 'a'. Soleimani, Suleimani, Sulaymani -> 'slmn'.

    Empty for words under four letters ('al', 'abu': too common to be worth a key)
    and for words not in plain Latin letters. overrides/js/search.js computes the same.
    """
    if len(word) < 4 or not _LATIN.fullmatch(word):
        return ""
    for group, letter in _SOUNDS:
        word = word.replace(group, letter)
    kept = "a" if word[0] in _VOWELS else word[0]
    for letter in word[1:]:
        if letter not in _VOWELS and letter != kept[-1]:
            kept += letter
    return kept



def name_key(name: str) -> str:
    """A name reduced to what spelling habits do not change: 'al-Sudani' == 'Al Sudani'.

    Accents, case, spaces, hyphens and apostrophes go; letters of any script stay.
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())
