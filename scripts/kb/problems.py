"""Located problems: what every stage reports instead of raising."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kb.text.characters import visible, without_refused
from kb.text.wording import count


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the data, located for the editor who must fix it."""

    path: str
    """File the problem is in, relative to the project (e.g. `data/people/x.yaml`)."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    column: int
    """1-based column; 0 when unknown."""
    message: str
    """What is wrong and what was expected, in the editor's terms."""
    severity: str = "error"
    """`error` stops the build; `warning` is reported only."""

    @property
    def where(self) -> str:
        """`path:line:column`, as far as known."""
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.where}: {prefix}{self.message}"


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that stop a build."""
    return [p for p in problems if p.severity == "error"]


def format_problems(problems: Iterable[Problem]) -> str:
    """All problems, sorted by file and line, one per line, with a count."""
    ordered = sorted(problems)
    lines = [str(p) for p in ordered]
    lines.append(f"{count(len(errors(ordered)), 'error')} in data/")
    return "\n".join(lines)


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6, *,
                 instead: Mapping[str, str] | None = None) -> str:
    """` Did you mean 'x'?` when one of `choices` is close to `word` (difflib's ratio of
    at least `cutoff`), else an empty string. `instead` maps a choice that is another
    way of saying it to what the editor should write ('person' -> 'people', for a
    folder). Every message that suggests a name says it so."""
    chosen = closest(word, choices, cutoff)
    if chosen is None:
        return ""
    return f" Did you mean '{visible((instead or {}).get(chosen, chosen))}'?"


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The one of `choices` `did_you_mean` would suggest for `word`, or None."""
    # Compared without case and invisible characters: 'NAME' and 'na<U+200B>me' mean 'name'.
    by_key: dict[str, str] = {}
    for choice in choices:
        by_key.setdefault(without_refused(choice).casefold(), choice)
    close = difflib.get_close_matches(without_refused(word).casefold(), list(by_key), n=1,
                                      cutoff=cutoff)
    return by_key[close[0]] if close else None


def dotted(path: tuple[str | int, ...]) -> str:
    """A value's place in its file as the editor reads it: `aliases[0].name`, or
    `file` for the whole file."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "file"


def relative(path: Path, root: Path) -> str:
    """`path` relative to `root` when inside it, for messages that stay short."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
