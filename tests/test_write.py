import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.pipeline import write as write_module
from kb.pipeline.build import build
from kb.pipeline.write import MARKER, WriteMemo, write
from tests.conftest import MINI, ROOT


def test_write_replaces_the_output_exactly(tmp_path: Path):
    out = tmp_path / "generated"
    write({"a.md": "A", "people/b.md": "B"}, out)
    write({"people/c.md": "C"}, out)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["README.txt", "people/c.md"]
    assert not list(tmp_path.glob("generated.*")), "no temporary folder is left behind"


def test_unchanged_pages_keep_their_file_and_time_so_incremental_builds_skip_them(
        tmp_path: Path):
    out = tmp_path / "generated"
    write({"same.md": "S", "edited.md": "old", "gone.md": "G"}, out)
    old_time = time.time() - 60
    for name in ("same.md", "edited.md"):
        os.utime(out / name, (old_time, old_time))
    changed = write({"same.md": "S", "edited.md": "new", "added.md": "A"}, out)
    assert changed == ["edited.md", "added.md"]
    assert (out / "same.md").stat().st_mtime == old_time
    assert (out / "edited.md").stat().st_mtime > old_time
    assert (out / "edited.md").read_text() == "new"
    assert not (out / "gone.md").exists()


def test_with_the_last_write_in_memory_the_same_pages_change_and_none_is_read_back(
        tmp_path: Path, monkeypatch):
    out = tmp_path / "generated"
    memo = WriteMemo()
    write({"same.md": "S", "edited.md": "old", "gone.md": "G"}, out, memo)
    old_time = time.time() - 60
    for name in ("same.md", "edited.md"):
        os.utime(out / name, (old_time, old_time))
    monkeypatch.setattr(write_module, "_keep", None)  # reading files back would fail
    changed = write({"same.md": "S", "edited.md": "new", "added.md": "A"}, out, memo)
    assert changed == ["edited.md", "added.md"]
    assert (out / "same.md").stat().st_mtime == old_time
    assert (out / "edited.md").read_text() == "new"
    assert not (out / "gone.md").exists()
    assert memo.pages == {"same.md": "S", "edited.md": "new", "added.md": "A"}


def test_the_memo_of_a_write_serves_only_the_folder_it_was_written_to(tmp_path: Path):
    memo = WriteMemo()
    write({"a.md": "A"}, tmp_path / "one", memo)
    assert write({"a.md": "A"}, tmp_path / "two", memo) == ["a.md"]
    assert (tmp_path / "two" / "a.md").read_text() == "A"
    (tmp_path / "two" / "a.md").unlink()  # a page gone from disk is written again
    assert write({"a.md": "A"}, tmp_path / "two", memo) == ["a.md"]
    assert (tmp_path / "two" / "a.md").read_text() == "A"


def test_a_write_that_fails_leaves_no_memo_to_trust(tmp_path: Path, monkeypatch):
    out = tmp_path / "generated"
    memo = WriteMemo()
    write({"a.md": "old A"}, out, memo)
    monkeypatch.setattr(write_module, "_swap", lambda fresh, out_dir, **_: (_ for _ in ()).throw(
        OSError("disk full")))
    with pytest.raises(OSError):
        write({"a.md": "new A"}, out, memo)
    assert memo.pages == {} and (out / "a.md").read_text() == "old A"


def test_a_failure_midway_leaves_the_previous_output_whole(tmp_path: Path, monkeypatch):
    out = tmp_path / "generated"
    write({"a.md": "old A", "b.md": "old B"}, out)
    calls = 0
    real_write_page = write_module._write_page

    def fail_on_second_page(target: str, data: bytes) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise OSError("disk full")
        real_write_page(target, data)

    monkeypatch.setattr(write_module, "_write_page", fail_on_second_page)
    with pytest.raises(OSError):
        write({"a.md": "new A", "b.md": "new B"}, out)
    monkeypatch.undo()
    assert (out / "a.md").read_text() == "old A"
    assert (out / "b.md").read_text() == "old B"


def test_a_crash_between_the_renames_is_recovered(tmp_path: Path):
    out = tmp_path / "generated"
    write({"a.md": "A"}, out)
    out.rename(tmp_path / "generated.old")  # as if killed mid-swap
    write_module._recover(out.resolve())
    assert (out / "a.md").read_text() == "A"


def many_people(root: Path, count: int) -> Path:
    """The mini dataset plus `count` people: a build whose write takes long enough to
    be interrupted."""
    shutil.copytree(MINI / "data", root / "data")
    for number in range(count):
        (root / "data" / "people" / f"person-{number:04d}.yaml").write_text(
            f"name: Person {number:04d}\nsummary: {{text: Someone., cite: [daily-2024-01-07]}}\n"
            "relations: [{type: member_of, target: river-party, cite: [daily-2024-01-07]}]\n")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_killing_a_build_at_any_moment_of_its_write_leaves_old_or_new_whole(tmp_path):
    root = many_people(tmp_path / "project", 1500)
    out = tmp_path / "generated"
    assert build(MINI / "data", out, root=MINI).ok
    old = snapshot(out)
    new = build(root / "data", root=root).pages
    command = [sys.executable, "-m", "kb.tools.cli", "--root", str(root), "build",
               "--out", str(out)]
    killed_while_writing = 0
    for attempt in range(8):
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while child.poll() is None and not list(tmp_path.glob("generated.new-*")):
            time.sleep(0.0005)  # wait for the write stage to start
        time.sleep(random.Random(attempt).uniform(0, 0.08))
        killed_while_writing += child.poll() is None
        child.kill()
        child.wait()
        current = snapshot(out)
        current.pop(MARKER)
        assert current in (
            {k: v for k, v in old.items() if k != MARKER},
            {k: v.encode() for k, v in new.items()},
        ), f"attempt {attempt}: output is neither the old build nor the new one"
    assert killed_while_writing >= 1, "no kill landed during the write"
    assert build(root / "data", out, root=root).ok
    assert not list(tmp_path.glob("generated.*")), "a later build clears what a kill left"


def test_the_same_data_gives_byte_identical_output_across_processes(tmp_path):
    """Separate processes with different hash seeds: set and dict order cannot leak."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        subprocess.run([sys.executable, "-m", "kb.tools.cli", "--root", str(ROOT), "build",
                        "--out", str(out)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(snapshot(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 50


def files_of(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in folder.rglob("*")
            if p.is_file() and p.name != MARKER}


def test_a_session_keeps_the_output_put_aside_and_brings_it_up_to_date(tmp_path: Path):
    """The live preview's writes update the folder the last swap put aside instead of
    linking every page into a new one: after any series of edits, added and removed
    pages and folders, both the output and the folder put aside hold exactly what the
    memo says, changed pages get a new time and unchanged ones keep theirs."""
    out, memo, rng = tmp_path / "generated", WriteMemo(), random.Random(16)
    names = [f"{folder}p{n}.md" for folder in ("", "a/", "a/b/", "c/") for n in range(4)]
    pages: dict[str, str] = {}
    for step in range(40):
        previous = dict(pages)
        for name in rng.sample(names, 5):
            choice = rng.random()
            if choice < 0.3:
                pages.pop(name, None)
            else:  # a few texts only, so that pages often change back
                pages[name] = rng.choice(["one", "two", "three"])
        if step % 7 == 0:
            pages = {name: text for name, text in pages.items() if not name.startswith("a/")}
        old_time = time.time() - 60
        for path in out.rglob("*.md") if out.exists() else ():
            os.utime(path, (old_time, old_time))
        changed = write(pages, out, memo)
        assert files_of(out) == pages, step
        assert changed == [p for p in pages if previous.get(p) != pages[p]], step
        for name in pages:
            moved = (out / name).stat().st_mtime > old_time
            assert moved == (name in changed), (step, name)
        assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_dir()) \
            == sorted({name.rsplit("/", 1)[0] for name in pages if "/" in name}
                      | {name.split("/", 1)[0] for name in pages if name.count("/") > 1}), step
        if step:
            assert memo.spare is not None and files_of(memo.spare) == memo.spare_pages, step
            assert memo.spare_pages == previous, step
    assert [p.name for p in tmp_path.iterdir()] != []
    write(pages, out)  # a build without the session removes what it put aside
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated"]


def test_remove_stale_removes_the_files_and_the_folders_they_leave_empty(tmp_path: Path):
    # The live preview's rebuilds write into the same site and remove nothing: an entry
    # removed kept its page there, served until the preview was restarted (trial 5).
    site = tmp_path / "site"
    for path in ["people/gone/index.html", "people/kept/index.html",
                 "events/a/b/index.html", "index.html"]:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text("x", "utf-8")
    write_module.remove_stale(site, ["people/gone/index.html", "events/a/b/index.html",
                                     "never/written.html"])
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert left == ["index.html", "people", "people/kept", "people/kept/index.html"]
