"""What a statement claims, and what a source's text says (kb.checks.claims)."""

from __future__ import annotations

from kb.checks.claims import Gazetteer, claims, date_claims
from kb.dates.date import parse


def shown(text: str, names: Gazetteer | None = None) -> list[tuple[str, str]]:
    return [(c.kind, c.shown) for c in claims(text, names)]


def test_names_numbers_and_dates_are_claimed_in_text_order():
    assert shown("On 28 January 2024 a drone killed three soldiers at Tower 22 in Jordan.") \
        == [("date", "28 January 2024"), ("number", "three"), ("name", "Tower"),
            ("number", "22"), ("name", "Jordan")]


def test_words_opening_a_sentence_are_names_only_when_not_common_words():
    assert shown("The group said. After that, Kataib Hezbollah paused.") == [
        ("name", "Kataib Hezbollah")]
    assert shown("Palestinian armed group.") == [("name", "Palestinian")]


def test_descriptions_made_of_a_name_and_a_participle_are_one_claim():
    assert shown("A Saudi-owned channel and an Abu Dhabi-based paper, Iran-backed.") == [
        ("compound", "Saudi-owned"), ("compound", "Abu Dhabi-based"),
        ("compound", "Iran-backed")]


def test_links_and_known_names_are_claims_of_their_entry():
    names = Gazetteer([("pmf", ["Popular Mobilization Forces", "PMF"]),
                       ("tower-22", ["Tower 22"])])
    found = claims("[[abu-taqwa]] led [[pmf|the PMF's]] unit near Tower 22.", names)
    assert [(c.kind, c.key) for c in found] == [
        ("link", ("abu-taqwa",)), ("link", ("pmf",)), ("link", ("pmf",)),
        ("link", ("tower-22",))]


def test_years_alone_are_dates_and_decades_are_numbers():
    assert [(c.kind, c.key) for c in claims("In 2019 and the 1990s, 2,500 troops.")] == [
        ("date", (2019, None, None)), ("number", (1990,)), ("number", (2500,))]


def test_structured_dates_claim_each_end_at_its_precision():
    assert [c.key for c in date_claims(parse("2024-01-04/2024-01-07"))] == [
        (2024, 1, 4), (2024, 1, 7)]
    assert [c.key for c in date_claims(parse("2023-10"))] == [(2023, 10, None)]
    assert date_claims(None) == []
