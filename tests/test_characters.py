"""Characters a reader cannot see, or a page cannot show, are refused at their line, and
text is read in NFC (issue 15, items 5 and 7; the rules: kb/text/characters.py)."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render import render
from kb.pipeline.render.text import prose
from kb.pipeline.validate import validate
from kb.text.characters import INVISIBLE, describe, is_invisible, problem
from kb.tools.cli import main
from tests.conftest import reading

PERSON = """\
name: {name}
aliases:
  - name: {alias}
    cite: [report]
summary:
  text: {text}
  cite:
    - source: report
      quote: {{text: {quote}, speaker: ada}}
"""


def person(name: str = "Ada", alias: str = "Ada Example", text: str = "A person.",
           quote: str = "I had no choice") -> str:
    return PERSON.format(name=name, alias=alias, text=text, quote=quote)


def problems(root) -> list[str]:
    _, found = validate(load(root / "data", root=root))
    return [str(p) for p in found if p.severity == "error"]


# ---------------------------------------------------------------------------- names and ids


def test_a_zero_width_space_in_a_name_is_refused_at_its_line(data_tree):
    # The case of the issue: accepted silently, the name could no longer be found.
    root = data_tree({"people/ada.yaml": person(name='"Abu\\u200bTaqwa"')})
    assert problems(root) == [
        "data/people/ada.yaml:1:1: name: 'Abu<U+200B>Taqwa' holds U+200B ZERO WIDTH SPACE, "
        "an invisible character; delete it: readers cannot see it, and search, duplicate "
        "checks and links would not match the name as it looks"]


def test_a_zero_width_space_written_raw_in_the_file_is_refused_too(data_tree):
    root = data_tree({"people/ada.yaml": person(name="Abu\u200bTaqwa")})
    [found] = problems(root)
    assert found.startswith("data/people/ada.yaml:1:1: name: 'Abu<U+200B>Taqwa' holds U+200B")


def test_a_right_to_left_mark_in_an_alias_is_refused(data_tree):
    root = data_tree({"people/ada.yaml": person(alias="al-Jawari\u200f")})
    [found] = problems(root)
    assert found.startswith("data/people/ada.yaml:3:5: aliases[0].name: 'al-Jawari<U+200F>' "
                            "holds U+200F RIGHT-TO-LEFT MARK, an invisible character")


def test_a_soft_hyphen_in_a_title_is_refused(data_tree):
    source = "title: Iraq moves to end the coalition's mis\u00adsion\ntype: article\n"
    root = data_tree({"sources/soft.yaml": source})
    [found] = problems(root)
    assert found.startswith("data/sources/soft.yaml:1:1: title: '…ves to end the "
                            "coalition's mis<U+00AD>sion' holds U+00AD SOFT HYPHEN, an "
                            "invisible character; delete it: readers cannot see it, and "
                            "search, duplicate checks")


@pytest.mark.parametrize(("char", "name"), [
    ("\u2060", "WORD JOINER"), ("\u061c", "ARABIC LETTER MARK"),
    ("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u3164", "HANGUL FILLER"),
    ("\ufe0f", "VARIATION SELECTOR-16"), ("\u200c", "ZERO WIDTH NON-JOINER"),
])
def test_no_invisible_character_passes_in_a_name(char, name):
    assert problem(f"Kataib{char} Hezbollah", name=True).startswith(
        f"'Kataib<U+{ord(char):04X}> Hezbollah' holds U+{ord(char):04X} {name}, an invisible "
        "character; delete it")


def test_a_byte_order_mark_in_a_file_name_is_refused_with_the_name_meant(data_tree):
    root = data_tree({"people/\ufeffada.yaml": person()})
    # Her own quote names 'ada', the id the file was meant to have: one report, not
    # also an "unknown speaker 'ada'" that suggests the broken name.
    assert problems(root) == [
        "data/people/\ufeffada.yaml: file name '<U+FEFF>ada' holds U+FEFF ZERO WIDTH NO-BREAK "
        "SPACE (BYTE ORDER MARK), an invisible character; rename the file ada.yaml"]


@pytest.mark.parametrize("char", ["\u200b", "\u00ad", "\u200e", "\u2066"])
def test_an_invisible_character_in_a_file_name_is_reported_once(data_tree, char):
    # Trial of issue 15: 'ga<U+200B>za.yaml' also gave "unknown place 'gaza'" and
    # "unknown linked entry [[...]] 'gaza'", each suggesting the broken name.
    town = ("name: Town\ntype: city\nsummary:\n  text: A town.\n  cite: [report]\n")
    raid = ("name: Raid\ntype: raid\ndate: 2024-01-04\nplaces: [town]\nsummary:\n"
            "  text: A raid on [[town]].\n  cite: [report]\nparticipants:\n"
            "  - entity: town\n")
    root = data_tree({f"places/to{char}wn.yaml": town, "events/raid.yaml": raid})
    assert problems(root) == [
        f"data/places/to{char}wn.yaml: file name 'to<U+{ord(char):04X}>wn' holds "
        f"{describe(char)}, an invisible character; rename the file town.yaml"]


def test_an_invisible_character_in_a_field_name_is_shown(data_tree):
    root = data_tree({"people/ada.yaml": person() + "na\u200bme_ar: x\n"})
    [found] = problems(root)
    assert "unknown field 'na<U+200B>me_ar'" in found


def test_kb_new_refuses_a_name_with_an_invisible_character(data_tree, capsys):
    root = data_tree({})
    code = main(["--root", str(root), "new", "person", "Abu\u200b Taqwa", "--cite", "report"])
    assert code != 0
    assert "name: 'Abu<U+200B> Taqwa' holds U+200B ZERO WIDTH SPACE" in capsys.readouterr().err
    assert not (root / "data" / "people").exists()


# ---------------------------------------------------------------------------- other text


def test_invisible_characters_in_free_text_are_refused_too(data_tree):
    root = data_tree({"people/ada.yaml": person(text='"A per\\u00adson."')})
    [found] = problems(root)
    assert found == ("data/people/ada.yaml:6:3: summary.text: 'A per<U+00AD>son.' holds "
                     "U+00AD SOFT HYPHEN, an invisible character; delete it: readers cannot "
                     "see it, and it changes how the text is matched against its sources "
                     "and found")


@pytest.mark.parametrize(("quote", "lang"), [
    ("می\u200cخواهم", "fa"),          # Persian: the non-joiner is spelling
    ("قلبي \u2764\ufe0f", "ar"),      # an emoji's variation selector
    ("\U0001f468\u200d\U0001f469", ""),  # a joined emoji
    ("one 1\ufe0f\u20e3", ""),      # a keycap
    ("\u06dd\u0661", ""),           # END OF AYAH, a format character that is seen
    ("line one\tand two", ""),
])
def test_characters_that_shape_what_is_seen_stay_in_quotes(data_tree, quote, lang):
    # Words in Arabic script say their language (issue 18; tests/test_languages.py).
    tag = f", lang: {lang}" if lang else ""
    root = data_tree({"people/ada.yaml": person(quote=f'"{quote}"{tag}')})
    assert problems(root) == []


def test_a_joiner_after_a_latin_letter_is_refused_in_free_text():
    assert problem("Hez\u200dbollah").startswith("'Hez<U+200D>bollah' holds U+200D ZERO WIDTH")


# ---------------------------------------------------------------------------- control characters


def test_control_characters_are_refused_at_their_line(data_tree):
    # The case of the issue: "\x001\x00" passed validation, then render raised IndexError.
    root = data_tree({"people/ada.yaml": person(text='"\\x001\\x00"')})
    assert problems(root) == [
        "data/people/ada.yaml:6:3: summary.text: '<U+0000>1<U+0000>' holds U+0000 NULL (and 1 "
        "more character refused after it), a control character, which a page cannot show; in "
        "double quotes, YAML makes one from an escape such as \\x00, \\0, \\a or \\e: remove it"]


@pytest.mark.parametrize(("field", "written", "shown"), [
    ("quote", '"I had no\\a choice"', "I had no<U+0007> choice"),      # bell
    ("name", '"Ada\\e"', "Ada<U+001B>"),                                # escape
    ("alias", '"Ada\\x1f"', "Ada<U+001F>"),  # white space to Python: stripped unseen before
    ("text", '"A person.\\N"', "A person.<U+0085>"),                    # next line
    ("text", '"A\\x7fperson."', "A<U+007F>person."),                    # delete
    ("text", '"A\\r\\nperson."', "A<U+000D>"),                          # carriage return
])
def test_other_control_characters_are_refused_in_any_field(data_tree, field, written, shown):
    root = data_tree({"people/ada.yaml": person(**{field: written})})
    [found] = problems(root)
    assert f"'{shown}" in found and "a control character" in found


def test_a_lone_surrogate_is_refused():
    # YAML refuses "\ud800" itself; a surrogate could still come from elsewhere (an
    # editor's tool), and no page could be written with it.
    assert problem("A \ud800 person.").startswith(
        "'A <U+D800> person.' holds U+D800, a lone surrogate")


def test_render_reads_any_text_literally_placeholders_included(data_tree):
    # Render's own fault behind the IndexError: a link stood in the text as "\0<n>\0",
    # which the text itself could write. Rendering has no placeholder any more.
    root = data_tree({"people/ada.yaml": person()})
    kb, found = validate(load(root / "data", root=root))
    assert [p for p in found if p.severity == "error"] == []
    linked = link(kb)
    text = "\x001\x00 and \x000\x00 before [[ada]]"
    assert reading(prose(linked, text, "story.md")) == \
        "\x001\x00 and \x000\x00 before [Ada](people/ada.md)"


# ---------------------------------------------------------------------------- NFC


def test_text_is_read_in_nfc_and_nothing_is_reported(data_tree):
    decomposed = "Jose\u0301 Cafe\u0301"
    root = data_tree({"people/ada.yaml": person(name=decomposed, text=f"Met {decomposed}.")})
    kb, found = validate(load(root / "data", root=root))
    assert [p for p in found if p.severity == "error"] == []
    ada = kb.entries["ada"]
    assert ada.name == "José Café" == unicodedata.normalize("NFC", decomposed)
    assert ada.summary.text == "Met José Café."
    assert "José Café" in render(link(kb))["people/ada.md"]


# ---------------------------------------------------------------------------- the table


def test_the_table_of_invisible_characters_holds_every_format_character():
    """INVISIBLE is written out; every format character Python's Unicode knows is in it,
    but the prepended concatenation marks, which are seen."""
    seen = {*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD}
    missing = [f"U+{point:04X}" for point in range(sys.maxunicode + 1)
               if unicodedata.category(chr(point)) == "Cf" and point not in seen
               and not is_invisible(chr(point))]
    assert missing == []
    assert not any(is_invisible(chr(point)) for point in seen)
    assert all(low <= high for low, high in INVISIBLE)


# ---------------------------------------------------------------------------- line breaks
# Names, aliases and titles are one line: a line break in one is a located error naming
# it (trial of issue 15: "Bagh\u2028dad" showed as "Bagh dad", its title kept U+2028).

BREAKS = [("\\u2028", "U+2028 LINE SEPARATOR"), ("\\u2029", "U+2029 PARAGRAPH SEPARATOR"),
          ("\\n", "U+000A LINE FEED"), ("\\L", "U+2028 LINE SEPARATOR"),
          ("\\P", "U+2029 PARAGRAPH SEPARATOR")]
ONE_LINE = "a line break, which a name or title cannot hold (pages would run the words " \
    "together); write it on one line (in double quotes, YAML makes one from \\n, \\L or " \
    "\\P; after | or >, from the end of a line)"


@pytest.mark.parametrize(("escape", "described"), BREAKS)
@pytest.mark.parametrize(("field", "text", "where"), [
    ("name", 'name: "Bagh{}dad"', "1:1: name"),
    ("alias", 'name: Ada\naliases:\n  - name: "Ada{}Example"\n    cite: [report]',
     "3:5: aliases[0].name"),
    ("arabic alias", 'name: Ada\naliases:\n  - name: "أدا{}إكزامبل"\n    lang: ar\n'
     '    cite: [report]', "3:5: aliases[0].name"),
])
def test_a_line_break_in_a_name_is_refused_and_named(data_tree, escape, described, field,
                                                      text, where):
    body = text.format(escape) + "\nsummary:\n  text: A person.\n  cite: [report]\n"
    root = data_tree({"people/ada.yaml": body})
    [found] = problems(root)
    shown = text.format(f"<U+{described[2:6]}>").split('"')[1]
    assert found == f"data/people/ada.yaml:{where}: '{shown}' holds {described}, {ONE_LINE}"


def test_a_name_written_as_a_block_over_two_lines_is_refused(data_tree):
    root = data_tree({"people/ada.yaml": "name: |\n  Ada\n  Example\nsummary:\n  text: A "
                                         "person.\n  cite: [report]\n"})
    assert problems(root) == [f"data/people/ada.yaml:1:1: name: 'Ada<U+000A>Example<U+000A>' holds "
                              f"U+000A LINE FEED, {ONE_LINE}"]


def test_a_source_title_with_a_line_break_is_refused(data_tree):
    root = data_tree({"sources/report.yaml": 'title: "A report\\Lon two lines"\ntype: '
                                             'article\noutlet: outlet\ndate: 2024-01-07\n'})
    assert problems(root) == [f"data/sources/report.yaml:1:1: title: 'A report<U+2028>on two "
                              f"lines' holds U+2028 LINE SEPARATOR, {ONE_LINE}"]


def test_other_text_may_run_over_lines(data_tree):
    root = data_tree({"people/ada.yaml": person(text='"First line.\\nSecond line."')})
    assert problems(root) == []


def test_kb_new_refuses_a_name_over_two_lines(data_tree, capsys):
    root = data_tree({})
    assert main(["--root", str(root), "new", "person", "multi\nline", "--cite", "report"]) != 0
    assert "'multi<U+000A>line' holds U+000A LINE FEED" in capsys.readouterr().err
    assert not (root / "data" / "people").exists() or not list(
        (root / "data" / "people").iterdir())


def test_a_broken_file_with_an_invisible_character_in_its_name_is_reported_alone(data_tree):
    town = "name: Town\ntype: city\nsummary:\n\ttext: A town.\n  cite: [report]\n"
    raid = ("name: Raid\ntype: raid\ndate: 2024-01-04\nplaces: [town]\nsummary:\n"
            "  text: A raid on [[town]].\n  cite: [report]\n")
    root = data_tree({"places/to\u200bwn.yaml": town, "events/raid.yaml": raid})
    found = problems(root)
    assert len(found) == 1 and found[0].startswith("data/places/to\u200bwn.yaml:4:1: YAML "
                                                   "syntax"), found


TOWN = "name: Town\ntype: city\nsummary:\n  text: A town.\n  cite: [report]\n"
RAID = ("name: Raid\ntype: raid\ndate: 2024-01-04\nplaces: [town]\nsummary:\n"
        "  text: A raid on [[town]].\n  cite: [report]\nparticipants:\n"
        "  - entity: town\n")


@pytest.mark.parametrize(("file", "message"), [
    ("Town.yaml", "file name 'Town' is not a valid id; rename the file town.yaml"),
    ("town .yaml", "file name 'town ' is not a valid id; rename the file town.yaml"),
    ("town\u00a0.yaml", "file name 'town<U+00A0>' is not a valid id; rename the file town.yaml"),
    ("town\u2028.yaml", "file name 'town<U+2028>' is not a valid id; rename the file town.yaml"),
    ("town\u3000.yaml", "file name 'town<U+3000>' is not a valid id; rename the file town.yaml"),
    ("TOWN\ufeff.yaml", "file name 'TOWN<U+FEFF>' holds U+FEFF ZERO WIDTH NO-BREAK SPACE "
     "(BYTE ORDER MARK), an invisible character; rename the file town.yaml"),
    ("town.yaml.txt", "data files end in .yaml (found '.txt'); rename the file town.yaml"),
    ("town.yml", "data files end in .yaml (found '.yml'); rename the file town.yaml"),
    ("town.YAML", "data files end in .yaml (found '.YAML'); rename the file town.yaml"),
])
def test_a_file_name_meant_as_an_id_is_reported_once(data_tree, file, message):
    # Retrial of issue 15: 'Gaza.yaml', 'gaza .yaml', 'gaza<U+00A0>.yaml',
    # 'gaza<U+2028>.yaml' and 'gaza.yaml.txt' each also gave "unknown place 'gaza' ...
    # Did you mean 'Gaza'?" and "unknown linked entry [[...]] 'gaza'", and printed the
    # no-break space and the line separator as plain spaces.
    root = data_tree({f"places/{file}": TOWN, "events/raid.yaml": RAID})
    assert problems(root) == [f"data/places/{file}: {message}"]


def test_a_broken_file_name_is_never_offered_as_a_suggestion(data_tree):
    root = data_tree({"places/Town.yaml": TOWN,
                      "events/raid.yaml": RAID.replace("places: [town]", "places: [towm]")})
    # The id it was meant to have, which the file-name error says to rename it to.
    assert problems(root) == [
        "data/events/raid.yaml:4:10: places[0]: unknown place 'towm'; expected the id of a "
        "file in data/places/. Did you mean 'town'?",
        "data/places/Town.yaml: file name 'Town' is not a valid id; rename the file town.yaml"]


@pytest.mark.parametrize(("name", "shown", "described"), [
    ('"Ga\\tza"', "Ga<U+0009>za", "U+0009 CHARACTER TABULATION"),
    ("Ga\u00a0za", "Ga<U+00A0>za", "U+00A0 NO-BREAK SPACE"),
    ("Ga\u3000za", "Ga<U+3000>za", "U+3000 IDEOGRAPHIC SPACE"),
    ("Ga\u2009za", "Ga<U+2009>za", "U+2009 THIN SPACE"),
])
def test_a_space_other_than_the_plain_one_in_a_name_is_refused(data_tree, name, shown,
                                                                  described):
    root = data_tree({"people/ada.yaml": person(name=name)})
    assert problems(root) == [
        f"data/people/ada.yaml:1:1: name: '{shown}' holds {described}, a space other than "
        "the plain one, which search, duplicate checks and links do not match as a space; "
        "replace it with a plain space"]


@pytest.mark.parametrize("escape", ["\\U0010FFFF", "\\uFFFF", "\\uFDD0", "\\U0001FFFE"])
@pytest.mark.parametrize("field", ["name", "text"])
def test_a_noncharacter_is_refused_everywhere(data_tree, escape, field):
    point = int(escape[2:], 16)
    root = data_tree({"people/ada.yaml": person(**{field: f'"Gaza{escape}"'})})
    [found] = problems(root)
    assert f"'Gaza<U+{point:04X}>' holds U+{point:04X}, a noncharacter" in found, found


@pytest.mark.parametrize("escape", ["\\L", "\\P"])
def test_a_line_separator_in_a_one_line_field_is_refused(data_tree, escape):
    # Retrial of issue 15: a relation's role "a leader\u2028(per ...)" was valid.
    root = data_tree({"people/ada.yaml": person() + "relations:\n  - type: member_of\n"
                      f"    target: ada\n    role: \"a leader{escape}(per report)\"\n"
                      "    cite: [report]\n"})
    [found] = [p for p in problems(root) if "role" in p]
    point = 0x2028 if escape == "\\L" else 0x2029
    assert f"role: 'a leader<U+{point:04X}>(per report)' holds U+{point:04X}" in found
    assert "a line or paragraph separator, which pages do not show as a line break" in found


@pytest.mark.parametrize("key", ["na\u200bme", "\u2060name", "Name", "NAME"])
def test_a_required_field_written_with_a_character_too_many_is_reported_once(data_tree, key):
    # Retrial of issue 15: 'na<U+200B>me:' gave "missing required field 'name'" too.
    root = data_tree({"people/ada.yaml": person().replace("name: Ada", f"{key}: Ada", 1)})
    [found] = problems(root)
    assert found.startswith("data/people/ada.yaml:1:1: unknown field "), found
    assert found.endswith("Did you mean 'name'?"), found
