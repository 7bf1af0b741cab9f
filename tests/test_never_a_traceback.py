"""Never a traceback (issue 15, item 7): whatever text an editor puts in any free-text
field of any kind, the pipeline (load, validate, link, render, write) and the `kb`
commands answer with located problems or pages, never with an unexpected exception.

The `kb` command's edge turns any exception into one line naming the data file; these
tests ask for more: that no exception reaches the edge at all, so the edge's message
stays for faults nobody has found yet.
"""

from __future__ import annotations

import copy
import json
import tempfile
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from kb.model import GROUNDING_FILE, KINDS, SLUG_PATTERN, Allowances
from kb.pipeline.build import build
from kb.tools.cli import main

HEADLINE = "Council vote ends the minister's term"


def cites(speaker: str = "ada") -> list[dict]:
    """A citation with every free-text part filled: a note and a quote with context."""
    return [{"source": "report", "note": "Page two.",
             "quote": {"text": "We voted", "speaker": speaker, "said": "2024-01-05",
                       "context": "a briefing"}}]


def statement(text: str) -> dict:
    return {"text": text, "cite": cites()}


DISPUTED = {"entry": "ada", "about": "Age"}


def entity(name: str, summary: str, relation: str, target: str, **fields: Any) -> dict:
    # Every entity has a name in Arabic script too, told apart by its letters per entity.
    arabic = "آدا " + "".join("ابتثجحخدذرزسشصضطظعغفقكلمنهوي"[ord(c) % 28] for c in name)
    return {"name": name, "aliases": [{"name": f"{name} Alias", "note": "a spelling",
                                       "cite": cites(), "disputed": DISPUTED},
                                      {"name": arabic, "lang": "ar", "transliteration": name,
                                       "cite": cites()}],
            "summary": {**statement(summary), "disputed": DISPUTED},
            "facts": [{**statement(f"{name} spoke."), "date": "2024-01-05",
                       "disputed": DISPUTED}],
            "relations": [{"type": relation, "target": target, "role": "chair",
                           "cite": cites()}],
            "disputes": [{"about": "Age", "versions": [
                {"value": "fifty", "cite": cites(), "note": "as printed"},
                {"value": "sixty", "cite": cites(), "note": "later corrected"}]}],
            **fields}


BASE: dict[str, dict] = {
    "sources/report.yaml": {
        "title": HEADLINE, "type": "article", "outlet": "outlet",
        "author": "Jo Writer", "date": "2024-01-07", "date_basis": "printed",
        "url": "https://example.org/council-vote", "note": "Printed on the front page."},
    "groups/outlet.yaml": {"name": "The Outlet", "type": "news outlet",
                           "summary": statement("A newspaper.")},
    "people/ada.yaml": entity("Ada Example", "A minister in Riverton.", "member_of", "party"),
    "groups/party.yaml": {**entity("River Party", "A party in [[town]].", "operates_in",
                                   "town"), "type": "political bloc"},
    "places/town.yaml": {**entity("Riverton", "A town.", "affiliated_with", "party"),
                         "type": "city"},
    "events/vote.yaml": {
        **entity("Council vote", "The council voted on [[ada|the minister]].",
                 "affiliated_with", "town"),
        "type": "meeting", "date": "2024-01-05", "places": ["town"],
        "participants": [{"entity": "ada", "role": "lost the vote", "cite": cites()}]},
    "story/01-vote.yaml": {"title": "The vote", "sentences": [
        {**statement("[[ada]] lost the vote."), "disputed": DISPUTED}]},
    GROUNDING_FILE: {"allowed": [{"entry": "ada", "claim": "Riverton",
                                  "reason": "The report names the town in its dateline."}]},
}
"""A small valid data tree in which every free-text field of every kind is written."""

MODELS: dict[str, type[BaseModel]] = {
    **{f"{KINDS[k].folder}/": KINDS[k].model for k in KINDS}, GROUNDING_FILE: Allowances}


def _free_text(field: Any) -> bool:
    """Text an editor writes in their own words: not an id, a date, a choice from a
    list or an address with a pattern."""
    if field.exclude or any(getattr(m, "pattern", None) for m in field.metadata):
        return False
    if (field.json_schema_extra or {}).get("pattern") == SLUG_PATTERN:
        return False
    return field.annotation in (str, str | None)


def _models_in(annotation: Any) -> Iterator[tuple[type[BaseModel], bool]]:
    """The models inside an annotation, and whether they are items of a list."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation, False
        return
    origin = typing.get_origin(annotation)
    if origin is list:
        for model, _ in _models_in(typing.get_args(annotation)[0]):
            yield model, True
    elif origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            yield from _models_in(arg)


def model_fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every free-text field the model declares, as 'summary.cite[].quote.text'."""
    found: set[str] = set()
    for name, field in model.model_fields.items():
        if _free_text(field):
            found.add(prefix + name)
        for inner, listed in _models_in(field.annotation):
            found |= model_fields(inner, f"{prefix}{name}{'[]' if listed else ''}.")
    return found


def written_fields(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(key path, 'dotted[].path') of every text written in a file of BASE."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from written_fields(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from written_fields(item, (*path, index))
    elif isinstance(value, str):
        yield path, _dotted(path)


def _dotted(path: tuple) -> str:
    text = ""
    for part in path:
        text += "[]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".")


def model_of(relative: str) -> type[BaseModel]:
    return next(model for prefix, model in MODELS.items() if relative.startswith(prefix))


FIELDS = sorted((relative, path) for relative, content in BASE.items()
                for path, dotted in written_fields(content)
                if dotted in model_fields(model_of(relative)))
"""Every (file, key path) of BASE holding free text: the places the tests write into."""


def test_the_base_tree_writes_every_free_text_field_of_every_kind():
    """Guard: a free-text field added to the model is added to BASE, so the property
    tests below put arbitrary text in it too."""
    for prefix, model in MODELS.items():
        written = {_dotted(path) for relative, path in FIELDS if relative.startswith(prefix)}
        assert model_fields(model) - written == set(), prefix
    assert len(FIELDS) > 60


MARK = "kbtextmarker{}x"


class _Dumper(yaml.SafeDumper):
    """Writes every value out in full: the loader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_tree(root: Path, texts: dict[tuple[str, tuple], str], raw: bool) -> None:
    """BASE with `texts` put at their (file, key path): escaped as YAML does it, or
    `raw`, typed into the file as they are, as an editor would (which may break the
    YAML around them)."""
    files = copy.deepcopy(BASE)
    for number, (relative, path) in enumerate(texts):
        holder = files[relative]
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]] = MARK.format(number)
    for relative, content in files.items():
        text = yaml.dump(content, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                         width=1 << 20)
        for number, value in enumerate(texts.values()):
            shown = value if raw else yaml.safe_dump(value, allow_unicode=True,
                                                     width=1 << 20).removesuffix(
                "\n...\n").removesuffix("\n")
            text = text.replace(MARK.format(number), shown)
        target = root / "data" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", errors="surrogatepass")
    material = root / "material"
    material.mkdir()
    (material / "report.txt").write_text(f"{HEADLINE}\n\nRiverton. Ada Example, River "
                                         "Party, The Outlet. We voted.\n", encoding="utf-8")


def run_everything(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The pipeline, then `kb validate` in each format and `kb ground`: problems or
    pages, never an exception, never the edge's internal error."""
    result = build(root / "data", root / "out", root=root)
    for problem in result.problems:
        assert problem.path.startswith("data/") and problem.message, problem
    if result.ok:
        assert (root / "out" / "people" / "ada.md").is_file()
    for command in (["validate"], ["ground", "--sources", str(root / "material")]):
        code = main(["--root", str(root), *command])
        output = capsys.readouterr()
        assert code in (0, 1), (command, code, output.err)
        assert "internal error" not in output.out + output.err


text = st.lists(st.one_of(
    st.characters(codec=None),  # any code point but surrogates: controls, format, RTL
    st.sampled_from(["\x00", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\u200b",
                     "\u202e", "[[", "]]", "[[ada]]", "[[ada|", "|", " #", "#", ": ",
                     "- ", "*", "_", "`", "<", ">", "&", "{", "}", "\\", "\"", "'", "\n",
                     "\t", "---", "[^1]", "1.", "TODO", "2024-01-05", "12:30"])),
    max_size=12).map("".join)

SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])


@SETTINGS
@given(texts=st.dictionaries(st.sampled_from(FIELDS), text, min_size=1, max_size=3),
       raw=st.booleans())
@example(texts={("people/ada.yaml", ("facts", 0, "text")): "\x001\x00"}, raw=False)
@example(texts={("sources/report.yaml", ("title",)): "\x001\x00"}, raw=False)
@example(texts={("story/01-vote.yaml", ("sentences", 0, "text")): "[[ada]]\x000\x00"},
         raw=False)
def test_any_text_in_any_field_gives_problems_or_pages(texts, raw, capsys):
    with tempfile.TemporaryDirectory() as folder:
        write_tree(Path(folder), texts, raw)
        run_everything(Path(folder), capsys)


def test_the_base_tree_is_valid_so_that_every_stage_is_reached(tmp_path, capsys):
    """Guard: with nothing changed, the data is accepted and every page is written,
    so that arbitrary text in one field reaches render and write."""
    write_tree(tmp_path, {}, raw=False)
    result = build(tmp_path / "data", tmp_path / "out", root=tmp_path)
    assert [str(p) for p in result.problems if p.severity == "error"] == []
    assert main(["--root", str(tmp_path), "validate"]) == 0
    assert main(["--root", str(tmp_path), "ground", "--sources",
                 str(tmp_path / "material")]) in (0, 1)


# ---------------------------------------------------------------------------- the edge


def boom(*args: Any, **kwargs: Any) -> Any:
    raise IndexError("list index out of range")


def raising_for(entry_id: str, original: Any, get_id: Any) -> Any:
    """`original`, except that it raises for the entry `entry_id`."""

    def patched(*args: Any, **kwargs: Any) -> Any:
        if get_id(*args) == entry_id:
            boom()
        return original(*args, **kwargs)

    return patched


ADA = "data/people/ada.yaml"
INTERNAL = ("internal error while reading {}: IndexError: list index out of range; please "
            "report it (KB_DEBUG=1 shows where it happened)")


def _patch_stage(stage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import kb.checks.cross_file
    import kb.checks.grounding
    import kb.pipeline.link
    import kb.pipeline.load
    import kb.pipeline.render
    import kb.pipeline.validate

    if stage == "load":
        monkeypatch.setattr(kb.pipeline.load, "_load_file", raising_for(
            "ada", kb.pipeline.load._load_file, lambda path, *_: path.stem))
    elif stage == "validate":
        monkeypatch.setattr(kb.pipeline.validate, "_validate_record", raising_for(
            "ada", kb.pipeline.validate._validate_record, lambda record, *_: record.id))
    elif stage == "link":
        monkeypatch.setattr(kb.pipeline.link, "_link_relations", raising_for(
            "ada", kb.pipeline.link._link_relations, lambda linked, entry: entry.id))
    elif stage == "render":
        monkeypatch.setitem(kb.pipeline.render.ENTRY_PAGES, "person", raising_for(
            "ada", kb.pipeline.render.ENTRY_PAGES["person"],
            lambda linked, entry_id, site: entry_id))
    elif stage == "ground":
        monkeypatch.setattr(kb.checks.grounding, "assertions", raising_for(
            "ada", kb.checks.grounding.assertions, lambda kb, entry_id, *_: entry_id))
    elif stage == "checks":
        monkeypatch.setattr(kb.checks.cross_file, "names_shared", boom)


@pytest.mark.parametrize(("stage", "command", "where"), [
    ("load", "validate", ADA),
    ("validate", "validate", ADA),
    ("link", "validate", ADA),
    ("render", "validate", ADA),
    ("render", "build", ADA),
    ("ground", "ground", ADA),
    ("checks", "validate", None),  # a check across files reads no one file
])
def test_a_fault_at_any_stage_is_one_line_naming_the_file(stage, command, where, tmp_path,
                                                          monkeypatch, capsys):
    write_tree(tmp_path, {}, raw=False)
    _patch_stage(stage, monkeypatch)
    extra = {"ground": ["--sources", str(tmp_path / "material")],
             "build": ["--out", str(tmp_path / "out")]}.get(command, [])
    assert main(["--root", str(tmp_path), command, *extra]) == 3
    output = capsys.readouterr()
    expected = INTERNAL.format(where) if where else INTERNAL.replace(
        " while reading {}", "")
    assert output.err == f"kb {command}: {expected}\n"
    assert output.out == ""


def test_the_fault_reaches_tools_in_the_format_they_asked_for(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {}, raw=False)
    _patch_stage("render", monkeypatch)
    assert main(["--root", str(tmp_path), "validate", "--format", "github"]) == 3
    assert capsys.readouterr().out == f"::error file={ADA}::{INTERNAL.format(ADA)}\n"
    assert main(["--root", str(tmp_path), "validate", "--format", "json"]) == 3
    assert json.loads(capsys.readouterr().out) == {"errors": 1, "warnings": 0, "problems": [
        {"path": ADA, "line": 0, "column": 0, "severity": "error",
         "message": INTERNAL.format(ADA)}]}


def test_commands_that_read_no_data_file_report_faults_the_same_way(tmp_path, monkeypatch,
                                                                    capsys):
    import kb.tools.cli

    monkeypatch.setattr(kb.tools.cli, "write_schemas", boom)
    monkeypatch.setattr(kb.tools.cli.scaffold, "create", boom)
    assert main(["--root", str(tmp_path), "schema"]) == 3
    assert main(["--root", str(tmp_path), "new", "person", "Ada"]) == 3
    assert capsys.readouterr().err.splitlines() == [
        "kb schema: " + INTERNAL.replace(" while reading {}", ""),
        "kb new: " + INTERNAL.replace(" while reading {}", "")]


def test_kb_debug_gives_developers_the_traceback(tmp_path, monkeypatch):
    write_tree(tmp_path, {}, raw=False)
    _patch_stage("render", monkeypatch)
    monkeypatch.setenv("KB_DEBUG", "1")
    with pytest.raises(IndexError, match="list index out of range"):
        main(["--root", str(tmp_path), "validate"])
    monkeypatch.setenv("KB_DEBUG", "0")  # 0 or empty: off
    assert main(["--root", str(tmp_path), "validate"]) == 3
    for off in ("no", "false", "OFF", "", " 0 "):  # KB_DEBUG=no once meant tracebacks
        monkeypatch.setenv("KB_DEBUG", off)
        assert main(["--root", str(tmp_path), "validate"]) == 3


def test_ctrl_c_ends_a_command_without_a_traceback(tmp_path, monkeypatch, capsys):
    import kb.tools.cli

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(kb.tools.cli, "build", interrupted)
    assert main(["--root", str(tmp_path), "validate"]) == 130
    assert capsys.readouterr().err == "kb validate: interrupted\n"


def test_the_message_shows_control_characters_as_escapes_and_stays_short():
    from kb.crash import message, reading

    error = ValueError("bad \x00\x1b[31m text " + "x" * 400)
    with pytest.raises(ValueError), reading("data/people/a.yaml"), reading("data/people/b.yaml"):
        raise error
    shown = message(error)
    assert shown.startswith("internal error while reading data/people/b.yaml: ValueError: "
                            "bad \\x00\\x1b[31m text xxx")  # the innermost file
    assert "\x00" not in shown and "\x1b" not in shown
    assert len(shown) < 420 and "x…; please report it" in shown


@pytest.mark.parametrize("text", ["\x001\x00", "\x000\x00", "before \x0012\x00 after",
                                  "[[ada]] and \x000\x00"])
def test_the_issue_case_a_nul_character_in_a_fact_is_no_crash(text, tmp_path, capsys):
    """Issue 15, item 7: "\\x001\\x00" once passed validation, then render failed with an
    IndexError. It is a located error or it renders; never an internal error."""
    write_tree(tmp_path, {("people/ada.yaml", ("facts", 0, "text")): text}, raw=False)
    code = main(["--root", str(tmp_path), "build", "--out", str(tmp_path / "out")])
    output = capsys.readouterr()
    assert "internal error" not in output.err
    assert code in (0, 1)
    if code == 0:  # until control characters are refused: shown literally, links kept
        page = (tmp_path / "out" / "people" / "ada.md").read_text("utf-8")
        assert text.replace("[[ada]]", "[Ada Example](ada.md)") in page
