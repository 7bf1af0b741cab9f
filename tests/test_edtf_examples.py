"""The EDTF specification's own examples, levels 0 to 2, and its grammar: every date
either reads, with words that say no more than it does, or is refused with the date
error; nothing else is raised (issue 15, item 4).

The examples are those the `edtf` package's tests list from the Library of Congress
specification (github.com/ixc/python-edtf, edtf/parser/tests.py at commit 603859e:
EXAMPLES, APPROXIMATE_UNCERTAIN_EXAMPLES and BAD_EXAMPLES), without repeats.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import edtf
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from kb.dates.date import PRECISIONS, DateError, parse
from kb.pipeline.render.periods import by_period, period_links, period_pages

READ = [
    # (EDTF, what a reader is told, precision)
    ('2001-02-03', '3 February 2001', 'day'),
    ('2008-12', 'December 2008', 'month'),
    ('2008', '2008', 'year'),
    ('1964/2008', '1964–2008', 'interval'),
    ('2004-06/2006-08', 'June 2004 – August 2006', 'interval'),
    ('2004-02-01/2005-02-08', '1 February 2004 – 8 February 2005', 'interval'),
    ('2004-02-01/2005-02', '1 February 2004 – February 2005', 'interval'),
    ('2004-02-01/2005', '1 February 2004 – 2005', 'interval'),
    ('2005/2006-02', '2005 – February 2006', 'interval'),
    ('1984?', '1984 (uncertain)', 'year'),
    ('2004-06-11?', '11 June 2004 (uncertain)', 'day'),
    ('2004-06?', 'June 2004 (uncertain)', 'month'),
    ('1984~', 'about 1984', 'year'),
    ('1984%', 'about 1984 (uncertain)', 'year'),
    ('199X', 'the 1990s (year not known)', 'decade'),
    ('19XX', '1900–1999 (year not known)', 'century'),
    ('1999-XX', '1999 (month not known)', 'year'),
    ('1999-01-XX', 'January 1999 (day not known)', 'month'),
    ('1999-XX-XX', '1999 (month and day not known)', 'year'),
    ('16XX~', 'about 1600–1699 (year not known)', 'century'),
    ('16XX%', 'about 1600–1699 (year not known; uncertain)', 'century'),
    ('1XXX', '1000–1999 (year not known)', 'millennium'),
    ('1XXX~', 'about 1000–1999 (year not known)', 'millennium'),
    ('156X~', 'about the 1560s (year not known)', 'decade'),
    ('/2006', 'until 2006 (start not known)', 'interval'),
    ('2004-06-01/', 'from 1 June 2004 (end not known)', 'interval'),
    ('../2006', 'until 2006', 'interval'),
    ('2004-01-01/..', 'from 1 January 2004 on', 'interval'),
    ('1984~/2004-06', 'about 1984 – June 2004', 'interval'),
    ('1984/2004-06~', '1984 – about June 2004', 'interval'),
    ('1984?/2004%', '1984 (uncertain) – about 2004 (uncertain)', 'interval'),
    ('1984~/2004~', 'about 1984 – about 2004', 'interval'),
    ('1984-06?/2004-08?', 'June 1984 (uncertain) – August 2004 (uncertain)', 'interval'),
    ('1984-06-02?/2004-08-08~', '2 June 1984 (uncertain) – about 8 August 2004', 'interval'),
    ('1984-06-02?/', 'from 2 June 1984 (uncertain; end not known)', 'interval'),
    ('2001-21', 'spring 2001', 'part of year'),
    ('2003-22', 'summer 2003', 'part of year'),
    ('2000-23', 'autumn 2000', 'part of year'),
    ('2004-06-11%', 'about 11 June 2004 (uncertain)', 'day'),
    ('2004?-06-11', '11 June 2004 (year uncertain)', 'day'),
    ('2004-06~-11', '11 June 2004 (year and month approximate)', 'day'),
    ('2004-06-~11', '11 June 2004 (day approximate)', 'day'),
    ('2004-%06', 'June 2004 (month uncertain and approximate)', 'month'),
    ('2004-?06-?11', '11 June 2004 (month and day uncertain)', 'day'),
    ('2004?-06-~11', '11 June 2004 (year uncertain; day approximate)', 'day'),
    ('?2004-%06', 'June 2004 (year uncertain; month uncertain and approximate)', 'month'),
    ('2004?-%06', 'June 2004 (year uncertain; month uncertain and approximate)', 'month'),
    ('2004?-~06-~04', '4 June 2004 (year uncertain; month and day approximate)', 'day'),
    ('2011-~06-~04', '4 June 2011 (month and day approximate)', 'day'),
    ('156X-12-25', '25 December in the 1560s (year not known)', 'decade'),
    ('15XX-12-25', '25 December in 1500–1599 (year not known)', 'century'),
    ('1560-XX-25', 'the 25th of a month in 1560', 'year'),
    ('15XX-12-XX', 'December in 1500–1599 (year and day not known)', 'century'),
    ('[1667, 1668, 1670..1672]', '1667, 1668 or between 1670 and 1672', 'one of a range'),
    ('[..1760-12-03]', 'by 3 December 1760', 'one of a range'),
    ('[1760-12..]', 'in or after December 1760', 'one of a range'),
    ('[1760-01, 1760-02, 1760-12..]',
     'January, February 1760 or in or after December 1760',
     'one of a range'),
    ('[1667, 1760-12]', '1667 or December 1760', 'one of a range'),
    ('{1667,1668, 1670..1672}', '1667, 1668 and 1670–1672', 'several dates'),
    ('{1960, 1961-12}', '1960 and December 1961', 'several dates'),
    ('196X', 'the 1960s (year not known)', 'decade'),
    ('2004-06-~01/2004-06-~20',
     '1 June 2004 (day approximate) – 20 June 2004 (day approximate)',
     'interval'),
    ('2004-06-XX/2004-07-03', 'June 2004 (day not known) – 3 July 2004', 'interval'),
    ('1950S2', '1900–1999 (estimated 1950)', 'century'),
    ('1953S2', '1900–1999 (estimated 1953)', 'century'),
    ('1953S3', 'the 1950s (estimated 1953)', 'decade'),
    ('2001-29', 'spring 2001 (southern hemisphere)', 'part of year'),
    ('2001-34', 'second quarter of 2001', 'part of year'),
    ('2004', '2004', 'year'),
    ('2006-06-11', '11 June 2006', 'day'),
    ('2004?-06-04', '4 June 2004 (year uncertain)', 'day'),
    ('?1945/1959', '1945 (uncertain) – 1959', 'interval'),
    ('?1945', '1945 (uncertain)', 'year'),
    ('?1945-01', 'January 1945 (year uncertain)', 'month'),
    ('?1945-01-01', '1 January 1945 (year uncertain)', 'day'),
    ('~1945/1959', 'about 1945 – 1959', 'interval'),
    ('~1945', 'about 1945', 'year'),
    ('~1945-01', 'January 1945 (year approximate)', 'month'),
    ('~1945-01-01', '1 January 1945 (year approximate)', 'day'),
    ('%1945/1959', 'about 1945 (uncertain) – 1959', 'interval'),
    ('%1945', 'about 1945 (uncertain)', 'year'),
    ('%1945-01', 'January 1945 (year uncertain and approximate)', 'month'),
    ('%1945-01-01', '1 January 1945 (year uncertain and approximate)', 'day'),
]


REFUSED = [
    # (EDTF, why the site refuses it): the message quotes what was written and goes on
    # to say what the site expects.
    # Years outside 1-9999: the site's calendar.
    ("-0999", "is a year before the year 1"),
    ("0000", "it includes the year 0"),
    ("-2005/-1999-02", "'-2005' in '-2005/-1999-02' is a year before the year 1"),
    ("-01XX", "is a year before the year 1"),
    ("-0275~", "is a year before the year 1"),
    ("-0001~", "is a year before the year 1"),
    ("0000~", "it includes the year 0"),
    ("-01XX~", "is a year before the year 1"),
    ("Y170000002", "is a year of more than four digits"),
    ("Y-170000002", "is a year before the year 1"),
    ("Y17E7", "is a year of more than four digits"),
    ("Y-17E7", "is a year before the year 1"),
    ("Y17101E4S3", "is a year of more than four digits"),
    ("Y3388E2S3", "is a year of more than four digits"),
    ("Y171010000S3", "is a year of more than four digits"),
    ("Y17E7-12-26", "is a year of more than four digits"),
    ("-0000-01-01", "is a year before the year 1"),
    # A time of day: the site shows days; the message gives the day to write.
    ("2001-02-03T09:30:01", "gives a time of day (09:30:01); this site shows dates to the "
                            "day: write the day alone, 2001-02-03"),
    ("2004-01-01T10:10:10Z", "gives a time of day (10:10:10, UTC)"),
    ("2004-01-01T10:10:10+05:00", "gives a time of day (10:10:10, UTC+05:00)"),
    ("1985-04-12T23:20:30", "write the day alone, 1985-04-12"),
    # Winter runs into the next year: which months a source means is not known.
    ("2010-24", "is winter, which runs into the next year"),
    # A day with no year at all cannot be placed in time.
    ("XXXX-XX-23", "a year needs its first digit"),
    # Not on the calendar.
    ("2016-13-08", "is not a date on the calendar (month must be in 1..12)"),
    ("2016-02-39", "is not a date on the calendar (day is out of range for month)"),
    # Not EDTF (an earlier draft's brackets; words).
    ("not a edtf string", "is not a date this site can read"),
    ("2004-(06)?-11", "is not a date this site can read"),
    ("2004-06-(11)~", "is not a date this site can read"),
    ("2004-(06)%", "is not a date this site can read"),
    ("2004-(06-11)?", "is not a date this site can read"),
    ("2004?-06-(11)~", "is not a date this site can read"),
    ("(2004-(06)~)?", "is not a date this site can read"),
    ("(2004)?-06-04~", "is not a date this site can read"),
    ("(2011)-06-04~", "is not a date this site can read"),
    ("2011-(06-04)~", "is not a date this site can read"),
    ("2004-06-(01)~/2004-06-(20)~", "'2004-06-(01)~' in '2004-06-(01)~/2004-06-(20)~' is not "
                                    "a date this site can read"),
]

SPEC_EXAMPLES = 119
"""How many distinct examples the three lists hold: none is left out of READ or REFUSED."""


def test_every_example_is_either_read_or_refused():
    written = [text for text, *_ in READ + REFUSED]
    assert len(written) == len(set(written)) == SPEC_EXAMPLES


@pytest.mark.parametrize(("text", "words", "precision"), READ)
def test_each_example_the_site_reads_has_words_bounds_order_and_precision(text, words,
                                                                         precision):
    date = parse(text)
    assert date.words() == words
    assert date.precision == precision and precision in PRECISIONS
    earliest, latest = date.bounds
    assert earliest <= latest
    assert date.order[0] == date.listed_on and earliest <= date.listed_on <= latest
    assert all(len(stated) == 3 for stated in date.stated())


@pytest.mark.parametrize(("text", "words", "precision"), [
    entry for entry in READ
    # Where the site knows less than the package's strict bounds claim, it says so: no
    # day for an open or unknown side (the package puts it ten years away), and a year
    # with significant digits is any year of them (1950S2: 1900-1999), not the estimate.
    if not any(mark in entry[0] for mark in ("..", "S")) and not entry[0].startswith("/")
    and not entry[0].endswith("/")])
def test_the_days_an_example_can_mean_are_those_the_edtf_package_gives(text, words,
                                                                       precision):
    parsed = edtf.parse_edtf(text)
    lower, upper = parsed.lower_strict(), parsed.upper_strict()
    assert parse(text).bounds == (dt.date(lower.tm_year, lower.tm_mon, lower.tm_mday),
                                  dt.date(upper.tm_year, upper.tm_mon, upper.tm_mday))


@pytest.mark.parametrize(("text", "reason"), REFUSED)
def test_each_example_the_site_refuses_gets_the_date_error_saying_why(text, reason):
    with pytest.raises(DateError) as refused:
        parse(text)
    message = str(refused.value)
    assert f"'{text}'" in message  # what the editor wrote, whole
    assert reason in message
    assert "expected a date" in message or "write" in message  # and what to do instead


# ---------------------------------------------------------------------------- the grammar
# Strings built from EDTF's grammar, levels 0 to 2, valid and nearly so: years with
# unknown digits, negative or long; months, seasons (21-41) and days, in range and just
# out of it; qualifiers before and after each part; significant digits; times; intervals
# with open and unknown ends; sets [] and lists {} with .. and commas.

_QUALIFIER = st.sampled_from(["", "", "", "?", "~", "%"])
_YEAR = st.one_of(
    st.builds(lambda year, unknown: f"{year:04d}"[:4 - unknown] + "X" * unknown,
              st.integers(0, 9999), st.integers(0, 4)),
    st.builds(lambda year: f"-{year:04d}", st.integers(0, 9999)),
    st.builds(lambda year: f"Y{year}", st.integers(10_000, 10**9)),
    st.sampled_from(["2024", "2023", "1999", "0001", "9999"]),
)
_MONTH = st.one_of(st.integers(0, 45).map("{:02d}".format), st.just("XX"),
                   st.sampled_from(["01", "02", "12", "21", "24", "33", "41"]))
_DAY = st.one_of(st.integers(0, 32).map("{:02d}".format), st.just("XX"),
                 st.sampled_from(["01", "28", "29", "30", "31"]))


@st.composite
def _points(draw) -> str:
    text = draw(_QUALIFIER) + draw(_YEAR) + draw(_QUALIFIER)
    if draw(st.booleans()):
        text += "-" + draw(_QUALIFIER) + draw(_MONTH) + draw(_QUALIFIER)
        if draw(st.booleans()):
            text += "-" + draw(_QUALIFIER) + draw(_DAY) + draw(_QUALIFIER)
    elif draw(st.integers(0, 5)) == 0:
        text += f"S{draw(st.integers(0, 6))}"
    return text


_POINT = _points()
_TIME = st.builds(lambda point, h, m, s, zone: f"{point}T{h:02d}:{m:02d}:{s:02d}{zone}",
                  _POINT, st.integers(0, 25), st.integers(0, 60), st.integers(0, 60),
                  st.sampled_from(["", "Z", "+03:00", "-05:00"]))
_END = st.one_of(_POINT, st.sampled_from(["", ".."]))
_INTERVAL = st.builds(lambda first, last: f"{first}/{last}", _END, _END)
_MEMBER = st.one_of(_POINT, st.builds(lambda a, b: f"{a}..{b}", _POINT, _POINT),
                    _POINT.map("..{}".format), _POINT.map("{}..".format))
_LIST = st.builds(lambda members, comma, brackets: brackets[0] + comma.join(members)
                  + brackets[1], st.lists(_MEMBER, max_size=4), st.sampled_from([",", ", "]),
                  st.sampled_from(["[]", "{}", "[}", "[ ", " ]"]))
_EDTF_LIKE = st.one_of(_POINT, _TIME, _INTERVAL, _LIST, st.text(max_size=30))


@settings(max_examples=400)
@given(_EDTF_LIKE, st.sampled_from([None, None, "early", "mid", "late", "as-early-as"]))
@example("2024-21", "late").via("trial of issue 15: read as 21-31 March")
@example("2024-40", "early").via("trial of issue 15: read as 1-10 January")
@example("0001/", None).via("an open end: listed at its start's last day, inside its bounds")
def test_any_edtf_like_text_reads_in_full_or_raises_the_date_error_alone(text, qualifier):
    try:
        date = parse(text, qualifier)
    except DateError as refused:
        assert str(refused)  # a message, never an empty one
        return
    earliest, latest = date.earliest, date.latest
    assert earliest is None or latest is None or earliest <= latest
    assert date.bounds[0] <= date.bounds[1]
    assert date.precision in PRECISIONS
    # Within its bounds (a range: `in` on the pair would ask for one of its two ends).
    assert date.bounds[0] <= date.listed_on <= date.bounds[1]
    words = date.words()
    # Words a reader can read: none of EDTF's marks is left in them.
    assert words and not re.search(r"[?~%X\[\]{}/]|\.\.", words), words
    assert date.stated() is not None and str(date) == words
    if qualifier in ("early", "mid", "late"):  # only ever on a month, not a season
        assert re.fullmatch(r"\d{4}-(?:0[1-9]|1[0-2])", date.edtf), date.edtf
        assert (earliest.year, earliest.month) == (latest.year, latest.month)


@st.composite
def _plain_dates(draw) -> tuple[str, dt.date, dt.date]:
    """A plain day, month or year, with the first and last day it means."""
    day = draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 1)))
    precision = draw(st.sampled_from(["day", "month", "year"]))
    if precision == "day":
        return day.isoformat(), day, day
    if precision == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.isoformat()[:7], day.replace(day=1), day.replace(day=last)
    return day.isoformat()[:4], dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


@given(_plain_dates(), _plain_dates())
def test_what_runs_backwards_is_refused_in_every_shape(one, other):
    (early, _, early_end), (late, late_start, _) = sorted((one, other), key=lambda d: d[1])
    assume(early_end < late_start)  # the one wholly before the other
    written = [f"{late}/{early}", f"[{late}..{early}]", f"[{late}, {early}]",
               f"{{{late}, {early}}}", f"{late}~/{early}?"]
    if late_start.year // 10 > early_end.year // 10:  # the decade of the later one
        written.append(f"{late[:3]}X/{early}")
    for backwards in written:
        with pytest.raises(DateError, match=r"runs backwards|earliest first"):
            parse(backwards)


@given(st.integers(1, 9999), st.integers(1, 12), st.data())
def test_days_not_on_the_calendar_are_refused_wherever_they_stand(year, month, data):
    last = calendar.monthrange(year, month)[1]
    day = data.draw(st.integers(last + 1, 31) if last < 31 else st.just(32))
    impossible = f"{year:04d}-{month:02d}-{day:02d}"
    for text in (impossible, f"{impossible}/..", f"../{impossible}", f"[{impossible}..]",
                 f"[..{impossible}]", f"{{0001, {impossible}}}", f"{impossible}~"):
        with pytest.raises(DateError, match=r"not a date on the calendar"):
            parse(text)


# ---------------------------------------------------------------------------- periods
# Every date the reader accepts is filed on a page of the long timeline and quotes
# lists, which name pages by year and month (a year before 1000 once crashed there).


@settings(max_examples=150)
@given(st.lists(st.one_of(_POINT, _INTERVAL, _LIST, _plain_dates().map(lambda d: d[0])),
                min_size=1, max_size=8),
       st.integers(1, 3))
def test_any_accepted_date_is_filed_on_exactly_one_period_page_that_holds_its_day(texts,
                                                                                limit):
    dates = []
    for text in texts:
        try:
            dates.append(parse(text))
        except DateError:
            continue
    assume(dates)
    dates.sort(key=lambda date: date.order)
    periods = by_period(dates, lambda date: date.listed_on, limit,
                        span=lambda date: (date.earliest, date.latest))
    pages = period_pages("timeline.md", "Timeline", "Events.", "events", periods,
                         lambda periods, index: periods[index].title)
    assert len(pages) == len(periods) + (len(periods) > 1)  # one file each, and the list
    for date in dates:
        holding = [period for period in periods if date in period.items]
        assert len(holding) == 1
        if holding[0].slug:
            assert holding[0].slug[:4] == f"{date.listed_on.year:04d}"
            assert str(date.listed_on.year) in holding[0].title
    for index in range(len(periods)):
        assert period_links("timeline.md", periods, index)
