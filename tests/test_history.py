"""Dates of last change, read from git once per build."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from kb.pipeline.history import last_changed


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
    history = last_changed(tmp_path / "data", tmp_path)
    assert history.changed == {"data/people/a.yaml": dt.date(2024, 1, 5),
                               "data/people/b.yaml": dt.date(2024, 3, 9)}
    assert history.cut_off == frozenset() and history.notes == []


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
    assert last_changed(tmp_path / "data", tmp_path).changed == {
        "data/people/a.yaml": saved, "data/people/new.yaml": saved}


def test_outside_a_repository_the_save_date_is_used(tmp_path):
    write(tmp_path, "data/people/a.yaml", "name: A\n")
    os.utime(tmp_path / "data/people/a.yaml", (1_600_000_000, 1_600_000_000))
    assert last_changed(tmp_path / "data", tmp_path).changed == {
        "data/people/a.yaml": dt.date.fromtimestamp(1_600_000_000)}


def three_commits(origin: Path) -> None:
    """a and b on 5 January 2024, b again on 10 February, c added on 9 March."""
    origin.mkdir()
    git(origin, "init", "-q")
    write(origin, "data/people/a.yaml", "name: A\n")
    write(origin, "data/people/b.yaml", "name: B\n")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "first", date="2024-01-05T10:00:00")
    write(origin, "data/people/b.yaml", "name: Bee\n")
    git(origin, "commit", "-qam", "second", date="2024-02-10T10:00:00")
    write(origin, "data/people/c.yaml", "name: C\n")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "third", date="2024-03-09T10:00:00")


def shallow_clone(origin: Path, clone: Path, depth: int) -> Path:
    subprocess.run(["git", "clone", "-q", "--depth", str(depth), origin.as_uri(), str(clone)],
                   check=True, capture_output=True)
    return clone


WHOLE = {"data/people/a.yaml": dt.date(2024, 1, 5), "data/people/b.yaml": dt.date(2024, 2, 10),
         "data/people/c.yaml": dt.date(2024, 3, 9)}


def test_a_shallow_clone_names_the_files_whose_last_change_it_cannot_see(tmp_path):
    origin = tmp_path / "origin"
    three_commits(origin)
    clone = shallow_clone(origin, tmp_path / "clone", depth=1)
    history = last_changed(clone / "data", clone)
    # git log dates every file by the one commit it has; none of them can be trusted.
    assert history.changed == dict.fromkeys(WHOLE, dt.date(2024, 3, 9))
    assert history.cut_off == set(WHOLE) and history.boundary == dt.date(2024, 3, 9)
    [note] = history.notes
    assert "shallow clone" in note and "9 March 2024" in note
    assert "git fetch --unshallow" in note and "fetch-depth: 0" in note
    git(clone, "fetch", "-q", "--unshallow")
    history = last_changed(clone / "data", clone)
    assert history.changed == WHOLE and history.cut_off == frozenset()
    assert history.notes == []


def test_files_changed_after_the_boundary_of_a_shallow_clone_keep_their_dates(tmp_path):
    origin = tmp_path / "origin"
    three_commits(origin)
    clone = shallow_clone(origin, tmp_path / "clone", depth=2)
    history = last_changed(clone / "data", clone)
    assert history.changed == {**dict.fromkeys(WHOLE, dt.date(2024, 2, 10)),
                               "data/people/c.yaml": dt.date(2024, 3, 9)}
    assert history.cut_off == {"data/people/a.yaml", "data/people/b.yaml"}
    assert history.boundary == dt.date(2024, 2, 10)


def test_a_shallow_clone_that_reaches_the_first_commit_knows_every_date(tmp_path):
    # git marks the deepest commit as shallow even when it has no parent to hide.
    origin = tmp_path / "origin"
    three_commits(origin)
    clone = shallow_clone(origin, tmp_path / "clone", depth=3)
    history = last_changed(clone / "data", clone)
    assert history.changed == WHOLE and history.cut_off == frozenset()
    assert history.notes == []
