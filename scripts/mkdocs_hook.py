"""MkDocs hook: a thin caller of the kb pipeline (see `kb.build`).

On every build (and every rebuild of `mkdocs serve`) it renders data/ into
generated/ and adds those pages to the site. Problems in data/ stop the build with
one message listing them all. Nothing else about the site lives here, so another
generator can call `kb.build.build` the same way.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kb.build import build
from kb.problems import format_problems

GENERATED = "generated"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    out_dir = root / GENERATED
    result = build(root / "data", out_dir, root=root)
    if not result.ok:
        raise PluginError("data/ has problems; nothing was regenerated:\n"
                          + format_problems(result.problems))
    for path in result.pages:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} has the same path as a generated page; rename it")
        files.append(File(path, src_dir=str(out_dir), dest_dir=config.site_dir,
                          use_directory_urls=config.use_directory_urls))
    return files
