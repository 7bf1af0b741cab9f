"""Stage 1, load: read every YAML file under `data/` into plain values with line marks.

The YAML node tree is walked by hand rather than constructed by PyYAML so that
every value keeps the line it came from, duplicate keys are caught (PyYAML keeps
the last one silently), anchors and aliases are refused (they serve no editor and
are the vector of "billion laughs"), and every value stays the text written: YAML
1.1 guesses no number, yes/no value or timestamp here (the model converts), a
written `~` or `null` is refused rather than read as "no value", and a free text that
YAML would cut at ' #' is refused rather than shortened. The rules are the editing
guide's ("What YAML would misread", docs/editing.md). What one load keeps for the next,
when its owner keeps one, is a `FileMemo`: files unchanged since are not read again.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.addresses import EntryId
from kb.crash import reading
from kb.model import (
    ANY_INDEX,
    GROUNDING_FILE,
    KIND_BY_FOLDER,
    KINDS,
    SLUG_PATTERN,
    free_text_paths,
)
from kb.problems import Problem, did_you_mean, dotted, relative
from kb.text import characters


# The base is chosen at import (libyaml's where PyYAML has it), which a type checker
# cannot follow: it sees a base of type Any.
class TextLoader(getattr(yaml, "CBaseLoader", yaml.BaseLoader)):  # type: ignore[misc]
    """PyYAML's parser (libyaml's, where PyYAML was built with it) with no implicit
    types: every plain value is text exactly as written, never a number, a yes/no
    value or a timestamp as YAML 1.1 would guess (`12:30` is not 750, `010` not 8,
    `no` not False); the model converts. The one guess kept is null, so that load can
    tell `note:` (nothing written) and refuse a written `~` or `null`."""


TextLoader.add_implicit_resolver(  # YAML 1.1's null, as PyYAML's own resolver reads it
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), [*"~nN", ""])

MAX_DEPTH = 50
"""Most levels of values inside values a file may have: the deepest the model has is
seven (facts, a fact, cite, a citation, quote, speaker, a speaker); libyaml stops at
1,000, and the walk below would exhaust Python's stack before that."""
MAX_FILE_BYTES = 1_000_000
"""A data file is a page of text; anything larger is a mistake, not content."""

Path_ = tuple[str | int, ...]


@dataclass
class RawRecord:
    """One data file as read: its kind, id, plain values and where each value sits."""

    path: str
    """File path as shown in messages (relative to the project root)."""
    kind: str
    id: EntryId
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """(line, column), 1-based, for each key path, e.g. ("aliases", 0, "name")."""
    first_line: str = ""
    """The file's first line, where the schema comment belongs."""
    refused: frozenset[Path_] = frozenset()
    """Paths of the values load refused and reported (a written null, a YAML tag), read
    as None: validate does not report them again as missing or of the wrong type."""

    def mark(self, path: Path_) -> tuple[int, int]:
        """Position of the deepest known prefix of `path`, or of the file's first line."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.marks:
                return self.marks[path[:end]]
        return (1, 1)


@dataclass
class Loaded:
    """What load found: the files read, every problem, and the files it could not read."""

    records: list[RawRecord]
    problems: list[Problem]
    unread: dict[EntryId, str] = field(default_factory=dict)
    """{id: kind} of each entry file in a kind's folder that could not be read or parsed
    (its problems are in `problems`): its id and kind are known from its path, so that
    references to it are not also reported as unknown."""


def load(data_dir: Path, *, root: Path | None = None, memo: FileMemo | None = None) -> Loaded:
    """Read every `<kind folder>/<id>.yaml` under `data_dir`, collecting every problem
    (each located at its file, and line where known) rather than raising; `root` is
    what messages' paths are relative to (default: the folder holding `data_dir`).

    With a `memo` from the last load of the same folder (the live preview's
    `kb.pipeline.session.Session`), a file unchanged since is not read again: its record is the
    very object handed out then, which lets validate skip it too. Without one, every
    file is read and nothing is kept."""
    root = root or data_dir.parent
    records: list[RawRecord] = []
    problems: list[Problem] = []
    unread: dict[EntryId, str] = {}
    if not data_dir.is_dir():
        return Loaded([], [Problem(relative(data_dir, root), 0, 0, "data folder not found")])
    readings: dict[str, _Reading] = {}
    grounding = data_dir / GROUNDING_FILE
    # Paths as strings where the answer is the same (`_Within`): this runs for every
    # file at every save of the live preview, and pathlib's parsing was half its time.
    shown_from, placed_in = _Within(root), _Within(data_dir)
    for path in sorted(data_dir.rglob("*")):
        shown = shown_from.relative(path)
        is_dir = path.is_dir()
        if is_dir and path.is_symlink():
            problems.append(Problem(shown, 0, 0, "symbolic link to a folder; the files in it "
                                    "are not read. Make it a real folder inside data/"))
            continue
        if is_dir or path.name.startswith(".") or path == grounding:
            continue  # the grounding allow-list is read by kb.checks.grounding
        problem = _check_placement(path, placed_in.relative(path).split("/"), shown)
        with reading(shown):
            record, found = (None, [problem]) if problem else _load_file(
                path, shown, data_dir, memo, readings)
        problems.extend(found)
        if record is not None:
            records.append(record)
        elif _meant_as_entry(path, data_dir):
            unread[file_id(path.name)] = KIND_BY_FOLDER[path.parent.name]
    if memo is not None:
        memo.readings = readings  # files gone since are forgotten
    return Loaded(records, problems, unread)


def _meant_as_entry(path: Path, data_dir: Path) -> bool:
    """A file that names an entry by its place, whether or not it could be read: any
    file straight inside a kind's folder (gaza.yml and gaza.yaml.txt were meant as
    gaza.yaml; each is reported, and once is enough)."""
    return path.parent.parent == data_dir and path.parent.name in KIND_BY_FOLDER


_YAML_END = re.compile(r"\.ya?ml(?:\..*)?$", re.IGNORECASE)


def file_id(name: str) -> EntryId:
    """The id a file name gives, as written: the name up to its .yaml or .yml (any case,
    with anything after it: 'gaza.yaml.txt' -> 'gaza'), else up to its last dot
    ('gaza.txt' -> 'gaza'). It may not be a valid id (`meant_id`)."""
    cut = _YAML_END.search(name)
    return EntryId(name[:cut.start()] if cut else name.rsplit(".", 1)[0] if "." in name[1:]
                   else name)


def meant_id(name: str) -> EntryId | None:
    """The valid id a file name that is not one was plainly meant to have, or None.

    What an editor does not see or does not mean is taken out: characters no one sees
    (`kb.text.characters.without_refused`), white space at the ends (a space, U+00A0, U+2028
    or U+3000 after 'gaza'), capitals ('Gaza'), other white space and underscores
    inside ('abu taqwa', 'abu_taqwa': a hyphen), and compatibility forms (NFKC:
    full-width letters). The result must then match the id pattern
    (`kb.model.SLUG_PATTERN`). Validation reports the file name once, saying what to
    rename it to, and references to the meant id are not also reported as unknown."""
    meant = unicodedata.normalize("NFKC", characters.without_refused(name)).strip().lower()
    meant = re.sub(r"[\s_]+", "-", meant)
    return EntryId(meant) if re.match(SLUG_PATTERN, meant) else None


class _Within:
    """Paths relative to a folder, as `kb.problems.relative` gives them, by comparing
    strings where the path is written under the folder (as every path found below it
    is): the same answer without pathlib's parsing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.prefix = f"{folder}/" if str(folder) not in ("", ".") else None

    def relative(self, path: Path) -> str:
        text = str(path)
        if self.prefix is not None and text.startswith(self.prefix) and os.sep == "/":
            return text[len(self.prefix):]
        return relative(path, self.folder)


def _check_placement(path: Path, parts: list[str], shown: str) -> Problem | None:
    """Why a file is not where data files go, if it is not: `parts` is its path in
    data/, folder by folder."""
    folders = sorted(KIND_BY_FOLDER)
    if len(parts) != 2:
        return Problem(shown, 0, 0, f"data files go in one of the folders {', '.join(folders)}")
    if parts[0] not in KIND_BY_FOLDER:
        hint = _folder_hint(parts[0])
        return Problem(
            shown, 0, 0, f"unknown folder '{parts[0]}'; expected one of {', '.join(folders)}.{hint}"
        )
    if path.suffix != ".yaml":
        meant = meant_id(file_id(path.name))
        rename = f"; rename the file {meant}.yaml" if meant else ""
        return Problem(shown, 0, 0, "data files end in .yaml (found "
                       f"'{characters.visible(path.suffix or path.name)}'){rename}")
    return None


def _folder_hint(name: str) -> str:
    """Match against kind names too, so 'persons' suggests 'people', not 'places'."""
    folders = {kind: folder for folder, kind in KIND_BY_FOLDER.items()}
    return did_you_mean(name.lower(), [*folders, *KIND_BY_FOLDER], instead=folders)


@dataclass(frozen=True)
class _Reading:
    stamp: tuple[int, int, int]
    """The file's modification time, size and inode when it was read."""
    record: RawRecord | None
    problems: tuple[Problem, ...]


class FileMemo:
    """The last reading of each file, kept from one load to the next by the owner of a
    series of builds (`kb.pipeline.session.Session`): the live preview loads on every save, and
    most files are as they were. A file is read again when its modification time, size
    or inode differ from those of the reading kept."""

    def __init__(self) -> None:
        self.readings: dict[str, _Reading] = {}
        """By file path and path shown, as the last load found them."""


def _load_file(path: Path, shown: str, data_dir: Path, memo: FileMemo | None,
               readings: dict[str, _Reading]) -> tuple[RawRecord | None, list[Problem]]:
    status, refused = _refuse_before_reading(path, data_dir)
    if refused:
        return None, [Problem(shown, 0, 0, refused)]
    assert status is not None  # a path not refused has been looked at
    stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
    key = f"{path}\0{shown}"
    known = memo.readings.get(key) if memo is not None else None
    if known is None or known.stamp != stamp:
        record, found = _read_file(path, shown)
        known = _Reading(stamp, record, tuple(found))
    readings[key] = known
    return known.record, list(known.problems)


def _read_file(path: Path, shown: str) -> tuple[RawRecord | None, list[Problem]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 0, 0, f"cannot read the file: {error.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [
            Problem(shown, line, 0, "file is not UTF-8 text; save it as UTF-8 "
                    f"(byte 0x{raw[error.start]:02x} at offset {error.start})")
        ]
    kind = KIND_BY_FOLDER[path.parent.name]
    data, marks, refused, problems = _parse(text, shown, free_text_paths(KINDS[kind].model))
    if problems and data is None:  # nothing could be read
        return None, problems
    # A file with values refused one by one (a duplicate field, a written null) is
    # still handed on, its refused values None, so that validate reports its other
    # problems in the same round; its problems here explain their lines.
    first_line = text.split("\n", 1)[0].rstrip("\r")
    return RawRecord(shown, kind, EntryId(path.stem), data, marks, first_line,
                     refused), problems


def _refuse_before_reading(path: Path,
                           data_dir: Path) -> tuple[os.stat_result | None, str | None]:
    """The file's status, and why it must not be read at all: it points outside, is no
    plain file (a pipe would block forever) or is too big to be a page of text."""
    try:
        status = path.lstat()
        # A link, or a file in a linked folder, is resolved: it may lead out of data/.
        # Plain files in plain folders are not (resolving cost a third of load).
        if stat.S_ISLNK(status.st_mode) or path.parent.is_symlink():
            if not path.resolve(strict=True).is_relative_to(data_dir.resolve()):
                return None, "symbolic link to a file outside data/; copy the file"
            status = path.stat()
    except (OSError, RuntimeError):  # dangling link, link loop
        return None, "broken symbolic link; remove it or copy the file it meant"
    if not stat.S_ISREG(status.st_mode):
        return status, "not a regular file; data files are plain text"
    if status.st_size > MAX_FILE_BYTES:
        return status, (f"file is {status.st_size:,} bytes; a data file may be at most "
                        f"{MAX_FILE_BYTES:,} bytes")
    return status, None


def parse_yaml(text: str, shown: str, *,
               free_text: frozenset[tuple[str, ...]] = frozenset(),
               ) -> tuple[Any, dict[Path_, tuple[int, int]], list[Problem]]:
    """Parse one YAML document into plain values and marks, or report why not.

    Returns (data, marks, problems): data holds dicts, lists, text and None (a field
    with nothing after its colon), never a number, yes/no value or timestamp; marks
    give each key path's (line, column), 1-based. The problems (each at its line) say
    what is wrong. On one that stops the reading (a syntax error, an anchor, an empty
    file), data is None; where only single values are refused (a written null, a tag,
    a duplicate field, a text cut at ' #'), data holds the rest: a refused value reads
    as None, a duplicate field as its first value, a cut text as far as YAML read it.
    `free_text` lists the key paths that hold words (`kb.model.free_text_paths`, '*'
    for any list item): a plain value there followed by ' #' on its line is refused,
    since YAML drops the rest as a comment. Raises nothing.
    """
    data, marks, _, problems = _parse(text, shown, free_text)
    return data, marks, problems


def _parse(text: str, shown: str, free_text: frozenset[tuple[str, ...]],
           ) -> tuple[Any, dict[Path_, tuple[int, int]], frozenset[Path_], list[Problem]]:
    """`parse_yaml`, with the paths of the values refused one by one (read as None)."""
    hidden = _hidden_line_end(text, shown)
    if hidden:
        return _stopped(hidden)
    try:
        documents = list(yaml.compose_all(text, Loader=TextLoader))
    except yaml.MarkedYAMLError as error:
        return _stopped(_syntax_problem(error, shown, text))
    except (yaml.YAMLError, UnicodeEncodeError) as error:  # unmarked: the reader's, a
        # character YAML refuses (libyaml takes UTF-8, which cannot hold a lone surrogate)
        return _stopped(_reader_problem(error, shown, text))
    except RecursionError:  # PyYAML's own parser, where libyaml is missing, recurses
        return _stopped(_too_deep(shown))
    if not documents or documents[0] is None:
        return _stopped(Problem(shown, 1, 1, "file is empty; expected a mapping of fields"))
    if len(documents) > 1:
        line = documents[1].start_mark.line + 1
        return _stopped(Problem(shown, line, 1, "file holds several YAML documents "
                                "('---'); expected one entity per file"))
    reader = _Reader(text, free_text)
    try:
        data = reader.value(documents[0], ())
    except RecursionError:  # MAX_DEPTH is far below Python's limit; a smaller stack
        return _stopped(_too_deep(shown))
    except _Refused as refused:
        return _stopped(Problem(shown, refused.line, refused.column, str(refused)))
    reader.marks[()] = (1, 1)
    return data, reader.marks, frozenset(reader.refused), [
        Problem(shown, line, column, message) for line, column, message in reader.problems]


def _stopped(problem: Problem,
             ) -> tuple[None, dict[Path_, tuple[int, int]], frozenset[Path_], list[Problem]]:
    """What `_parse` gives for a problem that stops the reading: no data, and why."""
    return None, {}, frozenset(), [problem]


_EDITOR_LINE_END = re.compile("\r\n|\r|\n")
"""Line ends as editors count lines; YAML 1.1 also ends a line at U+0085, U+2028 and
U+2029, which editors show inside a line (`_hidden_line_end` refuses them)."""
_YAML_REFUSES = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""The characters a YAML file may not hold at all (YAML 1.1's printable set, as PyYAML's
reader checks it)."""


def _position(text: str, index: int) -> tuple[int, int]:
    """(line, column), 1-based, of `text[index]` as an editor counts them."""
    starts = [match.end() for match in _EDITOR_LINE_END.finditer(text, 0, index)]
    start = starts[-1] if starts else 0
    return len(starts) + 1, index - start + 1


def _around(text: str, index: int) -> str:
    """The line around `text[index]`, no more than 30 characters each side, with its
    invisible and control characters shown as <U+XXXX>."""
    start = max(0, index - 30)
    end = min(len(text), index + 31)
    before = _EDITOR_LINE_END.split(text[start:index])[-1]
    after = _EDITOR_LINE_END.split(text[index + 1:end])[0]
    return visible_all(before + text[index] + after)


def visible_all(text: str) -> str:
    """`characters.visible`, line breaks and every other character YAML refuses shown
    as <U+XXXX> too."""
    shown = characters.visible(text)
    return re.sub("[\n\r\x85\u2028\u2029]|" + _YAML_REFUSES.pattern,
                  lambda match: f"<U+{ord(match[0]):04X}>", shown)


def _hidden_line_end(text: str, shown: str) -> Problem | None:
    """A line end that no editor shows as one, where YAML reads one: U+0085, U+2028,
    U+2029 anywhere, or a carriage return alone in a file whose lines end in line feeds.
    YAML would cut the line there, and report a mistake at the next line, or change the
    text without a word."""
    match = re.search("[\x85\u2028\u2029]", text) if not text.isascii() else None
    if match is None and "\r" in text and "\n" in text:
        match = re.search("\r(?!\n)", text)
    if match is None:
        return None
    line, column = _position(text, match.start())
    what = characters.describe(match[0])
    return Problem(shown, line, column, f"'{_around(text, match.start())}' holds {what}, "
                   f"which YAML reads as the end of a line although editors do not show it "
                   f"as one; delete it (type a space if the words need one)")


def _reader_problem(error: Exception, shown: str, text: str) -> Problem:
    """YAML's refusal of a character, at its line and column: PyYAML's reader gives only
    an offset, in bytes or characters depending on the parser."""
    match = _YAML_REFUSES.search(text)
    if match is None:  # not a character after all: say what YAML said, on one line
        return Problem(shown, 0, 0, "YAML error: " + " ".join(str(error).split()))
    line, column = _position(text, match.start())
    kind = "a control character" if unicodedata.category(match[0]) == "Cc" else \
        "a character"
    return Problem(shown, line, column, f"'{_around(text, match.start())}' holds "
                   f"{characters.describe(match[0])}, {kind} that a YAML file cannot hold "
                   f"and a page cannot show; delete it")


def _too_deep(shown: str) -> Problem:
    return Problem(shown, 1, 1, f"values nested too deeply to read; a data file nests at "
                   f"most {MAX_DEPTH} levels: check the brackets and the indentation")


def _syntax_problem(error: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    message = f"YAML syntax: {error.problem or error.context}"
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][:column]:
        message += " (tabs are not allowed for indentation; use spaces)"
    elif error.context:
        message += f" ({error.context})"
    comment = _comment_before(lines, error.context_mark, line, column)
    if comment:
        message += (f"; the ' #' at line {comment[0]}, column {comment[1]} may be the cause: "
                    "YAML reads ' #' and the rest of its line as a comment. If it belongs to "
                    "the text, put the text in quotes")
    return Problem(shown, line, column, message)


_COMMENT = re.compile(r"(?<=[ \t])#")


def _comment_before(lines: list[str], context: yaml.Mark | None, line: int,
                    column: int) -> tuple[int, int] | None:
    """(line, column), 1-based, of the last ' #' after some text that comes before a
    syntax error and after where the value the error is in began (`context`, else the
    line before): a comment cutting a text that runs on (a plain text over several
    lines, a flow mapping) breaks what follows, and YAML's message says nothing of it.
    None if there is none, or it stands inside quotes."""
    first = context.line + 1 if context else max(1, line - 1)
    found = None
    for number in range(first, min(line, len(lines)) + 1):
        text = lines[number - 1] if number < line else lines[number - 1][:max(0, column - 1)]
        for match in _COMMENT.finditer(text):
            before = text[:match.start()]
            if before.strip() and before.count('"') % 2 == 0 and before.count("'") % 2 == 0:
                found = (number, match.start() + 1)
                break
    return found


class _Refused(Exception):
    """A node that ends the reading of its file: one report is enough."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.line, self.column = node.start_mark.line + 1, node.start_mark.column + 1


class _Reader:
    """One document's node tree walked into plain values, keeping each value's line.

    Every refusal inside a value is collected, so that an editor sees all of a file's
    problems at once; a refused value reads as None."""

    def __init__(self, text: str, free_text: frozenset[tuple[str, ...]]) -> None:
        self.lines = _LINE_BREAK.split(text)  # as YAML 1.1 counts lines, for its marks
        self.free_text = free_text
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[tuple[int, int, str]] = []
        self.refused: set[Path_] = set()
        """Paths of the values refused, read as None."""
        self.seen: set[int] = set()

    def refuse(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append((mark.line + 1, mark.column + 1, message))

    def value(self, node: yaml.Node, path: Path_) -> Any:
        if len(path) >= MAX_DEPTH:
            raise _Refused(node, f"values nested more than {MAX_DEPTH} levels deep; a data "
                           "file nests a few (a quote in a citation in a fact): check the "
                           "brackets and the indentation")
        if id(node) in self.seen:
            raise _Refused(node, "YAML anchors and aliases (& and *) are not supported; "
                           "write the value out in full")
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            self.refuse(node, f"{dotted(path)}: the YAML tag '{_short_tag(node.tag)}' is "
                        "not supported; remove it: every value is read as the text written")
            self.refused.add(path)
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.marks[(*path, index)] = (item.start_mark.line + 1,
                                              item.start_mark.column + 1)
                items.append(self.value(item, (*path, index)))
            return items
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        raise TypeError(f"a YAML node that is no mapping, list or scalar: {node!r}")

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.refuse(key_node, "a field name must be plain text")
                continue
            key = str(key_node.value)
            if key == "<<" and not key_node.style:
                self.refuse(key_node, "YAML merge keys ('<<') are not supported; "
                            "write fields out")
                continue
            if key in result:
                first = self.marks[(*path, key)][0]
                self.refuse(key_node, f"duplicate field '{key}' (first given on line "
                            f"{first}); keep one")
                continue
            self.marks[(*path, key)] = (key_node.start_mark.line + 1,
                                        key_node.start_mark.column + 1)
            result[key] = self.value(value_node, (*path, key))
        return result

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> str | None:
        if node.tag == _NULL:
            if node.value == "":
                return None  # nothing after the colon: nothing written
            what = "item" if path and isinstance(path[-1], int) else "line"
            self.refuse(node, f"{dotted(path)}: '{node.value}' is YAML for \"no value\", "
                        f"not text; to mean the text, put it in quotes (\"{node.value}\"); "
                        f"to leave the field out, delete the {what}")
            self.refused.add(path)
            return None
        if not node.style and path:
            self._check_comment(node, path)
        text: str = node.value  # a scalar's value is its text
        return text

    def _check_comment(self, node: yaml.ScalarNode, path: Path_) -> None:
        """A plain value followed by ' #' on its line: YAML took the rest for a comment."""
        end = node.end_mark
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        at = line.find("#", end.column)  # most values have none: looked for without a copy
        if at <= end.column or line[end.column:at].strip(" \t"):
            return  # no '#', or text between value and '#' (a flow list's ']', ...)
        if _pattern(path) not in self.free_text:
            return
        column = at + 1  # 1-based, at the '#'
        if node.start_mark.line == end.line:
            written = node.value + line[end.column:].rstrip()
            fix = f": {json.dumps(written, ensure_ascii=False)}"
        else:
            fix = ""
        self.problems.append((end.line + 1, column, f"{dotted(path)}: the text stops at "
                              "' #': YAML reads the rest as a comment; put the text in "
                              f"quotes{fix} (or move the comment to a line of its own)"))


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_NULL = "tag:yaml.org,2002:null"
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:map",
                         "tag:yaml.org,2002:seq", _NULL})
"""What TextLoader resolves untagged nodes to; any other tag was written by hand."""


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") \
        else tag


def _pattern(path: Path_) -> tuple[str, ...]:
    """A value's path as `free_text_paths` writes it: any list index is ANY_INDEX."""
    return tuple(ANY_INDEX if isinstance(part, int) else part for part in path)
