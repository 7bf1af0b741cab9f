"""What a source's text says, indexed so that a statement's claims are looked up, not searched.

The other half of the grounding check (`kb.checks.claims` lists what a statement asserts):
an `Evidence` is built once per source text (the founding article, or a dossier block)
with the source's own date, and answers whether the text gives a name, a number, a date
or a description, spelling folded as the site's spelling keys fold it (`kb.text.spelling`).
Dates are read however a source writes them ('4 January', 'Jan. 4', '2024-01-04',
'1/4/24', an address's /2024/01/), and a weekday ('on Thursday') as that day in the week
before the source's date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from kb.checks.claims import (
    ARTICLES,
    MONTHS,
    NUMBER,
    NUMBER_PHRASE,
    NUMBER_WORDS,
    WEEKDAYS,
    Claim,
    number_value,
    prose_words,
)
from kb.dates.date import FuzzyDate
from kb.text.spelling import name_key, normal_word, skeleton


def verbatim_text(text: str) -> str:
    """Text compared word for word: curly and straight quotation marks alike, runs of
    white space as one space (a quote is checked against a page, not a layout), in NFC
    as the data is read (`kb.text.characters`): a source saved with decomposed accents
    still says the words."""
    text = unicodedata.normalize("NFC", text)
    for curly, straight in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split())


_MONTH_ANY = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ACRONYM_DOTS = re.compile(r"\b(?:[A-Z]\.){2,}")
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
    _verbatim: str | None = field(default=None, repr=False)

    @property
    def verbatim(self) -> str:
        """The text as `verbatim_text` reads it, for quotes (built when first asked)."""
        if self._verbatim is None:
            self._verbatim = verbatim_text(self.text)
        return self._verbatim

    def __post_init__(self) -> None:
        text = _ACRONYM_DOTS.sub(lambda m: m[0].replace(".", ""), self.text)
        for word in prose_words(text):
            word = normal_word(word)
            self.keys.add(word)
            if code := skeleton(word):
                self.skeletons.add(code)
            if word in NUMBER_WORDS:
                self.numbers.add(NUMBER_WORDS[word])
            if word not in ARTICLES:
                self.sequence.append(word)
        for token in re.findall(r"\w+(?:[-’']\w+)*", text):  # 'al-Sudani' as one key too
            self.keys.add(name_key(token))
        for match in NUMBER.finditer(text):
            self.numbers.add(int(match[1].replace(",", "")))
        for match in NUMBER_PHRASE.finditer(text):
            self.numbers.add(number_value(match[0]))
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
        if claim.kind == "name":  # every word of a name: 'Hadi al-Amiri'
            return all(self.has_word(part) for part in claim.key)
        if claim.kind in ("number", "ordinal"):
            return claim.key[0] in self.numbers
        if claim.kind == "compound":
            return self.has_compound(*claim.key)
        if claim.kind == "date":
            return self.has_date(*claim.key)
        return False

    def has_word(self, word: str) -> bool:
        key = name_key(word)
        if key in self.keys or normal_word(key) in self.keys:
            return True
        folded = [normal_word(w) for w in prose_words(word)]
        if folded and all(part in self.keys or (skeleton(part) and skeleton(part) in
                                                self.skeletons) for part in folded):
            return True
        return any(root in self.keys for root in _demonym_roots(key))

    def has_name(self, name: str, *, exact: bool = False) -> bool:
        """Whether the text gives a name of several words, in order, spelling folded
        (articles such as 'al-' may be added or dropped). `exact` compares the words
        themselves, not their transliteration skeletons: an alias is the name as a
        source spells it, and 'Kavanaugh' is not 'Kavanagh'."""
        wanted = [normal_word(w) for w in prose_words(name) if w not in ARTICLES]
        if not wanted:
            return True
        same = (lambda a, b: a == b) if exact else _same_word
        if len(wanted) == 1 and not exact:
            return self.has_word(wanted[0])
        size = len(wanted)
        for start in range(len(self.sequence) - size + 1):
            if all(same(a, b) for a, b in zip(wanted, self.sequence[start:start + size],
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
        """'US-funded' as 'US-funded', 'US funded' or 'funded by the US' ('based in
        Abu Dhabi'): `name` as folded words, articles dropped."""
        seq, size = self.sequence, len(name)
        for start, word in enumerate(seq):
            if tuple(seq[start:start + size]) == name and seq[start + size:start + size + 1] \
                    == [participle]:
                return True
            if word == participle:
                for link in range(start + 1, min(start + 3, len(seq))):
                    if seq[link] in ("by", "in") and tuple(seq[link + 1:link + 1 + size]) == name:
                        return True
        return False


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
