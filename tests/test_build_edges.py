"""`mkdocs build` at its edges: bad data, or a fault of the pipeline, stops the build
with one message and leaves the last good site byte for byte (issue 15, items 7 and
8); settings of mkdocs.yml the generated pages cannot follow stop it at once, saying
why (item 9)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.site import copy_project


def snapshot(site: Path) -> dict[str, tuple[str, int]]:
    """Every file of a built site: its content's hash and its modification time."""
    return {path.relative_to(site).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(),
                                                path.stat().st_mtime_ns)
            for path in sorted(site.rglob("*")) if path.is_file()}


ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
CRASHING_BUILD = """\
import sys
import kb.render

shown = kb.render.ENTRY_PAGES["person"]


def faulty(linked, entry_id, site):
    if entry_id == "abu-taqwa":
        raise IndexError("list index out of range")
    return shown(linked, entry_id, site)


kb.render.ENTRY_PAGES["person"] = faulty
from mkdocs.__main__ import cli

cli(["build", "--strict"])
"""
"""`mkdocs build --strict` with a fault planted in the pipeline, as a bug would be."""


def mkdocs(project: Path, *args: str, script: str | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", script] if script else [sys.executable, "-m", "mkdocs",
                                                             "build", "--strict", *args]
    return subprocess.run(command, cwd=project, capture_output=True, text=True,
                          env={**ENV, **(env or {})})


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Iterator[tuple[Path, dict]]:
    """A copy of the project, built once into its own site/: (project, snapshot)."""
    project = copy_project(tmp_path_factory.mktemp("edges") / "project")
    result = mkdocs(project)
    assert result.returncode == 0, result.stderr
    yield project, snapshot(project / "site")


@contextmanager
def edited(path: Path, text: str | None) -> Iterator[None]:
    """`path` holds `text` (or is removed, for None) inside the block; then as before."""
    before = path.read_bytes() if path.exists() else None
    if text is None:
        path.unlink()
    else:
        path.write_text(text, encoding="utf-8")
    try:
        yield
    finally:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(before)


ABU_TAQWA = "data/people/abu-taqwa.yaml"


def _abu_taqwa(project: Path, old: str, new: str) -> str:
    return (project / ABU_TAQWA).read_text("utf-8").replace(old, new, 1)


@pytest.mark.parametrize(("file", "change", "message"), [
    (ABU_TAQWA, ("name: Abu Taqwa", "nmae: Abu Taqwa"),
     "data/people/abu-taqwa.yaml:2:1: unknown field 'nmae'"),
    (ABU_TAQWA, ("\nsummary:", "\n\tsummary:"), "data/people/abu-taqwa.yaml:"),
    ("data/events/broken.yaml", "name: X\ntype: strike\ndate: 2024-02-30\n",
     "data/events/broken.yaml:3:1: date: '2024-02-30'"),
    ("data/sources/empty.yaml", "", "data/sources/empty.yaml:1:1: file is empty"),
])
def test_bad_data_stops_the_build_and_keeps_the_last_good_site(built, file, change, message):
    project, before = built
    text = _abu_taqwa(project, *change) if isinstance(change, tuple) else change
    with edited(project / file, text):
        result = mkdocs(project)
    assert result.returncode == 1
    assert "data/ has problems; nothing was regenerated" in result.stderr
    assert message in result.stderr
    assert "Cleaning site directory" not in result.stderr
    assert snapshot(project / "site") == before


def test_a_fault_of_the_pipeline_is_one_line_and_keeps_the_last_good_site(built):
    project, before = built
    result = mkdocs(project, script=CRASHING_BUILD)
    assert result.returncode == 1
    assert ("ERROR   -  internal error while reading data/people/abu-taqwa.yaml: IndexError: "
            "list index out of range; please report it (KB_DEBUG=1 shows where it happened)"
            in result.stderr)
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before
    debugged = mkdocs(project, script=CRASHING_BUILD, env={"KB_DEBUG": "1"})
    assert debugged.returncode == 1
    assert "Traceback" in debugged.stderr and "IndexError" in debugged.stderr
    assert snapshot(project / "site") == before
