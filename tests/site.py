"""Helpers for tests of the built site: building it, and reading its HTML."""

from __future__ import annotations

import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

from tests.conftest import ROOT

MKDOCS = [sys.executable, "-m", "mkdocs"]


def mkdocs_build(project: Path, site_dir: Path, strict: bool = True,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of a project folder; output captured."""
    flags = ["--strict"] if strict else []
    return subprocess.run([*MKDOCS, "build", *flags, "-d", str(site_dir)], cwd=project,
                          capture_output=True, text=True,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", **(env or {})})


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as plain data: MkDocs tags such as !ENV, and !!python/ tags, read as null."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
# And Python objects (the toc's slugify function) as null: plain data, nothing imported.
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/",
                                    lambda loader, suffix, node: None)


def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)


def copy_project(target: Path) -> Path:
    """A copy of what a build reads (config, docs, data, hook), to break safely."""
    for name in ("mkdocs.yml", "docs", "data", "overrides", "scripts/mkdocs_hook.py"):
        source, dest = ROOT / name, target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest)
        else:
            shutil.copy(source, dest)
    return target


class PageParser(HTMLParser):
    """Collects ids, links, resource URLs, headings and nav links of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "a" and values.get("xlink:href"):  # links inside SVG drawings
            self.links.append(values["xlink:href"] or "")
        if tag in ("script", "img", "iframe", "source", "audio", "video") and values.get("src"):
            self.resources.append(values["src"] or "")
        if tag == "link" and values.get("href") and values.get("rel") != "canonical":
            self.resources.append(values["href"] or "")
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1[-1] += data


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser
