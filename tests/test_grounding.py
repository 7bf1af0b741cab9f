"""The grounding check: each name, number and date is in a source the statement cites."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kb.checks.grounding import ground_project, read_allowances
from kb.checks.material import read_material
from kb.tools.cli import main

DOSSIER = """\
# Dossier

## S01 · Local Paper · 2024-01-29 · Soldiers named
URL: https://paper.test/soldiers-named
Facts:
- Source note: dated 2024-01-29 on the page.
- The Pentagon named Sgt. Ada Example, 24, of Riverton, killed in a drone attack.
Quotes:
- "She served with honour" — Ada's commander, statement

## S02 · Wire · 2024-01-30 · [heading not in our copy of the page; URL slug: "drone attack"]
URL: https://wire.test/drone-attack
Facts:
- Source note: dated 2024-01-30; relays a Pentagon statement.
- A drone hit Tower 22 in Jordan on Sunday 28 January 2024, killing three soldiers.
- The outlet, an Abu Dhabi-based paper, says officials blamed the Islamic Resistance.

## Disagreements between sources
- Not a block: Tower 22 and 2020 here must not count.
"""

SOURCES = {
    "sources/paper.yaml": """\
        title: Soldiers named
        type: article
        outlet: paper-group
        date: 2024-01-29
        date_basis: printed
        url: https://paper.test/soldiers-named
        """,
    "sources/wire.yaml": """\
        title: drone attack
        title_kind: url slug
        type: article
        outlet: paper-group
        date: 2024-01-30
        date_basis: printed
        url: https://wire.test/drone-attack
        relays: pentagon
        """,
    "sources/pentagon.yaml": """\
        title: Pentagon statement
        title_kind: description
        type: statement
        note: Known through the wire report that relays it.
        """,
    "groups/paper-group.yaml": """\
        name: Local Paper
        type: news outlet
        summary:
          text: A newspaper.
          cite: [paper]
        """,
}


def project(tmp_path: Path, files: dict[str, str], allow: str | None = None) -> Path:
    for relative, text in {**SOURCES, **files}.items():
        path = tmp_path / "data" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    if allow is not None:
        (tmp_path / "data" / "grounding.yaml").write_text(textwrap.dedent(allow))
    material = tmp_path / "material"
    material.mkdir(exist_ok=True)
    (material / "dossier.md").write_text(DOSSIER, encoding="utf-8")
    (material / "README.md").write_text("# Not a document\nTower 22\n")
    return tmp_path


def messages(root: Path) -> list[str]:
    return [str(p).split("; cite a source")[0] for p in ground_project(root, root / "material")]


SOLDIER = """\
    name: Ada Example
    summary:
      text: Soldier killed at Tower 22 on 28 January 2024, named by the Pentagon.
      cite: [{cite}]
    """


def test_a_statement_citing_a_source_that_lacks_part_of_it_is_found(tmp_path):
    root = project(tmp_path, {"people/ada-example.yaml": SOLDIER.format(cite="paper")})
    assert messages(root) == [
        "data/people/ada-example.yaml:3:3: the name 'Tower' is not in the text of the source "
        "it cites (paper)",
        "data/people/ada-example.yaml:3:3: the number '22' is not in the text of the source "
        "it cites (paper)",
        "data/people/ada-example.yaml:3:3: the date '28 January 2024' is not in the text of "
        "the source it cites (paper)"]


def test_citing_the_source_that_has_the_rest_grounds_it(tmp_path):
    root = project(tmp_path, {"people/ada-example.yaml": SOLDIER.format(cite="paper, wire")})
    assert messages(root) == []


def test_a_description_no_cited_source_gives_is_found(tmp_path):
    outlet = """\
        name: Local Paper
        type: news outlet
        summary:
          text: A Saudi-owned newspaper; an Abu Dhabi-based paper.
          cite: [{cite}]
        """
    root = project(tmp_path, {"groups/paper-group.yaml": outlet.format(cite="paper")})
    assert messages(root) == [
        "data/groups/paper-group.yaml:4:3: the compound 'Saudi-owned' is not in the text of "
        "the source it cites (paper)",
        "data/groups/paper-group.yaml:4:3: the compound 'Abu Dhabi-based' is not in the text "
        "of the source it cites (paper)"]
    root = project(tmp_path, {"groups/paper-group.yaml": outlet.format(cite="paper, wire")})
    assert messages(root) == [
        "data/groups/paper-group.yaml:4:3: the compound 'Saudi-owned' is not in the text of "
        "any source it cites (paper, wire)"]


def test_a_story_sentence_year_that_its_source_lacks_is_found(tmp_path):
    chapter = """\
        title: The attack
        sentences:
          - text: In January 2020 a drone hit [[tower-22]].
            cite: [wire]
        """
    place = """\
        name: Tower 22
        type: military base
        summary:
          text: In Jordan.
          cite: [wire]
        """
    root = project(tmp_path, {"story/01-attack.yaml": chapter, "places/tower-22.yaml": place})
    assert messages(root) == [
        "data/story/01-attack.yaml:3:5: the date 'January 2020' is not in the text of the "
        "source it cites (wire)"]


def test_relayed_sources_are_read_through_the_source_that_relays_them(tmp_path):
    event = """\
        name: Drone attack
        type: attack
        date: 2024-01-28
        summary:
          text: A drone killed three soldiers in Jordan, the Pentagon said.
          cite:
            - source: wire
              citing: pentagon
        facts:
          - text: The Pentagon blamed nobody in Riverton.
            cite: [pentagon]
        """
    root = project(tmp_path, {"events/drone-attack.yaml": event})
    assert messages(root) == [
        "data/events/drone-attack.yaml:10:5: the name 'Riverton' is not in the text of the "
        "source it cites (pentagon)"]


def test_aliases_and_quote_speakers_must_be_named_by_their_source(tmp_path):
    person = """\
        name: Ada Example
        aliases:
          - name: Ada Sample
            cite: [paper]
        summary:
          text: Soldier from Riverton.
          cite:
            - source: wire
              quote: {text: She served with honour, speaker: ada-example}
        """
    root = project(tmp_path, {"people/ada-example.yaml": person})
    assert messages(root) == [
        "data/people/ada-example.yaml:3:5: the name 'Ada Sample' is not in the text of the "
        "source it cites (paper)",
        "data/people/ada-example.yaml:6:3: the name 'Riverton' is not in the text of the "
        "source it cites (wire)",
        "data/people/ada-example.yaml:9:7: [[ada-example]] ('Ada Example') is named by none of "
        "its names in the source it cites (wire)",
        "data/people/ada-example.yaml:9:15: the quote 'She served with honour' is not word for "
        "word in the text of the source it cites (wire); a quote is copied from its source, "
        "its cuts marked [...]"]


ALLOW = """\
    allowed:
      - entry: ada-example
        claim: Tower
        reason: The wire report names the base; reviewed.
      - entry: ada-example
        claim: Jordan
        reason: Not said on this page any more, so this is stale.
      - entry: nobody-here
        claim: Tower
        reason: An entry that does not exist.
    """


def test_the_allow_list_takes_reviewed_claims_and_reports_stale_ones(tmp_path):
    root = project(tmp_path, {"people/ada-example.yaml": SOLDIER.format(cite="paper")}, ALLOW)
    assert messages(root) == [
        "data/grounding.yaml:6:5: 'Jordan' on 'ada-example' is no longer needed: the sources "
        "now back it, or the data no longer says it; remove it",
        "data/grounding.yaml:8:5: no entry 'nobody-here' in data/.",
        "data/people/ada-example.yaml:3:3: the number '22' is not in the text of the source "
        "it cites (paper)",
        "data/people/ada-example.yaml:3:3: the date '28 January 2024' is not in the text of "
        "the source it cites (paper)"]


def test_an_allowance_naming_a_near_miss_ends_its_sentence_before_the_hint(tmp_path):
    # Retrial of issue 15: "no entry … in data/ Did you mean …", the full stop missing.
    allow = ALLOW.replace("entry: nobody-here", "entry: ada-exampel")
    root = project(tmp_path, {"people/ada-example.yaml": SOLDIER.format(cite="paper")}, allow)
    assert "data/grounding.yaml:8:5: no entry 'ada-exampel' in data/. Did you mean " \
           "'ada-example'?" in messages(root)


def test_a_faulty_allowance_is_reported_and_voids_no_other(tmp_path):
    allow = ("allowed:\n"
             "  - {entry: ada-example, claim: Tower, reason: ok}\n"
             "  - {entry: ada-example, claim: '22', reason: The wire names Tower 22.}\n"
             "  - {entry: ada-example, cliam: x, reason: A misspelt field name here.}\n")
    root = project(tmp_path, {"people/ada-example.yaml": SOLDIER.format(cite="paper")}, allow)
    assert messages(root) == [
        "data/grounding.yaml:2:40: allowed[0].reason: 'ok' is too short; write at least 12 "
        "characters",
        "data/grounding.yaml:4:5: missing required field 'claim' in allowed[2]",
        "data/grounding.yaml:4:26: unknown field 'cliam' in allowed[2]; expected one of entry, "
        "claim, reason. Did you mean 'claim'?",
        # 'Tower', allowed with too short a reason, is reported there alone, once.
        "data/people/ada-example.yaml:3:3: the date '28 January 2024' is not in the text of "
        "the source it cites (paper)"]


WITHHELD = ("data/grounding.yaml: warning: no claim was checked: the grounding check needs "
            "this file's reviewed exceptions, and would report each of them as an error "
            "until it can be read")


@pytest.mark.parametrize(("allow", "problem"), [
    # The trial's case: a tab before 'claim:'.
    (ALLOW.replace("        claim: Tower\n", "     \tclaim: Tower\n", 1),
     "data/grounding.yaml:3:2: YAML syntax: found a tab character that violates "
     "indentation (tabs are not allowed for indentation; use spaces)"),
    # A bracket left open.
    ("allowed:\n  - {entry: ada-example, claim: Tower, reason: The wire names the base.\n",
     "data/grounding.yaml:3:1: YAML syntax: did not find expected ',' or '}' (while parsing "
     "a flow mapping)"),
    # The list written as one text, and a list at the top.
    ("allowed: ada-example Tower\n", "data/grounding.yaml:1:1: allowed: expected a list "
     "(lines starting with '- '), found 'ada-example Tower'"),
    ("- entry: ada-example\n  claim: Tower\n  reason: The wire names the base.\n",
     "data/grounding.yaml:1:1: file: expected a mapping of fields, found a list ([{entry: "
     "ada-example, claim: Tower, reason: The wire names the base.}])"),
])
def test_an_allow_list_that_cannot_be_read_is_reported_once(tmp_path, allow, problem):
    root = project(tmp_path, {"people/ada-example.yaml": SOLDIER.format(cite="paper")},
                   textwrap.dedent(allow))
    assert [str(p) for p in ground_project(root, root / "material")] == [problem, WITHHELD]


def test_the_material_is_read_block_by_block(tmp_path):
    root = project(tmp_path, {})
    documents = read_material(root / "material")
    assert [(d.label, d.url) for d in documents] == [
        ("dossier.md S01", "https://paper.test/soldiers-named"),
        ("dossier.md S02", "https://wire.test/drone-attack")]
    assert "Disagreements" not in documents[1].text


def test_kb_ground_says_what_it_did(tmp_path, capsys):
    root = project(tmp_path, {"people/ada-example.yaml": SOLDIER.format(cite="paper")})
    assert main(["--root", str(root), "ground", "--sources", str(root / "material")]) == 1
    assert "the name 'Tower' is not in the text" in capsys.readouterr().err
    root = project(tmp_path, {"people/ada-example.yaml": SOLDIER.format(cite="paper, wire")})
    assert main(["--root", str(root), "ground", "--sources", str(root / "material")]) == 0
    assert "every name, number and date is in a source it cites" in capsys.readouterr().out
    assert main(["--root", str(root), "ground", "--sources", str(root / "absent")]) == 2
    assert "nothing was checked" in capsys.readouterr().err


@pytest.mark.parametrize("form", ["json", "github"])
def test_kb_ground_speaks_to_tools_too(tmp_path, capsys, form):
    root = project(tmp_path, {"people/ada-example.yaml": SOLDIER.format(cite="paper")})
    assert main(["--root", str(root), "ground", "--sources", str(root / "material"),
                 "--format", form]) == 1
    out = capsys.readouterr().out
    assert ("::error file=data/people/ada-example.yaml,line=3,col=3::" in out
            if form == "github" else '"errors": 3' in out)


def test_kb_validate_reports_a_faulty_allow_list_too(tmp_path, capsys):
    allow = "allowed:\n  - {entry: ada-example, claim: Tower}\n"
    root = project(tmp_path, {"people/ada-example.yaml": SOLDIER.format(cite="paper, wire")},
                   allow)
    assert main(["--root", str(root), "validate"]) == 1
    assert ("data/grounding.yaml:2:5: missing required field 'reason' in allowed[0]"
            in capsys.readouterr().err)


def test_an_allowance_cut_short_by_a_comment_is_refused(tmp_path):
    allow = ("allowed:\n  - entry: ada-example\n    claim: Tower 22\n"
             "    reason: The wire's post #2 names Tower 22 in full.\n")
    root = project(tmp_path, {}, allow)
    _, _, found = read_allowances(root / "data" / "grounding.yaml", root)
    assert [str(p) for p in found] == [
        "data/grounding.yaml:4:29: allowed[0].reason: the text stops at ' #': YAML reads the "
        "rest as a comment; put the text in quotes: \"The wire's post #2 names Tower 22 in "
        "full.\" (or move the comment to a line of its own)"]


# ---------------------------------------------------------------------------- Arabic (issue 18)

ARABIC_BLOCK = """\

## S03 · Arabic Page (Arabic) · date not given · [heading not in our copy of the page]
URL: https://arabic.test/page
Facts:
- Source note: an Arabic page.
- It names her as "آدا إكزامبل" (Ada Ekzampel), a soldier.
Quotes:
- "خدمت بشرف." — Ada's commander, statement
"""
ARABIC_SOURCE = """\
    title: Arabic page
    title_kind: description
    type: article
    url: https://arabic.test/page
    """


def arabic(tmp_path: Path, alias: str, quote: str = "", source: str = "paper") -> Path:
    person = f"""\
        name: Ada Example
        aliases:
{textwrap.indent(textwrap.dedent(alias), " " * 10)}
        summary:
          text: A soldier.
          cite:
            - source: {source}
{textwrap.indent(textwrap.dedent(quote), " " * 14)}
        """
    root = project(tmp_path, {"people/ada-example.yaml": person,
                              "sources/arabic-page.yaml": ARABIC_SOURCE})
    material = root / "material" / "dossier.md"
    material.write_text(material.read_text("utf-8").replace(
        "\n## Disagreements", ARABIC_BLOCK + "\n## Disagreements"), "utf-8")
    return root


def test_an_arabic_alias_and_its_transliteration_in_the_block_are_grounded(tmp_path):
    root = arabic(tmp_path, """\
        - name: آدا إكزامبل
          lang: ar
          transliteration: Ada Ekzampel
          cite: [arabic-page]
        """)
    assert messages(root) == []


def test_an_arabic_alias_not_in_the_block_letter_for_letter_is_found(tmp_path):
    root = arabic(tmp_path, """\
        - name: ادا اكزامبل
          lang: ar
          transliteration: Ada Ekzampel
          cite: [arabic-page]
        """)
    # The same name to search (no hamza on the alefs), not as the source prints it.
    assert messages(root) == [
        "data/people/ada-example.yaml:3:5: the name 'ادا اكزامبل' is not word for word in the "
        "text of the source it cites (arabic-page); a name in another script is copied from "
        "its source letter for letter, as printed"]


def test_a_transliteration_the_block_does_not_give_is_found(tmp_path):
    root = arabic(tmp_path, """\
        - name: آدا إكزامبل
          lang: ar
          transliteration: Ada Exampel
          cite: [arabic-page]
        """)
    assert messages(root) == [
        "data/people/ada-example.yaml:5:5: the name 'Ada Exampel' is not in the text of the "
        "source it cites (arabic-page)"]


def test_an_arabic_quote_is_grounded_word_for_word(tmp_path):
    alias = """\
        - name: آدا إكزامبل
          lang: ar
          transliteration: Ada Ekzampel
          cite: [arabic-page]
        """
    said = "خدمت بشرف."
    quote = f"quote: {{text: {said}, lang: ar, speaker: ada-example}}"
    found = messages(arabic(tmp_path / "b", alias, quote, source="arabic-page"))
    assert [m for m in found if "quote" in m] == []
    found = messages(arabic(tmp_path / "c", alias, quote.replace(said, "خدمت بشرف"
                                                                  " وإخلاص."),
                            source="arabic-page"))
    assert [m for m in found if "quote" in m] == [
        "data/people/ada-example.yaml:12:15: the quote 'خدمت بشرف وإخلاص.' is not word for "
        "word in the text of the source it cites (arabic-page); a quote is copied from its "
        "source, its cuts marked [...]"]
