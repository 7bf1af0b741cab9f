"""Stage 2, validate: plain values -> typed entries, with every problem located.

Pydantic checks each file against the model; its error locations are mapped back
to YAML lines through the marks `load` kept. Then references are checked across
files: unknown ids, ids of the wrong kind, duplicate ids. Each entry's references and
citations are walked here, once, and handed on in the `KnowledgeBase`. What one
validation keeps for the next, when its owner keeps one, is a `CheckMemo`.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from kb import characters, checks
from kb.crash import reading
from kb.load import Loaded, Path_, RawRecord
from kb.model import (
    DATE_TABLE,
    KINDS,
    PLACEHOLDER,
    SLUG_PATTERN,
    Citation,
    Draft,
    KnowledgeBase,
)
from kb.problems import Problem, did_you_mean, errors
from kb.problems import dotted as _dotted
from kb.refs import Reference, citations, references


def validate(loaded: Loaded, *, drafts: bool = False,
             memo: CheckMemo | None = None) -> tuple[KnowledgeBase, list[Problem]]:
    """Check every record and every reference; return the valid entries and all problems.

    With `drafts` (the live preview only: `kb validate`, `kb build`, `mkdocs build` and
    CI leave it off), a file still holding placeholders that no other file names is a
    draft: it is left out of the entries, its problems go with it into
    `KnowledgeBase.drafts` instead of the list returned, and the rest of the site is
    checked as if it were not there (see `set_aside`).

    With a `memo` from the last validation (the live preview's `kb.session.Session`),
    a record that load handed back unchanged (the same object) is not checked on its
    own again: its entry, problems and references are those found then. The checks
    across files always run, reading again only the texts of entries not seen then."""
    problems = list(loaded.problems)
    todo: list[Problem] = []  # placeholders left by `kb new`
    entries: dict[str, Any] = {}
    kinds: dict[str, str] = {}
    paths: dict[str, str] = {}
    records: dict[str, RawRecord] = {}
    checked = _check_each(loaded.records, memo)
    for record in loaded.records:
        own = checked[record.path]
        entry, found, unfilled = own.entry, own.problems, own.placeholders
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
    aside: dict[str, Draft] = {}
    if drafts:
        unfilled_in = {i: checked[r.path].placeholders for i, r in records.items()}
        aside = set_aside(records, entries, unfilled_in,
                          sorted(_placeholders_explain_their_line(problems, todo)),
                          {i: checked[records[i].path].references for i in entries})
        left_out = {draft.path for draft in aside.values()}
        problems = [p for p in problems if p.path not in left_out]
        todo = [p for p in todo if p.path not in left_out]
        for draft_id in aside:
            del records[draft_id]
            for table in (entries, kinds, paths):
                table.pop(draft_id, None)
    # References are checked against every file's id, valid or not, read or not (the
    # path gives the id and kind of a file that could not be parsed), so one broken
    # file is reported once rather than again at every mention of it.
    known = {**loaded.unread, **{i: record.kind for i, record in records.items()}}
    named = {entry_id: checked[records[entry_id].path].references for entry_id in entries}
    for entry_id in entries:
        with reading(records[entry_id].path):
            problems.extend(_check_references(named[entry_id], records[entry_id], known))
    cited = {entry_id: checked[records[entry_id].path].citations for entry_id in entries}
    kb = KnowledgeBase(entries, kinds, paths, aside, named, cited)
    readings = memo.readings if memo is not None else None
    if not errors(problems):
        problems.extend(checks.run(kb, records, with_warnings=True, readings=readings))
    else:
        # Checks see only valid entries; with references broken they would
        # misreport, and the errors above come first anyway.
        problems.extend(checks.run(_error_free(kb, problems), records,
                                   with_warnings=False, readings=readings))
    return kb, sorted(_placeholders_explain_their_line(problems, todo))


def set_aside(records: dict[str, RawRecord], entries: dict[str, Any],
              unfilled: dict[str, list[Problem]], problems: list[Problem],
              named: dict[str, tuple[Reference, ...]]) -> dict[str, Draft]:
    """The drafts among `records` (id -> file), with their share of `problems`.

    A draft is a file with placeholders left (`unfilled`, by id) that no other file
    names: a file just made by `kb new`. One that another file names (a participant, a
    [[link]]) stays in the site, and its placeholders stay errors, reported once at
    their own lines rather than at every mention; a file naming only drafts does not
    hold them in. A story chapter has no page of its own to be marked on, so it is never
    a draft: its placeholders stay errors. Shapes: `entries` are the valid entries by
    id, `named` the references of each (`kb.refs.references`); the result is by id."""
    draft_ids = {entry_id for entry_id, left in unfilled.items()
                 if left and KINDS[records[entry_id].kind].indexed}
    while True:
        held = {ref for entry_id in entries if entry_id not in draft_ids
                for _, ref, _, _ in named[entry_id] if ref != entry_id}
        if not draft_ids & held:
            break
        draft_ids -= held
    aside = {}
    for draft_id in sorted(draft_ids):
        record = records[draft_id]
        data = record.data if isinstance(record.data, dict) else {}
        written = data.get("name", data.get("title"))
        name = written if isinstance(written, str) and written.strip() else draft_id
        aside[draft_id] = Draft(draft_id, record.kind, record.path, name.strip(),
                                tuple(p for p in problems if p.path == record.path))
    return aside


# ---------------------------------------------------------------------------- one file

class _Checked(NamedTuple):
    """What one record's own checks found."""

    record: RawRecord
    entry: Any
    """The typed entry; None when the file is not valid."""
    problems: list[Problem]
    placeholders: list[Problem]
    """The `TODO`s `kb new` left (`placeholders`)."""
    references: tuple[Reference, ...]
    """Every id the entry names (`kb.refs.references`)."""
    citations: tuple[tuple[Path_, Citation], ...]
    """Every citation in the entry, with its path (`kb.refs.citations`)."""


class CheckMemo:
    """Each record's own checks from the last validation, kept by the owner of a series
    of builds (`kb.session.Session`): `load` hands back the same record for a file
    that has not changed, so the live preview checks again only the files edited."""

    def __init__(self) -> None:
        self.checked: dict[str, _Checked] = {}
        """By file path, as the last validation found them."""
        self.readings = checks.Readings()
        """What the checks across files read in each entry's texts."""


def _check_each(records: list[RawRecord], memo: CheckMemo | None) -> dict[str, _Checked]:
    """Each record's own checks, by file path (paths are unique: one record per file),
    with a date written in several files read once (`kb.dates.DateTable`)."""
    checked: dict[str, _Checked] = {}
    context = {DATE_TABLE: {}}
    for record in records:
        known = memo.checked.get(record.path) if memo is not None else None
        if known is None or known.record is not record:  # a file read again since
            with reading(record.path):
                entry, found = _validate_record(record, context)
                named = tuple(references(entry)) if entry is not None else ()
                cited = tuple(citations(entry)) if entry is not None else ()
                known = _Checked(record, entry, found, list(placeholders(record)), named,
                                 cited)
        checked[record.path] = known
    if memo is not None:
        memo.checked = checked  # files gone since are forgotten
    return checked


def placeholders(record: RawRecord) -> Iterator[Problem]:
    """Every `TODO` that `kb new` left and the editor has not yet replaced; where the
    model allows only some values (a `type`, a `date_basis`), the message lists them."""
    model = KINDS[record.kind].model

    def walk(value: Any, path: Path_) -> Iterator[Problem]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))
        elif isinstance(value, str) and value.startswith(PLACEHOLDER):
            line, column = record.mark(path)
            choices = _choices_at(model, path)
            expected = f"; expected one of {', '.join(choices)}" if choices else ""
            yield Problem(record.path, line, column, f"{_dotted(path)}: replace the "
                          f"placeholder '{value}' (left by kb new){expected}")

    return walk(record.data, ())


def _placeholders_explain_their_line(problems: list[Problem],
                                     todo: list[Problem]) -> set[Problem]:
    """The placeholders, and other problems only on lines without one: a `TODO` is
    itself the reason its value is wrong."""
    lines = {(p.path, p.line) for p in todo}
    return {*todo, *(p for p in problems if (p.path, p.line) not in lines)}


def _validate_record(record: RawRecord, context: dict[str, Any]) -> tuple[Any, list[Problem]]:
    problems = []
    if not re.match(SLUG_PATTERN, record.id):
        problems.append(Problem(record.path, 0, 0, id_problem(record.id)))
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
        entry = model.model_validate(record.data, context=context)
    except ValidationError as error:
        problems.extend(located(record, model, e) for e in error.errors())
        return None, problems
    return entry.model_copy(update={"id": record.id}), problems


def id_problem(entry_id: str) -> str:
    """Why a file name is not an id, and what to rename it to: an invisible character
    in it is shown (a byte order mark or zero-width space pasted into a file name)."""
    hint = "use lower-case letters, digits and single hyphens, e.g. abu-taqwa.yaml"
    meant = characters.without_refused(entry_id)
    wrong = characters.problem(entry_id, name=True, fix=(
        f"rename the file {meant}.yaml" if re.match(SLUG_PATTERN, meant) else hint))
    if wrong:
        return f"file name {wrong}"
    return f"file name '{entry_id}' is not a valid id; {hint}"


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
        if loc[-1] == "date" and not hint:  # a summary's or a story sentence's
            hint = (" A date goes on a fact (under 'facts:'), or, for an event, in its "
                    "own 'date'.")
        return (f"unknown field '{characters.visible(str(loc[-1]))}'{_within(loc[:-1])}; "
                f"expected one of "
                f"{', '.join(allowed)}.{hint}")
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        choices = re.findall(r"'([^']*)'", expected)
        hint = did_you_mean(str(error["input"]), choices)
        written = characters.visible(str(error["input"]))
        return f"{field}: '{written}' is not allowed; expected one of {expected}.{hint}"
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
    # load gives text, never a number: YAML guesses no types here
    return f"'{characters.visible(str(value))}'"


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


def _choices_at(model: type[BaseModel], loc: Path_) -> list[str]:
    """The values a field allows when the model lists them (a Literal), else none."""
    *parents, name = [part for part in loc if not isinstance(part, int)] or [""]
    current: Any = model
    for part in parents:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        current = _inner_model(current.model_fields[str(part)].annotation)
    if not (isinstance(current, type) and issubclass(current, BaseModel)) \
            or name not in current.model_fields:
        return []
    return literal_values(current.model_fields[str(name)].annotation)


def literal_values(annotation: Any) -> list[str]:
    """The values of a Literal, also inside `X | None` or Annotated; else none."""
    if typing.get_origin(annotation) is typing.Literal:
        return [str(value) for value in typing.get_args(annotation)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        return next((found for arg in typing.get_args(annotation)
                     if (found := literal_values(arg))), [])
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


def _check_references(named: tuple[Reference, ...], record: RawRecord,
                      kinds: dict[str, str]) -> Iterator[Problem]:
    for path, ref, allowed, what in named:
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
                         {i: kb.paths[i] for i in keep},
                         references={i: kb.references[i] for i in keep},
                         citations={i: kb.citations[i] for i in keep})
