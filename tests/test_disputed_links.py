"""Issue 18, item 3: every quote, fact, name or version that belongs to a disagreement
links it, on every page that shows it (the speaker's page, the quotes pages, source
pages), as facts already did."""

from __future__ import annotations

import re

import pytest

from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render import render
from kb.pipeline.validate import validate
from tests.conftest import ROOT, linked_tree, read_pages

DISPUTED = "(sources differ: [see the 2 versions]"
EVENT = """\
name: Attack
type: attack
date: 2024-01-05
summary: {text: It happened., cite: [report]}
facts:
  - text: Ada condemned it.
    disputed: {entry: attack, about: Her words}
    cite:
      - source: report
        quote: {text: a crime, speaker: ada, said: 2024-01-05}
disputes:
  - about: Her words
    versions:
      - value: a crime
        cite: [report]
      - value: an outrage
        cite:
          - source: second
            quote: {text: an outrage, speaker: ada, said: 2024-01-05}
"""
ADA = """\
name: Ada
aliases:
  - name: Ada Lovelace
    disputed: {entry: ada, about: Her surname}
    cite: [second]
summary: {text: A person., cite: [report]}
disputes:
  - about: Her surname
    versions:
      - value: Lovelace
        cite: [second]
      - value: Byron
        cite: [report]
"""
SECOND = "title: Second report\ntype: article\noutlet: outlet\ndate: 2024-01-08\n"


def pages_of(data_tree, **files: str) -> dict[str, str]:
    root = data_tree({"events/attack.yaml": EVENT, "people/ada.yaml": ADA,
                      "sources/second.yaml": SECOND, **files})
    kb, problems = validate(load(root / "data", root=root))
    assert not [p for p in problems if p.severity == "error"], problems
    return read_pages(render(link(kb)))


def quote_block(page: str, words: str) -> str:
    """The block of a quote: its line and the line under it."""
    return page.split(f"“{words}”", 1)[1].split("\n\n", 1)[0]


@pytest.mark.parametrize("words", ["a crime", "an outrage"])
def test_a_quote_of_a_disputed_point_links_it_on_the_speakers_and_quotes_pages(data_tree,
                                                                               words):
    """'a crime' rides on a fact marked `disputed`; 'an outrage' on a version of the
    disagreement itself."""
    pages = pages_of(data_tree)
    link = "../events/attack.md#disagreement-her-words"
    assert f"{DISPUTED}({link}))" in quote_block(pages["people/ada.md"], words)
    assert f"{DISPUTED}(events/attack.md#disagreement-her-words))" in quote_block(
        pages["quotes.md"], words)


def test_a_name_that_is_a_version_links_its_disagreement_on_its_page_and_sources(data_tree):
    pages = pages_of(data_tree)
    names = pages["people/ada.md"].split("## Names", 1)[1].split("\n## ", 1)[0]
    line = next(line for line in names.splitlines() if "Ada Lovelace" in line)
    assert f"{DISPUTED}(#disagreement-her-surname))" in line
    source = pages["sources/second.md"]
    line = next(line for line in source.splitlines() if "*name:* Ada Lovelace" in line)
    assert f"{DISPUTED}(../people/ada.md#disagreement-her-surname))" in line


def test_a_name_in_another_script_links_its_disagreement_under_the_heading_too(data_tree):
    """The short list of names in another script under the heading shows a version of a
    disagreement as the Names section does: with the link to all versions, so a reader
    who stops at the heading learns that sources differ."""
    ada = ADA.replace("  - name: Ada Lovelace\n", "  - name: آدا لوفلايس\n    lang: ar\n"
                      "    transliteration: Ada Lovelace\n")
    page = pages_of(data_tree, **{"people/ada.yaml": ada})["people/ada.md"]
    heading_list = page.split('<ul class="kb-other-names" markdown>', 1)[1].split("</ul>", 1)[0]
    assert f"{DISPUTED}(#disagreement-her-surname))" in heading_list


def test_a_version_shown_on_a_source_page_links_its_disagreement(data_tree):
    source = pages_of(data_tree)["sources/second.md"]
    line = next(line for line in source.splitlines()
                if "*disagreement:* Her words: an outrage" in line)
    assert f"{DISPUTED}(../events/attack.md#disagreement-her-words))" in line


def test_a_name_naming_a_disagreement_not_recorded_is_refused_at_its_line(data_tree):
    root = data_tree({"people/ada.yaml": ADA.replace("about: Her surname}", "about: Surname}"),
                      "sources/second.yaml": SECOND})
    _, problems = validate(load(root / "data", root=root))
    assert ("data/people/ada.yaml:4:28: 'ada' records no disagreement about 'Surname' (it "
            "records: 'Her surname'). Did you mean 'Her surname'?") in [str(p) for p in problems]


def test_al_sudanis_words_of_7_march_2026_link_their_disagreement_on_his_page():
    """The case of issue 18's trial: his page has both versions of his 7 March words,
    and links the disagreement (with its note that they may be extracts of one
    statement) beside each."""
    pages = read_pages(render(linked_tree(ROOT)))
    page = pages["people/mohammed-shia-al-sudani.md"]
    target = ("../events/rocket-attack-on-us-embassy-2026-03-07.md"
              "#disagreement-al-sudani-s-words-on-the-attack-as-quoted")
    for words in ("the terrorist act", "rogue groups operating outside the law"):
        block = page.split(words, 1)[1].split("\n\n", 1)[0]
        assert f"(sources differ: [see the 2 versions]({target}))" in block, words
    quotes = "".join(text for path, text in pages.items() if path.startswith("quotes"))
    block = quotes.split("rogue groups operating outside the law", 1)[1].split("\n\n", 1)[0]
    assert "#disagreement-al-sudani-s-words-on-the-attack-as-quoted" in block
    # Abu Taqwa's names are versions of his full name: each links the table.
    names = pages["people/abu-taqwa.md"].split("## Names", 1)[1].split("\n## ", 1)[0]
    assert names.count("#disagreement-full-name-and-identity") == 11


# ------------------------------------------------------- issue 18, item 4: source pages


def statement_lines(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.startswith("- *")]


def test_a_source_page_shows_each_statement_once_with_all_its_quotes_and_relays(data_tree):
    """S35's and S38's pages showed one fact twice, once per quote or relay."""
    event = EVENT.replace("""      - source: report
        quote: {text: a crime, speaker: ada, said: 2024-01-05}
""", """      - source: report
        quote: {text: a crime, speaker: ada, said: 2024-01-05}
      - source: report
        quote: {text: a shame, speaker: ada, said: 2024-01-05}
  - text: Bo was seen.
    cite:
      - report
      - source: report
        citing: second
""")
    pages = pages_of(data_tree, **{"events/attack.yaml": event})
    page = pages["sources/report.md"]
    lines = statement_lines(page)
    [condemned] = [line for line in lines if "Ada condemned it." in line]
    assert page.count("Ada condemned it.") == 1
    after = page.split(condemned, 1)[1].split("\n- ", 1)[0]
    assert "\n    - quotes [Ada](../people/ada.md), 5 January 2024: “a crime”" in after
    assert "\n    - quotes [Ada](../people/ada.md), 5 January 2024: “a shame”" in after
    [seen] = [line for line in lines if "Bo was seen." in line]
    assert seen.endswith("(directly, and citing [“Second report”](second.md))")


@pytest.mark.parametrize("source", ["observeriraq-2024-01-04-who-is-abu-taqwa",
                                    "rudaw-2024-02-07-us-confirms-killing-kh-commander",
                                    "vox-2024-01-07",
                                    "channels-2026-03-07-rocket-attack-intercepted"])
def test_the_real_source_pages_show_each_statement_once(source):
    page = read_pages(render(linked_tree(ROOT)))[f"sources/{source}.md"]
    for part in page.split("\n### ")[1:]:
        lines = statement_lines(part)
        assert len(lines) == len(set(lines)), source
        texts = [re.split(r' \((?:citing|directly)| — quotes| <span class="kb-disputed"',
                          line)[0] for line in lines]
        assert len(texts) == len(set(texts)), [t for t in texts if texts.count(t) > 1]
