"""What a sentence states that a source must also say: its names, numbers and dates.

The grounding check (`kb.grounding`) holds every statement to the rule readers rely
on: each name, number and date in it appears in a source it cites. This module does
the reading on both sides. `claims` lists what a statement asserts; `Evidence` indexes
what a source's text says, so that each claim is looked up, not searched for.

Matching follows the site's spelling keys (`kb.spelling`): case, accents, hyphens and
apostrophes are folded ('al-Sudani' = 'Al Sudani'), and transliterations of one Arabic
or Persian name meet on their consonant skeleton ('Hezbollah' = 'Hizballah'). Numbers
match as digits or words ('three' = '3'); dates match in any of the ways sources write
them ('4 January', 'Jan. 4', '2024-01-04'), and a weekday ('on Thursday') counts as the
day it names in the week before the source was published.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kb.dates import FuzzyDate
from kb.spelling import name_key, skeleton, words

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|" \
         r"November|December)"
_MONTH_ANY = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
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

ABBREVIATIONS = {
    "gen": "general", "maj": "major", "brig": "brigadier", "lt": "lieutenant",
    "col": "colonel", "sgt": "sergeant", "spc": "specialist", "capt": "captain",
    "adm": "admiral", "pvt": "private", "cpl": "corporal", "dept": "department",
    "gov": "governor", "sen": "senator", "rep": "representative", "sec": "secretary",
    "pres": "president", "govt": "government",
}
"""Titles and words sources abbreviate: 'Maj. Gen.' backs 'Major General'."""

PARTICIPLES = ("owned", "based", "funded", "backed", "run", "led", "aligned", "linked",
               "affiliated", "allied", "sponsored", "controlled", "financed", "supported",
               "armed", "trained", "operated", "headquartered", "registered")
"""Second halves of descriptions such as 'Saudi-owned' or 'Abu Dhabi-based': each is a
claim in itself, which a source must make too ('based in Abu Dhabi' backs it)."""
_COMPOUND = re.compile(r"(?<![\w-])(?P<name>[A-Z][\w’']*(?: [A-Z][\w’']*)*)-"
                       r"(?P<participle>" + "|".join(PARTICIPLES) + r")\b")


def spelling_key(word: str) -> str:
    """One key for British and American spellings of a folded word: 'defence' and
    'defense', 'organisation' and 'organization', 'mobilise' and 'mobilize'."""
    word = re.sub(r"is(ation|ing|ed|es|e)$", r"iz\1", word)
    word = re.sub(r"ence$", "ense", word)
    return re.sub(r"our$", "or", word) if len(word) > 5 else word


_LINK = re.compile(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")
_ACRONYM_DOTS = re.compile(r"\b(?:[A-Z]\.){2,}")
_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:st|nd|rd|th|s)?(?!\w)")
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
_ISO_DATE = re.compile(r"\b(\d{4})[-/](\d{2})[-/](\d{2})\b")
_DMY_DATE = re.compile(r"\b(\d{2})-(\d{2})-(\d{4})\b")
_COMPACT_DATE = re.compile(r"(?<!\d)(\d{2})(\d{2})(20\d{2})(?!\d)")
_SOURCE_DATES = [
    re.compile(rf"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH_ANY})"
               rf"(?:,?\s+(?P<y>\d{{4}}))?"),
    re.compile(rf"(?i)\b(?P<m>{_MONTH_ANY})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
               rf"(?:,?\s+(?P<y>\d{{4}}))?"),
    re.compile(r"\b(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2}|\d{4})\b"),
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
    key: tuple = ()
    """What is looked up: a name's spelling key, a number's value, a date's parts
    (year, month, day; None where the date does not say), a link's entry id."""


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
                sequence = tuple(w for w in words(name) if w not in ARTICLES)
                if sequence:
                    self._first.setdefault(sequence[0], []).append((sequence, entry_id))
        for candidates in self._first.values():
            candidates.sort(key=lambda pair: -len(pair[0]))

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, entry id) of each capitalised name in `text`, left to right."""
        tokens = [(w, m.start(), m.end()) for m in _WORD.finditer(text)
                  for w in words(m[0]) if w not in ARTICLES]
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


_WORD = re.compile(r"[^\W_]+")


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
            name = tuple(_normal(w) for w in words(text[start:match.end() - len(
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
    for match in _NUMBER.finditer(text):
        if taken(*match.span()):
            continue
        digits = match[1].replace(",", "")
        if _YEAR.match(digits) and "," not in match[1] and not match[0].endswith("s"):
            found.append((match.start(), Claim("date", match[0], (int(digits), None, None))))
        else:
            kind = "ordinal" if re.search(r"(st|nd|rd|th)$", match[0]) else "number"
            found.append((match.start(), Claim(kind, match[0], (int(digits),))))
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
        for part in _name_parts(word, common):
            found.append((match.start(), Claim("name", part, (name_key(part),))))
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
    parts = re.findall(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date.edtf)
    return [Claim("date", shown or date.words(),
                  (int(y), int(m) if m else None, int(d) if d else None))
            for y, m, d in parts]


# ---------------------------------------------------------------------------- evidence


@dataclass
class Evidence:
    """What one source's text says, indexed for lookups.

    Built once per source from its text (the founding article, or its dossier block)
    and its publication date (for weekdays and years the text leaves implicit).
    """

    text: str
    published: FuzzyDate | None = None
    keys: set[str] = field(default_factory=set)
    skeletons: set[str] = field(default_factory=set)
    sequence: list[str] = field(default_factory=list)
    """The text's words as spelling keys, articles dropped, for names of several words."""
    numbers: set[int] = field(default_factory=set)
    days: set[tuple[int | None, int, int]] = field(default_factory=set)
    """(year or None, month, day) for every day the text names or implies."""
    months: set[tuple[int | None, int]] = field(default_factory=set)
    years: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        text = _ACRONYM_DOTS.sub(lambda m: m[0].replace(".", ""), self.text)
        for word in words(text):
            word = _normal(word)
            self.keys.add(word)
            if code := skeleton(word):
                self.skeletons.add(code)
            if word in NUMBER_WORDS:
                self.numbers.add(NUMBER_WORDS[word])
            if word not in ARTICLES:
                self.sequence.append(word)
        for token in re.findall(r"\w+(?:[-’']\w+)*", text):  # 'al-Sudani' as one key too
            self.keys.add(name_key(token))
        for match in _NUMBER.finditer(text):
            self.numbers.add(int(match[1].replace(",", "")))
        for match in re.finditer(r"\d+", text):  # digits inside addresses and slugs
            self.numbers.add(int(match[0]))
        self._read_dates(text)

    def _read_dates(self, text: str) -> None:
        for pattern in _SOURCE_DATES:
            for match in pattern.finditer(text):
                month = match["m"]
                month_number = int(month) if month.isdigit() else MONTHS.get(
                    month.lower().rstrip("."))
                if not month_number or not 1 <= month_number <= 12:
                    continue
                year = int(match["y"]) if match["y"] else None
                if year is not None and year < 100:
                    year += 2000
                self._add_day(year, month_number, int(match["d"]))
        for y, m, d in _ISO_DATE.findall(text):
            self._add_day(int(y), int(m), int(d))
        for y, m in re.findall(r"/((?:19|20)\d\d)/(\d\d)/", text):  # an address's /2024/01/
            if 1 <= int(m) <= 12:
                self.months.add((int(y), int(m)))
                self.years.add(int(y))
        for d, m, y in _DMY_DATE.findall(text) + _COMPACT_DATE.findall(text):
            self._add_day(int(y), int(m), int(d))
        for match in re.finditer(rf"(?i)\b(?P<m>{_MONTH_ANY})(?:\s+(?P<y>\d{{4}}))?", text):
            month_number = MONTHS[match["m"].lower().rstrip(".")]
            self.months.add((int(match["y"]) if match["y"] else None, month_number))
        for match in re.finditer(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", text):
            self.years.add(int(match[1]))
        self._read_relative_days(text)

    def _read_relative_days(self, text: str) -> None:
        """'on Thursday', 'today', 'yesterday': days relative to publication, when the
        source is dated to the day (a weekday means the last such day before it)."""
        if self.published is None:
            return
        start, end = self.published.bounds
        if start != end:
            return
        self.years.add(end.year)
        lowered = text.lower()
        if "today" in lowered:
            self._add_day(end.year, end.month, end.day)
        if "yesterday" in lowered:
            before = end - dt.timedelta(days=1)
            self._add_day(before.year, before.month, before.day)
        for name, number in WEEKDAYS.items():
            if re.search(rf"\b{name}", lowered):
                back = (end.weekday() - number) % 7
                day = end - dt.timedelta(days=back)
                self._add_day(day.year, day.month, day.day)
                if back == 0:  # 'on Monday' in Monday's paper may mean the week before
                    earlier = day - dt.timedelta(days=7)
                    self._add_day(earlier.year, earlier.month, earlier.day)

    def _add_day(self, year: int | None, month: int, day: int) -> None:
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return
        self.days.add((year, month, day))
        self.months.add((year, month))
        if year is not None:
            self.years.add(year)

    # ------------------------------------------------------------------ lookups

    def says(self, claim: Claim) -> bool:
        """Whether this text states the claim (links are looked up by the caller,
        who knows the entry's names)."""
        if claim.kind == "name":
            return self.has_word(claim.shown)
        if claim.kind in ("number", "ordinal"):
            return claim.key[0] in self.numbers
        if claim.kind == "compound":
            return self.has_compound(*claim.key)
        if claim.kind == "date":
            return self.has_date(*claim.key)
        return False

    def has_word(self, word: str) -> bool:
        key = name_key(word)
        if key in self.keys or _normal(key) in self.keys:
            return True
        folded = [_normal(w) for w in words(word)]
        if folded and all(part in self.keys or (skeleton(part) and skeleton(part) in
                                                self.skeletons) for part in folded):
            return True
        return any(root in self.keys for root in _demonym_roots(key))

    def has_name(self, name: str) -> bool:
        """Whether the text gives a name of several words, in order, spelling folded
        (articles such as 'al-' may be added or dropped)."""
        wanted = [_normal(w) for w in words(name) if w not in ARTICLES]
        if not wanted:
            return True
        if len(wanted) == 1:
            return self.has_word(wanted[0])
        size = len(wanted)
        for start in range(len(self.sequence) - size + 1):
            if all(_same_word(a, b) for a, b in zip(wanted, self.sequence[start:start + size],
                                                   strict=True)):
                return True
        return name_key(name) in self.keys

    def has_date(self, year: int | None, month: int | None, day: int | None) -> bool:
        """Whether the text gives this day, month or year. A year the text leaves out
        is backed by the source's own date ('on 4 January' in a 2024 paper); a claim
        without a year ('4 January') is backed by that day in any year."""
        if month is None:
            return year is not None and (year in self.years or self._published_in(year))
        if day is None:
            held = {y for y, m in self.months if m == month}
        else:
            held = {y for y, m, d in self.days if (m, d) == (month, day)}
        if year is None:
            return bool(held)
        return year in held or (None in held and (year in self.years
                                                  or self._published_in(year)))

    def _published_in(self, year: int) -> bool:
        if self.published is None:
            return False
        start, end = self.published.bounds
        return start.year <= year <= end.year


    def has_compound(self, name: tuple[str, ...], participle: str) -> bool:
        """'US-funded' as 'US-funded', 'US funded' or 'funded by the US'."""
        seq, size = self.sequence, len(name)
        for start in range(len(seq)):
            if tuple(seq[start:start + size]) == name and seq[start + size:start + size + 1] \
                    == [participle]:
                return True
            if seq[start] == participle:
                window = seq[start + 1:start + 4]
                for offset in range(len(window)):
                    if window[offset] in ("by", "in") and \
                            tuple(window[offset + 1:offset + 1 + size]) == name:
                        return True
                    if tuple(seq[start + 2 + offset:start + 2 + offset + size]) == name \
                            and window[offset] in ("by", "in"):
                        return True
        return False


def _normal(word: str) -> str:
    """A folded word with abbreviations written out and one spelling for British and
    American forms."""
    return spelling_key(ABBREVIATIONS.get(word, word))


def _same_word(a: str, b: str) -> bool:
    return a == b or (bool(skeleton(a)) and skeleton(a) == skeleton(b))


_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "is", "i", "ese", "ish", "n")


def _demonym_roots(key: str) -> set[str]:
    """Places an adjective may come from: 'iraqi' -> 'iraq', 'syrian' -> 'syria',
    'iranian' -> 'iran'. A source that names the place backs the adjective."""
    roots = set()
    for ending in _DEMONYM_ENDINGS:
        stem = key[: -len(ending)]
        if key.endswith(ending) and len(stem) >= 4:
            roots |= {stem, stem + "a", stem + "e"}
    return roots


def evidence_for(texts: Iterable[Evidence]) -> list[Evidence]:
    """The texts as a list (several sources may back one statement)."""
    return list(texts)
