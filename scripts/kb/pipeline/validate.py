"""Stage 2, validate: plain values -> typed entries, with every problem located.

Pydantic checks each file against the model; its error locations are mapped back
to YAML lines through the marks `load` kept. Then references are checked across
files: unknown ids, ids of the wrong kind, duplicate ids. Each entry's references and
citations are walked here, once, and handed on in the `KnowledgeBase`. What one
validation keeps for the next, when its owner keeps one, is a `CheckMemo`.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
import unicodedata
from collections.abc import Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel, ValidationError

from kb.addresses import EntryId
from kb.checks import cross_file as checks
from kb.checks.partial import partial
from kb.checks.refs import Reference, citations, references
from kb.crash import reading
from kb.model import (
    DATE_TABLE,
    KINDS,
    PLACEHOLDER,
    SLUG_PATTERN,
    AnyEntry,
    Citation,
    Draft,
    KnowledgeBase,
    Record,
    explanation,
)
from kb.pipeline.load import Loaded, Path_, RawRecord, meant_id
from kb.problems import Problem, closest, did_you_mean, errors
from kb.problems import dotted as _dotted
from kb.text import characters
from kb.text.wording import count, series, with_article


def validate(loaded: Loaded, *, drafts: bool = False,
             memo: CheckMemo | None = None) -> tuple[KnowledgeBase, list[Problem]]:
    """Check every record and every reference; return the valid entries and all problems.

    With `drafts` (the live preview only: `kb validate`, `kb build`, `mkdocs build` and
    CI leave it off), a file still holding placeholders that no other file names is a
    draft: it is left out of the entries, its problems go with it into
    `KnowledgeBase.drafts` instead of the list returned, and the rest of the site is
    checked as if it were not there (see `set_aside`).

    With a `memo` from the last validation (the live preview's `kb.pipeline.session.Session`),
    a record that load handed back unchanged (the same object) is not checked on its
    own again: its entry, problems and references are those found then. The checks
    across files always run, reading again only the texts of entries not seen then."""
    problems = list(loaded.problems)
    todo: list[Problem] = []  # placeholders left by `kb new`
    entries: dict[EntryId, AnyEntry] = {}
    kinds: dict[EntryId, str] = {}
    paths: dict[EntryId, str] = {}
    records: dict[EntryId, RawRecord] = {}
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
    aside: dict[EntryId, Draft] = {}
    # each draft's file and valid entry
    drafted: dict[EntryId, tuple[RawRecord, AnyEntry | None]] = {}
    if drafts:
        unfilled_in = {i: checked[r.path].placeholders for i, r in records.items()}
        aside = set_aside(records, entries, unfilled_in,
                          sorted(_placeholders_explain_their_line(problems, todo)),
                          {i: checked[records[i].path].references for i in entries})
        left_out = {draft.path for draft in aside.values()}
        problems = [p for p in problems if p.path not in left_out]
        todo = [p for p in todo if p.path not in left_out]
        for draft_id in aside:
            drafted[draft_id] = (records.pop(draft_id), entries.get(draft_id))
            for table in (entries, kinds, paths):
                table.pop(draft_id, None)
    # References are checked against every file's id, valid or not, read or not (the
    # path gives the id and kind of a file that could not be parsed), so one broken
    # file is reported once rather than again at every mention of it.
    files = {**loaded.unread, **{r.id: r.kind for r in loaded.records}}
    known: dict[EntryId, str] = {**_meant_ids(files), **loaded.unread,
                                 **{i: record.kind for i, record in records.items()}}
    named = {entry_id: checked[records[entry_id].path].references for entry_id in entries}
    # Every file's ids, also those of a file the model refused (what of it can be read):
    # its unknown ids show in the same round as its own problems.
    for record in records.values():
        with reading(record.path):
            problems.extend(_check_references(checked[record.path].references, record,
                                              known))
    cited = {entry_id: checked[records[entry_id].path].citations for entry_id in entries}
    kb = KnowledgeBase(entries, kinds, paths, aside, named, cited)
    readings = memo.readings if memo is not None else None
    if not errors(problems):
        problems.extend(checks.run(kb, records, with_warnings=True, readings=readings))
    else:
        # Checks see only valid entries; with references broken they would
        # misreport, and the errors above come first anyway.
        # A file's placeholders do not hold its checks back: one run shows every
        # problem, as a draft's page does (retrial of issue 15).
        valid = _error_free(kb, [p for p in problems if p not in todo])
        problems.extend(checks.run(valid, records, with_warnings=False, readings=readings))
        # A file with errors of its own is left out of those checks, but what of it can
        # be read names disagreements too, and records them: a name of a disagreement
        # must be one recorded whether the naming file or the recording one has errors
        # (its unknown ids are reported above; a refused file's disagreements that
        # cannot all be read are not taken as missing).
        reads = {entry_id: (record, checked[record.path].entry or checked[record.path].part)
                 for entry_id, record in records.items()}
        recorded = {entry_id: checks.recorded_in(record, read)
                    for entry_id, (record, read) in reads.items()}
        refused = {entry_id for entry_id in reads if entry_id not in valid.entries}
        for entry_id, (record, read) in reads.items():
            if read is None:
                continue
            # A valid file naming a valid entry's disagreement was checked with the rest.
            owners = None if entry_id in refused else refused
            problems.extend(checks.disputes_named_in(recorded, record, read, owners))
    if drafted:
        kb = dataclasses.replace(kb, drafts=_with_cross_file_problems(
            kb, drafted, known, records, checked, site_ok=not errors(problems)))
    return kb, sorted(_placeholders_explain_their_line(problems, todo))


def set_aside(records: dict[EntryId, RawRecord], entries: dict[EntryId, AnyEntry],
              unfilled: dict[EntryId, list[Problem]], problems: list[Problem],
              named: dict[EntryId, tuple[Reference, ...]]) -> dict[EntryId, Draft]:
    """The drafts among `records` (id -> file), with their share of `problems`.

    A draft is a file with placeholders left (`unfilled`, by id) that no other file
    names: a file just made by `kb new`. One that another file names (a participant, a
    [[link]]) stays in the site, and its placeholders stay errors, reported once at
    their own lines rather than at every mention; a file naming only drafts does not
    hold them in. A story chapter has no page of its own to be marked on, so it is never
    a draft: its placeholders stay errors. Shapes: `entries` are the valid entries by
    id, `named` the references of each (`kb.checks.refs.references`); the result is by id."""
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
                                tuple(p for p in problems if p.path == record.path),
                                len(unfilled[draft_id]))
    return aside


def _with_cross_file_problems(kb: KnowledgeBase,
                              drafted: dict[EntryId, tuple[RawRecord, AnyEntry | None]],
                              known: dict[EntryId, str], records: dict[EntryId, RawRecord],
                              checked: dict[str, _Checked], *,
                              site_ok: bool) -> dict[EntryId, Draft]:
    """The drafts with the problems only the whole site shows added to their own: an
    unknown id, a response dated before what it answers... A draft's page lists all
    that is wrong in it, not only its placeholders, so that it does not claim to be
    one placeholder from joining the site when it is not. The checks run on the site
    with the drafts in it, and only the drafts' problems are kept: a draft is named
    by no other file, so the rest of the site is checked without it (see `validate`).
    `kb` is the site without the drafts, `drafted` each draft's file and valid entry
    (None if the model refused it: its own problems say why), `known` {id: kind} of
    every other file, `checked` every file's own checks by path (`_check_each`: the
    drafts' references and citations); the checks across files run only on a site
    free of errors, as they do for the site itself.
    """
    drafts_known = {**known, **{i: record.kind for i, (record, _) in drafted.items()}}
    found: list[Problem] = []
    valid = {i: entry for i, (_, entry) in drafted.items() if entry is not None}
    for record, _ in drafted.values():  # a refused draft's ids too, as far as it is read
        with reading(record.path):
            found.extend(_check_references(checked[record.path].references, record,
                                           drafts_known))
            if (part := checked[record.path].part) is not None:
                found.extend(checks.disputes_named_in(checks.recorded_by(kb), record, part))
    if valid and site_ok and not errors(found):
        theirs = {i: checked[drafted[i][0].path] for i in valid}
        whole = KnowledgeBase({**kb.entries, **valid},
                              {**kb.kinds, **{i: drafted[i][0].kind for i in valid}},
                              {**kb.paths, **{i: drafted[i][0].path for i in valid}},
                              references={**kb.references,
                                          **{i: c.references for i, c in theirs.items()}},
                              citations={**kb.citations,
                                         **{i: c.citations for i, c in theirs.items()}})
        all_records = {**records, **{i: drafted[i][0] for i in valid}}
        found.extend(checks.run(whole, all_records, with_warnings=False))
    result = {}
    for draft_id, draft in kb.drafts.items():
        own = [p for p in found if p.path == draft.path]
        result[draft_id] = dataclasses.replace(
            draft, problems=tuple(sorted({*draft.problems, *own})))
    return result


def _meant_ids(files: dict[EntryId, str]) -> dict[EntryId, str]:
    """Of the files' {id: kind}, each whose name is not a valid id but plainly meant one
    (`kb.pipeline.load.meant_id`: 'Gaza', 'gaza ', a zero-width space pasted into 'gaza'), as
    {meant id: kind}: its file name is reported once, and entries naming the id it was
    meant to have are not also reported as naming an unknown one."""
    meant: dict[EntryId, str] = {}
    for file_id, kind in files.items():
        if not re.match(SLUG_PATTERN, file_id) and (wanted := meant_id(file_id)):
            meant[wanted] = kind
    return meant


# ---------------------------------------------------------------------------- one file

class _Checked(NamedTuple):
    """What one record's own checks found."""

    record: RawRecord
    entry: AnyEntry | None
    """The typed entry; None when the file is not valid."""
    problems: list[Problem]
    placeholders: list[Problem]
    """The `TODO`s `kb new` left (`placeholders`)."""
    references: tuple[Reference, ...]
    """Every id the entry names (`kb.checks.refs.references`); in a file the model
    refused, every id in the parts of it that can be read (`kb.checks.partial`)."""
    citations: tuple[tuple[Path_, Citation], ...]
    """Every citation in the entry, with its path (`kb.checks.refs.citations`)."""
    part: BaseModel | None = None
    """In a file the model refused, what of it can be read (`kb.checks.partial`)."""


class CheckMemo:
    """Each record's own checks from the last validation, kept by the owner of a series
    of builds (`kb.pipeline.session.Session`): `load` hands back the same record for a file
    that has not changed, so the live preview checks again only the files edited."""

    def __init__(self) -> None:
        self.checked: dict[str, _Checked] = {}
        """By file path, as the last validation found them."""
        self.readings = checks.Readings()
        """What the checks across files read in each entry's texts."""


def _check_each(records: list[RawRecord], memo: CheckMemo | None) -> dict[str, _Checked]:
    """Each record's own checks, by file path (paths are unique: one record per file),
    with a date written in several files read once (`kb.dates.date.DateTable`)."""
    checked: dict[str, _Checked] = {}
    context: dict[str, Any] = {DATE_TABLE: {}}
    for record in records:
        known = memo.checked.get(record.path) if memo is not None else None
        if known is None or known.record is not record:  # a file read again since
            with reading(record.path):
                entry, found = _validate_record(record, context)
                # A refused file's ids are read from what of it can be read, so that
                # one round shows its unknown ids beside its own problems.
                part = partial(KINDS[record.kind].model, record.data, context) \
                    if entry is None else None
                named = tuple(references(entry if entry is not None else part))
                cited = tuple(citations(entry)) if entry is not None else ()
                known = _Checked(record, entry, found, list(placeholders(record)), named,
                                 cited, part)
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


def _validate_record(record: RawRecord,
                     context: dict[str, Any]) -> tuple[AnyEntry | None, list[Problem]]:
    problems = []
    if not re.match(SLUG_PATTERN, record.id):
        problems.append(Problem(record.path, 0, 0, id_problem(record.id)))
    if not isinstance(record.data, dict):
        problems.append(Problem(record.path, 1, 1, f"expected a mapping of fields "
                                f"(name: ..., summary: ...), found {_describe(record.data)}"))
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
        problems.extend(located(record, model, e) for e in _one_per_key(model, error.errors())
                        if not _refused_by_load(record, e["loc"]))
        return None, problems
    return entry.model_copy(update={"id": record.id}), problems


def _one_per_key(model: type[BaseModel], found: list[Any]) -> list[Any]:
    """Pydantic's errors but for a required field reported missing where a key that was
    plainly meant as it stands (`na<U+200B>me:`, `Name:`, `name :` in quotes), or is
    that field misspelt (`nmae:`, whose report suggests 'name'): that key's own report,
    unknown field with a Did you mean, says all there is to fix (a trial found
    `nmae:` reported twice, as unknown and as 'name' missing)."""
    meant = {(*e["loc"][:-1], meant_key) for e in found if e["type"] == "extra_forbidden"
             and isinstance(e["loc"][-1], str)
             and (meant_key := unicodedata.normalize("NFKC", characters.without_refused(
                 e["loc"][-1])).strip().casefold()) != e["loc"][-1]}
    missing = {tuple(e["loc"]) for e in found if e["type"] == "missing"}
    for e in found:
        if e["type"] == "extra_forbidden" and isinstance(e["loc"][-1], str):
            parent = tuple(e["loc"][:-1])
            suggested = closest(e["loc"][-1], _field_names(_model_at(model, parent)))
            if suggested is not None and (*parent, suggested) in missing:
                meant.add((*parent, suggested))
    return [e for e in found if not (e["type"] == "missing" and tuple(e["loc"]) in meant)]


def _refused_by_load(record: RawRecord, loc: tuple[Any, ...]) -> bool:
    """Whether pydantic's error at `loc` is about a value load refused and reported
    already (a written null, a YAML tag: `RawRecord.refused`), which it read as None."""
    return any(tuple(loc[:end]) in record.refused for end in range(1, len(loc) + 1))


def id_problem(entry_id: str) -> str:
    """Why a file name is not an id, and what to rename it to: an invisible character
    in it is shown (a byte order mark or zero-width space pasted into a file name)."""
    hint = "use lower-case letters, digits and single hyphens, e.g. abu-taqwa.yaml"
    meant = meant_id(entry_id)
    fix = f"rename the file {meant}.yaml" if meant else hint
    wrong = characters.problem(entry_id, name=True, fix=fix)
    if wrong:
        return f"file name {wrong}"
    return f"file name '{characters.visible(entry_id)}' is not a valid id; {fix}"


def located(record: RawRecord, model: type[BaseModel], error: Any) -> Problem:
    """One pydantic error as a problem at its line, in the editor's terms."""
    loc: Path_ = tuple(error["loc"])
    line, column = record.mark(loc)
    return Problem(record.path, line, column, _message(model, loc, error))


def _message(model: type[BaseModel], loc: Path_, error: Any) -> str:
    """The editor's message for one pydantic error: the one the field's type gives
    for it (`kb.model.Explained`), else the general one of its error type."""
    kind, field = error["type"], _dotted(loc)
    explained = _explained(model, loc, kind)
    if explained is not None:
        value = error.get("input")
        return f"{field}: {explained.format(input=value, found=_describe(value))}"
    if kind == "missing":
        return f"missing required field '{loc[-1]}'" + _within(loc[:-1])
    if kind == "extra_forbidden":
        within = _model_at(model, loc[:-1])
        allowed = _field_names(within)
        hint = did_you_mean(str(loc[-1]), allowed)
        if not hint and within is not None and str(loc[-1]) in _misplaced(within):
            hint = f" {_misplaced(within)[str(loc[-1])]}"
        return (f"unknown field '{characters.visible(str(loc[-1]))}'{_within(loc[:-1])}; "
                f"expected one of "
                f"{', '.join(allowed)}.{hint}")
    if kind == "literal_error":
        expected = error["ctx"]["expected"]
        choices = re.findall(r"'([^']*)'", expected)
        value = error["input"]
        if not isinstance(value, str):  # `type: [armed group]`: a list, not a choice
            items = list(value) if isinstance(value, list | dict) else []
            hint = did_you_mean(str(items[0]), choices) if len(items) == 1 else ""
            return f"{field}: expected one of {expected}, found {_describe(value)}.{hint}"
        hint = did_you_mean(value, choices)
        written = characters.visible(value)
        return f"{field}: '{written}' is not allowed; expected one of {expected}.{hint}"
    if kind == "string_too_short" and error["ctx"]["min_length"] > 1:
        return (f"{field}: {_describe(error['input'])} is too short; write at least "
                f"{error['ctx']['min_length']} characters")
    if kind == "string_too_short":
        return f"{field}: is empty; write the text, or remove the field if it is optional"
    if kind == "too_short":
        found = error["ctx"].get("actual_length") or "none"
        return f"{field}: needs at least {count(error['ctx']['min_length'], 'item')}, found {found}"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        expected = {"string_type": "text", "list_type": "a list (lines starting with '- ')"}
        wanted = expected.get(kind, "a mapping of fields")
        return f"{field}: expected {wanted}, found {_describe(error['input'])}"
    if kind == "string_pattern_mismatch":
        return (f"{field}: {_describe(error['input'])} is not in the form expected "
                f"({error['ctx']['pattern']})")
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{field}: {message}"


def _within(loc: Path_) -> str:
    return f" in {_dotted(loc)}" if loc else ""


def _describe(value: Any) -> str:
    """A value in a message, as the editor wrote it: 'nothing', "'text'", 'a list
    ([armed group])', 'a mapping ({armed group})'; never as Python writes it."""
    if value is None:
        return "nothing"
    if isinstance(value, dict | list):
        what = "a mapping" if isinstance(value, dict) else "a list"
        written = _written(value)
        return f"{what} ({written})" if len(written) <= 80 else what
    # load gives text, never a number: YAML guesses no types here. One line, as every
    # message is: a block's line breaks are shown, and its final one left out.
    text = re.sub("[\n\u2028\u2029]", lambda match: f"<U+{ord(match[0]):04X}>",
                  characters.visible(str(value).strip()))
    return f"'{text[:80]}…'" if len(text) > 80 else f"'{text}'"


def _written(value: Any) -> str:
    """A value in YAML's one-line form: [a, b], {key: value}, {key} for a key with no
    value."""
    if isinstance(value, list):
        return "[" + ", ".join(_written(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(str(key) if item is None else f"{key}: {_written(item)}"
                               for key, item in value.items()) + "}"
    return "" if value is None else characters.visible(str(value))


def _model_at(model: type[BaseModel], loc: Path_) -> type[BaseModel] | None:
    """The model of the value at `loc` (list indexes passed over), or None where no
    model is: 'summary' in a person is a Statement, 'facts', 0 a Fact."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) \
                or str(part) not in current.model_fields:
            return None
        current = _inner_model(current.model_fields[str(part)].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _field_names(model: type[BaseModel] | None) -> list[str]:
    """Field names of a model an editor may write, for 'expected one of' and
    did-you-mean; none for no model."""
    if model is None:
        return []
    return [n for n, f in model.model_fields.items() if not f.exclude]


def _misplaced(model: type[BaseModel]) -> dict[str, str]:
    """`Record.misplaced` of a model: where fields it has not belong."""
    return model.misplaced if issubclass(model, Record) else {}


def _explained(model: type[BaseModel], loc: Path_, error_type: str) -> str | None:
    """What the type of the field at `loc` says about an error of `error_type`
    (`kb.model.Explained`), or, at an item of a list (`cite[0]`), what the list's item
    type says; None when it says nothing, or no field is there."""
    item = bool(loc) and isinstance(loc[-1], int)
    if item:
        loc = loc[:-1]
    if not loc or isinstance(loc[-1], int):
        return None
    within = _model_at(model, loc[:-1])
    info = within.model_fields.get(str(loc[-1])) if within is not None else None
    if info is None:
        return None
    if item:
        items = typing.get_args(info.annotation)
        return explanation(items[0], [], error_type) if items else None
    return explanation(info.annotation, info.metadata, error_type)


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
                      kinds: dict[EntryId, str]) -> Iterator[Problem]:
    for path, ref, allowed, what in named:
        line, column = record.mark(path)
        if ref not in kinds:
            # Only valid ids: a broken file name is reported at its file, never offered.
            candidates = [i for i, k in kinds.items()
                          if k in allowed and re.match(SLUG_PATTERN, i)]
            hint = did_you_mean(ref, candidates)
            folders = ", ".join(f"data/{KINDS[k].folder}/" for k in sorted(allowed))
            yield Problem(record.path, line, column, f"{_dotted(path)}: unknown {what} "
                          f"'{ref}'; expected the id of a file in {folders}.{hint}")
        elif kinds[ref] not in allowed:
            yield Problem(record.path, line, column, f"{_dotted(path)}: '{ref}' is "
                          f"{with_article(kinds[ref])}, but {what} must be "
                          f"{with_article(series(sorted(allowed), 'or'))}")


def _error_free(kb: KnowledgeBase, problems: list[Problem]) -> KnowledgeBase:
    """The entries whose files have none of `problems` as an error (their references may
    still be broken)."""
    broken = {p.path for p in errors(problems)}
    keep = {i for i, path in kb.paths.items() if path not in broken}
    return KnowledgeBase({i: kb.entries[i] for i in keep}, {i: kb.kinds[i] for i in keep},
                         {i: kb.paths[i] for i in keep},
                         references={i: kb.references[i] for i in keep},
                         citations={i: kb.citations[i] for i in keep})
