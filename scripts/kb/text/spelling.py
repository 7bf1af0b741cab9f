"""Spelling keys, so that search finds a name however it is transliterated.

Names from Arabic and Persian reach English in many spellings (Soleimani,
Suleimani, Sulaimani). Sources give some; readers type others. The keys here are
for matching only (the search index, duplicate checks); never shown as names a
source used.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TypedDict


class Folding(TypedDict):
    """The shape of `FOLDING` (each rule is described there)."""

    joined: str
    breaks: str
    dropped: list[str]
    sounds: list[list[str]]
    vowels: str
    skeleton_from: int
    letters: dict[str, str]
    endings: list[tuple[str, str, int]]
    pairs: list[tuple[str, str]]


FOLDING: Folding = {
    "joined": "'’‘‛ʼʻʽʾʿ`´′＇ꞌꞋ",
    "breaks": "-‐‑‒–—―−⁃﹘﹣－",
    "dropped": ["Mn", "Mc", "Me", "Cf"],
    "letters": {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي",
                "ی": "ي", "ة": "ه", "ک": "ك", "ـ": ""},
    "sounds": [["kh", "h"], ["dh", "z"], ["q", "k"], ["g", "k"]],
    "vowels": "aeiouy",
    "skeleton_from": 4,
    "endings": [("isation", "ization", 0), ("ising", "izing", 0), ("ised", "ized", 0),
                ("ises", "izes", 0), ("ise", "ize", 0), ("ence", "ense", 0), ("our", "or", 6)],
    "pairs": [("ay", "ai"), ("ey", "ai"), ("ei", "ai")],
}
"""The folding rules, written once: `words` and `skeleton` here and their twins in
overrides/js/search.js read this table (the search index carries it as
kb-search/folding.json, written by `kb.pipeline.render.search`), so that search, the search
index, duplicate checks and the grounding check fold a name alike.

- `joined`: apostrophes and the letters transliterations write for the Arabic ʿayn and
  hamza (’ ‘ ʼ ʻ ʾ ʿ ` ´ ′...), deleted: the word stays one, and "Asaib" finds
  "Asa’ib Ahl al-Haq", "Kata’ib" what "Kataib" finds. They go before any other step:
  ´ would otherwise decompose into a space and an accent.
- `breaks`: hyphens and dashes of every kind (‐ ‑ ‒ – — ― −...), word breaks as a space
  is: "al‑Haq" (non-breaking hyphen) is "al-Haq" and "al Haq".
- `dropped`: Unicode categories removed after compatibility decomposition (NFKD):
  accents and other combining marks (M*), and format characters (Cf: a zero-width
  space or soft hyphen pasted into a query).
- `letters`: Arabic letters written one way or another for one word, made one (after
  NFKD and `dropped`, which take away the vowel marks, tashkeel, and most hamzas):
  alef with hamza or madda and alef wasla are alef; waw and ya with hamza are waw and
  ya; alef maqsura is ya; ta marbuta is ha; Persian ya and kaf are the Arabic ones (a
  Persian keyboard types them); tatweel, the stretching stroke, is nothing. "ابو تقوي"
  finds "أبو تقوى", "حركه" finds "حركة".
- `sounds`: letter groups that transliterations of one Arabic or Persian letter swap,
  made one in skeletons.
- `vowels`: letters a skeleton leaves out after the first.
- `skeleton_from`: words shorter than this get no skeleton ('al', 'abu': too common to
  be worth a key).
- `endings`: British and American spellings made one (`spelling_key`): each
  [ending, replacement, shortest word it applies to], tried in order, each at most
  once: 'mobilisation' and 'mobilization', 'defence' and 'defense', 'colour' and 'color'.
- `pairs`: letter pairs that transliterations of one Arabic vowel swap, made one in
  search keys (`search_key`) even in words too short for a skeleton: 'Ayn' and 'Ain',
  'Zayd' and 'Zaid'.
"""

_FOLD = str.maketrans({**dict.fromkeys(FOLDING["joined"], None),
                       **dict.fromkeys(FOLDING["breaks"], " ")})
_DROPPED = frozenset(FOLDING["dropped"])
_LETTERS = str.maketrans(FOLDING["letters"])
_WORD_BREAK = re.compile(r"[\W_]+")
_VOWELS = frozenset(FOLDING["vowels"])
_LATIN = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """`text` with the `FOLDING` table's apostrophes deleted and its hyphens and dashes
    made spaces: 'Kata’ib al‑Haq' -> 'Kataib al Haq'."""
    return text.translate(_FOLD)


def words(text: str) -> list[str]:
    """Lower-case words, folded (`FOLDING`): 'al-Ja\u0301wari' -> ['al', 'jawari'],
    'Asa’ib' -> ['asaib']."""
    # lower() and categories, as search.js does with toLowerCase() and \p{...}
    decomposed = unicodedata.normalize("NFKD", fold(text)).lower()
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) not in _DROPPED)
    return [word for word in _WORD_BREAK.split(bare.translate(_LETTERS)) if word]


_TOKEN = re.compile("(?:[^\\W_]|[" + re.escape(FOLDING["joined"]) + "])+")
_ASCII_JOINED = frozenset(c for c in FOLDING["joined"] if c.isascii())


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of each word of `text` as `words` folds it, with where it
    stands: 'Kata’ib Hezbollah' -> [('kataib', 0, 7), ('hezbollah', 8, 17)]. An
    apostrophe inside a word is part of it; one before or after it (a quotation mark)
    is not."""
    spans = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        while start < end and text[start] in FOLDING["joined"]:
            start += 1
        while end > start and text[end - 1] in FOLDING["joined"]:
            end -= 1
        token = text[start:end]
        if not token:  # only apostrophes or quotation marks ('`'): no word
            continue
        if token.isascii() and not _ASCII_JOINED.intersection(token):
            spans.append((token.lower(), start, end))  # the common case, quickly
        else:
            spans += [(word, start, end) for word in words(token)]
    return spans


def skeleton(word: str) -> str:
    """What transliterations of a word share: its consonants, with swapped letter groups
    made one, and a first vowel as 'a'. Soleimani, Suleimani, Sulaymani -> 'slmn'.

    Empty for words under four letters ('al', 'abu': too common to be worth a key)
    and for words not in plain Latin letters. overrides/js/search.js computes the same,
    from the same `FOLDING` table.
    """
    if len(word) < FOLDING["skeleton_from"] or not _LATIN.fullmatch(word):
        return ""
    for group, letter in FOLDING["sounds"]:
        word = word.replace(group, letter)
    kept = "a" if word[0] in _VOWELS else word[0]
    for letter in word[1:]:
        if letter not in _VOWELS and letter != kept[-1]:
            kept += letter
    return kept


def name_key(name: str) -> str:
    """A name reduced to what spelling habits do not change: 'al-Sudani' == 'Al Sudani',
    'Kataʼib' == 'Kata’ib' == 'Kataib'.

    Accents, case, spaces, hyphens and apostrophes (every one `FOLDING` lists, letters
    such as ʼ included) go; letters of any script stay, Arabic ones made one as
    `FOLDING['letters']` says ('أبو تقوى' == 'ابو تقوي').
    """
    decomposed = unicodedata.normalize("NFKD", fold(name).casefold()).translate(_LETTERS)
    return "".join(ch for ch in decomposed if ch.isalnum())


def spelt_alike(name: str) -> str:
    """The key under which two names are one name spelt two ways: each folded word
    (`words`) by its `search_key`, then by that key's `skeleton` where it has one, as
    the site's search and the network's find box match a word (search.py's
    `_spellings`, overrides/js/search.js). 'Abu Takwa' and 'Abu Taqwa' -> 'abu tkw',
    'Ayn al-Asad' and 'Ain al Asad' -> 'ain al asd'; '' for a name with no word.

    `kb new` (kb.tools.scaffold.near_matches) compares names by this key, and by how
    close their letters are, so that a name search takes for another is not entered as
    a second entry unnoticed (issue 16). The key alone is too coarse to call two names
    one ('Kirkuk' and 'Georgia' -> 'krk'); `kb validate` compares by `name_key` only
    (kb.checks.cross_file.names_shared).
    """
    return " ".join(skeleton(key) or key for key in map(search_key, words(name)))


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
    'defense', 'organisation' and 'organization', 'mobilise' and 'mobilize' (the
    `FOLDING` table's `endings`, which search.js applies too)."""
    for ending, replacement, shortest in FOLDING["endings"]:
        if word.endswith(ending) and len(word) >= shortest:
            word = word[: -len(ending)] + replacement
    return word


def search_key(word: str) -> str:
    """The key search indexes a folded word (see `words`) by: `spelling_key`, then the
    `FOLDING` table's `pairs`: 'ayn' -> 'ain', 'mobilisation' -> 'mobilization'.
    overrides/js/search.js computes the same for a query."""
    word = spelling_key(word)
    for pair, replacement in FOLDING["pairs"]:
        word = word.replace(pair, replacement)
    return word


def normal_word(word: str) -> str:
    """A folded word (see `words`) with abbreviations written out and one spelling for
    British and American forms: 'gen' -> 'general', 'defence' -> 'defense'."""
    return spelling_key(ABBREVIATIONS.get(word, word))
