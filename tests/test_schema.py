"""The JSON Schemas: generated from the model, committed, and in agreement with it."""

import functools
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from kb.model import KIND_BY_FOLDER, KINDS
from kb.pipeline.load import load
from kb.tools.cli import main
from kb.tools.schema import json_schema, schema_comment, stale_schemas
from tests.conftest import MINI, ROOT

DATA_FILES = sorted((ROOT / "data").glob("*/*.yaml")) + sorted((MINI / "data").glob("*/*.yaml"))


@functools.cache
def loaded_records(data_dir: Path) -> dict:
    return {record.id: record for record in load(data_dir).records}


@functools.cache
def validator(kind: str) -> Draft202012Validator:
    schema = json_schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_committed_schemas_match_the_model():
    assert stale_schemas(ROOT / "schema") == [], "run `kb schema` and commit schema/"


def test_schema_check_fails_when_a_schema_drifts(tmp_path: Path, capsys):
    assert main(["--root", str(tmp_path), "schema"]) == 0
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 0
    (tmp_path / "schema" / "person.schema.json").write_text("{}")
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 1
    assert "schema/person.schema.json: differs from the model" in capsys.readouterr().err


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_data_file_names_its_schema_and_passes_it(path: Path):
    kind = KIND_BY_FOLDER[path.parent.name]
    assert path.read_text("utf-8").splitlines()[0] == schema_comment(kind)
    record = loaded_records(path.parent.parent)[path.stem]
    assert list(validator(kind).iter_errors(record.data)) == []


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_help_from_the_model(kind: str):
    schema = json_schema(kind)
    models = [schema, *schema.get("$defs", {}).values()]
    undocumented = [f"{model['title']}.{name}" for model in models
                    for name, field in model.get("properties", {}).items()
                    if not field.get("description")]
    assert undocumented == []
    assert "id" not in schema["properties"], "ids are file names, never written"


PERSON = {"name": "Ada", "summary": {"text": "A person.", "cite": ["report"]}}


@pytest.mark.parametrize(("change", "reason"), [
    ({"nmae": "Ada"}, "Additional properties"),
    ({"name": "<script>"}, "does not match"),
    ({"summary": {"text": "x", "cite": []}}, "should be non-empty"),
    ({"summary": {"text": "x", "cite": ["Not An Id"]}}, "is not valid under any"),
    ({"relations": [{"type": "friend_of", "target": "b", "cite": ["r"]}]}, "is not one of"),
    ({"facts": [{"text": "x", "cite": ["r"], "date": "4 January 2024"}]}, "is not valid"),
])
def test_schema_catches_what_editors_get_wrong(change: dict, reason: str):
    messages = [e.message for e in validator("person").iter_errors({**PERSON, **change})]
    messages += [c.message for e in validator("person").iter_errors({**PERSON, **change})
                 for c in e.context or []]
    assert any(reason in m for m in messages), messages


def test_schema_accepts_the_citation_shorthand_and_full_form():
    full = {"source": "report", "citing": "wire", "quote": {"text": "Hi.", "speaker": "ada"}}
    doc = {**PERSON, "summary": {"text": "x", "cite": ["report", full]}}
    assert list(validator("person").iter_errors(doc)) == []
