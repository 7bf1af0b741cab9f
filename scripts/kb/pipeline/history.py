"""When each data file last changed: from git where the project is a repository.

Read once per build with one `git log` (not one call per file). A file with changes
not yet committed counts as changed on the day it was last saved; outside a
repository, or where git is missing, every file's save date is used.

A shallow clone (CI's default checkout) holds only the newest commits. Its oldest
commit, the boundary, has no parent, so `git log` lists every file in it as if it had
changed there: for files not changed since, that date is only the latest their last
change can have been. Those files are named in `History.cut_off`, and the build says
how to fetch the whole history.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

UNSHALLOW_ADVICE = (
    "this repository is a shallow clone: its history stops at {boundary}, so files not "
    "changed since have no known date of last change, and the pages showing them cite "
    "no 'last changed' date. Fetch the whole history (`git fetch --unshallow`; in "
    "GitHub Actions, actions/checkout with `fetch-depth: 0`) and build again.")


@dataclass(frozen=True)
class History:
    """Dates of last change of the data files."""

    changed: dict[str, dt.date] = field(default_factory=dict)
    """Path relative to the project root -> date of its last change (for a path in
    `cut_off`, the latest date it can have changed)."""
    cut_off: frozenset[str] = frozenset()
    """Paths whose last change is older than a shallow clone's history: it happened on
    or before their date in `changed`, perhaps long before."""
    boundary: dt.date | None = None
    """The date of a shallow clone's oldest commit; None in a whole repository."""

    @property
    def notes(self) -> list[str]:
        """What a build should tell whoever runs it: that dates are missing, and why."""
        if not self.cut_off or self.boundary is None:
            return []
        return [UNSHALLOW_ADVICE.format(boundary=f"{self.boundary.day} "
                                                 f"{self.boundary:%B %Y}")]


def last_changed(data_dir: Path, root: Path) -> History:
    """The date each file under `data_dir` last changed, read from git (one `git log`,
    one `git status`), else from the file's save date."""
    committed, boundary_files, boundary = _git_dates(data_dir, root)
    uncommitted = _git_dirty(data_dir, root)
    dates: dict[str, dt.date] = {}
    cut_off: set[str] = set()
    # Strings and os calls, not Path objects: this runs for every file at every save of
    # the live preview, and pathlib's parsing was most of its time.
    # Folders linked into data/ are refused by load before a build asks for dates.
    base = data_dir.relative_to(root).as_posix()
    for folder, _, names in os.walk(data_dir):
        inner = os.path.relpath(folder, data_dir).replace(os.sep, "/")
        prefix = "".join(f"{part}/" for part in (base, inner) if part != ".")
        for name in names:
            if not name.endswith(".yaml"):
                continue
            shown = prefix + name
            if shown in committed and shown not in uncommitted:
                dates[shown] = committed[shown]
                if shown in boundary_files:
                    cut_off.add(shown)
            else:
                dates[shown] = dt.date.fromtimestamp(os.stat(f"{folder}/{name}").st_mtime)
    return History(dates, frozenset(cut_off), boundary if cut_off else None)


def _git(args: list[str], root: Path) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                              timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _git_dates(data_dir: Path, root: Path) -> tuple[dict[str, dt.date], set[str],
                                                     dt.date | None]:
    """{file: date of the newest commit touching it}, the files first seen in a
    shallow clone's boundary commit, and that commit's date."""
    boundary_commits = _shallow_boundary(root)
    # Newest commit first: the first date seen for a file is its latest change.
    log = _git(["log", "--format=%x00%H %cs", "--name-only", "--no-renames", "--",
                str(data_dir)], root)
    dates: dict[str, dt.date] = {}
    at_boundary: set[str] = set()
    boundary: dt.date | None = None
    current: dt.date | None = None
    in_boundary = False
    for line in (log or "").splitlines():
        if line.startswith("\0"):
            commit, _, day = line[1:].partition(" ")
            current = dt.date.fromisoformat(day)
            in_boundary = commit in boundary_commits
            if in_boundary:
                boundary = current if boundary is None else min(boundary, current)
        elif line and current is not None and line not in dates:
            dates[line] = current
            if in_boundary:
                at_boundary.add(line)
    return dates, at_boundary, boundary


def _shallow_boundary(root: Path) -> frozenset[str]:
    """The commits at which a shallow clone's history stops: those git keeps in the
    repository's `shallow` file, less any that is the true first commit (git lists it
    too when the clone reaches it, but nothing is hidden behind it). Empty in a whole
    repository."""
    answer = (_git(["rev-parse", "--is-shallow-repository", "--git-path", "shallow"], root)
              or "").splitlines()
    if len(answer) != 2 or answer[0] != "true":
        return frozenset()
    try:
        listed = (root / answer[1]).read_text(encoding="ascii").split()
    except OSError:
        return frozenset()
    return frozenset(commit for commit in listed if _has_parent(commit, root))


def _has_parent(commit: str, root: Path) -> bool:
    """Whether the commit names a parent: the object says so even where a shallow
    clone lacks the parent itself. When git cannot tell, assume it has one."""
    header = (_git(["cat-file", "commit", commit], root) or "parent").split("\n\n", 1)[0]
    return any(line.startswith("parent") for line in header.splitlines())


def _git_dirty(data_dir: Path, root: Path) -> set[str]:
    status = _git(["status", "--porcelain", "--untracked-files=all", "--", str(data_dir)],
                  root)
    return {line[3:].strip() for line in (status or "").splitlines() if len(line) > 3}
