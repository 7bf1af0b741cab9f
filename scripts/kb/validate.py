"""Stage 2, validate: plain values -> typed entries, with every problem located.

Pydantic checks each file against the model; its error locations are mapped back
to YAML lines through the marks `load` kept. Then references are checked across
files: unknown ids, ids of the wrong kind, duplicate ids.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from kb import checks
from kb.load import Loaded, Path_, RawRecord
from kb.model import (
    KINDS,
    PLACEHOLDER,
    SLUG_PATTERN,
    KnowledgeBase,
)
from kb.problems import Problem, did_you_mean, errors
from kb.problems import dotted as _dotted
from kb.refs import references


def validate(loaded: Loaded) -> tuple[KnowledgeBase, list[Problem]]:
    """Check every record and every reference; return the valid entries and all problems."""
    problems = list(loaded.problems)
    todo: list[Problem] = []  # placeholders left by `kb new`
    entries: dict[str, Any] = {}
    kinds: dict[str, str] = {}
    paths: dict[str, str] = {}
    records: dict[str, RawRecord] = {}
    checked = _check_each(loaded.records)
    for record in loaded.records:
        entry, found, unfilled = checked[id(record)][1:]
        problems.extend(found)
        todo.extend(unfilled)
        problems.extend(unfilled)
        if record.id in records:
            problems.append(Problem(record.path, 1, 1, f"duplicate id '{record.id}': "
                                    f"{records[record.id].path} has the same file name"))
            continue
        records[record.id] = record
        if entry is not None:
            entries[record.id], kinds[record.id], paths[record.id] = entry, record.kind, record.path
    # References are checked against every file's id, valid or not, read or not (the
    # path gives the id and kind of a file that could not be parsed), so one broken
    # file is reported once rather than again at every mention of it.
    known = {**loaded.unread, **{i: record.kind for i, record in records.items()}}
    for entry_id, entry in entries.items():
        problems.extend(_check_references(entry, records[entry_id], known))
    kb = KnowledgeBase(entries, kinds, paths)
    if not errors(problems):
        problems.extend(checks.run(kb, records, with_warnings=True))
    else:
        # Checks see only valid entries; with references broken they would
        # misreport, and the errors above come first anyway.
        problems.extend(checks.run(_error_free(kb, problems), records,
                                   with_warnings=False))
    return kb, sorted(_placeholders_explain_their_line(problems, todo))


# ---------------------------------------------------------------------------- one file

_Checked = tuple[RawRecord, Any, list[Problem], list[Problem]]
_last_checked: dict[int, _Checked] = {}
"""Each record's own checks from the last run. `load` hands back the same record for
a file that has not changed, so the live preview re-checks only the edited files."""


def _check_each(records: list[RawRecord]) -> dict[int, _Checked]:
    checked: dict[int, _Checked] = {}
    for record in records:
        known = _last_checked.get(id(record))
        if known is None or known[0] is not record:  # ids of dead objects are reused
            entry, found = _validate_record(record)
            known = (record, entry, found, list(placeholders(record)))
        checked[id(record)] = known
    _last_checked.clear()
    _last_checked.update(checked)  # holding the records keeps their ids unique
    return checked


def placeholders(record: RawRecord) -> Iterator[Problem]:
    """Every `TODO` that `kb new` left and the editor has not yet replaced."""
    def walk(value: Any, path: Path_) -> Iterator[Problem]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))
        elif isinstance(value, str) and value.startswith(PLACEHOLDER):
            line, column = record.mark(path)
            yield Problem(record.path, line, column, f"{_dotted(path)}: replace the "
                          f"placeholder '{value}' (left by kb new)")

    return walk(record.data, ())


def _placeholders_explain_their_line(problems: list[Problem],
                                     todo: list[Problem]) -> set[Problem]:
    """The placeholders, and other problems only on lines without one: a `TODO` is
    itself the reason its value is wrong."""
    lines = {(p.path, p.line) for p in todo}
    return {*todo, *(p for p in problems if (p.path, p.line) not in lines)}


def _validate_record(record: RawRecord) -> tuple[Any, list[Problem]]:
    problems = []
    if not re.match(SLUG_PATTERN, record.id):
        problems.append(Problem(record.path, 0, 0, f"file name '{record.id}' is not a valid id; "
                                "use lower-case letters, digits and single hyphens, "
                                "e.g. abu-taqwa.yaml"))
    if not isinstance(record.data, dict):
        found = type(record.data).__name__
        problems.append(Problem(record.path, 1, 1, f"expected a mapping of fields "
                                f"(name: ..., summary: ...), found {found}"))
        return None, problems
    if "id" in record.data:
        line, column = record.mark(("id",))
        problems.append(Problem(record.path, line, column, "remove 'id': an entry's id is "
                                f"its file name ('{record.id}')"))
        return None, problems
    model = KINDS[record.kind].model
    try:
        entry = model.model_validate(record.data)
    except ValidationError as error:
        problems.extend(located(record, model, e) for e in error.errors())
        return None, problems
    return entry.model_copy(update={"id": record.id}), problems


def located(record: RawRecord, model: type[BaseModel], error: Any) -> Problem:
    """One pydantic error as a problem at its line, in the editor's terms."""
    loc: Path_ = tuple(error["loc"])
    line, column = record.mark(loc)
    return Problem(record.path, line, column, _message(model, loc, error))


def _message(model: type[BaseModel], loc: Path_, error: Any) -> str:
    kind, field = error["type"], _dotted(loc)
    if loc and loc[-1] == "cite" and kind in ("missing", "too_short"):
        return (f"{field}: every statement needs a citation; add 'cite:' with the id of a "
                "source in data/sources/")
    if loc and loc[-1] == "speaker" and kind == "missing":
        return (f"{field}: a quote must say who said it; add 'speaker:' with the id of a "
                "person or group")
    if kind == "missing":
        return f"missing required field '{loc[-1]}'" + _within(loc[:-1])
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        hint = did_you_mean(str(loc[-1]), allowed)
        return (f"unknown field '{loc[-1]}'{_within(loc[:-1])}; expected one of "
                f"{', '.join(allowed)}.{hint}")
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        choices = re.findall(r"'([^']*)'", expected)
        hint = did_you_mean(str(error["input"]), choices)
        return f"{field}: '{error['input']}' is not allowed; expected one of {expected}.{hint}"
    if kind == "string_too_short" and error["ctx"]["min_length"] > 1:
        return (f"{field}: '{error['input']}' is too short; write at least "
                f"{error['ctx']['min_length']} characters")
    if kind == "string_too_short":
        return f"{field}: is empty; write the text, or remove the field if it is optional"
    if kind == "too_short":
        return f"{field}: needs at least {error['ctx']['min_length']} item(s), found none"
    if kind == "string_pattern_mismatch" and loc[-1] == "url":
        return (f"{field}: '{error['input']}' is not a web address; expected http:// or "
                "https:// and a host name, without spaces, <, > or \"")
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        expected = {"string_type": "text", "list_type": "a list (lines starting with '- ')"}
        wanted = expected.get(kind, "a mapping of fields")
        return f"{field}: expected {wanted}, found {_describe(error['input'])}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{field}: {message}"


def _within(loc: Path_) -> str:
    return f" in {_dotted(loc)}" if loc else ""


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"  # load gives text, never a number: YAML guesses no types here


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """Field names of the model found at `loc`, for 'expected one of' and did-you-mean."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        current = _inner_model(current.model_fields[str(part)].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [n for n, f in current.model_fields.items() if not f.exclude]
    return []


def _inner_model(annotation: Any) -> Any:
    """The BaseModel inside list[...], X | None or Annotated[...], if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


# ---------------------------------------------------------------------------- references


def _check_references(entry: Any, record: RawRecord, kinds: dict[str, str]) -> Iterator[Problem]:
    for path, ref, allowed, what in references(entry):
        line, column = record.mark(path)
        if ref not in kinds:
            candidates = [i for i, k in kinds.items() if k in allowed]
            hint = did_you_mean(ref, candidates)
            folders = ", ".join(f"data/{KINDS[k].folder}/" for k in sorted(allowed))
            yield Problem(record.path, line, column, f"{_dotted(path)}: unknown {what} "
                          f"'{ref}'; expected the id of a file in {folders}.{hint}")
        elif kinds[ref] not in allowed:
            yield Problem(record.path, line, column, f"{_dotted(path)}: '{ref}' is "
                          f"{_a(kinds[ref])}, but {what} must be {_a(*sorted(allowed))}")


def _a(*kinds: str) -> str:
    """'a group', 'an event', 'an event, group or person'."""
    words = ", ".join(kinds[:-1]) + f" or {kinds[-1]}" if len(kinds) > 1 else kinds[0]
    return ("an " if words[0] in "aeiou" else "a ") + words


def _error_free(kb: KnowledgeBase, problems: list[Problem]) -> KnowledgeBase:
    """The entries whose files have no error (their references may still be broken)."""
    broken = {p.path for p in errors(problems)}
    keep = {i for i, path in kb.paths.items() if path not in broken}
    return KnowledgeBase({i: kb.entries[i] for i in keep}, {i: kb.kinds[i] for i in keep},
                         {i: kb.paths[i] for i in keep})
