"""How a count and a list read in a sentence: '1 error', '3 errors', 'A, B and C', 'an
event or group'. Messages to editors and pages for readers say them alike, from here."""

from __future__ import annotations

from collections.abc import Sequence


def count(number: int, noun: str, many: str | None = None) -> str:
    """'1 error', '0 errors', '12 errors': `number`, then `noun` as it is for exactly
    one and in the plural otherwise (`many`, else `plural(noun)`)."""
    return f"{number} {noun if number == 1 else many or plural(noun)}"


def plural(noun: str) -> str:
    """'error' -> 'errors', 'alias' -> 'aliases': the regular English plural, which is
    every plural the site writes; `count` takes an irregular one as it is."""
    return noun + ("es" if noun.endswith(("s", "x", "z", "ch", "sh")) else "s")


def series(items: Sequence[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (no comma before the last, as the site writes);
    `conjunction` 'or' for a choice. Raises ValueError for no items: a sentence that
    lists nothing needs other words."""
    if not items:
        raise ValueError("a series of no items")
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def opening(words: str) -> str:
    """Words as they open a heading, a list item or a sentence: the first letter
    capitalised, the rest as written ('second half of 2023' -> 'Second half of 2023',
    'between 1 and 4 January 2024' -> 'Between 1 and 4 January 2024')."""
    return words[:1].upper() + words[1:]


def with_article(words: str) -> str:
    """'an event', 'a group', 'an event, group or person': the indefinite article the
    first word takes, by its first letter (the words here are kinds and nouns, where
    that rule holds)."""
    return ("an " if words[:1] in ("a", "e", "i", "o", "u") else "a ") + words
