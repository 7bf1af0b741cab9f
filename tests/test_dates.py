import datetime as dt

import edtf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from kb.dates.date import DateError, FuzzyDate, parse
from kb.dates.reading import PARTS_OF_YEAR
from kb.model import Fact


def edtf_strict_bounds(text: str) -> tuple[dt.date, dt.date]:
    """The `edtf` package's own strict bounds, to check the site's reading against."""
    parsed = edtf.parse_edtf(text)
    lower, upper = parsed.lower_strict(), parsed.upper_strict()
    return (dt.date(lower.tm_year, lower.tm_mon, lower.tm_mday),
            dt.date(upper.tm_year, upper.tm_mon, upper.tm_mday))


@pytest.mark.parametrize(
    ("text", "qualifier", "words", "precision", "bounds"),
    [
        ("2024-01-04", None, "4 January 2024", "day", ("2024-01-04", "2024-01-04")),
        ("2023-10", None, "October 2023", "month", ("2023-10-01", "2023-10-31")),
        ("2023-10", "late", "late October 2023", "part of month", ("2023-10-21", "2023-10-31")),
        ("2023-11", "early", "early November 2023", "part of month",
         ("2023-11-01", "2023-11-10")),
        ("2024-02", "mid", "mid February 2024", "part of month", ("2024-02-11", "2024-02-20")),
        ("2024-02", "late", "late February 2024", "part of month", ("2024-02-21", "2024-02-29")),
        ("2019", None, "2019", "year", ("2019-01-01", "2019-12-31")),
        ("2019", "as-early-as", "as early as 2019", "year", ("2019-01-01", "2019-12-31")),
        ("2020~", None, "about 2020", "year", ("2020-01-01", "2020-12-31")),
        ("2024-01-04/2024-01-07", None, "4–7 January 2024", "interval",
         ("2024-01-04", "2024-01-07")),
        ("2023-12-28/2024-01-02", None, "28 December 2023 – 2 January 2024", "interval",
         ("2023-12-28", "2024-01-02")),
        ("2024-01-04/2024-02-07", None, "4 January – 7 February 2024", "interval",
         ("2024-01-04", "2024-02-07")),
        ("2024-01/2024-03", None, "January – March 2024", "interval",
         ("2024-01-01", "2024-03-31")),
        # One day of a range (EDTF level 2): it happened once, never read as a span.
        ("[2024-01-01..2024-01-04]", None, "between 1 and 4 January 2024", "one of a range",
         ("2024-01-01", "2024-01-04")),
        ("[2024-01-28..2024-02-02]", None, "between 28 January and 2 February 2024",
         "one of a range", ("2024-01-28", "2024-02-02")),
        ("[2023-12-30..2024-01-04]", None, "between 30 December 2023 and 4 January 2024",
         "one of a range", ("2023-12-30", "2024-01-04")),
        ("[2024-02-02..2024-02-03]", None, "2 or 3 February 2024", "one of a range",
         ("2024-02-02", "2024-02-03")),
        ("[2024-01-31..2024-02-01]", None, "31 January or 1 February 2024", "one of a range",
         ("2024-01-31", "2024-02-01")),
        ("[2024-01..2024-03]", None, "between January and March 2024", "one of a range",
         ("2024-01-01", "2024-03-31")),
        ("[2023-12..2024-01]", None, "December 2023 or January 2024", "one of a range",
         ("2023-12-01", "2024-01-31")),
        ("[2019..2021]", None, "between 2019 and 2021", "one of a range",
         ("2019-01-01", "2021-12-31")),
        ("[..2024-01-04]", None, "by 4 January 2024", "one of a range",
         ("0001-01-01", "2024-01-04")),
        ("[..2024-01]", None, "in or before January 2024", "one of a range",
         ("0001-01-01", "2024-01-31")),
        ("[2024-01-01..]", None, "on or after 1 January 2024", "one of a range",
         ("2024-01-01", "9999-12-31")),
        ("[2024..]", None, "in or after 2024", "one of a range", ("2024-01-01", "9999-12-31")),
        # Intervals with an open end (still going on) or an unknown one (EDTF level 1).
        ("2024-01-01/..", None, "from 1 January 2024 on", "interval",
         ("2024-01-01", "9999-12-31")),
        ("../2024-01-04", None, "until 4 January 2024", "interval",
         ("0001-01-01", "2024-01-04")),
        ("2024-01-01/", None, "from 1 January 2024 (end not known)", "interval",
         ("2024-01-01", "9999-12-31")),
        ("/2024-01-04", None, "until 4 January 2024 (start not known)", "interval",
         ("0001-01-01", "2024-01-04")),
    ],
)
def test_date_words_precision_and_bounds(text, qualifier, words, precision, bounds):
    date = parse(text, qualifier)
    assert date.words() == words
    assert date.precision == precision
    assert date.bounds == tuple(dt.date.fromisoformat(b) for b in bounds)


def test_bare_year_read_by_yaml_as_number_is_a_year():
    assert parse(2014) == FuzzyDate("2014")


def test_dates_sort_by_bounds_not_text():
    dates = [parse("2024-01"), parse("2023-10", "late"), parse("2024-01-04"), parse("2019")]
    ordered = sorted(dates, key=lambda d: d.bounds)
    assert [d.words() for d in ordered] == [
        "2019", "late October 2023", "January 2024", "4 January 2024"]


@pytest.mark.parametrize("text", ["2024-13-01", "2024-02-30", "January 2024", "04/01/2024", ""])
def test_impossible_or_badly_written_dates_are_refused(text):
    with pytest.raises(DateError, match=r"EDTF|expected a date"):
        parse(text)


def test_part_of_month_needs_a_month():
    with pytest.raises(DateError, match="needs a month"):
        parse("2024-01-04", "late")
    with pytest.raises(DateError, match=r"with no ~, \? or %"):
        parse("2023-10~", "late")  # not "late about October 2023"
    with pytest.raises(DateError, match="unknown qualifier 'later'"):
        parse("2024-01", "later")


@pytest.mark.parametrize("code", sorted(PARTS_OF_YEAR))
@pytest.mark.parametrize("qualifier", ["early", "mid", "late"])
def test_part_of_month_is_refused_on_a_season_quarter_or_half(code, qualifier):
    # 2024-21 is spring 2024, not a month: "late" once read it as 21-31 March.
    words = PARTS_OF_YEAR[code][0].format("2024")
    with pytest.raises(DateError) as refused:
        parse(f"2024-{code}", qualifier)
    assert str(refused.value) == (
        f"qualifier '{qualifier}' needs a month, like 2023-10, with no ~, ? or % (found "
        f"'2024-{code}', {words}, a part of the year, not a month)")
    with pytest.raises(ValidationError, match="needs a month"):  # as the model reads it
        Fact(text="It happened.", cite=["report"],
             date={"edtf": f"2024-{code}", "qualifier": qualifier})
    assert parse(f"2024-{code}", "as-early-as").words() == f"as early as {words}"


@given(st.dates(min_value=dt.date(1, 1, 1)), st.dates(min_value=dt.date(1, 1, 1)),
       st.sampled_from(["day", "month", "year"]), st.sampled_from(["", "~", "?", "%"]))
def test_plain_dates_read_without_edtf_have_the_bounds_edtf_gives(first, second, precision,
                                                                  flag):
    def written(day: dt.date) -> str:
        text = {"day": day.isoformat(), "month": day.isoformat()[:7],
                "year": day.isoformat()[:4]}[precision]
        return text + flag

    first, second = sorted((first, second))
    texts = [written(first)]
    if written(first).rstrip("~?%") != written(second).rstrip("~?%"):
        texts.append(f"{written(first)}/{written(second)}")
    for text in texts:
        assert parse(text).bounds == edtf_strict_bounds(text), text


@pytest.mark.parametrize("text", ["2023-02-29", "2024-13", "2024-00-10", "0000"])
def test_days_not_on_the_calendar_are_refused_by_the_fast_path_too(text):
    with pytest.raises(DateError, match="not a date"):
        parse(text)


def test_an_open_or_unknown_side_has_no_day():
    assert parse("[..2024-01-04]").earliest is None
    assert parse("[..2024-01-04]").latest == dt.date(2024, 1, 4)
    assert parse("[2024-01-01..]").latest is None
    assert parse("2024-01-01/").latest is None and parse("/2024-01-04").earliest is None
    assert parse("2023-10", "late").earliest == dt.date(2023, 10, 21)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 30)),
       st.integers(min_value=1, max_value=400))
def test_one_day_of_a_range_is_never_read_as_a_span(first, length):
    last = first + dt.timedelta(days=length)
    date = parse(f"[{first}..{last}]")
    assert date.precision == "one of a range"
    assert date.bounds == (first, last)
    assert "–" not in date.words()
    assert date.words().startswith("between ") or " or " in date.words()
    assert date.listed_on == last


@pytest.mark.parametrize("text", ["[2024-01-01..2024-01-04]", "[2023-12-30..2024-01-04]",
                                  "[2024-01..2024-03]", "[2019..2021]"])
def test_ranges_have_the_bounds_the_edtf_package_gives(text):
    assert parse(text).bounds == edtf_strict_bounds(text)


@pytest.mark.parametrize(("text", "message"), [
    ("[2024-01-04..2024-01-01]", "runs backwards: a range is written earlier date first, "
                                 "and 4 January 2024 is after 1 January 2024"),
    ("2024-01-07/2024-01-04", "runs backwards: an interval is written earlier date first"),
    ("[2024..2023-06]", "runs backwards"),
    ("2024-01/2024-01-15", "January 2024 does not end before 15 January 2024 does"),
    ("[2024-02-30..2024-03-01]", "'2024-02-30' in '[2024-02-30..2024-03-01]' is not a date "
                                 "on the calendar"),
    ("[2023-02-01..2023-02-29]", "'2023-02-29' in '[2023-02-01..2023-02-29]' is not a date "
                                 "on the calendar"),
    ("[..2024-13]", "is not a date on the calendar"),
    ("2024-01-04/2024-02-30", "'2024-02-30' in '2024-01-04/2024-02-30' is not a date on "
                              "the calendar"),
    ("[2024-01-04..2024-01-04]", "starts and ends on 4 January 2024; for a single date "
                                 "write it alone (2024-01-04)"),
    ("2024-01-04/2024-01-04", "starts and ends on 4 January 2024"),
    ("[..]", "names no day at all"),
    ("../..", "neither end known"),
    ("/", "neither end known"),
    ("[2024-01-04, 2024-01-01]", "write the dates of a set or list earliest first, none "
                                 "inside or across another (2024-01-04 is not before "
                                 "2024-01-01)"),
    ("[2024-01-01~..2024-01-04]", "'2024-01-01~' in '[2024-01-01~..2024-01-04]' is not a "
                                  "plain day"),
    ("[2024-01-01..2024-01-04", "expected one day of a range written [first..last]"),
    ("[2024-01-01]", "expected one day of a range written [first..last]"),
    ("[January 2024..]", "is not a plain day, month or year"),
    # Found by the property test over EDTF's grammar: day 0 of a month not known.
    ("0001-XX-00", "'0001-XX-00' is not a date on the calendar"),
    ("202X-02-30", "'202X-02-30' is not a date on the calendar"),
])
def test_reversed_ranges_and_impossible_days_are_refused_saying_why(text, message):
    with pytest.raises(DateError) as refused:
        parse(text)
    assert message in str(refused.value)


def test_a_date_whose_day_is_not_known_sorts_at_its_last_day_before_that_days_events():
    written = ["2024-01-04", "[2024-01-01..2024-01-04]", "2024-01-03", "2024-01",
               "[2024-01-01..]", "2024-01-01", "[..2024-01-04]", "2024-01-02/2024-01-05",
               "2024-01-05", "[2024-01-02..2024-01-04]"]
    ordered = sorted((parse(text) for text in written), key=lambda d: d.order)
    assert [d.edtf for d in ordered] == [
        "2024-01-01",                # a day
        "[2024-01-01..]",            # on or after 1 January: after all of 1 January
        "2024-01-02/2024-01-05",     # a span that began on a known day, at that day
        "2024-01-03",
        "[2024-01-02..2024-01-04]",  # one day of 2-4 January: at the 4th, the
        "[2024-01-01..2024-01-04]",  # narrower range first,
        "[..2024-01-04]",            # then by 4 January
        "2024-01-04",                # events of the 4th come after what may precede them
        "2024-01-05",
        "2024-01",                   # a month at its last day, after the days it holds
    ]


def test_a_span_does_not_pretend_an_order():
    """Issue 18's trial: the mortar attack S58 places "in late 2023", coded 2023-41,
    sorted at 1 July and showed before "7 October 2023", as though it came before the
    war. Every date whose day is not known (a season, half, quarter, month, part of a
    month, year, decade, an approximate or uncertain date, one day of a range, a span
    begun on an unknown day) sorts at the last day it can mean, ahead of that day's
    events: nothing listed after it can have come before it. Days keep their order."""
    days = ["2023-07-01", "2023-10-07", "2023-12-31", "2024-01-01"]
    for text, qualifier, at in [
        ("2023-41", None, dt.date(2023, 12, 31)),        # second half of 2023
        ("2023-23", None, dt.date(2023, 11, 30)),        # autumn 2023
        ("2023-36", None, dt.date(2023, 12, 31)),        # fourth quarter
        ("2023-10", None, dt.date(2023, 10, 31)),        # a month
        ("2023-10", "late", dt.date(2023, 10, 31)),      # late October
        ("2023-10", "early", dt.date(2023, 10, 10)),     # early October
        ("2023", None, dt.date(2023, 12, 31)),           # a year
        ("2023", "as-early-as", dt.date(2023, 12, 31)),
        ("2023~", None, dt.date(2023, 12, 31)),          # about 2023
        ("2023-10?", None, dt.date(2023, 10, 31)),       # October 2023, uncertain
        ("202X", None, dt.date(2029, 12, 31)),           # the 2020s
        ("2023-XX-XX", None, dt.date(2023, 12, 31)),
        ("[2023-07-01..2023-12-31]", None, dt.date(2023, 12, 31)),
        ("2023-07/2024-02", None, dt.date(2023, 7, 31)),  # began in July 2023
        ("{2023-07, 2024-01-05}", None, dt.date(2023, 7, 31)),
    ]:
        date = parse(text, qualifier)
        assert date.listed_on == at, text
        assert date.placed_at_end, text
        listed = sorted([*(parse(day) for day in days), date], key=lambda d: d.order)
        position = listed.index(date)
        # After every day before `at`, before every day from `at` on.
        assert all(d.listed_on < at for d in listed[:position]), text
        assert all(d.listed_on >= at for d in listed[position + 1:]), text
        assert [d.edtf for d in listed if d is not date] == days, text
    assert parse("2023-07/2024-02").start_unknown
    assert not parse("2023-41").start_unknown


def test_narrower_dates_of_unknown_day_come_first_at_one_last_day():
    written = ["2025", "2025-12", "2025-12-20", "2025-41", "2025-12-31",
               "[2025-12-01..2025-12-31]"]
    ordered = sorted((parse(text) for text in written), key=lambda d: d.order)
    assert [d.edtf for d in ordered] == [
        "2025-12-20", "2025-12", "[2025-12-01..2025-12-31]", "2025-41", "2025",
        "2025-12-31"]


@pytest.mark.parametrize("text", ["2024-01-04", "2024-01-04/2024-01-07", "2024-01-04/..",
                                  "{2024-01-04, 2024-01-07}", "[2024-01-04..]",
                                  "2024-01-04~"])
def test_a_date_that_starts_on_a_known_day_is_not_placed_at_its_end(text):
    date = parse(text)
    assert date.listed_on == dt.date(2024, 1, 4)
    assert not date.placed_at_end


def test_what_has_no_known_start_is_listed_at_its_end_and_no_known_end_at_its_start():
    assert parse("../2024-01-04").listed_on == dt.date(2024, 1, 4)
    assert parse("[..2024-01-04]").listed_on == dt.date(2024, 1, 4)
    assert parse("2024-01-01/..").listed_on == dt.date(2024, 1, 1)
    assert parse("[2024-01-01..]").listed_on == dt.date(2024, 1, 1)
    assert parse("2023-10", "late").listed_on == dt.date(2023, 10, 31)


@pytest.mark.parametrize(("edtf", "words"), [
    # Retrial of issue 15: "spring 99", "31 December 9 – 1 January 10" read as 1999 or
    # as numbers. A year before 1000 is followed by CE (kb/dates/words.py).
    ("0099", "99 CE"),
    ("0099-21", "spring 99 CE"),
    ("0009-12-31/0010-01-01", "31 December 9 – 1 January 10 CE"),
    ("0800-03", "March 800 CE"),
    ("0800~", "about 800 CE"),
    ("009X", "the 90s CE (year not known)"),
    ("[..0099]", "in or before 99 CE"),
    ("0999-12-31/1000-01-02", "31 December 999 CE – 2 January 1000"),
    ("1000", "1000"),
    ("2024-01-04", "4 January 2024"),
])
def test_a_year_before_1000_is_never_shown_bare(edtf, words):
    assert parse(edtf).words() == words
