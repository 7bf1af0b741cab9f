"""Which script a text is written in, and the language tags that say so.

The rules (issue 18), for a name, an alias or a quote written in another script than
the site's Latin letters:

- It carries `lang`, a BCP 47 language tag (RFC 5646; 'ar' for Arabic), so that pages
  mark it up in its language and direction and exports carry the language. Text holding
  letters of a script other than Latin without a `lang` is refused; a page cannot tell
  a reader's screen reader, nor a search engine, what language it is in.
- The tag is valid (every subtag registered in IANA's Language Subtag Registry, as the
  `langcodes` library reads it) and written in its canonical form ('ar', not 'AR' or
  'ar-Arab'), so that every page and export spells a language one way.
- A tag whose language is written in another script than Latin ('ar', 'fa', 'ru') goes
  only on text holding letters of that script: `lang: ar` on 'Abu Taqwa' would tell a
  screen reader to read Latin letters as Arabic.

Scripts are told apart by the Unicode names of letters ('ARABIC LETTER ALEF'), which
Python's `unicodedata` knows; it does not know Unicode's Script property itself.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import closing

import langcodes

WELL_FORMED = (
    r"^[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$"
)
"""The common shape of a BCP 47 tag (RFC 5646, section 2.1: language, extended
language, script, region, variants), hyphens between subtags; also the JSON Schema's
pattern. Extensions, private-use subtags and grandfathered tags are not for this data."""

SCRIPT_NAMES = {
    "Arab": "ARABIC", "Hebr": "HEBREW", "Cyrl": "CYRILLIC", "Grek": "GREEK",
    "Syrc": "SYRIAC", "Armn": "ARMENIAN", "Geor": "GEORGIAN", "Thaa": "THAANA",
    "Latn": "LATIN",
}
"""ISO 15924 script codes and the word Unicode's letter names start with for each
('ARABIC LETTER BEH'); a script not listed here is not checked against its tag."""
_NAMED = {word: code for code, word in SCRIPT_NAMES.items()}


def _letter_script(char: str) -> str | None:
    """The ISO 15924 code of a letter's script ('Arab'), 'Zyyy' (other) for a letter of
    a script not in `SCRIPT_NAMES`, None for anything but a letter. Modifier letters
    (ʼ ʻ, which transliterations write for the ʿayn and hamza) and tatweel belong to no
    one script: None."""
    if not unicodedata.category(char).startswith("L") or unicodedata.category(char) == "Lm":
        return None
    name = unicodedata.name(char, "")
    if name.startswith(("FEMININE ORDINAL", "MASCULINE ORDINAL")):
        return "Latn"
    return _NAMED.get(name.split(" ", 1)[0], "Zyyy")


def scripts(text: str) -> set[str]:
    """The scripts of the letters in `text`, as ISO 15924 codes: 'Abu Taqwa' ->
    {'Latn'}, 'أبو تقوى (Abu Taqwa)' -> {'Arab', 'Latn'}, '12' -> set()."""
    if text.isascii():
        return {"Latn"} if any(c.isalpha() for c in text) else set()
    return {script for char in text if (script := _letter_script(char))}


def other_scripts(text: str) -> set[str]:
    """The scripts of `text`'s letters other than Latin: what asks for a `lang`."""
    return scripts(text) - {"Latn"}


_BY_NAME = {"arabic": "ar", "persian": "fa", "farsi": "fa", "kurdish": "ku",
            "english": "en", "hebrew": "he", "turkish": "tr"}
"""Languages of this story an editor may write by name instead of by tag."""


def tag_problem(tag: str) -> str | None:
    """What is wrong with a language tag, as a message, or None: not of BCP 47's shape,
    a subtag not in the IANA registry, or not in canonical form ('AR' -> 'ar')."""
    if not re.match(WELL_FORMED, tag) or not langcodes.tag_is_valid(tag):
        hyphens = tag.replace("_", "-")
        hint = (f" (write '{hyphens}', with hyphens)" if hyphens != tag
                and re.match(WELL_FORMED, hyphens) and langcodes.tag_is_valid(hyphens)
                else f" ('{_BY_NAME[tag.casefold()]}' for {tag}?)"
                if tag.casefold() in _BY_NAME else "")
        return (f"'{tag}' is not a BCP 47 language tag{hint}; expected a registered tag "
                "such as ar (Arabic), fa (Persian), ku-Arab (Kurdish in Arabic script), "
                "with hyphens between its parts")
    canonical = langcodes.standardize_tag(tag)
    if canonical != tag:
        return f"write the language tag '{tag}' as '{canonical}', its canonical form"
    return None


def tag_script(tag: str) -> str:
    """The script a valid language tag's language is written in: its script subtag,
    else the likely one (CLDR's likely subtags, through `langcodes`): 'ar' -> 'Arab',
    'ku-Arab' -> 'Arab', 'en' -> 'Latn'."""
    return langcodes.Language.get(tag).maximize().script or "Zyyy"


def language_problem(text: str, lang: str | None, what: str) -> str | None:
    """What is wrong with `text` (a name, alias or quote; `what` says which, for the
    message) written with the language tag `lang` (None: not given), or None.

    Raises nothing; the tag itself is checked by `tag_problem`."""
    found = other_scripts(text)
    if lang is None:
        if not found:
            return None
        if "Arab" in found:
            return (f"{what} '{text}' is written in Arabic script; add 'lang: ar' (or the "
                    "tag of its language, such as fa for Persian), so that pages show it "
                    "right to left in its language")
        return (f"{what} '{text}' holds letters of another script than Latin; add 'lang:' "
                "with the BCP 47 tag of its language (such as he for Hebrew, ru for Russian)")
    if tag_problem(lang):
        return None  # reported at the tag
    script = tag_script(lang)
    if script in SCRIPT_NAMES and script != "Latn" and script not in found:
        written = SCRIPT_NAMES[script].capitalize()
        return (f"{what} '{text}' has 'lang: {lang}', but no letter of {written} script; "
                f"the tag is for text written in that script: remove 'lang', or write the "
                f"{what} as the source prints it in {written} script")
    letters = scripts(text) - {"Zyyy"}
    if script == "Latn" and letters and "Latn" not in letters:
        # 'lang: fr' on Arabic words: the page would mark them as French, left to right.
        other = " and ".join(sorted(SCRIPT_NAMES.get(code, code).capitalize()
                                    for code in letters))
        return (f"{what} '{text}' has 'lang: {lang}', a language written in Latin letters, "
                f"but it is written in {other} script; give the tag of the language it is "
                "in (such as ar for Arabic)")
    return None


RIGHT_TO_LEFT = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg"})
"""ISO 15924 codes of the scripts written right to left that a tag may name. Characters
need no such table: their own direction is their bidi class (`right_to_left`)."""

_RIGHT_TO_LEFT_NAMES = frozenset(SCRIPT_NAMES[code] for code in RIGHT_TO_LEFT
                                 if code in SCRIPT_NAMES)
"""The words the names of characters of those scripts start with ('ARABIC COMMA')."""


def right_to_left(char: str) -> bool:
    """Whether a character is written as part of right-to-left text: a letter of a
    script written right to left, or an Arabic-Indic digit (bidi class R, AL or AN, as
    Unicode's Bidirectional Algorithm, UAX #9, gives them: Python's
    `unicodedata.bidirectional`), or a mark, digit or punctuation of such a script
    whose bidi class is weak or neutral (the Arabic comma '،', the Persian digits
    '۱۴۰۲', the harakat): its Unicode name tells its script ('ARABIC COMMA',
    'EXTENDED ARABIC-INDIC DIGIT ONE'), as for letters (`scripts`). Latin and common
    characters (ASCII digits and punctuation, spaces) are not: False."""
    bidi = unicodedata.bidirectional(char)
    if bidi in ("R", "AL", "AN"):
        return True
    if bidi in ("L", "WS", "B", "S", "") or char.isascii():
        return False
    name = unicodedata.name(char, "").removeprefix("EXTENDED ")
    return re.split(r"[ -]", name, maxsplit=1)[0] in _RIGHT_TO_LEFT_NAMES


def direction(tag: str) -> str:
    """'rtl' for a valid tag whose language is written right to left ('ar'), else
    'ltr': the value of an HTML `dir` attribute."""
    return "rtl" if tag_script(tag) in RIGHT_TO_LEFT else "ltr"


def language_name(tag: str) -> str:
    """The English name of a valid tag's language, from the IANA Language Subtag
    Registry that `langcodes` ships (its first description of the tag's primary
    language subtag): 'ar' and 'ar-IQ' -> 'Arabic'; the tag itself for one the registry
    does not describe.

    The registry is read each time, up to the language asked for (a hundredth of a
    second for 'ar', a quarter for a tag it lacks); nothing is kept here. A render
    keeps each name it asked for, for the build or the preview's session
    (`kb.pipeline.render.text.language_name`)."""
    from langcodes.registry_parser import parse_registry

    primary = tag.split("-", 1)[0].lower()
    # langcodes leaves its parser untyped; closing it closes the registry's file at once.
    with closing(parse_registry()) as registry:  # type: ignore[no-untyped-call]
        for item in registry:
            if item.get("Type") == "language" and item.get("Subtag") == primary:
                description: str = item["Description"][0]
                return description
    return tag
