"""The editing guide's field reference: generated from the model, committed, and in
agreement with it, so that an editor never has to guess a field or a value."""

from __future__ import annotations

import re
import shutil
import typing
from pathlib import Path

import pytest

from kb.model import DATE_BASES, KINDS, RELATION_TYPES
from kb.pipeline.validate import literal_values
from kb.tools.cli import main
from kb.tools.reference import BEGIN, END, GUIDE, field_reference, guide_is_stale
from tests.conftest import ROOT


def section(text: str) -> str:
    return text[text.index(BEGIN):text.index(END)]


def test_the_committed_guide_lists_what_the_model_allows():
    assert not guide_is_stale(ROOT), "run `kb schema` and commit docs/editing.md"


@pytest.mark.parametrize("kind", ["group", "place", "event", "source"])
def test_every_type_of_every_kind_is_in_the_guide_under_its_kind(kind):
    reference = section((ROOT / GUIDE).read_text("utf-8"))
    label = KINDS[kind].label
    table = re.search(rf"### {label} \{{ #fields-{kind} \}}\n(.*?)\n###", reference, re.S)
    assert table, f"no section for {label}"
    row = next(line for line in table[1].splitlines() if line.startswith("| `type` |"))
    values = literal_values(KINDS[kind].model.model_fields["type"].annotation)
    assert values and all(f"`{value}`" in row for value in values)


def test_the_values_the_new_source_trial_had_to_guess_are_listed():
    reference = section((ROOT / GUIDE).read_text("utf-8"))
    place_row = next(line for line in reference.splitlines()
                     if line.startswith("| `type` |") and "`military base`" in line)
    assert "`province`" in place_row and "`airport`" in place_row


def test_every_field_relation_type_and_date_basis_is_listed():
    reference = field_reference()
    for kind in KINDS.values():
        for name, field in kind.model.model_fields.items():
            if not field.exclude:
                assert f"| `{name}` |" in reference, (kind.name, name)
    for name, rule in RELATION_TYPES.items():
        assert f"| `{name}` | {rule.label} / {rule.inverse} |" in reference
    assert "| `responds_to` | responds to / responses | event | event |" in reference
    assert ("- `responds_to`: an event that answers an earlier event, as a source says: "
            "strikes in retaliation for an attack, a statement condemning a strike; the "
            "target may not be dated later than the subject.") in reference
    for name, words in DATE_BASES.items():
        assert f"| `{name}` | {words} |" in reference
    for name in typing.get_args(KINDS["source"].model.model_fields["title_kind"].annotation):
        assert f"`{name}`" in reference


def test_every_link_in_the_reference_has_its_heading():
    reference = field_reference()
    anchors = set(re.findall(r"\{ #([a-z-]+) \}", reference)) | {"dates"}
    assert set(re.findall(r"\]\(#([a-z-]+)\)", reference)) <= anchors


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / GUIDE, tmp_path / GUIDE)
    assert main(["--root", str(tmp_path), "schema"]) == 0
    return tmp_path


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("`airport`, ", ""),  # a value dropped by hand
    lambda text: text.replace(END, "| `extra` | no | text | made up |\n" + END),
    lambda text: text.replace("| `said` |", "| `when` |"),
])
def test_schema_check_fails_when_the_guide_drifts_and_kb_schema_mends_it(project, capsys,
                                                                         edit):
    path = project / GUIDE
    good = path.read_text("utf-8")
    path.write_text(edit(good), "utf-8")
    assert main(["--root", str(project), "schema", "--check"]) == 1
    assert ("docs/editing.md (its field reference): differs from the model; run `kb schema`"
            in capsys.readouterr().err)
    assert main(["--root", str(project), "schema"]) == 0
    assert path.read_text("utf-8") == good
    assert main(["--root", str(project), "schema", "--check"]) == 0


def test_a_guide_without_its_markers_is_reported(project, capsys):
    path = project / GUIDE
    path.write_text(path.read_text("utf-8").replace(END, ""), "utf-8")
    assert main(["--root", str(project), "schema"]) == 1
    assert (f"kb schema: docs/editing.md needs the lines '{BEGIN}' and '{END}', in that "
            "order, where the field reference goes") in capsys.readouterr().err
