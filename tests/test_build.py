import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from kb.pipeline.build import build, paused_collection
from kb.pipeline.session import Session
from kb.tools.preview import FrozenHeap
from tests.conftest import MINI, ROOT
from tests.site import MKDOCS, copy_project


def test_build_renders_every_page_kind():
    result = build(MINI / "data", root=MINI)
    assert result.ok
    assert {"people/ada-example.md", "groups/river-party.md", "events/vote.md",
            "sources/daily-2024-01-07.md", "people/index.md", "timeline.md",
            "quotes.md"} <= set(result.pages)


HASH_SEEDS = ("1", "2")
"""Two processes whose sets and dicts of strings iterate in different orders: output
that depends on that order differs between them (issue 16, item 7)."""


def in_processes(commands: list[tuple[list[str], Path]], **env: str) -> None:
    """Run each (command, folder) at once, in a process of its own with its own hash
    seed (HASH_SEEDS, in turn), and wait for all; each must succeed."""
    running = [subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True,
                                env={**os.environ, **env, "PYTHONHASHSEED": seed})
               for (command, folder), seed in zip(commands, HASH_SEEDS, strict=True)]
    for process in running:
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, output


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by its path relative to it, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def differences(first: Path, second: Path) -> list[str]:
    """The files that are in one folder only, or differ in a byte."""
    one, other = files_of(first), files_of(second)
    assert len(one) > 10, f"{first} holds {len(one)} files"
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


@pytest.mark.parametrize("project", [MINI, ROOT], ids=["mini", "real data"])
def test_the_pages_are_the_same_in_every_process(project: Path, tmp_path: Path):
    # Within one process a set iterates alike every time, so two builds in one process
    # cannot show an order that depends on string hashes: two processes do.
    outs = [tmp_path / f"seed-{seed}" for seed in HASH_SEEDS]
    kb = [sys.executable, "-m", "kb.tools.cli", "--root", str(project), "build", "--out"]
    in_processes([([*kb, str(out)], project) for out in outs])
    assert differences(*outs) == []


def test_the_site_is_the_same_in_every_process(tmp_path: Path):
    # The whole of what GitHub Pages would publish, every byte: pages, search shards,
    # downloads, network drawing, sitemap. MkDocs stamps the sitemap's archive and dates
    # with the build's time unless SOURCE_DATE_EPOCH names one (its reproducible builds).
    projects = [copy_project(tmp_path / f"project-{seed}") for seed in HASH_SEEDS]
    build = [*MKDOCS, "build", "--strict", "-d", "site"]
    in_processes([(build, project) for project in projects],
                 SOURCE_DATE_EPOCH="1704585600", NO_MKDOCS_2_WARNING="1")
    assert differences(*(project / "site" for project in projects)) == []


def test_bad_data_writes_nothing_and_keeps_previous_output(data_tree, tmp_path):
    out = tmp_path / "generated"
    good = build(MINI / "data", out, root=MINI)
    assert good.ok and (out / "people/ada-example.md").exists()
    before = (out / "people/ada-example.md").read_text()
    root = data_tree({"people/x.yaml": "name: X\n"})
    bad = build(root / "data", out, root=root)
    assert not bad.ok and bad.pages == {}
    assert (out / "people/ada-example.md").read_text() == before


def _cycle() -> weakref.ref:
    class Node:
        pass

    node = Node()
    node.itself = node  # type: ignore[attr-defined]  # freed only by the cycle collector
    return weakref.ref(node)


def test_a_build_pauses_the_cycle_collector_and_leaves_it_as_it_found_it():
    gc.unfreeze()  # whatever an earlier test left
    with paused_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    build(MINI / "data", root=MINI)
    assert gc.isenabled() and gc.get_freeze_count() == 0  # nothing frozen, nothing kept
    gc.disable()
    try:
        with paused_collection():
            pass
        assert not gc.isenabled()  # left off, as it was
    finally:
        gc.enable()


def test_the_preview_freezes_its_heap_and_frees_cycles_every_few_builds():
    heap = FrozenHeap(collect_every=3)
    gc.collect()
    dead_cycles = []
    try:
        for _ in range(2):
            with paused_collection(), heap.around_build():  # as kb.pipeline.build.build does
                dead_cycles.append(_cycle())
            assert gc.get_freeze_count() > 0  # what the build left is frozen
        assert all(ref() is not None for ref in dead_cycles)  # frozen, not yet collected
        with paused_collection(), heap.around_build():
            pass
        assert all(ref() is None for ref in dead_cycles)
    finally:
        gc.unfreeze()


def test_only_a_session_with_the_preview_s_tuning_freezes_the_heap():
    gc.unfreeze()
    try:
        build(MINI / "data", root=MINI, session=Session())
        assert gc.get_freeze_count() == 0
        session = Session(heap=FrozenHeap())
        build(MINI / "data", root=MINI, session=session)
        assert gc.get_freeze_count() > 0 and session.heap.builds == 1
    finally:
        gc.unfreeze()
