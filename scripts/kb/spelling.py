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


ABBREVIATIONS = {
    "gen": "general", "maj": "major", "brig": "brigadier", "lt": "lieutenant",
    "col": "colonel", "sgt": "sergeant", "spc": "specialist", "capt": "captain",
    "adm": "admiral", "pvt": "private", "cpl": "corporal", "dept": "department",
    "gov": "governor", "sen": "senator", "rep": "representative", "sec": "secretary",
    "pres": "president", "govt": "government",
}
"""Titles and words sources abbreviate: 'Maj. Gen.' backs 'Major General'."""


def spelling_key(word: str) -> str:
    """One key for British and American spellings of a folded word: 'defence' and
    'defense', 'organisation' and 'organization', 'mobilise' and 'mobilize'."""
    word = re.sub(r"is(ation|ing|ed|es|e)$", r"iz\1", word)
    word = re.sub(r"ence$", "ense", word)
    return re.sub(r"our$", "or", word) if len(word) > 5 else word


def normal_word(word: str) -> str:
    """A folded word (see `words`) with abbreviations written out and one spelling for
    British and American forms: 'gen' -> 'general', 'defence' -> 'defense'."""
    return spelling_key(ABBREVIATIONS.get(word, word))
