"""`kb new`: a correct, minimal data file to start from, and a guard against duplicates.

The file names its schema, holds what the editor gave on the command line and, for
what is still missing, `TODO` placeholders that `kb validate` reports until they are
filled in. Hints in comments come from the model, so they cannot go stale.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import typing
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb.addresses import EntryId
from kb.dates import date as dates
from kb.model import (
    DATE_BASES,
    ENTITY_KINDS,
    KINDS,
    PLACEHOLDER,
    RELATION_TYPES,
    SLUG_PATTERN,
    WEB_ADDRESS,
)
from kb.pipeline.load import RawRecord, load, meant_id
from kb.problems import did_you_mean
from kb.text import characters
from kb.text.spelling import fold, name_key, spelt_alike
from kb.tools.schema import schema_comment

_STOP_WORDS = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "as", "at", "by"}


class ScaffoldError(Exception):
    """What stops `kb new`, in the editor's terms; one message per problem, each with a
    Did you mean where a known value is close. Every one is about a value given on the
    command line, whether `kb new` never takes it (a `--type` not in the list, a
    `--date` that is no date) or the data refuses it (an id that exists, a `--cite` of
    no source, a name already known): the command exits 2, as for any wrong command
    line (README, "kb exits ..."; trial of issue 15)."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass
class Request:
    """What the editor asked for on the command line."""

    kind: str
    name: str
    id: str | None = None
    type: str | None = None
    date: str | None = None
    summary: str | None = None
    cite: list[EntryId] = field(default_factory=list)
    outlet: EntryId | None = None
    url: str | None = None
    date_basis: str | None = None
    """For a source: how its date is known, one of kb.model.DATE_BASES."""
    force: bool = False
    added: dt.date = field(default_factory=dt.date.today)
    """For a source: the day it is added to data/, written as its `added` (the feed
    dates its entry by it); the day the file is made."""


@dataclass(frozen=True)
class Match:
    """An existing name that resembles the new one."""

    name: str
    entry_id: str
    path: str
    is_alias: bool
    entry_name: str = ""
    """The entry's own name (the same as `name` unless an alias matched)."""
    same: bool = False
    """True when the two names are one spelt two ways (`kb.text.spelling.spelt_alike`,
    the folds of the site's search), not merely close."""
    taken: bool = False
    """True when the two are one name to `name_key` (case, accents, hyphens and
    apostrophes aside), which validate allows one entry only."""


def create(data_dir: Path, request: Request, *, root: Path) -> Path:
    """Write the new file and return its path, or raise ScaffoldError saying why not."""
    records = load(data_dir, root=root).records
    entry_id = EntryId(request.id or suggest_id(request))
    path = data_dir / KINDS[request.kind].folder / f"{entry_id}.yaml"
    _check_request(request, entry_id, path, records, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": never overwrite a file
        file.write(template(request))
    return path


def _check_request(request: Request, entry_id: EntryId, path: Path,
                   records: list[RawRecord], root: Path) -> None:
    messages = []
    if not re.match(SLUG_PATTERN, entry_id):
        meant = meant_id(entry_id) if request.id else None
        hint = f" Did you mean '{meant}'?" if meant else ""
        messages.append(f"'{characters.visible(entry_id)}' is not a valid id; give --id with "
                        f"lower-case letters, digits and single hyphens.{hint}")
    messages += list(_check_fields(request))
    existing = {record.id: record for record in records}
    if entry_id in existing or path.exists():
        shown = existing[entry_id].path if entry_id in existing else path.as_posix()
        messages.append(f"id '{entry_id}' already exists: {shown}. Edit that file, or give "
                        "another id with --id")
    messages += list(_check_references(request, existing))
    if request.kind in ENTITY_KINDS:
        matches = [m for m in near_matches(request.name, request.kind, records)
                   if m.entry_id != entry_id]
        # A name already given to an entry is refused even with --force: validate
        # refuses two entries of one name (kb.checks.cross_file.names_shared).
        said = [m for m in matches if m.taken] or ([] if request.force else matches)
        messages += [_duplicate_message(request.name, match) for match in said[:3]]
    if messages:
        raise ScaffoldError(messages)


def _duplicate_message(name: str, match: Match) -> str:
    """What `kb new` says of an existing name like the new one: the entry's file, id
    and name, the alias that matched, and how to go on either way."""
    if match.is_alias:
        whose = f"an alias of '{match.entry_id}', '{match.entry_name}' ({match.path})"
    else:
        whose = f"the name of '{match.entry_id}' ({match.path})"
    if match.taken:
        return (f"'{name}' is already {whose}, written '{match.name}'. A name belongs to "
                "one entry only (kb validate refuses two): if it is the same, edit that "
                "file; if it is another, give this one a name that tells the two apart "
                "(a first name, a title, a place)")
    if match.same:
        how = f"is '{match.name}' spelt another way (search finds one by the other):"
    else:
        how = f"resembles '{match.name}',"
    return (f"'{name}' {how} {whose}. If it is the same, add '{name}' to that file's "
            "aliases; if it is another entry, run again with --force")


def _check_fields(request: Request) -> Iterator[str]:
    """What is wrong with the values given, whatever the data holds."""
    if not request.name.strip():
        # A file with no name would be refused by the model (name is required): an entry
        # needs the name sources give it, a source its title.
        yield "name: nothing given; expected the name as sources spell it (for a source, its title)"
    # The file would be refused for them (kb.text.characters): say so before writing it.
    for option, text, is_name in (("name", request.name, True),
                                  ("--summary", request.summary, False)):
        wrong = characters.problem(text, name=is_name) if text else None
        if wrong:
            yield f"{option}: {wrong}"
    choices = type_choices(request.kind)
    if request.type is not None and request.type not in choices:
        hint = did_you_mean(request.type, choices)
        yield f"--type '{request.type}' is not allowed; expected one of {', '.join(choices)}.{hint}"
    if request.date is not None:
        try:
            dates.parse(request.date)
        except dates.DateError as error:
            yield f"--date: {error}"
    if request.date_basis is not None and request.date_basis not in DATE_BASES:
        hint = did_you_mean(request.date_basis, DATE_BASES)
        yield (f"--date-basis '{request.date_basis}' is not allowed; expected one of "
               f"{', '.join(DATE_BASES)}.{hint}")
    if request.url is not None and not is_web_address(request.url):
        yield (f"--url '{request.url}' is not a web address; expected http:// or https:// "
               "followed by a host name, without spaces")


def _check_references(request: Request, existing: dict[EntryId, RawRecord]) -> Iterator[str]:
    """Ids given that name no entry of the right kind in the data."""
    for source_id in request.cite:
        if existing.get(source_id) is None or existing[source_id].kind != "source":
            yield _unknown("--cite", source_id, "source", existing)
    if request.outlet and (request.outlet not in existing
                           or existing[request.outlet].kind != "group"):
        yield _unknown("--outlet", request.outlet, "group", existing)


def _unknown(option: str, ref: str, kind: str,
             existing: dict[EntryId, RawRecord]) -> str:
    hint = did_you_mean(ref, [i for i, r in existing.items() if r.kind == kind])
    return f"{option} '{ref}' is not a {kind} in data/{KINDS[kind].folder}/.{hint}"


def is_web_address(url: str) -> bool:
    """An http(s) address with a host, and nothing a link could be abused with."""
    return re.match(WEB_ADDRESS, url) is not None


# ---------------------------------------------------------------------------- names and ids


def slugify(text: str) -> str:
    """'Mohammed Shia' al-Sudani' -> 'mohammed-shia-al-sudani', 'Kata’ib' -> 'kataib':
    apostrophes folded away as search folds them (`kb.text.spelling.fold`), accents dropped."""
    folded = unicodedata.normalize("NFKD", fold(text))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def suggest_id(request: Request) -> str:
    """The file name for a new entry; sources as outlet-date-headline-words."""
    if request.kind != "source":
        return slugify(request.name)
    words = [w for w in slugify(request.name).split("-") if w not in _STOP_WORDS][:4]
    parts = [request.outlet or "", _date_part(request.date), "-".join(words)]
    return "-".join(p for p in parts if p)


def _date_part(date: str | None) -> str:
    try:
        # '2024-01-04/2024-01-07' and '[2024-01-04..2024-01-07]' -> '2024-01-04-2024-01-07'
        return re.sub(r"[^0-9]+", "-", dates.parse(date).edtf).strip("-") if date else ""
    except dates.DateError:
        return ""


def near_matches(name: str, kind: str, records: Iterable[RawRecord]) -> list[Match]:
    """Existing entries, of any kind, whose name or an alias is `name` spelt
    differently: the same `name_key`, or the same `spelt_alike` key, the folds the
    site's search matches words by ('Abu Takwa' and 'Abu Taqwa', 'Ayn al-Asad' and
    'Ain al-Asad'); then entries of the same kind with a close name ('Abu Taqwah').
    One match per entry, the same spellings first, then the closest."""
    key, spelling = name_key(name), spelt_alike(name)
    scored: dict[str, tuple[float, Match]] = {}
    for record, other, is_alias in _all_names(records):
        other_key = name_key(other)
        if not key or not other_key:
            continue
        taken = key == other_key
        closeness = 1.0 if taken else _closeness(key, other_key)
        # Search's folds keep little more than a word's consonants: a short name folds
        # onto unrelated ones ('Kirkuk' and 'Georgia', 'Amman' and 'Yemen'), so they are
        # taken for one spelling only when the letters are close too.
        same = taken or (spelling == spelt_alike(other) and closeness >= SPELT_ALIKE)
        score = 1.0 if same else closeness
        if not same and (record.kind != kind or score < CLOSE):
            continue
        if record.id not in scored or score > scored[record.id][0]:
            own = record.data.get("name") if isinstance(record.data, dict) else None
            scored[record.id] = (score, Match(other, record.id, record.path, is_alias,
                                              own if isinstance(own, str) else other,
                                              same, taken))
    ranked = sorted(scored.values(),
                    key=lambda pair: (not pair[1].taken, -pair[0], pair[1].path))
    return [match for _, match in ranked]


CLOSE = 0.85
"""How close (difflib's ratio of two `name_key`s) a name of the same kind must be to be
taken for a misspelling of it ('Abu Taqwah')."""
SPELT_ALIKE = 0.8
"""How close two names that search folds alike must be to be taken for one ('Abu
Takwa', 0.88 to 'Abu Taqwa'; 'Kirkuk', 0.15 to 'Georgia')."""


def _closeness(key: str, other: str) -> float:
    """1.0 for the same key; high when one holds the other ('sudani' in 'alsudani')."""
    shorter, longer = sorted((key, other), key=len)
    if len(shorter) >= 6 and shorter in longer:
        return 0.9
    return difflib.SequenceMatcher(None, key, other).ratio()


def _all_names(records: Iterable[RawRecord]) -> Iterator[tuple[RawRecord, str, bool]]:
    for record in records:
        if record.kind == "source" or not isinstance(record.data, dict):
            continue
        if isinstance(record.data.get("name"), str):
            yield record, record.data["name"], False
        for alias in record.data.get("aliases") or []:
            if isinstance(alias, dict) and isinstance(alias.get("name"), str):
                yield record, alias["name"], True


# ---------------------------------------------------------------------------- the file


def type_choices(kind: str) -> list[str]:
    """The values the model allows for `type` in this kind, if it has one."""
    annotation = KINDS[kind].model.model_fields.get("type")
    return list(typing.get_args(annotation.annotation)) if annotation else []


def template(request: Request) -> str:
    """The text of the new file."""
    lines = [schema_comment(request.kind),
             f"# A new {request.kind}: fill in each {PLACEHOLDER}, then run `kb validate`.",
             "# Every statement needs 'cite:', the id of a file in data/sources/."]
    emit = {"source": _source_lines, "chapter": _chapter_lines}.get(request.kind, _entity_lines)
    return "\n".join(lines + emit(request)) + "\n"


def _entity_lines(request: Request) -> list[str]:
    summary = request.summary or f"{PLACEHOLDER} one or two sentences in your words"
    # Only the relations this kind may write (`RelationType.subjects`): `responds_to`
    # is an event's, and comes first there, as the guide's way to relate events.
    relation_types = sorted((name for name, relation in RELATION_TYPES.items()
                             if request.kind in relation.subjects),
                            key=lambda name: not RELATION_TYPES[name].earlier_target)
    lines = [f"name: {_quoted(request.name)}"]
    lines += _type_lines(request)
    if request.kind == "event":
        lines.append(f"date: {_date(request.date)}  # EDTF: 2024-01-04, 2024-01, 2024; "
                     "{edtf: 2023-10, qualifier: late}")
    lines += [
        "# aliases:  # other names and spellings sources use",
        "#   - name: ...",
        "#     cite: [source-id]",
        "summary:",
        f"  text: {_quoted(summary)}",
        f"  cite: [{', '.join(request.cite) or PLACEHOLDER}]",
        "# facts:",
        "#   - text: ...",
        "#     cite: [source-id]",
        "# relations:",
        f"#   - type: {relation_types[0]}  # {', '.join(relation_types)}",
        "#     target: other-id",
        "#     cite: [source-id]",
    ]
    if request.kind == "event":
        lines += ["# places: [place-id]", "# participants:", "#   - entity: person-id",
                  "#     role: ..."]
    return lines


def _chapter_lines(request: Request) -> list[str]:
    sentence = request.summary or f"{PLACEHOLDER} what happened, linking entries as [[id]]"
    return [
        "# Chapters show in file-name order on the story page: name files 01-..., 02-...",
        f"title: {_quoted(request.name)}",
        "sentences:",
        f"  - text: {_quoted(sentence)}",
        f"    cite: [{', '.join(request.cite) or PLACEHOLDER}]",
    ]


def _type_lines(request: Request) -> list[str]:
    choices = type_choices(request.kind)
    if not choices:
        return []
    return [f"type: {_quoted(request.type or PLACEHOLDER)}  # {', '.join(choices)}"]


def _source_lines(request: Request) -> list[str]:
    """Only what the editor gave; everything else a placeholder, never a guess: a
    `date_basis` of 'printed' would tell readers the page prints a date it may not."""
    today = dt.date.today().isoformat()
    if request.date:
        date_hint = f"  # as the source gives it; e.g. {today}"
    else:
        date_hint = "  # e.g. " + today + "; delete this line and date_basis if no date"
    return [
        f"title: {_quoted(request.name)}",
        *_type_lines(request),
        f"outlet: {request.outlet or PLACEHOLDER}",
        f"date: {_date(request.date)}{date_hint}",
        "# date_basis: how the date is known, one of",
        *(f"#   {name}: {words}" for name, words in DATE_BASES.items()),
        f"date_basis: {request.date_basis or PLACEHOLDER}",
        f"added: {request.added.isoformat()}  # the day this source came into data/",
        f"url: {_quoted(request.url) if request.url else PLACEHOLDER}"
        + ("" if request.url else "  # delete this line if the source gives no address"),
        "# author: ...",
        "# note: how the date is known, what this source relays",
    ]


def _date(date: str | None) -> str:
    """A date as written on the command line; one of a range, "[2024-01-01..2024-01-04]",
    in quotes, which YAML would otherwise read as a list."""
    if not date:
        return PLACEHOLDER
    return json.dumps(date) if date.startswith(("[", "{")) else date


def _quoted(text: str) -> str:
    """A YAML scalar that reads back as exactly `text` (JSON strings are YAML too)."""
    plain = re.fullmatch(r"[A-Za-z][\w .,'’()-]*", text) and not text.endswith(" ")
    if plain and yaml.safe_load(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)
