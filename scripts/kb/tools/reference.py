"""The editing guide's field reference: every field of every kind, and every value the
model allows, written from the model so that the guide cannot drift from it.

`kb schema` writes it into docs/editing.md between two markers, beside the JSON Schemas;
`kb schema --check` (and a test) fail while the guide's copy differs from the model.
An editor so never has to guess a `type` ("province"? "airport"?) from error messages.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kb.dates.date import FuzzyDate
from kb.model import (
    DATE_BASES,
    ENTITY_KINDS,
    GROUNDING_FILE,
    KINDS,
    RELATION_TYPES,
    SLUG_PATTERN,
    Allowances,
)
from kb.text.wording import plural

GUIDE = Path("docs") / "editing.md"
"""The editing guide, relative to the project root."""
BEGIN = ("<!-- Field reference: generated from scripts/kb/model.py by `kb schema`; "
         "do not edit by hand. -->")
END = "<!-- End of the generated field reference. -->"


class GuideError(Exception):
    """The guide lacks the markers between which the reference belongs."""


# ---------------------------------------------------------------------------- the text


def field_reference() -> str:
    """The reference as Markdown: a table of fields per kind, then per part a kind
    uses (statements, citations, quotes...), the relation types and the date bases.
    Headings carry fixed ids (`fields-person`, `relation-types`) for links."""
    parts: list[type[BaseModel]] = []
    sections = ["Every field a data file may have, what it holds and whether it is "
                "required, with every value the site accepts where it accepts only some. "
                "An unknown field or value is refused with the list of those allowed.\n"]
    for kind in KINDS.values():
        sections.append(f"### {kind.label} {{ #fields-{kind.name} }}\n\n"
                        f"A file in `data/{kind.folder}/`; its id is the file name.\n\n"
                        + _fields_table(kind.model, parts))
    sections.append("The parts these files are made of:\n")
    for part in parts:  # grows while it is read: a part's own parts come after it
        sections.append(f"### {_title(part)} {{ #{_anchor(part)} }}\n\n{_doc(part)}\n\n"
                        + _fields_table(part, parts))
    sections.append(_relation_types())
    sections.append(_date_bases())
    allowance = Allowances.model_fields["allowed"].annotation
    sections.append(f"### Allow-list {{ #fields-allowances }}\n\n`data/{GROUNDING_FILE}` "
                    "holds the grounding check's reviewed exceptions, a list under "
                    "`allowed:`; each:\n\n" + _fields_table(typing.get_args(allowance)[0],
                                                             parts))
    return "\n".join(sections)


def _fields_table(model: type[BaseModel], parts: list[type[BaseModel]]) -> str:
    rows = []
    for name, field in model.model_fields.items():
        if field.exclude:
            continue
        shape = _shape(field.annotation, field, parts)
        rows.append(f"| `{name}` | {_required(field)} | {shape} | "
                    f"{_cell(field.description or '')} |")
    return ("| Field | Required | Value | What it holds |\n|---|---|---|---|\n"
            + "\n".join(rows) + "\n")


def _required(field: FieldInfo) -> str:
    if field.is_required():
        return "yes"
    if isinstance(field.default, str):
        return f"no (`{field.default}` if left out)"
    return "no"


def _shape(annotation: Any, field: FieldInfo | None, parts: list[type[BaseModel]]) -> str:
    """What an editor writes for a value of this type, in words, with links to the
    parts and lists below."""
    if field is not None:
        written = _written_as(field)
        if written is not None:  # the shorthand an editor may write instead
            return _shape(written, None, parts)
        if _is_id(field):
            return "an id"
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        base, *metadata = args
        if any(isinstance(m, FieldInfo) and _is_id(m) for m in metadata):
            return "an id"
        return _shape(base, None, parts)
    if origin in (typing.Union, types.UnionType):
        shown = [_shape(arg, None, parts) for arg in args if arg is not type(None)]
        return " or ".join(dict.fromkeys(shown))
    if origin is list:
        return "a list of " + _plural(_shape(args[0], None, parts))
    if origin is typing.Literal:
        if set(args) == set(RELATION_TYPES):
            return "a [relation type](#relation-types)"
        if set(args) == set(DATE_BASES):
            return "a [date basis](#date-bases)"
        return "one of " + ", ".join(f"`{value}`" for value in args)
    if annotation is FuzzyDate:
        return "a [date](#dates)"
    if annotation is dt.date:  # a plain calendar day (a source's `added`), not EDTF
        return "a day, 2026-11-30"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in parts:
            parts.append(annotation)
        return f"[{_title(annotation).lower()}](#{_anchor(annotation)})"
    if annotation is str:
        return "text"
    return f"`{getattr(annotation, '__name__', annotation)}`"


def _plural(shape: str) -> str:
    """'an id' -> 'ids'; '[alias](#fields-alias)' -> '[aliases](#fields-alias)'."""
    if shape == "an id":
        return "ids"
    if shape.startswith("["):
        words, _, link = shape[1:].partition("]")
        return f"[{plural(words)}]{link}"
    return shape


def _written_as(field: FieldInfo) -> Any:
    """The input type a validator declares (an id or a list of ids), if any."""
    for item in field.metadata:
        declared = getattr(item, "json_schema_input_type", None)
        if declared is not None and declared is not Any:
            return declared
    return None


def _is_id(field: FieldInfo) -> bool:
    extra = field.json_schema_extra
    return isinstance(extra, dict) and extra.get("pattern") == SLUG_PATTERN


def _title(model: type[BaseModel]) -> str:
    return {"DisputeRef": "Disputed"}.get(model.__name__, model.__name__)


def _anchor(model: type[BaseModel]) -> str:
    return f"fields-{_title(model).lower()}"


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def _cell(text: str) -> str:
    """Text inside a Markdown table cell: one line, no column breaks."""
    return " ".join(text.split()).replace("|", "\\|")


def _relation_types() -> str:
    rows, notes = [], []
    for name, rule in RELATION_TYPES.items():
        rows.append(f"| `{name}` | {rule.label} / {rule.inverse} | {_kinds(rule.subjects)} | "
                    f"{_kinds(rule.targets)} |")
        note = _relation_note(rule)
        if note:
            notes.append(f"- `{name}`: {note}.")
    return ("### Relation types { #relation-types }\n\n"
            "A relation is written in the file of one entry (the subject) and shows on both "
            "pages: as it reads on the subject's page, then on the target's.\n\n"
            "| `type` | Reads | Written on | Target |\n|---|---|---|---|\n"
            + "\n".join(rows) + "\n\n" + "\n".join(notes) + "\n")


def _relation_note(rule: Any) -> str:
    notes = [rule.description] if rule.description else []
    if rule.earlier_target:
        notes.append("the target may not be dated later than the subject")
    return "; ".join(notes)


def _kinds(kinds: frozenset[str]) -> str:
    if kinds == frozenset(ENTITY_KINDS):
        return "any entry"
    return ", ".join(KINDS[kind].label.lower() for kind in KINDS if kind in kinds)


def _date_bases() -> str:
    rows = [f"| `{name}` | {_cell(words)} |" for name, words in DATE_BASES.items()]
    return ("### Date bases { #date-bases }\n\n"
            "How a source's date is known (`date_basis`), and what its page tells "
            "readers.\n\n| `date_basis` | Readers are told the date is |\n|---|---|\n"
            + "\n".join(rows) + "\n")


# ---------------------------------------------------------------------------- the guide


def with_reference(guide: str, reference: str | None = None) -> str:
    """The guide's text with the reference between its markers replaced; raises
    GuideError when either marker is missing or they are out of order."""
    begin, end = guide.find(BEGIN), guide.find(END)
    if begin < 0 or end < begin:
        raise GuideError(f"{GUIDE.as_posix()} needs the lines '{BEGIN}' and '{END}', in "
                         "that order, where the field reference goes")
    text = reference if reference is not None else field_reference()
    return guide[:begin + len(BEGIN)] + "\n\n" + text + "\n" + guide[end:]


def guide_is_stale(root: Path) -> bool:
    """Whether the guide's reference differs from the model (GuideError if the guide
    has no place for it)."""
    path = root / GUIDE
    text = path.read_text("utf-8")
    return with_reference(text) != text


def write_guide(root: Path) -> bool:
    """Bring the guide's reference in line with the model; True if it changed."""
    path = root / GUIDE
    text = path.read_text("utf-8")
    updated = with_reference(text)
    if updated == text:
        return False
    path.write_text(updated, "utf-8")
    return True
