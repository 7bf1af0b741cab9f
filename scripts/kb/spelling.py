"""Transliteration variants, so that search finds a name however it is spelled.

Names from Arabic and Persian reach English in many spellings (Soleimani,
Suleimani, Sulaimani). Sources give some; readers type others. These variants are
search keys only: they are put in a page's search terms, never shown as names a
source used.
"""

from __future__ import annotations

import re
import unicodedata

# Each pair: a spelling -> one it is commonly transliterated as. Both directions are
# listed only where both are common; "s" -> "ss" would mostly make noise.
_SWAPS: tuple[tuple[str, str], ...] = (
    ("o", "u"), ("u", "o"), ("e", "i"), ("i", "e"), ("a", "e"), ("e", "a"),
    ("ei", "ai"), ("ai", "ei"), ("ei", "ey"), ("ey", "ei"), ("ai", "ay"), ("ay", "ai"),
    ("ou", "u"), ("ee", "i"), ("q", "k"), ("k", "q"), ("q", "g"), ("dh", "z"),
    ("kh", "h"), ("ss", "s"), ("aa", "a"), ("ie", "i"),
)
_WORD = re.compile(r"[a-z]+")


def variants(name: str) -> set[str]:
    """Words one common transliteration step away from each word of `name`."""
    found: set[str] = set()
    for word in _WORD.findall(name.lower()):
        if len(word) < 4:
            continue  # 'al', 'abu', 'bin': too common to be worth keys
        found |= _one_step(word)
    return found


def _one_step(word: str) -> set[str]:
    result = set()
    for old, new in _SWAPS:
        start = word.find(old)
        while start != -1:
            result.add(word[:start] + new + word[start + len(old):])
            start = word.find(old, start + 1)
    result.discard(word)
    return result


def name_key(name: str) -> str:
    """A name reduced to what spelling habits do not change: 'al-Sudani' == 'Al Sudani'.

    Accents, case, spaces, hyphens and apostrophes go; letters of any script stay.
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())
