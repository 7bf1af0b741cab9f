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
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from kb.crash import reading
from tests.site import copy_project


def snapshot(site: Path) -> dict[str, tuple[str, int]]:
    """Every file of a built site: its content's hash and its modification time."""
    return {path.relative_to(site).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(),
                                                path.stat().st_mtime_ns)
            for path in sorted(site.rglob("*")) if path.is_file()}


ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
CRASHING_BUILD = """\
import sys
import kb.pipeline.render

shown = kb.pipeline.render.ENTRY_PAGES["person"]


def faulty(linked, entry_id, site):
    if entry_id == "abu-taqwa":
        raise IndexError("list index out of range")
    return shown(linked, entry_id, site)


kb.pipeline.render.ENTRY_PAGES["person"] = faulty
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


def test_use_directory_urls_false_stops_the_build_at_once(built):
    """The issue's case: the build passed while search results and the network's
    links led to folders that did not exist."""
    project, before = built
    config = project / "mkdocs.yml"
    with edited(config, config.read_text("utf-8") + "\nuse_directory_urls: false\n"):
        result = mkdocs(project)
    assert result.returncode == 1
    assert ("mkdocs.yml: settings the generated pages cannot follow; nothing was built:\n"
            "- use_directory_urls must be true (the default): the pipeline publishes each "
            "page at a folder address (people/abu-taqwa/)" in result.stderr)
    assert "Cleaning site directory" not in result.stderr
    assert snapshot(project / "site") == before


def test_other_folders_for_the_site_and_the_hand_written_pages_are_honoured(built, tmp_path):
    project, _ = built
    (project / "docs").rename(project / "pages")
    try:
        config = project / "mkdocs.yml"
        with edited(config, config.read_text("utf-8").replace("docs_dir: docs",
                                                              "docs_dir: pages")):
            result = mkdocs(project, "-d", str(tmp_path / "out"))
    finally:
        (project / "pages").rename(project / "docs")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "people" / "abu-taqwa" / "index.html").is_file()
    assert (tmp_path / "out" / "editing" / "index.html").is_file()


# ---------------------------------------------------------------------------- settings


def configured(project: Path, **settings: Any) -> list[str]:
    """The hook's verdict on mkdocs.yml with `settings` changed: the refusals, one a
    line, or [] when the build may go on."""
    config = load_config(config_file=str(project / "mkdocs.yml"), **settings)
    try:
        config.plugins.on_config(config)
    except PluginError as error:
        return str(error).splitlines()[1:]
    return []


@pytest.mark.parametrize(("settings", "refusal"), [
    ({"use_directory_urls": False}, "- use_directory_urls must be true (the default)"),
    ({"site_dir": "data"}, "- site_dir 'data' is or overlaps data/: the generator empties "
                           "it before every build, which would delete data/. Choose another "
                           "folder"),
    ({"site_dir": "data/site"}, "- site_dir 'data/site' is or overlaps data/"),
    ({"site_dir": "generated"}, "- site_dir 'generated' is or overlaps generated/"),
    ({"site_dir": "generated.serve/x"}, "- site_dir 'generated.serve/x' is or overlaps "
                                        "generated.serve/"),
    ({"docs_dir": "data"}, "- docs_dir 'data' is or overlaps data/: data/ would be read "
                           "as hand-written pages. Choose another folder"),
    ({"markdown_extensions": ["toc", "attr_list", "md_in_html", "admonition"]},
     "- markdown_extensions must include footnotes: every citation is a footnote ([^1])"),
    ({"markdown_extensions": ["footnotes", "md_in_html"]},
     "- markdown_extensions must include attr_list: headings carry the ids that links "
     "point to ({ #id }), and links to other sites rel=\"noopener\""),
    ({"markdown_extensions": ["footnotes", "attr_list"]},
     "- markdown_extensions must include md_in_html: the timeline's entries, the periods, "
     "the tables and 'Cite this page' are Markdown inside HTML blocks (markdown "
     "attribute)"),
    ({"theme": {"name": "mkdocs"}}, "- theme.name must be material (found mkdocs): the "
                                    "generated pages' front matter and the search box are "
                                    "Material's"),
    ({"theme": {"name": "material"}}, "- theme.custom_dir must be overrides: the search box "
                                      "that reads the pipeline's index (kb-search/) and the "
                                      "scripts of the timeline and 'as reported by' are "
                                      "there"),
    ({"plugins": []}, "- plugins must include search: Material draws its search box only "
                      "while its search plugin is on"),
    ({"extra_javascript": []}, "- theme.static_templates and extra_javascript must include "
                               "assets/kb.js: the generated pages' timeline filters"),
])
def test_settings_the_pages_cannot_follow_are_refused_saying_why(built, settings, refusal):
    project, _ = built
    refusals = configured(project, **settings)
    assert any(line.startswith(refusal) for line in refusals), refusals
    # Only what is wrong: a theme given afresh also lacks this project's overrides and
    # the static template of its scripts.
    theme = settings.get("theme", {}).get("name")
    assert len(refusals) == 1 + {"mkdocs": 2, "material": 1}.get(theme, 0)


@pytest.mark.parametrize("settings", [
    {},
    {"markdown_extensions": ["extra", "toc"]},  # extra loads footnotes, md_in_html...
    {"markdown_extensions": ["pymdownx.extra"]},
    {"markdown_extensions": ["markdown.extensions.footnotes", "markdown.extensions.attr_list",
                             "markdown.extensions.md_in_html"]},
    {"site_dir": "public"},
    {"strict": False},  # bad data stops the build in the hook, strict or not
])
def test_settings_the_pages_follow_are_accepted(built, settings):
    project, _ = built
    assert configured(project, **settings) == []


def test_a_fault_in_the_preview_shows_in_the_banner_and_the_last_pages_stay(built,
                                                                           monkeypatch):
    """`mkdocs serve` keeps serving: the fault is a problem of the banner, named as in
    `mkdocs build`, and the pages already written stay on screen."""
    project, _ = built
    config = load_config(config_file=str(project / "mkdocs.yml"))
    hook = next(p for name, p in config.plugins.items() if name.endswith("mkdocs_hook.py"))
    hook.on_startup(command="serve", dirty=False)
    (project / "generated.serve" / "people").mkdir(parents=True)
    (project / "generated.serve" / "people" / "abu-taqwa.md").write_text("# Abu Taqwa\n")

    def faulty(*args: Any, **kwargs: Any) -> Any:
        with reading(ABU_TAQWA):  # as the stages name the file they read
            raise IndexError("list index out of range")

    monkeypatch.setattr(hook, "build", faulty)
    hook.on_pre_build(config=config)
    assert [str(p) for p in hook.state.problems] == [
        f"{ABU_TAQWA}: internal error while reading {ABU_TAQWA}: IndexError: list index out "
        "of range; please report it (KB_DEBUG=1 shows where it happened)"]
    assert hook.state.pages == ["people/abu-taqwa.md"]


# ---------------------------------------------------------------------------- docs/
# A strict build that fails on the hand-written pages, after MkDocs would have emptied
# site/, keeps the last good site too (trial of issue 15: a broken link in
# docs/about.md left 857 of 1,096 files).


def _beside(site: Path) -> list[str]:
    """Folders a build left beside site/: staged or old copies."""
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f"{site.name}."))


@pytest.mark.parametrize("page", ["docs/about.md", "docs/index.md"])
def test_a_strict_build_failing_on_a_broken_link_in_docs_keeps_the_last_good_site(built,
                                                                                  page):
    project, before = built
    text = (project / page).read_text("utf-8") + "\n[Gone](no-such-page.md)\n"
    with edited(project / page, text):
        result = mkdocs(project)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "no-such-page.md" in output and "Aborted with 1 warnings" in output
    assert "site left as it was: the strict build has warnings" in result.stderr
    assert snapshot(project / "site") == before
    assert _beside(project / "site") == []


def test_a_build_that_succeeds_replaces_the_whole_site_and_leaves_nothing_beside(
        built, tmp_path):
    project, before = built
    site = tmp_path / "elsewhere"
    (site / "stale").mkdir(parents=True)
    (site / "stale" / "page.html").write_text("from an older build")
    page = project / "docs" / "about.md"
    with edited(page, page.read_text("utf-8") + "\n[Gone](no-such-page.md)\n"):
        result = mkdocs(project, "--no-strict", "-d", str(site))  # a warning, not a failure
    assert result.returncode == 0, result.stderr
    assert not (site / "stale").exists()  # as a clean build: nothing of the old one
    assert (site / "about" / "index.html").is_file()
    assert (site / "search" / "search_index.json").is_file()  # written at on_post_build
    assert set(snapshot(site)) == set(before)
    assert _beside(site) == []


@pytest.mark.parametrize("generated", ["latest.md", "people/abu-taqwa.md"])
def test_a_hand_written_page_at_a_generated_pages_path_stops_the_build(built, generated):
    project, before = built
    page = project / "docs" / generated
    page.parent.mkdir(exist_ok=True)
    with edited(page, "# Mine\n"):
        result = mkdocs(project)
    assert result.returncode == 1
    assert (f"docs/{generated} has the same path as a generated page; rename it"
            in result.stderr)
    assert snapshot(project / "site") == before
