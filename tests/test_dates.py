import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.dates import DateError, FuzzyDate, _edtf_bounds, _plain_bounds, parse


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
    with pytest.raises(DateError, match="unknown qualifier 'later'"):
        parse("2024-01", "later")


@given(st.dates(min_value=dt.date(1, 1, 1)), st.dates(min_value=dt.date(1, 1, 1)),
       st.sampled_from(["day", "month", "year"]), st.sampled_from(["", "~", "?", "%"]))
def test_plain_dates_read_without_edtf_have_the_bounds_edtf_gives(first, second, precision,
                                                                  flag):
    def written(day: dt.date) -> str:
        text = {"day": day.isoformat(), "month": day.isoformat()[:7],
                "year": day.isoformat()[:4]}[precision]
        return text + flag

    for text in (written(first), f"{written(first)}/{written(second)}"):
        assert _plain_bounds(text) == _edtf_bounds(text), text


@pytest.mark.parametrize("text", ["2023-02-29", "2024-13", "2024-00-10", "0000"])
def test_days_not_on_the_calendar_are_refused_by_the_fast_path_too(text):
    with pytest.raises(DateError, match="not a date"):
        parse(text)
