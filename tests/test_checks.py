"""Checks beyond the schema: cross-file mistakes, located, as errors or warnings."""

import pytest

from kb.pipeline.load import load
from kb.pipeline.validate import CheckMemo, validate
from kb.problems import errors

PERSON = """\
name: {name}
summary:
  text: A person.
  cite: [report]
relations:
  - {{type: works_for, target: outlet, cite: [report]}}
"""
EVENT = """\
name: Vote
type: meeting
date: {date}
summary:
  text: A vote.
  cite: [report]
participants:
  - entity: ada
"""


def found(root, severity: str | None = None) -> list[str]:
    _, problems = validate(load(root / "data", root=root))
    return [str(p) for p in problems
            if severity is None or p.severity == severity]


def without_schema_lines(messages: list[str]) -> list[str]:
    return [m for m in messages if "yaml-language-server" not in m]


def test_event_dated_after_its_source_was_published(data_tree):
    root = data_tree({"people/ada.yaml": PERSON.format(name="Ada"),
                      "events/vote.yaml": EVENT.format(date="2024-01-09")})
    assert found(root, "error") == [
        "data/events/vote.yaml:3:1: event date 9 January 2024 is after source 'report' was "
        "published (7 January 2024); a source cannot report what had not happened yet. "
        "Check the date, or cite a later source (cited at summary.cite[0])"]


def test_event_on_or_before_publication_is_fine_at_any_precision(data_tree):
    for date in ("2024-01-07", "2024-01", "{edtf: 2024-01, qualifier: early}", "2023"):
        root = data_tree({"people/ada.yaml": PERSON.format(name="Ada"),
                          "events/vote.yaml": EVENT.format(date=date)})
        assert found(root, "error") == [], date


def test_quote_said_after_its_source_was_published(data_tree):
    quoted = PERSON.format(name="Ada") + """\
facts:
  - text: She spoke.
    cite:
      - source: report
        quote: {text: "Later.", speaker: ada, said: 2024-02-01}
"""
    root = data_tree({"people/ada.yaml": quoted})
    [message] = found(root, "error")
    assert message.startswith("data/people/ada.yaml:11:47:")
    assert "quote date 1 February 2024 is after source 'report'" in message


def test_quote_without_speaker_and_statement_without_citation(data_tree):
    bad = """\
name: Ada
summary:
  text: A person.
  cite: []
facts:
  - text: Said something.
    cite:
      - source: report
        quote: {text: "Words."}
"""
    root = data_tree({"people/ada.yaml": bad})
    assert found(root) == [
        "data/people/ada.yaml:4:3: summary.cite: every statement needs a citation; "
        "'cite:' lists none: give it the id of a source in data/sources/",
        "data/people/ada.yaml:9:9: facts[0].cite[0].quote.speaker: a quote must say who "
        "said it; add 'speaker:' with the id of a person or group",
    ]


def test_a_name_shared_by_two_entities_names_both_files(data_tree):
    other = PERSON.format(name="Bo") + "aliases:\n  - {name: al Ada, cite: [report]}\n"
    root = data_tree({"people/ada.yaml": PERSON.format(name="Al-Ada"),
                      "people/bo.yaml": other})
    assert found(root, "error") == [
        "data/people/bo.yaml:8:6: 'al Ada' is also a name of 'ada' (data/people/ada.yaml, "
        "as 'Al-Ada'); if they are the same, merge the files, else tell them apart"]


def test_unlinked_entity_and_uncited_source_are_warnings(data_tree):
    lonely = "name: Lone\nsummary: {text: Alone., cite: [report]}\n"
    spare = "title: Unused\ntype: article\n"
    root = data_tree({"people/ada.yaml": PERSON.format(name="Ada"),
                      "people/lone.yaml": lonely, "sources/spare.yaml": spare})
    assert found(root, "error") == []
    assert without_schema_lines(found(root, "warning")) == [
        "data/people/lone.yaml:1:1: warning: nothing links to this entry: add a relation, "
        "or name it as a participant, place, speaker or outlet",
        "data/sources/spare.yaml:1:1: warning: no statement cites this source; cite it or "
        "remove the file",
    ]


def test_missing_schema_line_is_a_warning(data_tree):
    root = data_tree({"people/ada.yaml": PERSON.format(name="Ada")})
    assert "data/people/ada.yaml:1:1: warning: first line should be '# yaml-language-server: "\
           "$schema=../../schema/person.schema.json' so that editors check the file as you "\
           "type" in found(root)


def test_warnings_wait_while_errors_remain(data_tree):
    lonely = "name: Lone\nsummary: {text: Alone., cite: [report]}\n"
    root = data_tree({"people/lone.yaml": lonely, "people/bad.yaml": "name: Bad\n"})
    assert found(root, "warning") == []
    assert found(root, "error") == ["data/people/bad.yaml:1:1: missing required field 'summary'"]


def test_placeholders_left_by_kb_new_are_errors_that_replace_their_line(data_tree):
    todo = "name: Ada\nsummary:\n  text: TODO one or two sentences\n  cite: [TODO]\n"
    root = data_tree({"people/ada.yaml": todo})
    assert found(root) == [
        "data/people/ada.yaml:3:3: summary.text: replace the placeholder 'TODO one or two "
        "sentences' (left by kb new)",
        "data/people/ada.yaml:4:10: summary.cite[0]: replace the placeholder 'TODO' "
        "(left by kb new)",
    ]


WITHDRAWAL = """\
name: Withdrawal
type: withdrawal
date: 2023
summary:
  text: Forces left the base.
  cite: [report]
places: [base]
disputes:
  - about: Timing of the pull-out
    versions:
      - value: a first convoy on 18 August 2025, a government source said
        cite: [report]
      - value: only at the end of September 2025, a security source said
        cite: [report]
"""
BASE = """\
name: Base
type: military base
summary:
  text: {text}
  cite: [report]
{disputed}"""


def test_a_statement_settling_a_recorded_disagreement_is_found(data_tree):
    # The case of the issue: Ain al-Asad's page gave one version of the convoy's date.
    root = data_tree({"events/withdrawal.yaml": WITHDRAWAL, "places/base.yaml": BASE.format(
        text="Base that forces began leaving in August 2025.", disputed="")})
    assert found(root, "error") == [
        "data/places/base.yaml:4:3: states what only some sources say in the disagreement "
        "'Timing of the pull-out' (data/events/withdrawal.yaml): 'a first convoy on 18 "
        "August 2025, a government source said'. Give the versions with their sources, or "
        'add `disputed: {entry: withdrawal, about: "Timing of the pull-out"}` so that the '
        "page links them"]


def test_naming_the_disagreement_or_giving_every_version_settles_nothing(data_tree):
    for text, disputed in [
            ("Base that forces began leaving in August 2025.",
             "  disputed: {entry: withdrawal, about: Timing of the pull-out}\n"),
            ("Base left in August or September 2025, sources differ.", ""),
            ("Base in the desert.", "")]:
        root = data_tree({"events/withdrawal.yaml": WITHDRAWAL,
                          "places/base.yaml": BASE.format(text=text, disputed=disputed)})
        assert found(root, "error") == [], text


def test_a_statement_not_about_the_disputed_entry_is_left_alone(data_tree):
    # A count of something else, on a page with no tie to the event, is no version.
    story = ("title: Elsewhere\nsentences:\n  - text: In August 2025 [[ada]] moved.\n"
             "    cite: [report]\n")
    root = data_tree({"events/withdrawal.yaml": WITHDRAWAL,
                      "places/base.yaml": BASE.format(text="A base.", disputed=""),
                      "people/ada.yaml": PERSON.format(name="Ada"),
                      "story/01-elsewhere.yaml": story})
    assert found(root, "error") == []


def test_disputed_must_name_a_recorded_disagreement(data_tree):
    root = data_tree({"events/withdrawal.yaml": WITHDRAWAL, "places/base.yaml": BASE.format(
        text="A base.", disputed="  disputed: {entry: withdrawal, about: Timing of pull-out}\n")})
    assert found(root, "error") == [
        "data/places/base.yaml:6:33: 'withdrawal' records no disagreement about 'Timing of "
        "pull-out' (it records: 'Timing of the pull-out'). Did you mean 'Timing of the "
        "pull-out'?"]
    root = data_tree({"events/withdrawal.yaml": WITHDRAWAL, "places/base.yaml": BASE.format(
        text="A base.", disputed="  disputed: {entry: withdrawl, about: Timing}\n")})
    assert found(root, "error") == [
        "data/places/base.yaml:6:14: summary.disputed.entry: unknown entry recording the "
        "disagreement 'withdrawl'; expected the id of a file in data/events/, data/groups/, "
        "data/people/, data/places/. Did you mean 'withdrawal'?"]


STRIKE = """\
name: Strike
type: strike
date: 2024-01-04
summary:
  text: A strike.
  cite: [report]
participants:
  - entity: outlet
disputes:
  - about: How many were killed
    versions:
      - {value: two, cite: [report]}
      - {value: four people, cite: [report]}
"""
OTHER = """\
name: Other attack
type: attack
date: 2024-01-02
summary:
  text: Another attack.
  cite: [report]
"""


def test_only_counts_of_the_disputed_event_are_versions_of_a_count(data_tree):
    # The outlet takes part in the strike, so its page speaks of the strike, unless a
    # statement names another event; an ordinal is a rank, not a count.
    outlet = "name: Outlet\ntype: news outlet\nsummary:\n  text: {}\n  cite: [report]\n"
    cases = {"It reported that the strike killed four people.": True,
             "It marked the fourth anniversary of the war.": False,
             "It reported that [[other-attack]] killed four people.": False}
    for text, flagged in cases.items():
        root = data_tree({"events/strike.yaml": STRIKE, "events/other-attack.yaml": OTHER,
                          "groups/outlet.yaml": outlet.format(text)})
        assert bool(found(root, "error")) is flagged, text


@pytest.mark.parametrize("where", [
    "aliases:\n  - name: Ada the Elder\n    cite:\n      - source: report\n        quote: "
    "{text: Later., speaker: ada, said: 2024-02-01}\n",
    "facts:\n  - text: A fact.\n    cite:\n      - source: report\n        quote: "
    "{text: Later., speaker: ada, said: 2024-02-01}\n",
])
def test_a_quote_said_too_late_is_caught_on_any_statement(data_tree, where):
    root = data_tree({"people/ada.yaml": PERSON.format(name="Ada") + where})
    [message] = found(root, "error")
    assert message.startswith("data/people/ada.yaml:11:") and "quote date 1 February 2024" \
        in message


def test_a_quote_said_too_late_is_caught_in_a_story_sentence(data_tree):
    chapter = ("title: One\nsentences:\n  - text: \"[[ada]] spoke.\"\n    cite:\n"
               "      - source: report\n        quote: {text: Later., speaker: ada, "
               "said: 2024-02-01}\n")
    root = data_tree({"people/ada.yaml": PERSON.format(name="Ada"),
                      "story/01-one.yaml": chapter})
    [message] = found(root, "error")
    assert message.startswith("data/story/01-one.yaml:6:")


def test_a_citation_citing_its_own_source_is_refused(data_tree):
    person = PERSON.format(name="Ada") + "facts:\n  - text: A fact.\n    cite:\n" \
        "      - {source: report, citing: report}\n"
    root = data_tree({"people/ada.yaml": person})
    assert found(root, "error") == [
        "data/people/ada.yaml:10:26: citing: 'report' is the source itself; 'citing' names "
        "another source that this one relays. Remove it, or name the source relayed"]


REMARKS = """\
title: Ada's remarks to the Outlet
title_kind: description
type: {type}
{speaker}{outlet}date: 2024-01-06
"""


@pytest.mark.parametrize(("type_", "speaker", "outlet", "expected"), [
    ("remarks", "speaker: ada\n", "outlet: outlet\n", []),
    ("interview", "speaker: ada\n", "outlet: outlet\n", []),
    ("remarks", "", "outlet: outlet\n", [
        "data/sources/remarks.yaml:3:1: remarks need a 'speaker': the id of the person or "
        "group who made them"]),
    ("article", "speaker: ada\n", "outlet: outlet\n", [
        "data/sources/remarks.yaml:4:1: a speaker goes with words given to an outlet; "
        "expected type 'remarks', 'interview', 'statement', found 'article'"]),
    ("remarks", "speaker: ada\n", "", [
        "data/sources/remarks.yaml:4:1: words given by a speaker need the 'outlet' they "
        "were given to (the group id of the paper, site or broadcaster)"]),
    ("remarks", "speaker: nobody\n", "outlet: outlet\n", [
        "data/sources/remarks.yaml:4:1: speaker: unknown speaker 'nobody'; expected the id "
        "of a file in data/groups/, data/people/."]),
])
def test_remarks_name_who_made_them_and_to_which_outlet(data_tree, type_, speaker, outlet,
                                                       expected):
    source = REMARKS.format(type=type_, speaker=speaker, outlet=outlet)
    root = data_tree({"people/ada.yaml": PERSON.format(name="Ada"),
                      "sources/remarks.yaml": source})
    assert found(root, "error") == expected


SLUG = """\
title: {title}
title_kind: url slug
type: article
{url}date: 2024-01-06
"""


@pytest.mark.parametrize(("title", "url", "expected"), [
    ("council rejects bridge plan", "url: https://example.org/2024/council-rejects-bridge-plan\n",
     []),
    ("Council rejects the bridge plan",
     "url: https://example.org/2024/council-rejects-bridge-plan\n", [
         "data/sources/slug.yaml:1:1: title 'Council rejects the bridge plan' is not the words "
         "of the web address's last part 'council-rejects-bridge-plan'; with title_kind 'url "
         "slug' the title must be those words, in order (change only spaces, hyphens and "
         "capitals), or set title_kind to 'description'"]),
    ("council rejects bridge plan", "", [
        "data/sources/slug.yaml:1:1: a title taken from a web address needs the address: add "
        "'url', or set title_kind to 'description' and describe the source"]),
])
def test_a_title_from_a_web_address_must_be_its_words(data_tree, title, url, expected):
    root = data_tree({"people/ada.yaml": PERSON.format(name="Ada"),
                      "sources/slug.yaml": SLUG.format(title=title, url=url)})
    assert found(root, "error") == expected


def test_a_known_name_written_another_way_is_found(data_tree):
    # The case of the issue: 'US Institute for Peace' on its page, 'of Peace' elsewhere.
    institute = ("name: US Institute for Peace\ntype: think tank\nsummary:\n"
                 "  text: An institute.\n  cite: [report]\n")
    person = PERSON.format(name="Ada").replace(
        "text: A person.", "text: A director at the US Institute of Peace.")
    root = data_tree({"groups/usip.yaml": institute, "people/ada.yaml": person})
    assert found(root, "error") == [
        "data/people/ada.yaml:3:3: 'US Institute of Peace' is written differently from 'US "
        "Institute for Peace' (data/groups/usip.yaml); write the name as the entry does, or "
        "add this spelling as an alias with the source that uses it"]
    same = person.replace("US Institute of Peace", "US Institute for Peace")
    root = data_tree({"groups/usip.yaml": institute, "people/ada.yaml": same})
    assert found(root, "error") == []


DISPUTED_AGE = """\
name: Bo Example
summary: {text: A person., cite: [report]}
disputes:
  - about: Age
    versions:
      - {value: "41", cite: [report]}
      - {value: "42", cite: [report]}
"""
NAMES_BO = """\
name: Cy
summary: {text: A person who says Bo Example is 41 years old., cite: [report]}
"""


def test_the_checks_of_a_session_find_what_checks_from_nothing_find_after_each_edit(
        data_tree):
    """The live preview's checks read again only the texts of entries edited, or read
    against names that changed (kb.checks.cross_file.Readings): after each edit they find what
    checks from nothing find."""
    institute = ("name: US Institute for Peace\ntype: think tank\nsummary:\n"
                 "  text: An institute.\n  cite: [report]\n")
    person = PERSON.format(name="Ada").replace(
        "text: A person.", "text: A director at the US Institute of Peace.")
    base = BASE.format(text="Base that forces began leaving in August 2025.", disputed="")
    edits = [
        {"groups/usip.yaml": institute, "people/ada.yaml": person},
        {"people/ada.yaml": person.replace("of Peace", "for Peace")},  # a text mended
        {"groups/usip.yaml": institute.replace("for Peace", "of Peace")},  # a name moved
        {"events/withdrawal.yaml": WITHDRAWAL, "places/base.yaml": base},
        {"places/base.yaml": base.replace("Base that", "The Base that")},
        {"events/withdrawal.yaml": WITHDRAWAL.replace("name: ", "name: The ")},
        {"people/bo.yaml": DISPUTED_AGE, "people/cy.yaml": NAMES_BO},  # named by its name
        {"people/bo.yaml": DISPUTED_AGE.replace("Bo Example", "Bo Other")},  # no longer
        {"people/bo.yaml": DISPUTED_AGE},  # and again
    ]
    memo = CheckMemo()
    seen = []
    for files in edits:
        root = data_tree(files)
        _, remembered = validate(load(root / "data", root=root), memo=memo)
        assert [str(p) for p in remembered] == found(root), files
        seen.append(len(errors(remembered)))
    assert seen == [1, 0, 1, 2, 2, 2, 3, 2, 3]  # each check finds, and stops finding


SPEECH = """\
name: Speech
type: statement
date: 2024-01-05
summary:
  text: A speech.
  cite: [report]
participants:
  - entity: ada
disputes:
  - about: Wording of the pledge (in translation)
    versions:
      - value: “We are setting the date for the committee…”
        cite: [report]
      - value: “Government is setting the date for the committee…”
        cite: [report]
  - about: Where it was said
    versions:
      - value: at a memorial
        cite: [report]
      - value: at a press conference
        cite: [report]
"""
QUOTING = """\
name: Ada
summary:
  text: A person.
  cite: [report]
facts:
  - text: The report gives her words on the committee.
{disputed}    cite:
      - source: report
        quote:
          text: We are setting the date for the committee to end the presence
          speaker: ada
"""


def test_a_quote_that_is_a_version_of_a_disagreement_links_it(data_tree):
    # Issue 18's trial: al-Sudani's words as Antiwar.com rendered them were a version in
    # two disagreements, but the statement carrying them linked neither, so his page and
    # the quotes pages showed one version as though sources agreed.
    root = data_tree({"events/speech.yaml": SPEECH,
                      "people/ada.yaml": QUOTING.format(disputed="")})
    assert found(root, "error") == [
        "data/people/ada.yaml:10:11: this quote is a version in the disagreement 'Wording "
        "of the pledge (in translation)' (data/events/speech.yaml), cited to the same "
        "source, but the statement does not link it: add `disputed: {entry: speech, about: "
        "\"Wording of the pledge (in translation)\"}` to the statement, so that its pages "
        "link the other versions"]
    linked = '    disputed: {entry: speech, about: "Wording of the pledge (in translation)"}\n'
    root = data_tree({"events/speech.yaml": SPEECH,
                      "people/ada.yaml": QUOTING.format(disputed=linked)})
    assert found(root, "error") == []
    # A statement that links another disagreement already cannot link this one too.
    other = '    disputed: {entry: speech, about: "Where it was said"}\n'
    root = data_tree({"events/speech.yaml": SPEECH,
                      "people/ada.yaml": QUOTING.format(disputed=other)})
    assert [m.split(": it names ")[1] for m in found(root, "error")] == [
        "'Where it was said' already: give each disagreement a statement of its own, each "
        "with its `disputed`, so that its pages link the other versions"]


def test_a_quote_sharing_only_a_few_words_with_a_version_is_no_version(data_tree):
    short = SPEECH.replace("“We are setting the date for the committee…”", "“We are”")
    root = data_tree({"events/speech.yaml": short,
                      "people/ada.yaml": QUOTING.format(disputed="")})
    assert found(root, "error") == []
