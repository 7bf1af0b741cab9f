from pathlib import Path

import pytest

from kb import write as write_module
from kb.write import write


def test_write_replaces_the_output_exactly(tmp_path: Path):
    out = tmp_path / "generated"
    write({"a.md": "A", "people/b.md": "B"}, out)
    write({"people/c.md": "C"}, out)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["README.txt", "people/c.md"]
    assert not list(tmp_path.glob("generated.*")), "no temporary folder is left behind"


def test_a_failure_midway_leaves_the_previous_output_whole(tmp_path: Path, monkeypatch):
    out = tmp_path / "generated"
    write({"a.md": "old A", "b.md": "old B"}, out)
    calls = 0
    real_write_text = Path.write_text

    def fail_on_second_page(self: Path, *args, **kwargs):
        nonlocal calls
        if self.suffix == ".md":
            calls += 1
            if calls == 2:
                raise OSError("disk full")
        return real_write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", fail_on_second_page)
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
