"""Events related to earlier ones (`responds_to`), and which ends a relation may have:
declared once in kb.model.RELATION_TYPES, checked, shown on both pages and drawn."""

from __future__ import annotations

import pytest

from kb.model import RELATION_TYPES
from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render import render
from kb.pipeline.render.exports import knowledge_base
from kb.pipeline.validate import validate
from tests.conftest import read_pages, table_rows

ATTACK = """\
name: Drone attack on the base
type: attack
date: {date}
summary:
  text: A drone hit a base.
  cite: [report]
"""
STRIKES = """\
name: Strikes in answer
type: strike
date: {date}
relations:
  - type: responds_to
    target: attack
    cite: [report]
summary:
  text: Strikes answered the attack.
  cite: [report]
"""
PERSON = """\
name: Ada
summary:
  text: A spokeswoman.
  cite: [report]
relations:
  - {type: responds_to, target: attack, cite: [report]}
"""


def errors(root) -> list[str]:
    _, problems = validate(load(root / "data", root=root))
    return [str(p) for p in problems if p.severity == "error"]


def test_an_event_responding_to_an_earlier_one_is_valid_and_shown_both_ways(data_tree):
    root = data_tree({"events/attack.yaml": ATTACK.format(date="2024-01-03"),
                      "events/strikes.yaml": STRIKES.format(date="2024-01-05")})
    assert errors(root) == []
    linked = link(validate(load(root / "data", root=root))[0])
    pages = read_pages(render(linked))
    strikes, attack = pages["events/strikes.md"], pages["events/attack.md"]
    # A row on each page: read from the response, and from what it answers.
    assert [row[:2] for row in table_rows(strikes) if row[0] == "Responds to"] == [
        ("Responds to", "[Drone attack on the base](attack.md)")]
    assert [row[:2] for row in table_rows(attack) if row[0] == "Responses"] == [
        ("Responses", "[Strikes in answer](strikes.md)")]
    # The network draws it, labelled, on both pages and on the whole network.
    line = ('data-type="responds_to" data-ends="strikes attack" data-reported="2024-01-07">'
            "<title>Strikes in answer — responds to — Drone attack on the base</title>")
    assert line in strikes and line in attack and line in pages["network.md"]
    assert "### Responds to" in pages["network.md"]
    relation = knowledge_base(linked)["relations"][0]
    assert (relation["subject"], relation["type"], relation["label"], relation["target"]) == (
        "strikes", "responds_to", "responds to", "attack")


@pytest.mark.parametrize(("attack", "strikes"), [
    ("2024-01-05", "2024-01-05"),  # the same day
    ("2024-01", "2024-01-05"),  # a month holding the day
    ('"[2024-01-04..2024-01-06]"', "2024-01-05"),  # one day of a range reaching past it
    ("2024-01-03", "2024-01-04/2024-01-07"),  # a span
])
def test_a_response_may_share_its_day_with_what_it_answers(data_tree, attack, strikes):
    root = data_tree({"events/attack.yaml": ATTACK.format(date=attack),
                      "events/strikes.yaml": STRIKES.format(date=strikes)})
    assert errors(root) == []


@pytest.mark.parametrize(("attack", "strikes", "words"), [
    ("2024-01-06", "2024-01-05", "'attack' (6 January 2024) is later than this event "
                                 "(5 January 2024)"),
    ("2023-12", "2023-11", "'attack' (December 2023) is later than this event "
                           "(November 2023)"),
    ('"[2024-01-06..2024-01-08]"', "2024-01-04/2024-01-05",
     "'attack' (between 6 and 8 January 2024) is later than this event (4–5 January 2024)"),
])
def test_a_response_dated_before_what_it_answers_is_refused(data_tree, attack, strikes,
                                                            words):
    root = data_tree({"events/attack.yaml": ATTACK.format(date=attack),
                      "events/strikes.yaml": STRIKES.format(date=strikes)})
    assert errors(root) == [
        f"data/events/strikes.yaml:6:5: relations[0].target: {words}; 'responds_to' links "
        "an event to one that came before it. Check both dates, or write the relation on "
        "the later event's page"]


@pytest.mark.parametrize(("folder", "kind", "text"), [
    ("people", "person", PERSON),
    ("groups", "group", PERSON.replace("Ada", "Ministry") + "type: government body\n"),
    ("places", "place", PERSON.replace("Ada", "Base") + "type: military base\n"),
])
def test_responds_to_is_written_on_an_event_only(data_tree, folder, kind, text):
    root = data_tree({"events/attack.yaml": ATTACK.format(date="2024-01-03"),
                      f"{folder}/ada.yaml": text})
    fitting = ", ".join(name for name, t in RELATION_TYPES.items() if kind in t.subjects)
    assert errors(root) == [
        f"data/{folder}/ada.yaml:6:6: relations[0].type: 'responds_to' is written on the "
        f"page of an event, and 'ada' is a {kind}; write it on the other entry's page, or "
        f"use one of {fitting}"]
    assert "responds_to" not in fitting


@pytest.mark.parametrize("target", ["ada", "outlet"])
def test_an_event_responds_to_events_only(data_tree, target):
    root = data_tree({"people/ada.yaml": PERSON.replace("relations:\n", "").replace(
        "  - {type: responds_to, target: attack, cite: [report]}\n", ""),
        "events/attack.yaml": ATTACK.format(date="2024-01-03"),
        "events/strikes.yaml": STRIKES.format(date="2024-01-05").replace(
            "target: attack", f"target: {target}")})
    kind = "a person" if target == "ada" else "a group"
    assert errors(root) == [
        f"data/events/strikes.yaml:6:5: relations[0].target: '{target}' is {kind}, but "
        "target of 'responds_to' must be an event"]


# ---------------------------------------------------------------------------- since, until
# The two ends of one span, refused when they run backwards as a single date's
# interval is (trial of issue 15: since 2024, until 2020 showed "2024 – 2020").

MEMBER = """\
name: Ada
summary:
  text: A spokeswoman.
  cite: [report]
relations:
  - type: member_of
    target: party
    since: {since}
    until: {until}
    cite: [report]
"""
PARTY = """\
name: The Party
type: political movement
summary:
  text: A party.
  cite: [report]
"""


@pytest.mark.parametrize(("since", "until", "words"), [
    ("2024", "2020", "it ends (2020) before it begins (since: 2024)"),
    ("2024-01-05", "2024-01-04", "it ends (4 January 2024) before it begins (since: 5 "
                                 "January 2024)"),
    ('"[2024-01-01..2024-01-04]"', "2023-12", "it ends (December 2023) before it begins "
                                               "(since: between 1 and 4 January 2024)"),
    ("2019~", '"[2016..2017]"', "it ends (2016 or 2017) before it begins (since: "
                                "about 2019)"),
    ("{edtf: 2023-10, qualifier: late}", "2023-10-20",
     "it ends (20 October 2023) before it begins (since: late October 2023)"),
])
def test_since_after_until_is_refused_at_until(data_tree, since, until, words):
    root = data_tree({"people/ada.yaml": MEMBER.format(since=since, until=until),
                      "groups/party.yaml": PARTY})
    assert errors(root) == [
        f"data/people/ada.yaml:9:5: relations[0].until: the link runs backwards: {words}; "
        f"since is when the link began and until when it ended, the earlier first"]


@pytest.mark.parametrize(("since", "until"), [
    ("2024", "2024"),  # began and ended that year
    ("2024-06", "2024"),  # began in June, ended later that year
    ("2020", "2024-01-04"),
    ('"[..2024-01-04]"', "2020"),  # no known first day: nothing to compare
    ("2024-01-04", '"[2023-01-01..]"'),
])
def test_since_and_until_that_may_be_in_order_are_accepted(data_tree, since, until):
    root = data_tree({"people/ada.yaml": MEMBER.format(since=since, until=until),
                      "groups/party.yaml": PARTY})
    assert errors(root) == []


ONE_END = ("Write one date (2024-01-04, 2024-01, 2024), or, if the source gives only "
           "bounds, one day of a range in quotes (\"[2019..2020]\", \"[..2020]\" on or "
           "before, \"[2019..]\" on or after)")


@pytest.mark.parametrize(("field", "written", "edtf", "what"), [
    # The cases of the retrial of issue 15, each valid and read as nonsense.
    ("since", '"../0001-01-01"', "../0001-01-01", "a span (from one date to another)"),
    ("since", '"/2024"', "/2024", "a span (from one date to another)"),
    ("until", '"1964/2008"', "1964/2008", "a span (from one date to another)"),
    ("until", '"{1960,1961-12}"', "{1960,1961-12}", "several dates (all of them)"),
    ("until", '"2024-01-04/.."', "2024-01-04/..", "a span (from one date to another)"),
    # Other spans and sets of several dates.
    ("since", "2019/2020", "2019/2020", "a span (from one date to another)"),
    ("since", '"2019/"', "2019/", "a span (from one date to another)"),
    ("since", '"{2019, 2020}"', "{2019, 2020}", "several dates (all of them)"),
])
def test_a_span_or_several_dates_as_one_end_is_refused(data_tree, field, written, edtf,
                                                       what):
    other = {"since": "until", "until": "since"}[field]
    text = MEMBER.format(since=written, until="x").replace(
        "    until: x\n", "") if field == "since" else MEMBER.format(
        since="x", until=written).replace("    since: x\n", "")
    root = data_tree({"people/ada.yaml": text, "groups/party.yaml": PARTY})
    began = "began" if field == "since" else "ended"
    assert other not in text
    assert errors(root) == [
        f"data/people/ada.yaml:8:5: relations[0].{field}: '{edtf}' is {what}, but {field} "
        f"is one end of the link: the day it {began}. {ONE_END}"]


@pytest.mark.parametrize("written", ['"[2019..2020]"', '"[..2020]"', '"[2019..]"',
                                     '"[2019, 2020]"', "2019~", "2019-21"])
def test_one_day_of_a_range_as_one_end_is_kept(data_tree, written):
    root = data_tree({"people/ada.yaml": MEMBER.format(since=written, until="2024"),
                      "groups/party.yaml": PARTY})
    assert errors(root) == []
