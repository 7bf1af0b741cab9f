"""`make bench`: time each pipeline stage on synthetic data of the real shape.

Prints, per size, the median of several runs for load, validate, link, render and
write, the peak memory of one pipeline run, the generated output's size, and the
growth exponent between sizes (1.0 is linear). With --mkdocs it also times the full
`mkdocs build` and the same build over the generated Markdown alone (the floor); with
--site, a reader's first visit and search in headless Chromium, and Pagefind on the
same pages; with --preview SIZE, save-to-reload under `make serve` (kb.bench.site) at
that size, whether or not --sizes names it.
A script, never a test: figures on a shared machine vary from run to run.
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from kb.bench import site as bench_site
from kb.bench.synthetic import write_tree
from kb.model import KINDS
from kb.pipeline.build import paused_collection
from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render import render
from kb.pipeline.validate import validate
from kb.pipeline.write import write

STAGES = ("load", "validate", "link", "render", "write")
TEXT_QUERY = "withdrawal talks"
"""A full-text query: two of the words synthetic headlines are made of (kb.bench.synthetic), so
that it finds many pages, ranked by how many of the words each holds."""
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "scripts/mkdocs_hook.py")


def run_pipeline(root: Path, out: Path) -> dict[str, float]:
    """Seconds per stage for one cold run over root/data, as kb.pipeline.build.build runs a
    one-off build: with no session, nothing is kept from the run before."""
    with paused_collection():
        return _stages(root, out)


def _stages(root: Path, out: Path) -> dict[str, float]:
    times: dict[str, float] = {}

    def timed(stage: str, step: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = step()
        times[stage] = time.perf_counter() - start
        return result

    loaded = timed("load", lambda: load(root / "data", root=root))
    kb, problems = timed("validate", lambda: validate(loaded))
    if any(p.severity == "error" for p in problems):
        raise SystemExit(f"synthetic data has problems: {problems[:3]}")
    linked = timed("link", lambda: link(kb))
    pages = timed("render", lambda: render(linked))
    timed("write", lambda: write(pages, out))
    return times


def peak_memory(root: Path, out: Path) -> int:
    tracemalloc.start()
    run_pipeline(root, out)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def mkdocs_seconds(project: Path, *, bare: bool) -> float:
    """One `mkdocs build` of the project into site/; `bare` builds the generated
    Markdown alone, without the hook, as the floor the pipeline adds to, into
    site-bare/: the reader's figures (`_reader_figures`) are of the site as published,
    which the hook's template filters minify (scripts/mkdocs_hook.py)."""
    config = project / "mkdocs.yml"
    if bare:
        text = config.read_text("utf-8").replace("hooks:\n  - scripts/mkdocs_hook.py\n", "")
        bare_docs = project / "bare-docs"
        shutil.rmtree(bare_docs, ignore_errors=True)
        shutil.copytree(project / "docs", bare_docs)
        shutil.copytree(project / "generated", bare_docs, dirs_exist_ok=True)
        config = project / "mkdocs-bare.yml"
        config.write_text(text.replace("docs_dir: docs", "docs_dir: bare-docs"), "utf-8")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                    "-d", str(project / ("site-bare" if bare else "site"))], cwd=project,
                   check=True,
                   env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    return time.perf_counter() - start


def _reader_figures(work: Path) -> dict[str, Any]:
    """First visit and search in a browser, and Pagefind over the same pages."""
    people = KINDS["person"].folder
    name = _found(r"^name: (.+)$", (work / "data" / people / "person-0.yaml")
                  .read_text("utf-8"))
    query = name.split("al-")[-1]  # a family name, as a reader types it
    text_query = TEXT_QUERY  # words of source titles, anywhere in them
    figures: dict[str, Any] = {"query": query, "text_query": text_query}
    figures.update(bench_site.first_visit_and_search(work / "site", f"/{people}/person-0/",
                                                     query, text_query))
    found = bench_site.pagefind(work / "site", query, text_query)
    if found:
        figures.update({f"pagefind_{key}": value for key, value in found.items()})
    return figures


def copy_project(repo: Path, work: Path) -> None:
    """The site's configuration, pages and theme beside the synthetic data; the home
    page, which links real entries, is replaced by one linking the indexes only."""
    for name in PROJECT_FILES:
        source, target = repo / name, work / name
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    indexes = ", ".join(f"[{kind.plural.lower()}]({kind.folder}/index.md)"
                        for kind in KINDS.values() if kind.indexed)
    (work / "docs" / "index.md").write_text(
        f"# Synthetic knowledge base\n\nFor benchmarks: {indexes}.\n", "utf-8")


def _preview_figures(work: Path, repo: Path) -> dict[str, Any]:
    copy_project(repo, work)
    people = KINDS["person"].folder
    person = (work / "data" / people / "person-0.yaml").read_text("utf-8")
    group = _found(r"target: (group-\d+)", person)
    return bench_site.live_preview(work, f"{people}/person-0", group)


def _found(pattern: str, text: str) -> str:
    """The first group of the first match of `pattern` (multi-line) in `text`; raises
    ValueError when there is none: the synthetic data is not of the shape written."""
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        raise ValueError(f"no {pattern!r} in the synthetic data")
    return match[1]


@dataclass(frozen=True)
class Step:
    """One size the benchmark measures, and what it measures there."""

    size: int
    """Entities of synthetic data."""
    stages: bool
    """The pipeline's stages timed (and, as asked, the builds and a reader's figures)."""
    preview: bool
    """Save-to-reload timed under `make serve`."""


def plan(args: argparse.Namespace) -> list[Step]:
    """What `main` measures, smallest size first: every size of `--sizes` with its
    stages timed, and every size of `--preview` with the live preview timed, whether or
    not `--sizes` names it. The Makefile asks for `--preview 1000` beside whatever
    `BENCH_ARGS` gives (`--sizes 100`): a preview size not among the sizes is measured
    for the preview alone, and said so (it was skipped without a word)."""
    sizes, preview = set(args.sizes), set(args.preview)
    return [Step(size, size in sizes, size in preview) for size in sorted(sizes | preview)]


def measure(entities: int, runs: int, with_mkdocs: bool, repo: Path, *,
            with_site: bool = False, preview: bool = False,
            stages: bool = True) -> dict[str, Any]:
    """The figures at one size (see `report`); with `stages` False, only the live
    preview's (`preview` must then be True)."""
    work = Path(tempfile.mkdtemp(prefix=f"kb-bench-{entities}-"))
    try:
        write_tree(work, entities)
        if not stages:
            return _preview_figures(work, repo)
        out = work / "generated"
        samples = [run_pipeline(work, out) for _ in range(runs)]
        result: dict[str, Any] = {stage: statistics.median(s[stage] for s in samples)
                                  for stage in STAGES}
        result["pipeline"] = sum(result[stage] for stage in STAGES)
        result["peak_mb"] = peak_memory(work, out) / 2**20
        result["output_mb"] = folder_size(out) / 2**20
        result["pages"] = sum(1 for _ in out.rglob("*.md"))
        if with_mkdocs:
            copy_project(repo, work)
            result["mkdocs"] = statistics.median(
                mkdocs_seconds(work, bare=False) for _ in range(runs))
            result["bare"] = statistics.median(
                mkdocs_seconds(work, bare=True) for _ in range(runs))
            shards = list((work / "site" / "kb-search").rglob("*.json"))
            result["search_mb"] = sum(p.stat().st_size for p in shards) / 2**20
            result["shard_kb"] = max((p.stat().st_size for p in shards), default=0) / 1024
            if with_site:
                result.update(_reader_figures(work))
        if preview:
            result.update(_preview_figures(work, repo))
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def real_site(repo: Path) -> dict[str, Any]:
    """First visits to every entity and source page of the real site (`data/`), built
    with `mkdocs build` into a temporary folder (`kb.bench.site.first_visits`)."""
    with tempfile.TemporaryDirectory(prefix="kb-bench-real-") as folder:
        site = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                       cwd=repo, check=True, capture_output=True)
        pages = sorted(f"/{path.parent.relative_to(site).as_posix()}/"
                       for kind in KINDS.values() if kind.indexed
                       for path in (site / kind.folder).glob("*/index.html"))
        return bench_site.first_visits(site, pages)


def real_site_lines(figures: dict[str, Any]) -> list[str]:
    """The report's lines for `real_site`."""
    lines = [f"real site (data/): first visit to its {figures['count']} entity and source "
             f"pages: {figures['requests']} requests, median {figures['median_kb']:.1f} KB, "
             f"at most {figures['max_kb']:.1f} KB ({figures['max_page']}) gzipped, of which "
             f"{figures['fixed_kb']:.1f} KB is the same on every page (Material's "
             "stylesheets and script, assets/kb.js)",
             f"real site: {len(figures['over'])} of {figures['count']} pages over "
             f"{bench_site.BUDGET_KB:.0f} KB"]
    lines += [f"real site:   {path}: {total:.1f} KB, its own HTML {own:.1f} KB "
              f"({100 * own / total:.0f} %)" for path, total, own in figures["over"]]
    return lines


def growth(small: float, large: float, ratio: float) -> float:
    """The exponent k in time ∝ size^k between two sizes."""
    if small <= 0 or large <= 0:
        return float("nan")
    return math.log(large / small) / math.log(ratio)


def report(results: dict[int, dict[str, Any]]) -> str:
    """The figures of every size measured, as text; the table and growth exponents
    give the sizes whose stages were timed (`Step.stages`)."""
    everything = sorted(results)
    sizes = [size for size in everything if "pipeline" in results[size]]
    columns = [*STAGES, "pipeline", "mkdocs", "bare"]
    lines = ["entities " + " ".join(f"{c:>9}" for c in columns)
             + "   peak MB  output MB  search MB  pages"]
    for size in sizes:
        row = results[size]
        cells = [f"{row[c]:9.3f}" if c in row else f"{'-':>9}" for c in columns]
        lines.append(f"{size:>8} " + " ".join(cells) + f"  {row['peak_mb']:8.1f} "
                     f"{row['output_mb']:10.2f} {row.get('search_mb', 0):10.2f} "
                     f"{row['pages']:6d}")
    for small, large in pairwise(sizes):
        exponents = [f"{c} {growth(results[small][c], results[large][c], large / small):.2f}"
                     for c in columns if c in results[small]]
        lines.append(f"growth exponent {small}→{large}: " + ", ".join(exponents))
    for size in everything:
        lines.extend(_reader_lines(size, results[size]))
    for size in sizes:
        row = results[size]
        if "mkdocs" in row:
            lines.append(f"{size}: pipeline is {100 * row['pipeline'] / row['mkdocs']:.1f} % "
                         f"of the mkdocs build; full build is {row['mkdocs'] / row['bare']:.2f}× "
                         "the bare MkDocs floor")
    return "\n".join(lines)


def _reader_lines(size: int, row: dict[str, Any]) -> list[str]:
    lines = []
    if "shard_kb" in row:
        lines.append(f"{size}: search index {row['search_mb']:.2f} MB in shards of at most "
                     f"{row['shard_kb']:.1f} KB")
    if "visit_requests" in row:
        lines.append(
            f"{size}: first visit to an entity page: {row['visit_requests']} requests, "
            f"{row['visit_kb']:.1f} KB gzipped")
        for prefix, asked in (("", row["query"]), ("text_", row.get("text_query"))):
            if f"{prefix}search_s" not in row:
                continue
            lines.append(
                f"{size}: search '{asked}': results {row[f'{prefix}search_s']:.2f} s after "
                f"the last key, {row[f'{prefix}search_requests']} requests, "
                f"{row[f'{prefix}search_kb']:.1f} KB from the first key (script and "
                f"libraries included), {row[f'{prefix}search_results']} shown, first "
                f"'{row[f'{prefix}search_first']}'")
    if "pagefind_index_s" in row:
        lines.append(
            f"{size}: Pagefind on the same pages: indexing {row['pagefind_index_s']:.1f} s, "
            f"{row['pagefind_index_mb']:.1f} MB")
        for prefix, asked in (("", row["query"]), ("text_", row.get("text_query"))):
            if f"pagefind_{prefix}search_s" in row:
                lines.append(
                    f"{size}: Pagefind, '{asked}': {row[f'pagefind_{prefix}search_s']:.2f} s, "
                    f"{row[f'pagefind_{prefix}search_requests']} requests, "
                    f"{row[f'pagefind_{prefix}search_kb']:.1f} KB (script, index, first "
                    "result's fragment)")
    if "preview_name_s" in row:
        for edit, label in (("fact", "a fact's wording edited"),
                            ("name", "an entry's name edited"), ("add", "a file added"),
                            ("remove", "a file removed")):
            total, pipeline = row[f"preview_{edit}_s"], row[f"preview_{edit}_pipeline_s"]
            build = row[f"preview_{edit}_build_s"]
            lines.append(
                f"{size}: live preview (make serve, medians of 3 saves), {label}: "
                f"reloaded page shows it "
                f"{total:.2f} s after the save; {row[f'preview_{edit}_changed']:.0f} files "
                f"changed; kb pipeline {pipeline:.2f} s + MkDocs {build - pipeline:.2f} s "
                f"+ watching and reloading {total - build:.2f} s")
        lines.append(f"{size}: page linking to the renamed entry updated: "
                     f"{'yes' if row['backlink_updated'] else 'NO'}")
        if "index_updated" in row:
            lines.append(f"{size}: search finds the edited fact's new word once its page "
                         f"shows it: {'yes' if row['index_updated'] else 'NO'}")
    return lines


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line of `python -m kb.bench.pipeline` (argparse exits 2 on a wrong one)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--mkdocs", action="store_true",
                        help="also time mkdocs build and the bare MkDocs floor")
    parser.add_argument("--site", action="store_true",
                        help="with --mkdocs: first visit and search in headless Chromium, "
                        "and Pagefind on the same pages")
    parser.add_argument("--preview", type=int, nargs="*", default=[], metavar="SIZE",
                        help="time save-to-reload under mkdocs serve at these sizes, "
                        "among --sizes or not")
    return parser.parse_args(argv)


def announce(step: Step) -> str:
    """What `main` says before measuring a step."""
    if step.stages:
        return f"measuring {step.size} entities…"
    return (f"measuring the live preview alone at {step.size} entities (--preview "
            f"{step.size}; not among --sizes, so its stages are not timed)…")


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    repo = Path(__file__).resolve().parents[3]
    results = {}
    for step in plan(args):
        print(announce(step), file=sys.stderr, flush=True)
        results[step.size] = measure(step.size, args.runs, args.mkdocs, repo,
                                     with_site=args.site and args.mkdocs,
                                     preview=step.preview, stages=step.stages)
    print(report(results))
    if args.site and args.mkdocs:
        print("measuring the real site's pages…", file=sys.stderr, flush=True)
        print("\n".join(real_site_lines(real_site(repo))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
