""""Cite this page" gives a page the same date of last change however the site is
built: a one-off build, the live preview's reused pages, `mkdocs build` and `mkdocs
serve` through the hook; and in a shallow clone (a CI checkout) no date it cannot know."""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from kb.pipeline.build import build
from kb.pipeline.render import Site
from kb.pipeline.session import Session
from kb.tools.cli import main
from tests.conftest import linked_tree
from tests.site import MKDOCS, copy_project, mkdocs_build
from tests.test_history import git

NAME = "Iraq and the US-led coalition since 2024"  # mkdocs.yml's site_name
EDITED = "data/groups/reuters.yaml"


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Path:
    """The project in a repository: a first commit without it, everything on 5 January
    2024, then a change to the Reuters file on 9 March."""
    root = tmp_path_factory.mktemp("dated") / "origin"
    root.mkdir()
    git(root, "init", "-q")
    (root / "NOTES.txt").write_text("Before the project.\n", "utf-8")
    git(root, "add", ".")
    git(root, "commit", "-qm", "start", date="2023-12-01T10:00:00")
    copy_project(root)
    git(root, "add", ".")
    git(root, "commit", "-qm", "everything", date="2024-01-05T10:00:00")
    path = root / EDITED
    path.write_text(path.read_text("utf-8") + "# checked again\n", "utf-8")
    git(root, "commit", "-qam", "an outlet's file changes", date="2024-03-09T10:00:00")
    return root


@pytest.fixture(scope="module")
def pages(origin: Path) -> dict[str, str]:
    """{path: expected date}: one page showing Reuters (a source it published), one not."""
    inputs = linked_tree(origin).page_inputs
    shows = next(i for i in sorted(inputs) if "reuters" in inputs[i] and i != "reuters")
    hidden = next(i for i in sorted(inputs) if "reuters" not in inputs[i]
                  and i.startswith("abu-"))
    return {_markdown_path(origin, shows): "9 March 2024",
            _markdown_path(origin, hidden): "5 January 2024"}


def _markdown_path(root: Path, entry_id: str) -> str:
    return next(p.relative_to(root / "data").with_suffix(".md").as_posix()
                for p in (root / "data").rglob(f"{entry_id}.yaml"))


def cited_date(text: str) -> str | None:
    """The date in a page's "Cite this page", from Markdown or HTML; None if none."""
    cite = text.split("Cite this page", 1)[1]
    match = re.search(r"last changed ([0-9]{1,2} [A-Z][a-z]+ [0-9]{4})", cite)
    return match[1] if match else None


def html_of(site: Path, markdown_path: str) -> str:
    return (site / markdown_path.removesuffix(".md") / "index.html").read_text("utf-8")


def test_a_one_off_build_and_the_preview_give_each_page_its_date(origin, pages):
    site = Site(name=NAME)
    fresh = build(origin / "data", root=origin, site=site)
    session = Session()
    first = build(origin / "data", root=origin, site=site, session=session)
    again = build(origin / "data", root=origin, site=site, session=session)
    memo = session.render.pages
    assert memo.reused == memo.pages  # the second preview build reused every page
    for path, date in pages.items():
        assert [cited_date(b.pages[path]) for b in (fresh, first, again)] == [date] * 3, path
    assert fresh.notes == []


def test_mkdocs_build_gives_each_page_the_same_date(origin, pages, tmp_path):
    result = mkdocs_build(origin, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for path, date in pages.items():
        assert cited_date(html_of(tmp_path / "site", path)) == date, path
    assert "shallow" not in result.stderr


def test_mkdocs_serve_gives_each_page_the_same_date(origin, pages):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}", "--dirty", "--livereload"],
        cwd=origin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    try:
        for path, date in pages.items():
            html = _fetch(f"http://127.0.0.1:{port}/{path.removesuffix('.md')}/", server)
            assert cited_date(html) == date, path
        # The preview keeps its pages apart: a `make build` beside it never takes them.
        assert (origin / "generated.serve" / "people" / "abu-taqwa.md").exists()
    finally:
        server.terminate()
        server.communicate(timeout=30)


def _fetch(url: str, server: subprocess.Popen, wait: float = 120) -> str:
    deadline = time.monotonic() + wait
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def shallow_clone(origin: Path, target: Path, depth: int) -> Path:
    subprocess.run(["git", "clone", "-q", "--depth", str(depth), origin.as_uri(), str(target)],
                   check=True, capture_output=True)
    return target


def test_a_shallow_clone_cites_no_date_it_cannot_know_and_says_how_to_fix_it(
        origin, pages, tmp_path, capsys):
    clone = shallow_clone(origin, tmp_path / "clone", depth=1)
    assert main(["--root", str(clone), "build", "--out", str(tmp_path / "generated")]) == 0
    assert "warning: this repository is a shallow clone" in capsys.readouterr().err
    result = mkdocs_build(clone, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("git fetch --unshallow") == 1, result.stderr  # said once
    assert "fetch-depth: 0" in result.stderr
    for path in pages:
        assert cited_date(html_of(tmp_path / "site", path)) is None, path
    git(clone, "fetch", "-q", "--unshallow")
    fetched = build(clone / "data", root=clone, site=Site(name=NAME))
    assert {path: cited_date(fetched.pages[path]) for path in pages} == pages
    assert fetched.notes == []


def test_past_a_shallow_boundary_only_pages_with_a_later_known_change_are_dated(
        origin, pages, tmp_path):
    # Two commits deep: the boundary is the first commit, so only the Reuters file has
    # a date known for sure; it is the latest change of the pages that show it.
    clone = shallow_clone(origin, tmp_path / "clone", depth=2)
    result = build(clone / "data", root=clone, site=Site(name=NAME))
    assert {path: cited_date(result.pages[path]) for path in pages} == {
        path: date if date == "9 March 2024" else None for path, date in pages.items()}
    assert len(result.notes) == 1
