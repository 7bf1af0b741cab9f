"""Stage 1, load: read every YAML file under `data/` into plain values with line marks.

The YAML node tree is walked by hand rather than constructed by PyYAML so that
every value keeps the line it came from, duplicate keys are caught (PyYAML keeps
the last one silently), anchors and aliases are refused (they serve no editor and
are the vector of "billion laughs"), and timestamps stay text (dates are EDTF
strings, parsed by the model).
"""

from __future__ import annotations

import difflib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.crash import reading
from kb.model import GROUNDING_FILE, KIND_BY_FOLDER
from kb.problems import Problem, relative

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 1_000_000
"""A data file is a page of text; anything larger is a mistake, not content."""

Path_ = tuple[str | int, ...]


@dataclass
class RawRecord:
    """One data file as read: its kind, id, plain values and where each value sits."""

    path: str
    """File path as shown in messages (relative to the project root)."""
    kind: str
    id: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    """(line, column), 1-based, for each key path, e.g. ("aliases", 0, "name")."""
    first_line: str = ""
    """The file's first line, where the schema comment belongs."""

    def mark(self, path: Path_) -> tuple[int, int]:
        """Position of the deepest known prefix of `path`, or of the file's first line."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.marks:
                return self.marks[path[:end]]
        return (1, 1)


@dataclass
class Loaded:
    records: list[RawRecord]
    problems: list[Problem]


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node


_SCALARS = yaml.constructor.SafeConstructor()


def load(data_dir: Path, *, root: Path | None = None) -> Loaded:
    """Read every `<kind folder>/<id>.yaml` under `data_dir`, collecting every problem."""
    root = root or data_dir.parent
    records: list[RawRecord] = []
    problems: list[Problem] = []
    if not data_dir.is_dir():
        return Loaded([], [Problem(relative(data_dir, root), 0, 0, "data folder not found")])
    for path in sorted(data_dir.rglob("*")):
        shown = relative(path, root)
        if path.is_dir() and path.is_symlink():
            problems.append(Problem(shown, 0, 0, "symbolic link to a folder; the files in it "
                                    "are not read. Make it a real folder inside data/"))
            continue
        if path.is_dir() or path.name.startswith(".") or path == data_dir / GROUNDING_FILE:
            continue  # the grounding allow-list is read by kb.grounding
        problem = _check_placement(path, data_dir, shown)
        if problem:
            problems.append(problem)
            continue
        with reading(shown):
            record, found = _load_file(path, shown, data_dir)
        problems.extend(found)
        if record is not None:
            records.append(record)
    return Loaded(records, problems)


def _check_placement(path: Path, data_dir: Path, shown: str) -> Problem | None:
    parts = path.relative_to(data_dir).parts
    folders = sorted(KIND_BY_FOLDER)
    if len(parts) != 2:
        return Problem(shown, 0, 0, f"data files go in one of the folders {', '.join(folders)}")
    if parts[0] not in KIND_BY_FOLDER:
        hint = _folder_hint(parts[0])
        return Problem(
            shown, 0, 0, f"unknown folder '{parts[0]}'; expected one of {', '.join(folders)}.{hint}"
        )
    if path.suffix != ".yaml":
        return Problem(shown, 0, 0, f"data files end in .yaml (found '{path.suffix or path.name}')")
    return None


def _folder_hint(name: str) -> str:
    """Match against kind names too, so 'persons' suggests 'people', not 'places'."""
    spellings = {**{kind: folder for folder, kind in KIND_BY_FOLDER.items()},
                 **{folder: folder for folder in KIND_BY_FOLDER}}
    close = difflib.get_close_matches(name.lower(), spellings, n=1, cutoff=0.6)
    return f" Did you mean '{spellings[close[0]]}'?" if close else ""


_unchanged: dict[str, tuple[tuple[int, int, int], RawRecord | None, list[Problem]]] = {}
"""The last reading of each file: the live preview rebuilds on every save, and most
files are as they were. Checked by modification time, size and inode."""


def forget() -> None:
    """Read every file afresh on the next load (benchmarks measure cold runs)."""
    _unchanged.clear()


def _load_file(path: Path, shown: str, data_dir: Path) -> tuple[RawRecord | None, list[Problem]]:
    status, refused = _refuse_before_reading(path, data_dir)
    if refused:
        return None, [Problem(shown, 0, 0, refused)]
    assert status is not None  # a path not refused has been looked at
    stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
    key = f"{path}\0{shown}"
    known = _unchanged.get(key)
    if known and known[0] == stamp:
        return known[1], list(known[2])
    record, problems = _read_file(path, shown)
    _unchanged[key] = (stamp, record, list(problems))
    return record, problems


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
    data, marks, problems = parse_yaml(text, shown)
    if problems:
        return None, problems
    first_line = text.split("\n", 1)[0].rstrip("\r")
    return RawRecord(shown, kind, path.stem, data, marks, first_line), []


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


def parse_yaml(text: str, shown: str) -> tuple[Any, dict[Path_, tuple[int, int]], list[Problem]]:
    """Parse one YAML document into plain values and marks, or report why not."""
    try:
        documents = list(yaml.compose_all(text, Loader=Loader))
    except yaml.MarkedYAMLError as error:
        return None, {}, [_syntax_problem(error, shown, text)]
    except yaml.YAMLError as error:  # unmarked errors are rare: reader-level failures
        return None, {}, [Problem(shown, 0, 0, f"YAML error: {error}")]
    if not documents or documents[0] is None:
        return None, {}, [Problem(shown, 1, 1, "file is empty; expected a mapping of fields")]
    if len(documents) > 1:
        line = documents[1].start_mark.line + 1
        return None, {}, [
            Problem(shown, line, 1, "file holds several YAML documents ('---'); "
                    "expected one entity per file")
        ]
    marks: dict[Path_, tuple[int, int]] = {}
    try:
        data = _to_value(documents[0], (), marks, set())
    except _Refused as refused:
        mark = refused.node.start_mark
        return None, {}, [Problem(shown, mark.line + 1, mark.column + 1, str(refused))]
    marks[()] = (1, 1)
    return data, marks, []


def _syntax_problem(error: yaml.MarkedYAMLError, shown: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    message = f"YAML syntax: {error.problem or error.context}"
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][:column]:
        message += " (tabs are not allowed for indentation; use spaces)"
    elif error.context:
        message += f" ({error.context})"
    return Problem(shown, line, column, message)


def _to_value(node: yaml.Node, path: Path_, marks: dict, seen: set[int]) -> Any:
    if id(node) in seen:
        raise _Refused(node, "YAML anchors and aliases (& and *) are not supported; "
                       "write the value out in full")
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, path, marks, seen)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            marks[(*path, index)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_to_value(item, (*path, index), marks, seen))
        return items
    return _scalar(node)


def _mapping(node: yaml.MappingNode, path: Path_, marks: dict, seen: set[int]) -> dict:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _Refused(key_node, "YAML merge keys ('<<') are not supported; write fields out")
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused(key_node, "a field name must be plain text")
        key = str(key_node.value)
        if key in result:
            first = marks[(*path, key)][0]
            raise _Refused(key_node, f"duplicate field '{key}' (first given on line {first}); "
                           "keep one")
        marks[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        result[key] = _to_value(value_node, (*path, key), marks, seen)
    return result


def _scalar(node: yaml.ScalarNode) -> Any:
    # Timestamps stay text: dates are EDTF strings with their own precision.
    if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp") or node.style:
        return node.value
    if node.tag in ("tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
                    "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        return _SCALARS.construct_object(node)
    return node.value
