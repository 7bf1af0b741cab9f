"""What a sentence states that a source must also say: its names, numbers and dates.

The grounding check (`kb.checks.grounding`) holds every statement to the rule readers rely
on: each name, number and date in it appears in a source it cites. `claims` lists
what a statement asserts: [[links]] and the names of known entries (a `Gazetteer`),
dates, counts and ordinals, descriptions such as 'Saudi-owned', and other capitalised
words. `kb.checks.evidence` looks each up in a source's text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kb.dates.date import FuzzyDate
from kb.text.spelling import FOLDING, normal_word, word_spans, words

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|" \
         r"November|December)"
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1_000_000,
    "dozen": 12, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "twentieth": 20, "hundreds": 100, "thousands": 1000, "dozens": 12,
}
"""Counts written as words. 'one' and 'first' are left out: in prose they are rarely
counts ('one of the', 'first reported'), and a source need not repeat them."""
ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                      "ninth", "tenth", "eleventh", "twelfth", "twentieth"})
"""Ordinal words: a rank or an anniversary, not a count."""
_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_CARDINAL = "|".join(sorted((w for w in NUMBER_WORDS if w not in ORDINALS),
                            key=len, reverse=True))
NUMBER_PHRASE = re.compile(
    rf"(?i)\b(?:{_CARDINAL})(?:(?:[\s-]+|(?<=hundred) and |(?<=thousand) and )(?:{_CARDINAL}))*\b")
"""Counts in words, one or several: 'three', 'twenty-five', 'nine hundred', 'two
thousand five hundred', 'two hundred and fifty' (but 'two and three' are two counts)."""


def number_value(phrase: str) -> int:
    """The value of a count in words ('two thousand five hundred' -> 2500); a lone
    'hundreds' or 'dozens' counts as 100 or 12."""
    total = current = 0
    for word in re.findall(r"[a-z]+", phrase.casefold()):
        if word == "and":
            continue
        value = NUMBER_WORDS[word]
        if word.rstrip("s") in _MULTIPLIERS:
            multiplier = _MULTIPLIERS[word.rstrip("s")]
            if multiplier == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * multiplier
                current = 0
        else:
            current += value
    return total + current

ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "the"})
"""Words that transliterations and sources add or drop before a name."""

COMMON_WORDS = frozenset("""
a about above according across added after afterwards against ago all also although
amid among an and another any apart are as asked at backed based because before
behind being below beneath beside besides between beyond born both but by called
cited day days described despite dozens during each earlier either else even ever
every few for formed founded from further given had has have he her here hers him
his how however hundreds i if in including inside instead into is it its itself
killed known later led less like local made many meanwhile month months more most
much my named near neither never new no nor not noted now of off officials on once
one only onto or other others our out outside over own per published quoted report
reported reports said seen set several shortly since so some soon sources still such
taken tens than that the their theirs them themselves then there these they this
those though thousands through throughout thus to today together told tomorrow too
toward towards under unlike until up upon us was we week weeks were what when where
whereas whether which while who whom whose why will with within without witnesses
wounded year years yesterday yet you your
""".split())  # noqa: SIM905 (a word list reads best as one text)
"""Words that open sentences in their capitalised form without being names."""

PARTICIPLES = ("owned", "based", "funded", "backed", "run", "led", "aligned", "linked",
               "affiliated", "allied", "sponsored", "controlled", "financed", "supported",
               "armed", "trained", "operated", "headquartered", "registered")
"""Second halves of descriptions such as 'Saudi-owned' or 'Abu Dhabi-based': each is a
claim in itself, which a source must make too ('based in Abu Dhabi' backs it)."""
_COMPOUND = re.compile(r"(?<![\w-])(?P<name>[A-Z][\w’']*(?: [A-Z][\w’']*)*)-"
                       r"(?P<participle>" + "|".join(PARTICIPLES) + r")\b")


_LINK = re.compile(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:st|nd|rd|th|s)?(?!\w)")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_TOKEN = re.compile(r"[^\W\d_][\w’'‘\-.]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;“\"‘(\[—–]\s*$")

_DATE_PATTERNS = [
    # 1–4 January 2024, 4 January 2024, 4 January
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:\s*[–-]\s*(?P<d2>\d{{1,2}}))?\s+(?P<m>{_MONTH})"
               rf"(?:,?\s+(?P<y>\d{{4}}))?\b"),
    # January 4, 2024 / January 4
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,\s+(?P<y>\d{{4}}))?"),
    # (early|mid|late) January 2024, January 2024
    re.compile(rf"\b(?:(?:early|mid|late)[- ])?(?P<m>{_MONTH})(?:\s+(?P<y>\d{{4}}))?\b"),
]
@dataclass(frozen=True)
class Claim:
    """One thing a statement asserts that a source must say too."""

    kind: str
    """'name' (a capitalised word), 'number' (a count), 'ordinal' ('fourth', '12th'),
    'date', 'compound' ('Saudi-owned') or 'link' (an entry, by [[id]] or by one of its
    names)."""
    shown: str
    """As the statement writes it: what messages and the allow-list quote."""
    key: tuple[Any, ...] = ()
    """What is looked up, by kind: a name's spelling key, a number's value, a date's
    parts (year, month, day; None where the date does not say), a link's entry id."""


class Gazetteer:
    """The names of the knowledge base's people, groups and places, to find in text.

    A name found in a statement is claimed as that entry (a 'link' claim), so that a
    source naming the entry in any of its spellings backs it: 'Popular Mobilization
    Forces' is backed by a source that writes 'PMF' where the entry has that alias.
    """

    def __init__(self, entries: Iterable[tuple[str, list[str]]],
                 common: Iterable[str] = ()) -> None:
        """`entries`: (entry id, its names) pairs; longer names win over shorter ones.
        `common`: texts whose lower-case words are common words, not names, when they
        open a sentence ('Soldier killed…', where the texts say 'a soldier')."""
        self.common = {m[0] for text in common for m in re.finditer(r"\b[a-z]+\b", text)}
        self._first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for entry_id, names in entries:
            for name in names:
                sequence = tuple(w for w in prose_words(name) if w not in ARTICLES)
                if sequence:
                    self._first.setdefault(sequence[0], []).append((sequence, entry_id))
        for candidates in self._first.values():
            candidates.sort(key=lambda pair: -len(pair[0]))

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, entry id) of each capitalised name in `text`, left to right."""
        tokens = [span for span in prose_word_spans(text) if span[0] not in ARTICLES]
        index = 0
        while index < len(tokens):
            word, start, _ = tokens[index]
            match = None
            if text[start].isupper() or text[start].isdigit():
                for sequence, entry_id in self._first.get(word, []):
                    size = len(sequence)
                    if tuple(t[0] for t in tokens[index:index + size]) == sequence:
                        match = (size, entry_id)
                        break
            if match:
                size, entry_id = match
                yield start, tokens[index + size - 1][2], entry_id
                index += size
            else:
                index += 1


_POSSESSIVE = re.compile(r"(?<=[^\W_])[" + re.escape(FOLDING["joined"]) + r"]s?(?![^\W_])")
"""An English possessive ending: 'Spain’s', 'the forces’'."""


def _without_possessives(text: str) -> str:
    """`text` with possessive endings blanked out, each character by a space, so that
    positions in it are positions in `text`."""
    return _POSSESSIVE.sub(lambda match: " " * len(match[0]), text)


def prose_words(text: str) -> list[str]:
    """`words` of English prose, possessives dropped: "Spain’s" is Spain in a sentence,
    where `words` (for names) keeps the apostrophe's word whole ('Ra’s' -> 'ras'). The
    grounding check reads statements, sources and names alike with it."""
    return words(_without_possessives(text))


def prose_word_spans(text: str) -> list[tuple[str, int, int]]:
    """`word_spans` of English prose, possessives dropped as in `prose_words`."""
    return word_spans(_without_possessives(text))


def claims(text: str, names: Gazetteer | None = None) -> list[Claim]:
    """Every name, number, date and entry a statement states, in text order.

    [[links]] and names the `names` gazetteer knows are claims of that entry; dates are
    read next, so that 'January' and '2024' in '4 January 2024' are not claimed again as
    a name and a number; then numbers, and capitalised words as names. Words that open
    a sentence are names only when they are not common English words ('The', 'After').
    """
    found: list[tuple[int, Claim]] = []
    spans: list[tuple[int, int]] = []
    for match in _LINK.finditer(text):
        spans.append(match.span())
        found.append((match.start(), Claim("link", match[0], (match[1].strip(),))))
        if (match[2] or "").strip():  # the words shown are claims of their own
            found += [(match.start(2) + offset, claim)
                      for offset, claim in _plain_claims(match[2], [], names)]
    found += _plain_claims(text, spans, names)
    return [claim for _, claim in sorted(found, key=lambda pair: pair[0])]


def _plain_claims(text: str, spans: list[tuple[int, int]],
                  names: Gazetteer | None = None) -> list[tuple[int, Claim]]:
    """Dates, numbers, years and names outside the spans already read."""
    found: list[tuple[int, Claim]] = []
    spans = list(spans)

    def taken(start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in spans)

    for match in _COMPOUND.finditer(text):
        start = match.start()
        for word in match["name"].split(" ")[:-1]:  # 'A Saudi-owned': the name is 'Saudi'
            if word.casefold() not in COMMON_WORDS:
                break
            start += len(word) + 1
        if not taken(start, match.end()):
            spans.append((start, match.end()))
            name = tuple(normal_word(w) for w in prose_words(text[start:match.end() - len(
                match["participle"]) - 1]) if w not in ARTICLES)
            found.append((start, Claim("compound", text[start:match.end()],
                                       (name, match["participle"]))))
    if names is not None:
        for start, end, entry_id in names.find(text):
            if not taken(start, end):
                spans.append((start, end))
                found.append((start, Claim("link", text[start:end], (entry_id,))))
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if taken(*match.span()):
                continue
            spans.append(match.span())
            found += [(match.start(), claim) for claim in _date_claims(match)]
    for match in NUMBER_PHRASE.finditer(text):
        if not taken(*match.span()):
            spans.append(match.span())
            found.append((match.start(), Claim("number", match[0], (number_value(match[0]),))))
    for match in NUMBER.finditer(text):
        if taken(*match.span()):
            continue
        digits = match[1].replace(",", "")
        if _YEAR.match(digits) and "," not in match[1] and not match[0].endswith("s"):
            found.append((match.start(), Claim("date", match[0], (int(digits), None, None))))
        else:
            kind = "ordinal" if re.search(r"(st|nd|rd|th)$", match[0]) else "number"
            found.append((match.start(), Claim(kind, match[0], (int(digits),))))
    runs: list[tuple[int, int, list[str]]] = []
    for match in _TOKEN.finditer(text):
        if taken(*match.span()):
            continue
        word = match[0].rstrip(".-’'‘")
        lowered = word.casefold()
        bare = re.sub(r"[’'‘]s$", "", lowered)
        if bare in NUMBER_WORDS:
            kind = "ordinal" if bare in ORDINALS else "number"
            found.append((match.start(), Claim(kind, word, (NUMBER_WORDS[bare],))))
            continue
        common: Iterable[str] = ()
        if _opens_sentence(text, match.start()):
            common = COMMON_WORDS | (names.common if names is not None else set())
        parts = list(_name_parts(word, common))
        if parts:
            runs.append((match.start(), match.start() + len(word), parts))
    found += _name_runs(text, runs)
    return found


_JOINING = re.compile(r"[\s-]*(?:(?:al|el|ad|ar|as|ash|at|az|an|bin|ibn)[\s-]+)*", re.I)
"""What may stand between the words of one name: spaces, hyphens, an article."""


def _name_runs(text: str, runs: list[tuple[int, int, list[str]]]) -> list[tuple[int, Claim]]:
    """Capitalised words next to each other as one name: 'Hadi al-Amiri' is one claim
    ('the name Hadi al-Amiri'), not 'Hadi' and 'Amiri'; every word must be in the text."""
    found: list[tuple[int, Claim]] = []
    group: list[tuple[int, int, list[str]]] = []

    def close() -> None:
        if group:
            start, end = group[0][0], group[-1][1]
            parts = tuple(part for _, _, ps in group for part in ps)
            shown = text[start:end] if len(group) > 1 else " ".join(group[0][2])
            found.append((start, Claim("name", shown, parts)))
            group.clear()

    for run in runs:
        if group and not _JOINING.fullmatch(text[group[-1][1]:run[0]]):
            close()
        group.append(run)
    close()
    return found


def _opens_sentence(text: str, start: int) -> bool:
    return start == 0 or bool(_SENTENCE_END.search(text[:start]))


def _name_parts(word: str, common: Iterable[str]) -> Iterator[str]:
    """The capitalised parts of a word that are names: 'Iran-backed' -> 'Iran',
    'al-Sudani' -> 'Sudani'; a `common` word ('The' opening a sentence) -> nothing."""
    for position, part in enumerate(word.split("-")):
        part = re.sub(r"[’'‘]s?$", "", part)
        if not part or not part[0].isupper():
            continue
        if part.casefold() in WEEKDAYS or part.casefold() in MONTHS:
            continue  # a weekday or month outside a date is read as such by _date_claims
        if position == 0 and (part.casefold() in common or f"{part.casefold()}s" in common):
            continue
        if part.casefold() in ARTICLES:
            continue
        yield part


def _date_claims(match: re.Match[str]) -> Iterator[Claim]:
    month = MONTHS[match["m"].lower()]
    year = int(match["y"]) if match["y"] else None
    day = match.groupdict().get("d")
    if not day:
        yield Claim("date", match[0], (year, month, None))
        return
    yield Claim("date", match[0], (year, month, int(day)))
    if match.groupdict().get("d2"):
        yield Claim("date", match[0], (year, month, int(match["d2"])))


def date_claims(date: FuzzyDate | None, shown: str = "") -> list[Claim]:
    """What a structured date (an event's, a fact's, a quote's) asserts: each end of
    an interval, each at its precision."""
    if date is None:
        return []
    # Only what the date states: not a season's months, nor a year with unknown digits.
    return [Claim("date", shown or date.words(), stated) for stated in date.stated()
            if stated[0] is not None or stated[1] is not None]
