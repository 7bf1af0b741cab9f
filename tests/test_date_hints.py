"""A date written as a source prints it gets "did you mean …?" where one reading is sure,
and says so where day and month could swap (issue 15, item 11)."""

from __future__ import annotations

import pytest

from kb.dates import DateError, parse


def refusal(text: str) -> str:
    with pytest.raises(DateError) as refused:
        parse(text)
    return str(refused.value)


@pytest.mark.parametrize(("written", "meant"), [
    # The cases of the issue.
    ("26/11/2025", "2025-11-26"),
    ("Nov 26 2025", "2025-11-26"),
    ("26 November 2025", "2025-11-26"),
    ("November 2025", "2025-11"),
    # Other ways sources print dates.
    ("Jan. 5, 2024", "2024-01-05"),
    ("January 5th, 2024", "2024-01-05"),
    ("Friday, 5 January 2024", "2024-01-05"),
    ("5 Jan 2024", "2024-01-05"),
    ("2024/01/05", "2024-01-05"),  # year first: nobody writes year, day, month
    ("2024-1-5", "2024-01-05"),
    ("20240105", "2024-01-05"),
    ("13.1.2024", "2024-01-13"),
    ("January 2020", "2020-01"),
    ("late October 2023", "{edtf: 2023-10, qualifier: late}"),
    ("early Nov. 2023", "{edtf: 2023-11, qualifier: early}"),
    ("about 2020", "2020~ (about 2020)"),
    ("circa 2019", "2019~ (about 2019)"),
])
def test_a_date_in_other_words_gets_the_edtf_it_means(written, meant):
    message = refusal(written)
    assert message.startswith(f"'{written}' is not a date this site can read; expected a date")
    assert message.endswith(f"Did you mean {meant}?")


@pytest.mark.parametrize(("written", "options"), [
    ("03/04/2024", "2024-03-04 (4 March 2024) or 2024-04-03 (3 April 2024)"),
    ("5.1.2024", "2024-05-01 (1 May 2024) or 2024-01-05 (5 January 2024)"),
    ("12-11-2023", "2023-12-11 (11 December 2023) or 2023-11-12 (12 November 2023)"),
])
def test_where_day_and_month_could_swap_both_readings_are_given_and_none_chosen(written,
                                                                               options):
    message = refusal(written)
    assert message.endswith(f"Day and month could be either way round: {options}; write "
                            f"the one the source means, year first.")
    assert "Did you mean" not in message


@pytest.mark.parametrize(("written", "says"), [
    ("26/11/25", "Write the year in full: a year of two digits may be 2025 or another "
                 "century."),
    ("5 Jan", "It gives no year: write the year the source means, year first (YYYY-01-05)."),
    ("Thursday", "A day of the week or a time of day is not a date: work the date out from "
                 "the source's own date (see 'Dates' in the editing guide)."),
])
def test_nothing_is_suggested_that_the_text_does_not_say(written, says):
    message = refusal(written)
    assert message.endswith(says) and "Did you mean" not in message


def test_a_day_of_the_week_that_does_not_fit_the_date_is_pointed_out_not_corrected():
    assert refusal("Friday 6 January 2024").endswith(
        "Did you mean 2024-01-06? 6 January 2024 was a Saturday, not a Friday: check which "
        "the source means.")


def test_a_time_of_day_is_never_kept():
    assert refusal("4 January 2024 at 20:11").endswith(
        "Did you mean 2024-01-04? The site shows dates to the day: if the time (20:11) "
        "matters, give it in words in a note.")
    assert refusal("2024-01-07 20:11").startswith(
        "'2024-01-07 20:11' gives a time of day (20:11); this site shows dates to the day: "
        "write the day alone, 2024-01-07")


@pytest.mark.parametrize("written", [
    "26/11/2025", "03/04/2024", "January 2020", "", "2024-13-01", "[2024-01-04..2024-01-01]",
    "not a date", "2024-01-07T20:11:00+03:00", "Y17E7", "2010-24", "-0999",
])
def test_messages_say_date_before_edtf(written):
    message = refusal(written)
    assert "date" in message
    assert "EDTF" not in message or message.index("date") < message.index("EDTF")
