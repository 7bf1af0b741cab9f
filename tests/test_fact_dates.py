"""A fact's `date:`, and no date where nothing would show it: a summary's or a story
sentence's date was accepted and then ignored (an event's summary showed the event's
date; other summaries and story sentences showed none)."""

from __future__ import annotations

import pytest

from kb.pipeline.link import link, statements
from kb.pipeline.load import load
from kb.pipeline.render import render
from kb.pipeline.validate import validate
from tests.conftest import reading

PERSON = """\
name: Ada
summary:
  text: A spokeswoman.
  cite: [report]
facts:
  - text: She spoke at the council.
    date: 2024-01-05
    cite: [report]
"""
HINT = ("A date goes on a fact (under 'facts:'), or, for an event, in its own 'date'.")


def errors(root) -> list[str]:
    _, problems = validate(load(root / "data", root=root))
    return [str(p) for p in problems if p.severity == "error"]


def test_a_dated_fact_shows_its_date_and_exports_it(data_tree):
    root = data_tree({"people/ada.yaml": PERSON})
    assert errors(root) == []
    linked = link(validate(load(root / "data", root=root))[0])
    page = reading(render(linked)["people/ada.md"])
    assert "- **5 January 2024:** She spoke at the council." in page
    fact = next(c for c in statements(linked.entry("ada")) if c.section == "fact")
    assert fact.date is not None and fact.date.edtf == "2024-01-05"


@pytest.mark.parametrize(("file", "text", "where"), [
    ("people/ada.yaml", PERSON.replace("  cite: [report]\nfacts", "  date: 2024-01-05\n"
                                       "  cite: [report]\nfacts", 1), "4:3: unknown field "
     "'date' in summary; expected one of text, cite, disputed."),
    ("events/vote.yaml", "name: Vote\ntype: meeting\ndate: 2024-01-05\nsummary:\n  text: A "
     "vote.\n  date: 2024-01-06\n  cite: [report]\n", "6:3: unknown field 'date' in summary; "
     "expected one of text, cite, disputed."),
    ("story/01-the-vote.yaml", "title: The vote\nsentences:\n  - text: A vote.\n    date: "
     "2024-01-05\n    cite: [report]\n", "4:5: unknown field 'date' in sentences[0]; expected "
     "one of text, cite, disputed."),
])
def test_a_date_where_no_page_would_show_it_is_refused(data_tree, file, text, where):
    root = data_tree({file: text})
    assert errors(root) == [f"data/{file}:{where} {HINT}"]
