"""The MkDocs hook is thin and honest: its state is one object, and each thing it relies
on in MkDocs beyond a documented event (`MkDocsInternals` in scripts/mkdocs_hook.py)
has a test here that fails if MkDocs changes it. These build a tiny project of their
own with MkDocs' default theme, in this process: seconds, not a whole site."""

from __future__ import annotations

import importlib.util
import logging
import os
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.structure.files import Files

from kb.pipeline.session import Session
from kb.pipeline.write import copy_unlisted
from tests.conftest import ROOT

HOOK = ROOT / "scripts" / "mkdocs_hook.py"


def _import_hook() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("kb_hook_under_test", HOOK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = _import_hook()
Internals = hook.MkDocsInternals


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A project of two pages, strict, with MkDocs' own theme."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n[Other](other.md)\n")
    (tmp_path / "docs" / "other.md").write_text("# Other\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Tiny\nstrict: true\n")
    return tmp_path


def configured(project: Path, plugin: object | None = None, **settings: Any) -> MkDocsConfig:
    config = load_config(config_file=str(project / "mkdocs.yml"),
                         site_dir=str(project / "site"), **settings)
    if plugin is not None:
        config.plugins["probe"] = plugin  # type: ignore[assignment]  # any object with on_*
    return config


class Probe:
    """A plugin that notes what MkDocs does, and may do one thing the hook does."""

    def __init__(self, *, on_files: Any = None, on_env: Any = None,
                 on_pre_build: Any = None) -> None:
        self.read: list[str] = []
        self.envs: list[jinja2.Environment] = []
        self.loaded_before_env: list[int] = []
        self._files, self._env, self._pre_build = on_files, on_env, on_pre_build

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._pre_build:
            self._pre_build()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self._files:
            self._files(files)
        return files

    def on_page_content(self, html: str, *, page: Any, config: MkDocsConfig,
                        files: Files) -> str:
        self.read.append(page.file.src_uri)
        return html

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig,
               files: Files) -> jinja2.Environment:
        self.envs.append(env)
        self.loaded_before_env.append(len(env.cache or {}))
        return self._env(env) if self._env else env


@pytest.fixture
def warnings_caught() -> Iterator[list[logging.LogRecord]]:
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]  # a handler that keeps them
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        yield records
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


@pytest.fixture
def build_logger() -> Iterator[logging.Logger]:
    """MkDocs' build logger without filters (a `--dirty` start of the hook adds one),
    and as it was afterwards."""
    logger = logging.getLogger(Internals.BUILD_LOGGER)
    before = list(logger.filters)
    logger.filters[:] = []
    try:
        yield logger
    finally:
        logger.filters[:] = before


# ---------------------------------------------------------------------------- its state


def test_the_hook_s_state_is_one_object_made_afresh_by_each_command(build_logger):
    hook.on_startup(command="serve", dirty=True)
    serving = hook.state
    assert isinstance(serving, hook.Hook) and serving.serving and serving.dirty
    assert isinstance(serving.session, Session) and serving.session.heap is not None
    hook.on_startup(command="build", dirty=False)
    assert hook.state is not serving and hook.state.session is None  # a one-off keeps none
    assert not any(isinstance(value, dict | list | set) for name, value in vars(hook).items()
                   if not name.startswith("__") and name not in ("THEME",))


def test_mkdocs_loads_the_hook_once_so_its_state_lasts_from_rebuild_to_rebuild():
    """`mkdocs serve` reads mkdocs.yml again before every rebuild; the hook module,
    and so the preview's session on it, must be the same each time."""

    def hook_of(config: MkDocsConfig) -> object:
        return next(p for name, p in config.plugins.items() if name.endswith("mkdocs_hook.py"))

    first = load_config(config_file=str(ROOT / "mkdocs.yml"))
    again = load_config(config_file=str(ROOT / "mkdocs.yml"))
    assert isinstance(hook_of(first), types.ModuleType) and hook_of(first) is hook_of(again)


def test_the_preview_watches_data_even_if_mkdocs_yml_forgets_to(tmp_path: Path):
    """Through `on_serve`, MkDocs' documented event for watching more files."""
    watched: list[str] = []
    server = types.SimpleNamespace(watch=watched.append)
    config = types.SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    assert hook.on_serve(server, config=config, builder=print) is server
    assert watched == [str(tmp_path / "data")]


# ---------------------------------------------------------------------------- MkDocs


def test_pre_build_runs_before_mkdocs_empties_the_site_folder(tiny: Path):
    """Bad data stops `mkdocs build` in `on_pre_build`, and the last good site stays."""
    (tiny / "site").mkdir()
    (tiny / "site" / "last-good.html").write_text("kept")

    def refuse() -> None:
        raise PluginError("data/ has problems")

    with pytest.raises(Abort):
        build(configured(tiny, Probe(on_pre_build=refuse)))
    assert (tiny / "site" / "last-good.html").read_text() == "kept"


def test_mkdocs_warns_at_every_dirty_build_in_words_the_hook_drops(tiny: Path,
                                                                   warnings_caught,
                                                                   build_logger):
    build(configured(tiny, strict=False), dirty=True)
    dirty = [r for r in warnings_caught if Internals.DIRTY_WARNING in r.getMessage()]
    assert [r.name for r in dirty] == [Internals.BUILD_LOGGER]
    with pytest.raises(Abort):  # strict mode counts it: the preview's rebuild would stop
        build(configured(tiny), dirty=True)
    Internals.accept_dirty_builds()
    Internals.accept_dirty_builds()  # once is enough, however often a command starts
    assert len(build_logger.filters) == 1
    build(configured(tiny), dirty=True)  # strict, and no longer stopped


def test_strict_mode_counts_only_what_mkdocs_own_loggers_say(tiny: Path):
    """The preview reports bad data on its own log: counted as MkDocs' own, an error
    there would abort every rebuild while data/ is broken, freezing the preview."""
    log = Internals.preview_log()
    assert log.name.split(".")[0] != "mkdocs" and not log.propagate
    build(configured(tiny, Probe(on_pre_build=lambda: log.error("data/ has problems"))))
    said_by_mkdocs = logging.getLogger("mkdocs.plugins.probe")
    with pytest.raises(Abort):
        build(configured(tiny, Probe(on_pre_build=lambda: said_by_mkdocs.error("problem"))))


def test_a_dirty_build_reads_only_pages_whose_markdown_is_newer_than_their_html(tiny: Path):
    """So a save that only breaks or fixes data/ (no generated page rewritten) builds
    no page in the preview: the banner is a file of its own."""
    build(configured(tiny))
    skipped = Probe()
    build(configured(tiny, skipped, strict=False), dirty=True)
    assert skipped.read == []  # nothing changed since: nothing read again
    later = (tiny / "site" / "other" / "index.html").stat().st_mtime + 5
    os.utime(tiny / "docs" / "other.md", (later, later))  # as the pipeline rewriting it
    rebuilt = Probe()
    build(configured(tiny, rebuilt, strict=False), dirty=True)
    assert rebuilt.read == ["other.md"]


def test_the_theme_s_files_reach_on_files_so_one_can_be_left_out_there(tiny: Path):
    """The preview's banner script is written into its pages, never published alone:
    the built site stays as it was without it."""
    custom = tiny / "custom" / "js"
    custom.mkdir(parents=True)
    (custom / "preview.js").write_text("// only written into pages\n")
    (custom / "kept.js").write_text("// published\n")
    (tiny / "mkdocs.yml").write_text("site_name: Tiny\nstrict: true\n"
                                      "theme: {name: mkdocs, custom_dir: custom}\n")
    seen: list[bool] = []
    build(configured(tiny, Probe(on_files=lambda files: seen.append(
        files.get_file_from_path("js/preview.js") is not None))))
    assert seen == [True] and (tiny / "site" / "js" / "preview.js").is_file()
    build(configured(tiny, Probe(on_files=lambda files: Internals.leave_out(
        files, "js/preview.js"))))
    assert not (tiny / "site" / "js" / "preview.js").exists()
    assert (tiny / "site" / "js" / "kept.js").is_file()
    Internals.leave_out(Files([]), "js/preview.js")  # not there: nothing to do


def test_each_build_has_a_new_template_environment_loaded_only_after_on_env(tiny: Path):
    """So the compiled templates must outlive it, and a cache given in `on_env` serves
    every template: the second build compiles none."""
    templates = hook.CompiledTemplates()
    probes = [Probe(on_env=lambda env: Internals.compile_templates_once(env, templates))
              for _ in range(2)]
    build(configured(tiny, probes[0]))
    compiled = dict(templates.compiled)
    assert compiled  # the theme's templates went through the cache
    build(configured(tiny, probes[1]))
    assert probes[0].envs[0] is not probes[1].envs[0]
    assert probes[0].loaded_before_env == probes[1].loaded_before_env == [0]
    assert templates.compiled == compiled  # nothing compiled again


# ---------------------------------------------------------------------------- files MkDocs
# is not given (issue 16, item 2: 3,500 search shards at 1,000 entries cost each save of
# the preview a File, a check before copying and passes over the list)


def _generated(out: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text)


def test_the_search_index_is_not_given_to_mkdocs_but_copied_into_the_site(tmp_path: Path):
    out, site = tmp_path / "generated", tmp_path / "site"
    _generated(out, {"people/ada.md": "# Ada\n", "kb-search/words/ada.json": "{}",
                     "kb-search/folding.json": "[]", "downloads/kb.json": "{}"})
    state = hook.Hook("serve", dirty=True)
    state.out_dir = out
    state.pages = ["downloads/kb.json", "kb-search/folding.json",
                   "kb-search/words/ada.json", "people/ada.md"]
    config = types.SimpleNamespace(docs_dir=str(tmp_path / "docs"), site_dir=str(site),
                                   use_directory_urls=True, strict=False)
    files = state.files(Files([]), config)
    assert sorted(f.src_uri for f in files) == ["downloads/kb.json", "people/ada.md"]
    assert state.unlisted == ["kb-search/folding.json", "kb-search/words/ada.json"]
    state.post_build(config)
    assert (site / "kb-search" / "words" / "ada.json").read_text() == "{}"
    assert (site / "kb-search" / "folding.json").read_text() == "[]"


def test_unlisted_files_are_all_copied_into_a_folder_the_command_did_not_fill(
        tmp_path: Path):
    out, site = tmp_path / "generated", tmp_path / "site"
    _generated(out, {"kb-search/a.json": "1", "kb-search/words/b.json": "2"})
    _generated(site, {"kb-search/a.json": "old", "kb-search/gone.json": "x",
                      "other.html": "kept"})
    paths = ["kb-search/a.json", "kb-search/words/b.json"]
    assert copy_unlisted(out, site, "kb-search/", paths, set(), None) == set(paths)
    assert (site / "kb-search" / "a.json").read_text() == "1"
    assert (site / "kb-search" / "words" / "b.json").read_text() == "2"
    assert not (site / "kb-search" / "gone.json").exists()  # no longer generated: gone
    assert (site / "other.html").read_text() == "kept"  # outside the folder: untouched


def test_the_preview_copies_only_unlisted_files_rewritten_or_new_and_removes_the_gone(
        tmp_path: Path):
    out, site = tmp_path / "generated", tmp_path / "site"
    _generated(out, {"kb-search/a.json": "1", "kb-search/b.json": "2",
                     "kb-search/c.json": "3"})
    held = copy_unlisted(out, site, "kb-search/", ["kb-search/a.json", "kb-search/b.json"],
                           set(), None)
    (out / "kb-search" / "a.json").write_text("one")  # rewritten by the pipeline
    (out / "kb-search" / "b.json").write_text("two")  # not said to be: not looked at
    (site / "kb-search" / "b.json").write_text("as copied")
    now = copy_unlisted(out, site, "kb-search/", ["kb-search/a.json", "kb-search/c.json"],
                           {"kb-search/a.json"}, held)
    assert now == {"kb-search/a.json", "kb-search/c.json"}
    assert (site / "kb-search" / "a.json").read_text() == "one"
    assert (site / "kb-search" / "c.json").read_text() == "3"  # new: copied
    assert not (site / "kb-search" / "b.json").exists()  # no longer generated: gone


def test_the_hook_copies_what_the_last_preview_build_changed_into_the_same_site(
        tmp_path: Path):
    out, site = tmp_path / "generated", tmp_path / "site"
    _generated(out, {"kb-search/a.json": "1"})
    state = hook.Hook("serve", dirty=True)
    state.out_dir, state.unlisted, state.changed = out, ["kb-search/a.json"], set()
    config = types.SimpleNamespace(site_dir=str(site), strict=False)
    state.post_build(config)
    (out / "kb-search" / "a.json").write_text("one")
    state.post_build(config)  # not changed by the pipeline: not copied again
    assert (site / "kb-search" / "a.json").read_text() == "1"
    state.changed = {"kb-search/a.json"}
    state.post_build(config)
    assert (site / "kb-search" / "a.json").read_text() == "one"
    elsewhere = types.SimpleNamespace(site_dir=str(tmp_path / "elsewhere"), strict=False)
    state.changed = set()
    state.post_build(elsewhere)  # another folder: everything copied
    assert (tmp_path / "elsewhere" / "kb-search" / "a.json").read_text() == "one"


def test_the_search_plugin_is_given_material_s_english_settings_and_looks_none_up():
    """Left unset, Material's search plugin compiles the theme's language templates at
    every rebuild of the preview to look up its language, separator and pipeline; set
    in mkdocs.yml to the same values, it looks nothing up (and writes the same index)."""
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    language = config.theme.get_env().get_template(
        "partials/language.html", None, {"config": config}).module
    plugin = config.plugins["material/search"]

    def looked_up() -> None:
        raise AssertionError("the search plugin compiled the language templates")

    config.theme.get_env = looked_up  # type: ignore[method-assign]  # a probe
    plugin.on_config(config)
    assert plugin.config.lang == [language.t("search.config.lang")] == ["en"]
    assert plugin.config.separator == language.t("search.config.separator")
    assert plugin.config.pipeline == [language.t("search.config.pipeline")]
