"""JSON Schemas for editors' tools, generated from the data model, never written by hand.

VS Code's YAML extension reads the `# yaml-language-server: $schema=` line at the top
of each data file and offers completion, hover help (the model's field descriptions)
and squiggles. `schema/` is committed so editors get it without running anything; a
test regenerates it and fails when the committed copy has drifted from the model.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kb.model import KINDS

SCHEMA_FOLDER = "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_file(kind: str) -> str:
    """File name of a kind's schema inside `schema/`."""
    return f"{kind}.schema.json"


def schema_comment(kind: str) -> str:
    """The first line of a data file of this kind; relative, so it works in any clone."""
    return f"# yaml-language-server: $schema=../../{SCHEMA_FOLDER}/{schema_file(kind)}"


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind, as the model validates it."""
    model = KINDS[kind].model
    schema = model.model_json_schema(mode="validation")
    schema["title"] = f"{KINDS[kind].label} (data/{KINDS[kind].folder}/*.yaml)"
    return {"$schema": DIALECT, **schema}


def schema_texts() -> dict[str, str]:
    """Every schema file's name and exact text, in a stable form for diffs."""
    return {
        schema_file(kind): json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in KINDS
    }


def stale_schemas(folder: Path, expected: dict[str, str] | None = None) -> list[str]:
    """Schema files missing from `folder`, differing from the model, or left over."""
    expected = expected or schema_texts()
    stale = [name for name, text in expected.items()
             if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text]
    leftovers = [p.name for p in folder.glob("*.schema.json") if p.name not in expected]
    return sorted(stale + leftovers)


def write_schemas(folder: Path) -> list[str]:
    """Bring `folder` in line with the model; return the names of files changed."""
    expected = schema_texts()
    changed = stale_schemas(folder, expected)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in expected.items():
        if name in changed:
            (folder / name).write_text(text, "utf-8")
    for path in folder.glob("*.schema.json"):
        if path.name not in expected:
            path.unlink()
    return changed
