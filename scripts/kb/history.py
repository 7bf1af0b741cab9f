"""When each data file last changed: from git where the project is a repository.

Read once per build with one `git log` (not one call per file). A file with changes
not yet committed counts as changed on the day it was last saved; outside a
repository, or where git is missing, every file's save date is used.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def last_changed(data_dir: Path, root: Path) -> dict[str, dt.date]:
    """{path relative to root: date of its last change} for every file under data_dir."""
    committed = _git_dates(data_dir, root)
    uncommitted = _git_dirty(data_dir, root)
    dates: dict[str, dt.date] = {}
    for path in data_dir.rglob("*.yaml"):
        shown = path.relative_to(root).as_posix()
        if shown in committed and shown not in uncommitted:
            dates[shown] = committed[shown]
        else:
            dates[shown] = dt.date.fromtimestamp(path.stat().st_mtime)
    return dates


def _git(args: list[str], root: Path) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                              timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _git_dates(data_dir: Path, root: Path) -> dict[str, dt.date]:
    # Newest commit first: the first date seen for a file is its latest change.
    log = _git(["log", "--format=%x00%cs", "--name-only", "--no-renames", "--",
                str(data_dir)], root)
    dates: dict[str, dt.date] = {}
    current: dt.date | None = None
    for line in (log or "").splitlines():
        if line.startswith("\0"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            dates.setdefault(line, current)
    return dates


def _git_dirty(data_dir: Path, root: Path) -> set[str]:
    status = _git(["status", "--porcelain", "--untracked-files=all", "--", str(data_dir)],
                  root)
    return {line[3:].strip() for line in (status or "").splitlines() if len(line) > 3}
