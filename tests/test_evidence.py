"""What a source's text says (kb.checks.evidence): names, numbers, dates as sources write them."""

from __future__ import annotations

import pytest

from kb.checks.claims import claims
from kb.checks.evidence import Evidence, verbatim_text
from kb.dates.date import parse
from kb.text.spelling import spelling_key


@pytest.mark.parametrize("claim_text", [
    "4 January 2024", "January 4", "4 January", "January 2024", "2024"])
def test_dates_match_in_the_ways_sources_write_them(claim_text):
    for source in ("on Jan. 4, 2024", "January 4, 2024", "dated 2024-01-04",
                   "the post (1/4/24)"):
        evidence = Evidence(source)
        assert all(evidence.says(c) for c in claims(claim_text)), (claim_text, source)


def test_a_weekday_is_the_day_it_names_in_the_week_before_publication():
    evidence = Evidence("The strike on Thursday killed him.", parse("2024-01-07"))
    assert evidence.says(claims("4 January 2024")[0])  # the Thursday before Sunday 7th
    assert not evidence.says(claims("5 January 2024")[0])


def test_a_year_is_implied_by_the_source_date_but_not_another_year():
    evidence = Evidence("He was killed on January 4.", parse("2024-01-07"))
    assert evidence.says(claims("4 January 2024")[0])
    assert not evidence.says(claims("4 January 2020")[0])
    assert not evidence.says(claims("January 2020")[0])


def test_numbers_match_as_digits_or_words():
    evidence = Evidence("Three US soldiers and 2,500 troops; a dozen drones.")
    assert [evidence.says(c) for c in claims("3 soldiers, 2500 troops, twelve drones")] == [
        True, True, True]
    assert not evidence.says(claims("four soldiers")[0])


def test_names_fold_spelling_transliteration_titles_and_demonyms():
    evidence = Evidence("Maj. Gen. Pat Ryder said Hizballah and the Iraqi defence minister "
                        "met in Syria.")
    for name in ("Hezbollah", "Major", "General", "Iraq", "Syrian", "Defense"):
        assert evidence.has_word(name), name
    assert not evidence.has_word("British")
    assert spelling_key("organisation") == spelling_key("organization")


def test_whole_names_must_appear_in_order():
    evidence = Evidence("Mushtaq Jawad Kazim al Jawari, also called Abu Taqwa")
    assert evidence.has_name("Mushtaq Jawad Kazim al-Jawari")
    assert evidence.has_name("Abu Taqwa")
    assert not evidence.has_name("Mushtaq Taleb al-Saeedi")
    assert not evidence.has_name("Jawari Mushtaq")


def test_a_description_needs_its_own_words_not_only_the_name():
    assert Evidence("an Abu Dhabi-based newspaper").says(claims("Abu Dhabi-based")[0])
    assert Evidence("a paper based in Abu Dhabi").says(claims("Abu Dhabi-based")[0])
    assert not Evidence("The US said; the network is funded.").says(claims("US-funded")[0])
    assert Evidence("funded by the US Congress").says(claims("US-funded")[0])


def test_a_quote_is_found_in_a_source_saved_with_decomposed_accents():
    source = Evidence("He said: \u201cthe cafe\u0301 is closed\u201d.")
    assert verbatim_text("the café is closed") in source.verbatim
