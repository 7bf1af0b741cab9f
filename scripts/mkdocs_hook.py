"""MkDocs hook: a thin caller of the kb pipeline (see `kb.pipeline.build` and `kb.tools.preview`).

On every build (and every rebuild of `mkdocs serve`) it renders data/ into
generated/ and adds those pages to the site (the search index's shards, which no page
links to, it copies into the site itself: `UNLISTED`). The pipeline rewrites only pages whose
text changed, so `mkdocs serve --dirty` (as `make serve` runs it) rebuilds just those.
Problems in data/ stop `mkdocs build` with one message listing them all, before
MkDocs empties site/, so the last good site stays whole (and `mkdocs build` writes
the site beside site/, swapped in only when the build succeeds: a strict build failing
on a broken link in docs/ keeps it whole too); `mkdocs serve` instead keeps
serving the last good pages under a banner listing the problems, and recovers on the
next save: the banner is drawn by a script every page of the preview carries, from a
file the hook writes into the site after each build (`kb.tools.preview`), so that
breaking or fixing data/ builds no page again. Settings of mkdocs.yml the pages cannot
follow stop the build at once (`kb.generator`), and an unexpected exception is reported
as one line naming the data file (`kb.crash`), never as a traceback unless KB_DEBUG=1.

Its state is one object, `state` (a `Hook`), made afresh when an `mkdocs` command
starts; the events below hand over to it. What it relies on in MkDocs beyond its
documented events is in `MkDocsInternals`, each with the test that fails if MkDocs
changes it. Nothing else about the site lives here, so another generator can call the
same functions.
"""

from __future__ import annotations

import functools
import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, ParamSpec, TypeVar

import jinja2
import jinja2.bccache
import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from kb import crash
from kb.generator import GeneratorSettings, published_address, refusals
from kb.pipeline.build import BuildResult, build
from kb.pipeline.render.draft import left_to_do
from kb.pipeline.render.search import FOLDER as SEARCH_FOLDER
from kb.pipeline.render.site import Site
from kb.pipeline.session import Session
from kb.pipeline.write import copy_unlisted, remove_stale, staging_beside, swap_in
from kb.problems import Problem, format_problems
from kb.tools.preview import PROBLEMS_FILE, FrozenHeap, last_good_pages, write_problems

GENERATED = "generated"
PREVIEW = "generated.serve"
"""Where `mkdocs serve` keeps its pages: apart from a `make build` run beside it, which
would otherwise publish pages the preview wrote for its local address."""
THEME = {"name": "material", "custom_dir": "overrides"}
"""The theme the pages are made for: Material (the front matter that keeps generated
pages out of its own search index) with this project's overrides (the search box that
reads the pipeline's index, the scripts the timeline and "as reported by" need)."""
SCRIPTS = "assets/kb.js"
"""Those scripts, joined into one file by a static template of the overrides."""
UNLISTED = f"{SEARCH_FOLDER}/"
"""Generated files no page links to, which MkDocs need not know: the search index's
3,500 shards at 1,000 entries (kb.pipeline.render.search), fetched by the search box's
script. The hook copies them into the site itself (`kb.pipeline.write.copy_unlisted`): as MkDocs
files each cost a `File`, a check before copying and passes over the list at every
save, about 0.2 s of each rebuild in the live preview for files it only copies."""
MINIFY_JS = "minify_js"
MINIFY_CSS = "minify_css"
"""The names of the template filters that minify what every first visit downloads:
the scripts of `SCRIPTS`, the stylesheet each page inlines (overrides/main.html) and
the 404 page's inline script (`add_minifiers`)."""
PROBLEMS = "kb_problems"
"""The template variable that, set (to the address of `kb.tools.preview.PROBLEMS_FILE`)
under `mkdocs serve` only, has overrides/main.html write the problems banner's script
into every page (`Hook.env`)."""
PREVIEW_SCRIPT = "js/preview.js"
"""That script, written into the preview's pages: never published as a file of its own
(`Hook.files`), so a built site is as it would be without it."""


# ---------------------------------------------------------------------------- MkDocs


class MkDocsInternals:
    """Every reliance of this hook on MkDocs behaviour that no documented event or
    setting promises, in one place; tests/test_mkdocs_hook.py fails if MkDocs changes
    any of them (MkDocs 1.6).

    - The hook module is loaded once per process (`config_options.Hooks._load_hook`
      is cached), so `Hook`, and the preview's session on it, last from one rebuild
      of `mkdocs serve` to the next although MkDocs reads mkdocs.yml again each time.
    - `on_pre_build` runs before MkDocs empties site_dir, so bad data stops
      `mkdocs build` while the last good site is whole
      (tests/test_build_edges.py checks the site byte for byte).
    - `mkdocs.commands.build` logs, at every `--dirty` build, a warning containing
      "'dirty' build", which strict mode counts: `accept_dirty_builds` drops it.
    - MkDocs counts errors and warnings for strict mode only on the "mkdocs" logger
      tree: the preview's own log (`preview_log`) stays outside, so that reporting
      bad data does not abort the rebuild and freeze the preview; and a handler on
      that tree sees every one strict mode counts (`count_warnings`), so that a
      staged site is not swapped in for a build strict mode is about to abort.
    - A `--dirty` build reads and writes a page only when its file's `is_modified()`
      is true (its Markdown is newer than its HTML): the preview's rebuilds build only
      the pages the pipeline rewrote, and none for a save that breaks or fixes data/
      (the problems banner is a file of its own, `kb.tools.preview`).
    - The theme's files are among the files `on_files` is given, so that one of them
      can be kept out of the site there (`leave_out`).
    - MkDocs makes a new template environment at every build and loads templates only
      after `on_env`: `compile_templates_once` gives each the same bytecode cache.
    """

    DIRTY_WARNING = "'dirty' build"
    """Words of the warning MkDocs logs at every `--dirty` build."""
    BUILD_LOGGER = "mkdocs.commands.build"

    @staticmethod
    def accept_dirty_builds() -> None:
        """Drop MkDocs' warning that a dirty build may leave links between pages
        stale, which strict mode turns into a failure. Here every page's links are in
        its own Markdown, which the pipeline rewrites whenever they change, and the
        sidebar is fixed; so that warning, and only it, is dropped."""
        logger = logging.getLogger(MkDocsInternals.BUILD_LOGGER)
        if not any(isinstance(f, _DirtyWarning) for f in logger.filters):
            logger.addFilter(_DirtyWarning())

    @staticmethod
    def preview_log() -> logging.Logger:
        """The preview's log, printed as MkDocs prints its own, but outside the
        "mkdocs" logger tree: with `strict: true` MkDocs counts its own errors and
        aborts the rebuild, which would freeze the preview."""
        log = logging.getLogger("kb.tools.preview")
        if not log.handlers:
            handler = logging.StreamHandler()
            handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
            log.addHandler(handler)
            log.propagate = False
            log.setLevel(logging.INFO)
        return log

    @staticmethod
    def count_warnings() -> WarningCount:
        """A handler, now on the "mkdocs" logger tree, counting the warnings and errors
        that strict mode counts; `stop_counting` takes it off."""
        counter = WarningCount()
        logging.getLogger("mkdocs").addHandler(counter)
        return counter

    @staticmethod
    def stop_counting(counter: WarningCount) -> None:
        logging.getLogger("mkdocs").removeHandler(counter)

    @staticmethod
    def leave_out(files: Files, path: str) -> None:
        """Keep the theme's file at `path` (relative to the theme's folders) out of
        the site; nothing if it is not there."""
        file = files.get_file_from_path(path)
        if file is not None:
            files.remove(file)

    @staticmethod
    def compile_templates_once(env: jinja2.Environment,
                               compiled: jinja2.BytecodeCache) -> jinja2.Environment:
        """Give this build's template environment the bytecode cache of earlier ones
        (a changed template is compiled again: Jinja compares its checksum)."""
        env.bytecode_cache = compiled
        return env


class WarningCount(logging.Handler):
    """Counts what MkDocs's strict mode counts: its loggers' warnings and errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return MkDocsInternals.DIRTY_WARNING not in record.getMessage()


class CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled once per `mkdocs serve`, not at every rebuild (MkDocs
    makes a new template environment each time; compiling took about 0.3 s)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


# ---------------------------------------------------------------------------- the hook


class Staged(NamedTuple):
    """A one-off build's site, written into `folder` beside `site_dir` and swapped in
    only when the build succeeds (`Hook.stage`). (Not a dataclass: a dataclass needs
    its module in sys.modules, and tests load the hook from its file.)"""

    config: MkDocsConfig
    site_dir: Path
    folder: Path
    warnings: WarningCount | None
    """Strict mode's count of warnings, for a strict build; None otherwise."""


class Hook:
    """What the hook keeps through one `mkdocs` command: how it was started, the
    preview's session, and what the last build found and wrote."""

    def __init__(self, command: str = "build", dirty: bool = False) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        self.session: Session | None = Session(heap=FrozenHeap()) if self.serving else None
        """The preview's builds reuse what the last one read, checked and rendered
        (kb.pipeline.session); a one-off build keeps nothing."""
        self.templates = CompiledTemplates()
        self.problems: list[Problem] = []
        """The last build's problems, while it has errors: the preview's banner lists
        them (`post_build` writes them into the site)."""
        self.pages: list[str] = []
        """The generated pages (paths under `out_dir`) to add to the site."""
        self.unlisted: list[str] = []
        """Those of them under `UNLISTED`, copied into the site by the hook itself."""
        self.changed: set[str] = set()
        """The generated files the last build rewrote."""
        self.published: set[str] = set()
        self.published_to: Path | None = None
        """The files under `UNLISTED` the hook last put in the site, and where."""
        self.site_files: set[str] = set()
        """Where in the site MkDocs writes this build's files (`File.dest_uri`)."""
        self.site_files_before: set[str] | None = None
        """The same for the last build that wrote into `published_to`; None before it."""
        self.out_dir: Path | None = None
        self.noted: set[str] = set()
        """Notes about the build (kb.pipeline.build.BuildResult.notes) said already: each is
        said once per command, not at every save."""
        self.log = MkDocsInternals.preview_log()
        self.staged: Staged | None = None
        """Where a one-off build writes its site until it succeeds."""

    def config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = _root(config)
        found = refusals(GeneratorSettings(
            root=root, pages_dirs=(root / GENERATED, root / PREVIEW),
            site_dir=Path(config.site_dir), docs_dir=Path(config.docs_dir),
            directory_urls=config.use_directory_urls,
            markdown_extensions=frozenset(config.markdown_extensions)))
        found += _theme_refusals(config, root)
        if found:
            raise PluginError("mkdocs.yml: settings the generated pages cannot follow; "
                              "nothing was built:\n" + "\n".join(f"- {f}" for f in found))
        # Every address built from the published one (canonical, sitemap, 404 page,
        # "Cite this page") joins a path to it: no '//' in it may reach them.
        if config.site_url:
            config.site_url = published_address(config.site_url)
        if not self.serving and not self.dirty:
            self.stage(config)
        return config

    def stage(self, config: MkDocsConfig) -> None:
        """Build into a fresh folder beside site_dir, swapped in by `post_build` only
        when the build succeeds: MkDocs empties site_dir before it reads the pages,
        and a strict build that then fails (a broken link in docs/) would leave half a
        site. Through documented events only: on_config, on_post_build (last of all
        plugins, after the search index is written), on_build_error."""
        self.unstage(keep=False)  # a config loaded again: one staged site at a time
        site_dir = Path(config.site_dir)
        folder = staging_beside(site_dir)
        counter = MkDocsInternals.count_warnings() if config.strict else None
        self.staged = Staged(config, site_dir, folder, counter)
        config.site_dir = str(folder)

    def unstage(self, *, keep: bool) -> None:
        """Swap the staged site in (`keep`) or remove it, and give the config its
        site_dir back (`mkdocs gh-deploy` reads it after the build)."""
        staged, self.staged = self.staged, None
        if staged is None:
            return
        if staged.warnings is not None:
            MkDocsInternals.stop_counting(staged.warnings)
        staged.config.site_dir = str(staged.site_dir)
        if keep:
            swap_in(staged.folder, staged.site_dir)
        else:
            shutil.rmtree(staged.folder, ignore_errors=True)

    def post_build(self, config: MkDocsConfig) -> None:
        """In the preview, write the problems the banner lists into the site
        (`kb.tools.preview.write_problems`). Copy the generated files MkDocs was not
        given (`UNLISTED`) into the site, then put the staged site in place, unless strict
        mode is about to abort the build for the warnings it counted: then site_dir stays
        as it was."""
        site_dir = Path(config.site_dir)
        if self.serving:
            write_problems(site_dir, self.problems)
        if self.out_dir is not None:
            # What an earlier build put in site_dir stays only in the preview's dirty
            # rebuilds, which write into the same folder without emptying it.
            held = self.published if self.dirty and site_dir == self.published_to else None
            self.published = copy_unlisted(self.out_dir, site_dir, UNLISTED, self.unlisted,
                                           self.changed, held)
            # Nor does such a rebuild remove a page no longer made (an entry removed,
            # or its file renamed): the preview would go on serving it.
            if held is not None and self.site_files_before is not None:
                remove_stale(site_dir, self.site_files_before - self.site_files)
            self.site_files_before = self.site_files
            self.published_to = site_dir
        staged = self.staged
        failing = bool(config.strict and staged is not None and staged.warnings is not None
                       and staged.warnings.count)
        if failing and staged is not None:
            self.log.error(f"kb: {staged.site_dir} left as it was: the strict build has "
                           "warnings")
        self.unstage(keep=not failing)

    def pre_build(self, config: MkDocsConfig) -> None:
        root = _root(config)
        out_dir = root / (PREVIEW if self.serving else GENERATED)
        site = Site(name=config.site_name, url=config.site_url or "")
        start = time.perf_counter()
        try:
            # Only the preview sets drafts aside: `mkdocs build` refuses their placeholders.
            result = build(root / "data", out_dir, root=root, site=site,
                           session=self.session, drafts=self.serving)
        except Exception as error:
            if crash.debugging() or not self.serving:
                raise  # mkdocs build: _edge reports it in one line
            result = BuildResult(problems=[crash.as_problem(error)])
        self._report(result, time.perf_counter() - start)
        self.problems = [] if result.ok else result.problems
        self.out_dir = out_dir
        self.pages = list(result.pages)
        self.changed = set(result.changed)
        if not result.ok:
            message = "data/ has problems; nothing was regenerated:\n" + format_problems(
                result.problems)
            if not self.serving:
                raise PluginError(message)
            self.log.error(message)
            self.pages = last_good_pages(out_dir)

    def _report(self, result: BuildResult, seconds: float) -> None:
        if result.ok and self.session is not None:
            pages = self.session.render.pages
            self.log.info(f"kb: {len(result.changed)} of {len(result.pages)} generated files "
                          f"changed (pipeline {seconds:.2f} s); {pages.reused} of "
                          f"{pages.pages} entry pages reused")
        for draft in result.drafts:
            self.log.info(f"kb: {draft.path} is a draft ({left_to_do(draft)}): shown as such "
                          "at its own page, and left out of the rest of the site")
        for note in result.notes:
            if note not in self.noted:
                self.noted.add(note)
                self.log.warning(f"kb: {note}")

    def files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.out_dir is not None, "on_pre_build runs before on_files"
        docs = Path(config.docs_dir).name
        # Generated paths are POSIX already: looked up as they are, not through
        # get_file_from_path's PurePath, which took a tenth of this event per save.
        known = files.src_uris
        self.unlisted = []
        for path in self.pages:
            if path in known:
                raise PluginError(f"{docs}/{path} has the same path as a generated page; "
                                  "rename it")
            if path.startswith(UNLISTED):
                self.unlisted.append(path)
                continue
            files.append(File(path, src_dir=str(self.out_dir), dest_dir=config.site_dir,
                              use_directory_urls=config.use_directory_urls))
        # Written into the preview's pages (overrides/main.html): no file of its own.
        MkDocsInternals.leave_out(files, PREVIEW_SCRIPT)
        self.site_files = {file.dest_uri for file in files}
        return files

    def env(self, env: jinja2.Environment) -> jinja2.Environment:
        """Give the templates the minifying filters (`add_minifiers`), and, in the
        preview only, the address of the problems file (`PROBLEMS`), from its first build
        on: so every page it builds carries the banner's script, and no page need be
        built again when data/ breaks or is fixed."""
        add_minifiers(env)
        if self.serving:
            env.globals[PROBLEMS] = PROBLEMS_FILE
        return MkDocsInternals.compile_templates_once(env, self.templates)


state = Hook()
"""The hook's state in the `mkdocs` command running; `on_startup` starts it afresh."""


# ---------------------------------------------------------------------------- events

Args = ParamSpec("Args")
Result = TypeVar("Result")


def _edge(event: Callable[Args, Result]) -> Callable[Args, Result]:
    """Every event of this hook is an edge of the pipeline: an exception MkDocs does
    not know becomes a PluginError whose message names the data file being read
    (kb.crash), which MkDocs prints as one line, not a traceback. KB_DEBUG=1 lets it
    through."""

    @functools.wraps(event)
    def guarded(*args: Args.args, **kwargs: Args.kwargs) -> Result:
        try:
            return event(*args, **kwargs)
        except MkDocsException:
            raise
        except Exception as error:
            if crash.debugging():
                raise
            raise PluginError(crash.message(error)) from None

    return guarded


@_edge
def on_startup(*, command: str, dirty: bool) -> None:
    global state  # the hook's one state: a new command starts from nothing
    state = Hook(command, dirty)
    if dirty:
        MkDocsInternals.accept_dirty_builds()


@_edge
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Refuse at once the settings the generated pages cannot follow (kb.generator),
    and those of the theme they are made for; a one-off build's site is staged beside
    site_dir (`Hook.stage`)."""
    return state.config(config)


@_edge
def on_serve(server: LiveReloadServer, *, config: MkDocsConfig,
             **_: Any) -> LiveReloadServer:
    """The preview rebuilds when a data file is saved, whether or not mkdocs.yml
    says to watch data/. (MkDocs also passes the `builder`, not needed here.)"""
    server.watch(str(_root(config) / "data"))
    return server


@_edge
def on_pre_build(*, config: MkDocsConfig) -> None:
    """Run the pipeline before MkDocs empties site_dir (`MkDocsInternals`): bad data
    so stops `mkdocs build` while the last good site is still whole."""
    state.pre_build(config)


@_edge
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the pages on_pre_build wrote (or, in the preview, kept) to the site."""
    return state.files(files, config)


@_edge
def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    return state.env(env)


def add_minifiers(env: jinja2.Environment) -> jinja2.Environment:
    """Give the theme's templates the filters `minify_js` and `minify_css`: the
    readable scripts and stylesheet of overrides/ stay as they are in the repository,
    and every page (with `mkdocs build` and `mkdocs serve` alike) gets them without
    comments or indentation (issue 17: a first visit to an entity page within 70 KB
    gzipped). The templates use them only where they exist (`{{ text | minify_js if
    "minify_js" is filter else text }}`), so that a build without this hook (make
    bench's bare MkDocs floor) still renders, unminified. rJSmin and
    rCSSmin (pinned in requirements.txt) remove comments and whitespace only, renaming
    nothing, so what a browser runs reads as the source does; each takes well under a
    millisecond, which the inlined stylesheet costs every page. Licence comments
    (`/*! ... */`) go too: none of these files has one. Returns `env`."""
    env.filters[MINIFY_JS] = rjsmin.jsmin
    env.filters[MINIFY_CSS] = rcssmin.cssmin
    return env


@_edge
@event_priority(-100)  # after every plugin's on_post_build: search writes its index there
def on_post_build(*, config: MkDocsConfig) -> None:
    """Put a one-off build's staged site in place (`Hook.post_build`)."""
    state.post_build(config)


@_edge
def on_build_error(*, error: Exception) -> None:
    """A failed build leaves site_dir as it was: the staged folder goes."""
    state.unstage(keep=False)


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _theme_refusals(config: MkDocsConfig, root: Path) -> list[str]:
    found = []
    if config.theme.name != THEME["name"]:
        found.append(f"theme.name must be material (found {config.theme.name}): the "
                     "generated pages' front matter and the search box are Material's")
    custom_dir = config.theme.custom_dir
    if custom_dir is None or Path(custom_dir).resolve() != (root / THEME["custom_dir"]).resolve():
        found.append("theme.custom_dir must be overrides: the search box that reads the "
                     "pipeline's index (kb-search/) and the scripts of the timeline and "
                     "'as reported by' are there")
    if not any(name.endswith("search") for name in config.plugins):
        found.append("plugins must include search: Material draws its search box only "
                     "while its search plugin is on")
    if SCRIPTS not in config.theme.static_templates or SCRIPTS not in {
            str(script) for script in config.extra_javascript}:
        found.append(f"theme.static_templates and extra_javascript must include {SCRIPTS}: "
                     "the generated pages' timeline filters, 'as reported by' and 'Cite "
                     "this page' are its scripts")
    return found
