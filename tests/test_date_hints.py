"""A date written as a source prints it gets "did you mean …?" where one reading is sure,
and says so where day and month could swap (issue 15, item 11)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.dates.date import DateError, parse
from kb.dates.hints import hint


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


# ---------------------------------------------------------------------------- nothing lost
# A suggestion keeps everything written: two dates are never read as one, and a number
# left over is named rather than dropped (trial of issue 15: "2024-01-04 - 2024-01-07"
# got "Did you mean 2024-01-04?" with the year 2024 read as the time 20:24).

SPAN = ("{a}/{b} if it lasted from the one to the other, or \"[{a}..{b}]\" if it happened "
        "once between them, unknown when (see 'Dates' in the editing guide).")


@pytest.mark.parametrize(("written", "dates", "first", "last"), [
    # The trial's cases.
    ("2024-01-04 - 2024-01-07", "4 January 2024 and 7 January 2024", "2024-01-04",
     "2024-01-07"),
    ("2024-01-04 -- 2024-01-07", "4 January 2024 and 7 January 2024", "2024-01-04",
     "2024-01-07"),
    ("4-7 January 2024", "4 January 2024 and 7 January 2024", "2024-01-04", "2024-01-07"),
    ("1-4 January 2024", "1 January 2024 and 4 January 2024", "2024-01-01", "2024-01-04"),
    # Other ways of writing a span.
    ("2024-01-04 to 2024-01-07", "4 January 2024 and 7 January 2024", "2024-01-04",
     "2024-01-07"),
    ("from 4 to 7 January 2024", "4 January 2024 and 7 January 2024", "2024-01-04",
     "2024-01-07"),
    ("4–7 January 2024", "4 January 2024 and 7 January 2024", "2024-01-04", "2024-01-07"),
    ("January - March 2024", "January 2024 and March 2024", "2024-01", "2024-03"),
    ("2023 – 2024", "2023 and 2024", "2023", "2024"),
    ("30 December 2023 to 2 January 2024", "30 December 2023 and 2 January 2024",
     "2023-12-30", "2024-01-02"),
])
def test_a_span_in_words_gets_the_forms_that_keep_both_dates(written, dates, first, last):
    message = refusal(written)
    assert message.endswith(f"It names two dates, {dates}; write "
                            + SPAN.format(a=first, b=last))
    assert "Did you mean" not in message


@pytest.mark.parametrize(("written", "says"), [
    ("4 and 5 January 2024", "It names two dates, 4 January 2024 and 5 January 2024; write "
     "\"{2024-01-04, 2024-01-05}\" if it happened on each of them, or "
     "2024-01-04/2024-01-05 if it lasted from the one to the other"),
    ("4 or 7 January 2024", "It names two dates, 4 January 2024 and 7 January 2024; write "
     "\"[2024-01-04, 2024-01-07]\" if it happened on one of them, unknown which"),
    ("between 1 and 4 January 2024", "It names two dates, 1 January 2024 and 4 January "
     "2024; write \"[2024-01-01..2024-01-04]\" if it happened once between them, unknown "
     "when, or 2024-01-01/2024-01-04 if it lasted from the one to the other"),
])
def test_two_dates_joined_by_and_or_or_get_the_forms_those_words_mean(written, says):
    assert refusal(written).endswith(f"{says} (see 'Dates' in the editing guide).")


@pytest.mark.parametrize("written", [
    "January 4-7, 2024",  # the month with one day, the year with the other
    "7 January 2024 - 4 January 2024",  # the later first
    "2024-01-04 2024-01-07",  # nothing between them
    "4 and 5",
])
def test_two_dates_not_read_in_full_get_the_forms_by_example_and_no_suggestion(written):
    message = refusal(written)
    assert message.endswith(
        "It seems to name more than one date; write each year first, and join them as the "
        "source means, such as 2024-01-04/2024-01-07 if it lasted from the first day to "
        "the last, \"[2024-01-04..2024-01-07]\" if it happened once between them, unknown "
        "when, \"{2024-01-04, 2024-01-07}\" if it happened on each (see 'Dates' in the "
        "editing guide).")


@pytest.mark.parametrize(("written", "left"), [
    ("2023.10", "'10'"),  # once "Did you mean 2023?"
    ("2024-01-04 07", "'07'"),  # once read as 7 in the morning
    ("4 January 2024 12", "'12'"),
    ("2024.01.04.05", "'05'"),
])
def test_what_is_left_over_from_a_reading_is_named_and_nothing_suggested(written, left):
    message = refusal(written)
    assert message.endswith(f"Part of it was not understood as part of one date: {left}; "
                            "write the date year first, as the source gives it (see 'Dates' "
                            "in the editing guide).")
    assert "Did you mean" not in message


@pytest.mark.parametrize("written", ["10.2023", "017", "12.2023", "1.2.3"])
def test_text_read_as_no_date_in_other_words_gets_the_accepted_forms_alone(written):
    # Once "A day of the week or a time of day is not a date" for 10.2023 and 017.
    message = refusal(written)
    assert message.endswith("in EDTF, the standard date notation"), message


_JOINERS = st.sampled_from([" - ", " -- ", "–", " – ", " to ", " and ", " or ", " until "])
_FORMATS = st.sampled_from(["%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d/%m/%Y", "%B %Y", "%Y"])


@given(st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)),
       st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)), _FORMATS, _JOINERS)
def test_two_dates_in_one_text_are_never_suggested_as_one(one, other, form, joiner):
    text = one.strftime(form) + joiner + other.strftime(form)
    message = hint(text)
    assert "Did you mean" not in message
    if message.startswith("It names two dates"):
        assert one.strftime("%Y") in message and other.strftime("%Y") in message


@pytest.mark.parametrize(("written", "meant", "says"), [
    # The case of the retrial of issue 15: a second date, 2024-01-07, was made up.
    ("4 January 2024 or earlier", "[..2024-01-04]", "one day, on or before 4 January 2024"),
    ("4 January 2024 or before", "[..2024-01-04]", "one day, on or before 4 January 2024"),
    ("by 4 January 2024", "[..2024-01-04]", "one day, on or before 4 January 2024"),
    ("no later than January 2024", "[..2024-01]", "one month, on or before January 2024"),
    ("on or before 4 Jan 2024", "[..2024-01-04]", "one day, on or before 4 January 2024"),
    ("2024-01-04 at the latest", "[..2024-01-04]", "one day, on or before 4 January 2024"),
    ("before 1 January 2024", "[..2023-12-31]", "one day, before 1 January 2024"),
    ("before January 2024", "[..2023-12]", "one month, before January 2024"),
    ("4 January 2024 or later", "[2024-01-04..]", "one day, on or after 4 January 2024"),
    ("4 January 2024 or after", "[2024-01-04..]", "one day, on or after 4 January 2024"),
    ("not before 5 Jan 2024", "[2024-01-05..]", "one day, on or after 5 January 2024"),
    ("after 2023", "[2024..]", "one year, after 2023"),
    ("after 31 December 2023", "[2024-01-01..]", "one day, after 31 December 2023"),
    ("since 2019", "[2019..]", "one year, on or after 2019"),
    ("from March 2020 on", "[2020-03..]", "one month, on or after March 2020"),
    ("from 4 January 2024 onwards", "[2024-01-04..]", "one day, on or after 4 January 2024"),
])
def test_one_end_of_a_range_gets_one_day_of_the_open_range(written, meant, says):
    found = hint(written)
    assert found.startswith(f'Did you mean "{meant}" ({says}, unknown which)'), found
    # Only the date written: no second one made up to close the range.
    assert "/20" not in found and ".." in found and "It names two dates" not in found
    parse(meant.strip('"'))  # what it suggests is a valid date


def test_since_also_offers_the_open_span():
    assert hint("since 2019") == (
        'Did you mean "[2019..]" (one year, on or after 2019, unknown which), or 2019/.. '
        "(lasting from 2019 on, with no end yet)? See 'Dates' in the editing guide.")


def test_the_case_of_the_retrial_through_the_refusal():
    assert 'Did you mean "[..2024-01-04]"' in refusal("4 January 2024 or earlier")
