"""MkDocs hook: a thin caller of the kb pipeline (see `kb.build` and `kb.preview`).

On every build (and every rebuild of `mkdocs serve`) it renders data/ into
generated/ and adds those pages to the site. The pipeline rewrites only pages whose
text changed, so `mkdocs serve --dirty` (as `make serve` runs it) rebuilds just those.
Problems in data/ stop `mkdocs build` with one message listing them all, before
MkDocs empties site/, so the last good site stays whole (and `mkdocs build` writes
the site beside site/, swapped in only when the build succeeds: a strict build failing
on a broken link in docs/ keeps it whole too); `mkdocs serve` instead keeps
serving the last good pages under a banner listing the problems, and recovers on the
next save. Settings of mkdocs.yml the pages cannot follow stop the build at once
(`kb.generator`), and an unexpected exception is reported as one line naming the data
file (`kb.crash`), never as a traceback unless KB_DEBUG=1.
Nothing else about the site lives here, so another generator can call the same
functions.
"""

from __future__ import annotations

import functools
import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb import crash
from kb.build import BuildResult, build
from kb.generator import GeneratorSettings, published_address, refusals
from kb.preview import banner_html, last_good_pages
from kb.problems import Problem, format_problems
from kb.render import Site
from kb.render.draft import left_to_do
from kb.render.memo import PageMemo
from kb.write import staging_beside, swap_in

GENERATED = "generated"
PREVIEW = "generated.serve"
"""Where `mkdocs serve` keeps its pages: apart from a `make build` run beside it, which
would otherwise publish pages the preview wrote for its local address."""
# Outside the "mkdocs" logger tree on purpose: with `strict: true` MkDocs counts its
# own errors and aborts the rebuild, which would freeze the preview.
log = logging.getLogger("kb.preview")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False
    log.setLevel(logging.INFO)
_state: dict[str, object] = {"serving": False, "dirty": False, "problems": [],
                             "had_problems": False, "pages": [], "out_dir": None}
_noted: set[str] = set()  # each note about the build said once per process, not per save
_memo = PageMemo()  # entry pages kept from one preview build to the next


Event = TypeVar("Event", bound=Callable[..., Any])


def _edge(event: Event) -> Event:
    """Every event of this hook is an edge of the pipeline: an exception MkDocs does
    not know becomes a PluginError whose message names the data file being read
    (kb.crash), which MkDocs prints as one line, not a traceback. KB_DEBUG=1 lets it
    through."""

    @functools.wraps(event)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except MkDocsException:
            raise
        except Exception as error:
            if crash.debugging():
                raise
            raise PluginError(crash.message(error)) from None

    return guarded  # type: ignore[return-value]


@_edge
def on_startup(*, command: str, dirty: bool) -> None:
    _state["serving"] = command == "serve"
    _state["dirty"] = dirty
    if dirty:
        _accept_dirty_builds()


def _accept_dirty_builds() -> None:
    """MkDocs warns that a dirty build may leave links between pages stale, and strict
    mode turns the warning into a failure. Here every page's links are in its own
    Markdown, which the pipeline rewrites whenever they change, and the sidebar is
    fixed; so that warning, and only it, is dropped."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(getattr(f, "kb_dirty", False) for f in logger.filters):
        dirty_warning = logging.Filter()
        dirty_warning.filter = lambda record: "'dirty' build" not in record.getMessage()
        dirty_warning.kb_dirty = True  # type: ignore[attr-defined]
        logger.addFilter(dirty_warning)


THEME = {"name": "material", "custom_dir": "overrides"}
"""The theme the pages are made for: Material (the front matter that keeps generated
pages out of its own search index) with this project's overrides (the search box that
reads the pipeline's index, the scripts the timeline and "as reported by" need)."""
SCRIPTS = "assets/kb.js"
"""Those scripts, joined into one file by a static template of the overrides."""


@_edge
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Refuse at once the settings the generated pages cannot follow (kb.generator),
    and those of the theme they are made for; make `mkdocs serve` watch data/."""
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
    # Every address built from the published one (canonical, sitemap, 404 page, "Cite
    # this page") joins a path to it: no '//' in it may reach them (kb.generator).
    if config.site_url:
        config.site_url = published_address(config.site_url)
    # The preview rebuilds when a data file is saved, whether or not mkdocs.yml says so.
    if str(root / "data") not in {str(Path(w)) for w in config.watch}:
        config.watch.append(str(root / "data"))
    if not _state["serving"] and not _state["dirty"]:
        _stage(config)
    return config


class _Warnings(logging.Handler):
    """Counts what MkDocs's strict mode counts: its loggers' warnings and errors."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _stage(config: MkDocsConfig) -> None:
    """Build into a fresh folder beside site_dir, swapped in by on_post_build only when
    the build succeeds: MkDocs empties site_dir before it reads the pages, and a strict
    build that then fails (a broken link in docs/) would leave half a site. Through
    documented events only: on_config, on_post_build (last of all plugins, after the
    search index is written), on_build_error."""
    site_dir = Path(config.site_dir)
    _state["site_dir"] = config.site_dir
    _state["staged_config"] = config
    _state["staged"] = staged = staging_beside(site_dir)
    config.site_dir = str(staged)
    counter = _Warnings()
    _state["warnings"] = counter
    if config.strict:
        logging.getLogger("mkdocs").addHandler(counter)


def _unstage(config: MkDocsConfig, *, keep: bool) -> None:
    """Swap the staged site in (`keep`) or remove it, and give config its site_dir back
    (`mkdocs gh-deploy` reads it after the build)."""
    staged = _state.pop("staged", None)
    _state.pop("staged_config", None)
    if staged is None:
        return
    site_dir = Path(_state.pop("site_dir"))  # type: ignore[arg-type]
    logging.getLogger("mkdocs").removeHandler(_state.pop("warnings"))  # type: ignore[arg-type]
    config.site_dir = str(site_dir)
    if keep:
        swap_in(staged, site_dir)  # type: ignore[arg-type]
    else:
        shutil.rmtree(staged, ignore_errors=True)  # type: ignore[arg-type]


@_edge
@event_priority(-100)  # after every plugin's on_post_build: search writes its index there
def on_post_build(*, config: MkDocsConfig) -> None:
    """Put the staged site in place, unless strict mode is about to abort the build
    for the warnings it counted: then site_dir stays as it was."""
    counter = _state.get("warnings")
    failing = bool(config.strict and isinstance(counter, _Warnings) and counter.count)
    if failing and "staged" in _state:
        log.error(f"kb: {_state['site_dir']} left as it was: the strict build has "
                  "warnings")
    _unstage(config, keep=not failing)


@_edge
def on_build_error(*, error: Exception) -> None:
    """A failed build leaves site_dir as it was: the staged folder goes."""
    config = _state.get("staged_config")
    if config is not None:
        _unstage(config, keep=False)  # type: ignore[arg-type]


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


@_edge
def on_pre_build(*, config: MkDocsConfig) -> None:
    """Run the pipeline before MkDocs empties site_dir: mkdocs.commands.build.build
    calls on_config, then on_pre_build, then cleans site_dir, then gathers files. Bad
    data so stops `mkdocs build` while the last good site is still whole."""
    root = _root(config)
    out_dir = root / (PREVIEW if _state["serving"] else GENERATED)
    site = Site(name=config.site_name, url=config.site_url or "")
    start = time.perf_counter()
    memo = _memo if _state["serving"] else None
    try:
        # Only the preview sets drafts aside: `mkdocs build` refuses their placeholders.
        result = build(root / "data", out_dir, root=root, site=site, memo=memo,
                       drafts=bool(_state["serving"]))
    except Exception as error:
        if crash.debugging() or not _state["serving"]:
            raise  # mkdocs build: _edge reports it in one line
        result = BuildResult(problems=[crash.as_problem(error)])
    if result.ok and memo is not None:
        log.info(f"kb: {len(result.changed)} of {len(result.pages)} generated files changed "
                 f"(pipeline {time.perf_counter() - start:.2f} s); {memo.reused} of "
                 f"{memo.pages} entry pages reused")
    for draft in result.drafts:
        log.info(f"kb: {draft.path} is a draft ({left_to_do(draft)}): "
                 f"shown as such at its own page, and left out of the rest of the site")
    for note in result.notes:
        if note not in _noted:
            _noted.add(note)
            log.warning(f"kb: {note}")
    _state["problems"] = [] if result.ok else result.problems
    _state["out_dir"] = out_dir
    _state["pages"] = list(result.pages)
    if not result.ok:
        message = "data/ has problems; nothing was regenerated:\n" + format_problems(
            result.problems)
        if not _state["serving"]:
            raise PluginError(message)
        log.error(message)
        _state["pages"] = last_good_pages(out_dir)


@_edge
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add the pages on_pre_build wrote (or, in the preview, kept) to the site."""
    out_dir: Path = _state["out_dir"]  # type: ignore[assignment]
    docs = Path(config.docs_dir).name
    for path in _state["pages"]:  # type: ignore[attr-defined]
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"{docs}/{path} has the same path as a generated page; "
                              "rename it")
        files.append(File(path, src_dir=str(out_dir), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    if _state["dirty"] and (_state["problems"] or _state["had_problems"]):
        _rebuild_every_page(files)
    _state["had_problems"] = bool(_state["problems"])
    return files


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _rebuild_every_page(files: Files) -> None:
    """`serve --dirty` rebuilds only pages whose Markdown changed; the problems banner
    must reach every page, and leave every page once the data is fixed."""
    for file in files.documentation_pages():
        file.is_modified = lambda: True  # type: ignore[method-assign]


class _CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled once per `mkdocs serve`, not at every rebuild (MkDocs
    makes a new template environment each time; compiling took about 0.3 s)."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


_templates = _CompiledTemplates()


@_edge
def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.bytecode_cache = _templates  # a changed template is compiled again (checksum)
    return env


@_edge
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    problems: list[Problem] = _state["problems"]  # type: ignore[assignment]
    return banner_html(problems) + html if problems else html
