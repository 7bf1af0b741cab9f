"""MkDocs hook: a thin caller of the kb pipeline (see `kb.build` and `kb.preview`).

On every build (and every rebuild of `mkdocs serve`) it renders data/ into
generated/ and adds those pages to the site. Problems in data/ stop `mkdocs build`
with one message listing them all; `mkdocs serve` instead keeps serving the last
good pages under a banner listing the problems, and recovers on the next save.
Nothing else about the site lives here, so another generator can call the same
functions.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb.build import build
from kb.preview import banner_html, last_good_pages
from kb.problems import Problem, format_problems
from kb.render import Site

GENERATED = "generated"
# Outside the "mkdocs" logger tree on purpose: with `strict: true` MkDocs counts its
# own errors and aborts the rebuild, which would freeze the preview.
log = logging.getLogger("kb.preview")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False
_state: dict[str, object] = {"serving": False, "problems": []}


def on_startup(*, command: str, dirty: bool) -> None:
    _state["serving"] = command == "serve"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    out_dir = root / GENERATED
    site = Site(name=config.site_name, url=config.site_url or "")
    result = build(root / "data", out_dir, root=root, site=site)
    _state["problems"] = [] if result.ok else result.problems
    pages = list(result.pages)
    if not result.ok:
        message = "data/ has problems; nothing was regenerated:\n" + format_problems(
            result.problems)
        if not _state["serving"]:
            raise PluginError(message)
        log.error(message)
        pages = last_good_pages(out_dir)
    for path in pages:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} has the same path as a generated page; rename it")
        files.append(File(path, src_dir=str(out_dir), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    problems: list[Problem] = _state["problems"]  # type: ignore[assignment]
    return banner_html(problems) + html if problems else html
