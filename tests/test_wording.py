"""Counts, lists and suggestions read alike in every message and page, from one helper
each (issue 16, item 6: the plural was written four times, did-you-mean twice)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from kb.model import Draft
from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render.citations import speakers
from kb.pipeline.render.disagreements import disagreements_page
from kb.pipeline.render.draft import draft_page
from kb.pipeline.validate import validate
from kb.problems import Problem, did_you_mean, errors, format_problems
from kb.text import characters
from kb.text.wording import count, series, with_article
from kb.tools.cli import main
from kb.tools.preview import problems_report
from tests.conftest import ROOT, linked_tree, reading


def test_a_count_is_singular_for_one_only():
    assert [count(n, "error") for n in (0, 1, 2, 12)] == [
        "0 errors", "1 error", "2 errors", "12 errors"]
    assert count(1, "more character") == "1 more character"
    assert count(3, "browser test") == "3 browser tests"
    assert count(1, "test against the source material",
                 "tests against the source material") == "1 test against the source material"
    assert count(2, "test against the source material",
                 "tests against the source material") == "2 tests against the source material"


def test_a_series_reads_as_a_list_in_a_sentence():
    assert series(["A"]) == "A"
    assert series(["A", "B"]) == "A and B"
    assert series(["A", "B", "C"]) == "A, B and C"
    assert series(["event", "group"], "or") == "event or group"
    assert series(["event", "group", "person"], "or") == "event, group or person"
    with pytest.raises(ValueError, match="no items"):
        series([])


def test_a_kind_takes_its_article():
    assert with_article("event") == "an event"
    assert with_article("group") == "a group"
    assert with_article(series(["event", "group", "person"], "or")) == \
        "an event, group or person"
    assert with_article("outlet") == "an outlet"


def test_did_you_mean_suggests_a_choice_or_what_a_spelling_stands_for():
    assert did_you_mean("nmae", ["name", "aliases"]) == " Did you mean 'name'?"
    assert did_you_mean("zzz", ["name"]) == ""
    # What the closest choice stands for: 'persons' is nearest the kind 'person', whose
    # folder is 'people'; a mapping of choices is not that ('printed' is meant, not
    # what it means).
    folders = {"person": "people", "place": "places"}
    choices = [*folders, "people", "places"]
    assert did_you_mean("persons", choices, instead=folders) == " Did you mean 'people'?"
    assert did_you_mean("peple", choices, instead=folders) == " Did you mean 'people'?"
    assert did_you_mean("xyz", choices, instead=folders) == ""
    assert did_you_mean("print", {"printed": "printed on the page"}) == " Did you mean 'printed'?"


# Each place that wrote its own plural, with one and with several.

def test_the_count_of_errors_in_the_report_and_the_preview_banner():
    one = [Problem("data/people/a.yaml", 1, 1, "wrong")]
    two = [*one, Problem("data/people/b.yaml", 2, 1, "wrong too")]
    warning = Problem("data/people/c.yaml", 3, 1, "odd", "warning")
    assert format_problems([*one, warning]).splitlines()[-1] == "1 error in data/"
    assert format_problems(two).splitlines()[-1] == "2 errors in data/"
    assert format_problems([warning]).splitlines()[-1] == "0 errors in data/"
    assert problems_report([*one, warning])["title"].startswith("data/ has 1 error: this preview")
    assert problems_report(two)["title"].startswith("data/ has 2 errors: this preview")


def test_the_count_of_what_a_draft_has_left():
    def title(placeholders: int, others: int = 0) -> str:
        found = tuple(Problem("data/people/x.yaml", n + 1, 1, "TODO")
                      for n in range(placeholders + others))
        _, page = draft_page(Draft("x", "person", "data/people/x.yaml", "X", found,
                                   placeholders=placeholders))
        return re.search(r"Draft: [^<]*", page)[0]

    assert [title(1), title(3), title(1, 2)] == [
        "Draft: 1 thing left to fill in", "Draft: 3 things left to fill in",
        "Draft: 1 thing left to fill in and 2 problems to fix"]


def test_the_count_of_more_refused_characters():
    assert "more" not in (characters.problem("a\x01b") or "")
    two = characters.problem("a\x01b\x02c")
    three = characters.problem("a\x01b\x02c\x03d")
    assert "(and 1 more character refused after it)" in two
    assert "(and 2 more characters refused after it)" in three


def test_the_disagreements_page_counts_points_and_pages():
    _, page = disagreements_page(linked_tree(ROOT))
    counted = re.search(r"(\d+) points? on (\d+) pages?\.", page)
    assert counted, page[:400]
    assert counted[0] == f"{count(int(counted[1]), 'point')} on {count(int(counted[2]), 'page')}."


def test_the_count_of_items_a_list_needs(data_tree):
    # Written 'item(s)' before, the one count without a plural of its own; and a
    # disagreement of one version was said to have none.
    person = ("name: Ada\nsummary:\n  text: A person.\n  cite: [report]\ndisputes:\n"
              "  - about: Age\n    versions:\n      - value: '3'\n        cite: [report]\n")
    _, found = validate(load(data_tree({"people/ada.yaml": person,
                                        "story/01-x.yaml": "title: X\nsentences: []\n"}) / "data"))
    assert [str(p) for p in errors(found)] == [
        "data/people/ada.yaml:7:5: disputes[0].versions: needs at least 2 items, found 1",
        "data/story/01-x.yaml:2:1: sentences: needs at least 1 item, found none"]


def test_the_count_of_schema_files_written(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "schema"]) == 0
    written = capsys.readouterr().out.splitlines()[0]
    assert re.fullmatch(r"\d+ schema files updated in schema/", written), written
    assert main(["--root", str(tmp_path), "schema"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "0 schema files updated in schema/"
    (tmp_path / "schema" / "person.schema.json").write_text("{}")
    assert main(["--root", str(tmp_path), "schema"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "1 schema file updated in schema/"


def test_speakers_of_a_quote_said_jointly(data_tree):
    groups = {f"groups/{g}.yaml": f"name: {g.title()}\ntype: political bloc\nsummary:\n"
              "  text: A bloc.\n  cite: [report]\n" for g in ("a", "b", "c")}
    kb, found = validate(load(data_tree(groups) / "data"))
    assert errors(found) == []
    linked = link(kb)
    said = [speakers(linked, SimpleNamespace(speaker=ids), "quotes.md")  # type: ignore[arg-type]
            for ids in (["a"], ["a", "b"], ["a", "b", "c"])]
    assert [re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", reading(s)) for s in said] == [
        "A", "A and B", "A, B and C"]


def test_a_date_that_opens_a_heading_or_line_is_capitalised_and_nothing_else_is():
    from kb.text.wording import opening
    assert opening("second half of 2023") == "Second half of 2023"
    assert opening("between 1 and 4 January 2024") == "Between 1 and 4 January 2024"
    assert opening("4 January 2024") == "4 January 2024"
    assert opening("") == ""
