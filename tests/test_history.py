"""Dates of last change, read from git once per build."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from kb.history import last_changed


def git(root: Path, *args: str, date: str = "2024-02-01T12:00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_committed_files_date_from_their_last_commit(tmp_path):
    git(tmp_path, "init", "-q")
    write(tmp_path, "data/people/a.yaml", "name: A\n")
    write(tmp_path, "data/people/b.yaml", "name: B\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first", date="2024-01-05T10:00:00")
    write(tmp_path, "data/people/b.yaml", "name: Bee\n")
    git(tmp_path, "commit", "-qam", "second", date="2024-03-09T10:00:00")
    dates = last_changed(tmp_path / "data", tmp_path)
    assert dates == {"data/people/a.yaml": dt.date(2024, 1, 5),
                     "data/people/b.yaml": dt.date(2024, 3, 9)}


def test_unsaved_changes_and_new_files_date_from_the_save(tmp_path):
    git(tmp_path, "init", "-q")
    write(tmp_path, "data/people/a.yaml", "name: A\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first", date="2024-01-05T10:00:00")
    write(tmp_path, "data/people/a.yaml", "name: Changed\n")
    write(tmp_path, "data/people/new.yaml", "name: New\n")
    saved = dt.date.fromtimestamp(1_700_000_000)
    for name in ("a", "new"):
        os.utime(tmp_path / f"data/people/{name}.yaml", (1_700_000_000, 1_700_000_000))
    assert last_changed(tmp_path / "data", tmp_path) == {
        "data/people/a.yaml": saved, "data/people/new.yaml": saved}


def test_outside_a_repository_the_save_date_is_used(tmp_path):
    write(tmp_path, "data/people/a.yaml", "name: A\n")
    os.utime(tmp_path / "data/people/a.yaml", (1_600_000_000, 1_600_000_000))
    assert last_changed(tmp_path / "data", tmp_path) == {
        "data/people/a.yaml": dt.date.fromtimestamp(1_600_000_000)}
