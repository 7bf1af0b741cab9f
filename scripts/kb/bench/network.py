"""`python -m kb.bench.network`: the network page drawn two ways, side by side.

Issue 17, item 3 asks to compare a maintained graph library from the npm registry with
the site's own drawing, on the real data and at 1,000 and 10,000 entries, and to keep
the better. For each data set this builds the network page (`kb.pipeline.render.graph`), then
draws it in headless Chromium twice, at the width of the page's content column:

- **own**: the page's SVG (laid out at build time) with `overrides/js/network.js`,
  which places the names in the browser;
- **sigma**: sigma.js with graphology (vendored in `bench/vendor/`, never served with
  the site), given the same nodes, links and positions, with its own label grid.

It prints, per drawing: names shown, pairs of names overlapping and names cut at the
drawing's edge at the default view (boxes read in the browser, counted here by
`count_labels`), time to first draw (median of several loads), and gzipped bytes of
the script and of the graph's data. Offline: every file is local. A script's figures,
never a test's assertions (see `make bench`).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from kb.bench.site import CHROMIUM, served
from kb.bench.synthetic import write_tree
from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render.graph import network_page
from kb.pipeline.validate import validate
from kb.problems import errors, format_problems
from kb.text.wording import count, series

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parents[3]
VENDOR = REPO / "bench" / "vendor"
WIDTH = 688
"""Width of the drawing in CSS pixels: Material's content column in a 1366 px window,
where the network page shows it."""
TOLERANCE = 0.5
"""CSS pixels two boxes may share, or a box may pass the frame, before it counts: less
than a pixel is rounding in the browser's measures, not a reader's problem."""
GZIP_LEVEL = 6
"""As a server compressing with gzip -6 (GitHub Pages) sends files, as in kb.bench.site."""
REAL = "real"
"""The `--sizes` word for the project's own data/."""

Box = tuple[float, float, float, float]
"""A rectangle in CSS pixels: (left, top, right, bottom)."""


class BenchError(Exception):
    """A data set or a vendored file the benchmark cannot use; its message says which."""


# ------------------------------------------------------------------ counting labels


@dataclasses.dataclass(frozen=True)
class Labels:
    """What a reader sees of the names at the default view: how many are shown, how
    many pairs of them overlap, and how many are cut at the drawing's edge."""

    shown: int
    overlapping: int
    cut: int


def count_labels(boxes: Sequence[Box], frame: Box, tolerance: float = TOLERANCE) -> Labels:
    """Count the labels drawn in `boxes` (each (left, top, right, bottom), in CSS
    pixels) within `frame` (the drawing's own box, same units).

    Two labels overlap when their boxes share more than `tolerance` pixels in both
    directions (touching edges do not count); a label is cut when its box passes the
    frame by more than `tolerance` on any side. Overlaps are counted in pairs, so three
    labels on one spot are three. The same rule serves both drawings, so that their
    figures compare (issue 17, item 3: "count of overlapping labels at the default
    view"). Raises ValueError on a box whose right or bottom is before its left or top:
    the browser's reading went wrong."""
    for box in boxes:
        if box[2] < box[0] or box[3] < box[1]:
            raise ValueError(f"not a box (left, top, right, bottom): {box}")
    overlapping = sum(
        1 for i, a in enumerate(boxes) for b in boxes[i + 1:]
        if min(a[2], b[2]) - max(a[0], b[0]) > tolerance
        and min(a[3], b[3]) - max(a[1], b[1]) > tolerance)
    cut = sum(1 for box in boxes
              if box[0] < frame[0] - tolerance or box[1] < frame[1] - tolerance
              or box[2] > frame[2] + tolerance or box[3] > frame[3] + tolerance)
    return Labels(shown=len(boxes), overlapping=overlapping, cut=cut)


# ------------------------------------------------------------------ the network page


@dataclasses.dataclass(frozen=True)
class Node:
    """An entry as the network page draws it: position in the SVG's units."""

    id: str
    name: str
    kind: str
    degree: int
    x: float
    y: float


@dataclasses.dataclass(frozen=True)
class Network:
    """The network page's drawing: the HTML the own script works on (controls, the
    SVG, the detail box) and the same graph as data, for sigma.js."""

    html: str
    svg: str
    nodes: list[Node]
    edges: list[tuple[str, str]]


SVG_NS = "{http://www.w3.org/2000/svg}"
_ISOLATES = "\u2066\u2067\u2068\u2069"


def network_of(root: Path) -> Network:
    """The network page of the data in root/data, as `kb build` renders it, cut into
    what each drawing needs. Raises BenchError listing the data's errors, if any."""
    kb, problems = validate(load(root / "data", root=root))
    if errors(problems):
        raise BenchError(f"{root / 'data'} has errors:\n{format_problems(errors(problems))}")
    return parse_network(network_page(link(kb))[1])


def parse_network(markdown: str) -> Network:
    """Read the network page's Markdown (`kb.pipeline.render.graph.network_page`): its controls'
    form, drawing and detail box as HTML, and the drawing's nodes and links. Raises
    BenchError when a part is missing: the page's shape changed under the benchmark."""
    parts = {name: re.search(pattern, markdown, re.DOTALL) for name, pattern in (
        ("form", r'<form class="kb-network-controls".*?</form>'),
        ("drawing", r'<div class="kb-network">\s*(<svg.*?</svg>)\s*</div>'),
        ("detail", r'<div class="kb-network-detail".*?</div>'))}
    missing = [name for name, found in parts.items() if found is None]
    if missing:
        raise BenchError(f"the network page has no {series(missing)} "
                         "(kb.pipeline.render.graph.network_page changed?)")
    form, drawing, detail = (parts[name] for name in ("form", "drawing", "detail"))
    assert form and drawing and detail  # for mypy: checked just above
    svg = drawing[1]
    tree = ElementTree.fromstring(svg)
    nodes = []
    for a in tree.iter(f"{SVG_NS}a"):
        circle, text = a.find(f"{SVG_NS}circle"), a.find(f"{SVG_NS}text")
        if circle is None or text is None:
            raise BenchError(f"node {a.get('data-id')} has no circle or text")
        nodes.append(Node(id=a.get("data-id", ""), kind=a.get("data-kind", ""),
                          name="".join(text.itertext()).strip(_ISOLATES),
                          degree=int(a.get("data-degree", "0")),
                          x=float(circle.get("cx", "0")), y=float(circle.get("cy", "0"))))
    edges = []
    for line in tree.iter(f"{SVG_NS}line"):
        source, target = line.get("data-ends", "").split(" ")
        edges.append((source, target))
    html = f'{form[0]}\n<div class="kb-network">\n{svg}\n</div>\n{detail[0]}\n'
    return Network(html=html, svg=svg, nodes=nodes, edges=edges)


# ------------------------------------------------------------------ vendored libraries


def vendored(folder: Path = VENDOR) -> dict[str, str]:
    """file name -> text of each script in `folder`'s manifest.json (the npm packages'
    own files), after checking every file the manifest lists against its sha256.
    Raises BenchError naming a file that is missing or differs."""
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    scripts = {}
    for package in manifest["packages"]:
        for entry in package["files"]:
            path = folder / entry["file"]
            if not path.is_file():
                raise BenchError(f"{path} is missing (manifest.json lists it, from "
                                 f"{package['name']}@{package['version']})")
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != entry["sha256"]:
                raise BenchError(f"{path} is not the file of {package['name']}@"
                                 f"{package['version']} the manifest records: sha256 "
                                 f"{digest}, expected {entry['sha256']}")
            if path.suffix == ".js":
                scripts[entry["file"]] = path.read_text("utf-8")
    return scripts


def packages(folder: Path = VENDOR) -> str:
    """The vendored packages as 'name version and name version', for the report."""
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    return series([f"{p['name']} {p['version']}" for p in manifest["packages"]])


# ------------------------------------------------------------------ the two pages

_PAGE_STYLE = (
    # Material's colours the site's stylesheet uses, and its content column's width.
    ":root{--md-default-fg-color:#000000de;--md-default-fg-color--light:#0000008a;"
    "--md-default-fg-color--lighter:#00000052;--md-default-fg-color--lightest:#00000012;"
    "--md-default-bg-color:#fff;--md-accent-fg-color:#526cfe}"
    f"body{{margin:0;font-family:Roboto,-apple-system,BlinkMacSystemFont,Helvetica,Arial,"
    f"sans-serif;width:{WIDTH}px}}")

# Time to first draw, from the start of navigation to the frame after the drawing's
# script has run, the same for both drawings.
_MARK_DRAWN = ("document.addEventListener('DOMContentLoaded', function () {"
               " requestAnimationFrame(function () { requestAnimationFrame(function () {"
               " window.kbDrawn = performance.now(); }); }); });")


OWN_SCRIPTS = ("page.js", "network.js")
"""The site's scripts the own drawing runs, from overrides/js/, served beside the page
(page.js as in assets/kb.js, whose address it reads; network.js as lazy.js loads it)."""


def own_page(network: Network) -> str:
    """A page holding the network page's controls and SVG, the site's stylesheet, the
    scripts the site runs there (`OWN_SCRIPTS`, served from js/), and a mark of when
    the labelled drawing is first painted."""
    scripts = "".join(f'<script src="js/{name}"></script>' for name in OWN_SCRIPTS)
    return ("<!doctype html><html lang=en><head><meta charset=utf-8>"
            f"<style>{_PAGE_STYLE}{_site_css()}</style></head><body>{network.html}"
            f"{scripts}<script>{_MARK_DRAWN}</script></body></html>")


def sigma_page(network: Network, scripts: dict[str, str]) -> str:
    """A page drawing the same graph with sigma.js and graphology (`scripts`, served
    from js/): the same positions (sigma's y axis points up), node sizes as network.js
    draws its dots, colours by kind as the site's stylesheet, one label size (13 px, as
    network.js), and sigma's own label grid choosing which names to show, every node a
    candidate (`labelRenderedSizeThreshold` 0; by default nodes under 6 px have no
    name)."""
    colours = _kind_colours()
    data = json.dumps({"nodes": [dataclasses.asdict(n) for n in network.nodes],
                       "edges": network.edges, "colours": colours}).replace("</", "<\\/")
    draw = ("var D = " + data + ";\n"
            "var g = new graphology.Graph({multi: true});\n"
            "D.nodes.forEach(function (n) { g.addNode(n.id, {x: n.x, y: -n.y,"
            " size: 4.5 + Math.min(4, Math.sqrt(n.degree)), label: n.name,"
            " color: D.colours[n.kind] || '#666'}); });\n"
            "D.edges.forEach(function (e) { g.addEdge(e[0], e[1]); });\n"
            "window.kbSigma = new Sigma(g, document.getElementById('graph'), {\n"
            "  settings: {labelRenderedSizeThreshold: 0},\n"
            "  styles: {nodes: Object.assign({}, Sigma.DEFAULT_STYLES.nodes, {labelSize: 13}),\n"
            "           edges: Sigma.DEFAULT_STYLES.edges}});\n")
    return ("<!doctype html><html lang=en><head><meta charset=utf-8><style>"
            f"body{{margin:0}}#graph{{width:{WIDTH}px;height:{WIDTH}px}}</style></head>"
            "<body><div id=graph></div>"
            + "".join(f'<script src="js/{name}"></script>' for name in sorted(scripts))
            + f"<script>{draw}</script><script>{_MARK_DRAWN}</script></body></html>")


CSS = ("kb.css", "graph.css")
"""The stylesheets of the drawing (overrides/main.html inlines them in the network page,
with network.css for its controls, which the bench page has none of)."""


def _site_css() -> str:
    """The site's stylesheet as the network page inlines it: overrides/main.html
    includes `CSS` through Jinja, whose comments (`{# #}`) they hold."""
    source = "".join((REPO / "overrides" / "css" / name).read_text("utf-8") for name in CSS)
    return jinja2.Environment(autoescape=False).from_string(source).render()


def _kind_colours() -> dict[str, str]:
    """kind -> fill colour of its dots, read from the site's stylesheet."""
    css = (REPO / "overrides" / "css" / "graph.css").read_text("utf-8")
    colours = dict(re.findall(r'\.kb-graph a\[data-kind="(\w+)"\] circle \{ fill: (#\w+); \}',
                              css))
    if not colours:
        raise BenchError("no colours of kinds in overrides/css/graph.css (.kb-graph circles)")
    return colours


# In the browser: the box of every name shown, and the drawing's frame.
_OWN_BOXES = """() => {
  const svg = document.querySelector('.kb-network svg');
  const f = svg.getBoundingClientRect();
  const boxes = [...svg.querySelectorAll('a[data-id] text')]
    .filter(t => t.getAttribute('visibility') !== 'hidden' && t.getClientRects().length)
    .map(t => t.getBoundingClientRect())
    .map(b => [b.left - f.left, b.top - f.top, b.right - f.left, b.bottom - f.top]);
  return {boxes, frame: [0, 0, f.width, f.height]};
}"""
# sigma.js places a node's label by its label renderer's nodeLabelBox (the box it also
# uses to fit labels in the view), relative to the node's place in the viewport.
_SIGMA_BOXES = """() => {
  const r = window.kbSigma, f = document.getElementById('graph').getBoundingClientRect();
  const boxes = [...r.getNodeDisplayedLabels()].map(id => {
    const d = r.getNodeDisplayData(id), p = r.framedGraphToViewport(d);
    const b = r.labelRenderer.nodeLabelBox(d, r.scaleSize(d.size));
    return b ? [p.x + b.minX, p.y + b.minY, p.x + b.maxX, p.y + b.maxY] : null;
  }).filter(Boolean);
  return {boxes, frame: [0, 0, f.width, f.height]};
}"""


# ------------------------------------------------------------------ measuring


@dataclasses.dataclass(frozen=True)
class Drawn:
    """One drawing's figures: its labels, the median time to first draw in seconds,
    and gzipped bytes of its script and of the graph's data on the page."""

    labels: Labels
    first_draw_s: float
    script_bytes: int
    data_bytes: int


def gzipped(text: str) -> int:
    """Bytes of `text` (UTF-8) gzipped as a web server sends it."""
    return len(gzip.compress(text.encode("utf-8"), GZIP_LEVEL))


@contextmanager
def chromium(executable: str = CHROMIUM) -> Iterator[Browser]:
    """Headless Chromium (`executable`; KB_CHROMIUM, else Debian's) with WebGL drawn
    in software (SwiftShader), as sigma.js needs where there is no GPU."""
    from playwright.sync_api import sync_playwright  # a test dependency, as in bench_site

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--enable-unsafe-swiftshader", "--use-angle=swiftshader"])
        try:
            yield browser
        finally:
            browser.close()


def draw(browser: Browser, url: str, boxes_js: str, loads: int,
         shot: Path | None = None) -> tuple[Labels, float]:
    """Open `url` `loads` times, each in a fresh page, after one load left out (the
    first in a browser also pays for starting its renderer and caching fonts); the
    labels of the last load and the median seconds to first draw. Raises BenchError
    on a script error in the page."""
    times, read = [], None
    failures: list[str] = []
    for _ in range(loads + 1):
        page = browser.new_page(viewport={"width": WIDTH + 40, "height": WIDTH + 400})
        page.on("pageerror", lambda error: failures.append(str(error)))
        page.goto(url)
        page.wait_for_function("window.kbDrawn !== undefined", timeout=120_000)
        if failures:
            raise BenchError(f"{url}: {failures[0]}")
        times.append(page.evaluate("window.kbDrawn") / 1000)  # from navigation start
        read = page.evaluate(boxes_js)
        if shot:
            page.screenshot(path=str(shot))
        page.close()
    assert read is not None  # loads >= 1
    boxes = [(b[0], b[1], b[2], b[3]) for b in read["boxes"]]
    frame = read["frame"]
    return count_labels(boxes, (frame[0], frame[1], frame[2], frame[3])), \
        statistics.median(times[1:])


def measure(network: Network, browser: Browser, folder: Path, name: str, loads: int,
            scripts: dict[str, str], shots: Path | None = None) -> dict[str, Drawn]:
    """Both drawings of `network`, written to `folder` as {own,sigma}-`name`.html
    with their scripts in js/, and served from there; 'own' and 'sigma' -> their
    figures."""
    (folder / "js").mkdir(exist_ok=True)
    for script in OWN_SCRIPTS:
        shutil.copy(REPO / "overrides" / "js" / script, folder / "js" / script)
    for script, text in scripts.items():
        (folder / "js" / script).write_text(text, "utf-8")
    (folder / f"own-{name}.html").write_text(own_page(network), "utf-8")
    (folder / f"sigma-{name}.html").write_text(sigma_page(network, scripts), "utf-8")
    graph = json.dumps({"nodes": [dataclasses.asdict(n) for n in network.nodes],
                        "edges": network.edges})
    sizes = {"own": (gzipped((REPO / "overrides" / "js" / "network.js").read_text("utf-8")),
                     gzipped(network.svg)),
             "sigma": (sum(gzipped(scripts[f]) for f in scripts), gzipped(graph))}
    results = {}
    with served(folder) as base:
        for which, boxes_js in (("own", _OWN_BOXES), ("sigma", _SIGMA_BOXES)):
            shot = shots / f"{which}-{name}.png" if shots else None
            labels, seconds = draw(browser, f"{base}/{which}-{name}.html", boxes_js, loads,
                                   shot)
            results[which] = Drawn(labels, seconds, *sizes[which])
    return results


# ------------------------------------------------------------------ the report


def report(rows: dict[str, tuple[Network, dict[str, Drawn]]], loads: int,
           load_average: tuple[float, float]) -> str:
    """The table: a line per data set and drawing."""
    lines = [f"Network page drawn {WIDTH} px wide in headless Chromium (WebGL in software): "
             f"the own SVG + network.js against {packages()}.",
             f"First draw: median of {count(loads, 'load')} after a warm-up, from navigation "
             f"start; bytes gzipped (-{GZIP_LEVEL}). Load average {load_average[0]:.1f} before, "
             f"{load_average[1]:.1f} after.",
             f"{'data':>8} {'drawn':>6} {'links':>6}  {'drawing':<20} {'names':>6} "
             f"{'overlap':>8} {'cut':>4} {'first draw':>11} {'script':>9} {'data':>9}"]
    for name, (network, drawn) in rows.items():
        for i, (which, label) in enumerate((("own", "own SVG"),
                                            ("sigma", "sigma + graphology"))):
            d = drawn[which]
            head = (f"{name:>8} {len(network.nodes):>6} {len(network.edges):>6}" if i == 0
                    else " " * 22)
            lines.append(f"{head}  {label:<20} {d.labels.shown:>6} {d.labels.overlapping:>8} "
                         f"{d.labels.cut:>4} {d.first_draw_s:>9.2f} s "
                         f"{d.script_bytes / 1024:>6.1f} KB {d.data_bytes / 1024:>6.1f} KB")
    lines.append("names: names shown at the default view; overlap: pairs of them overlapping;"
                 "\ncut: names passing the drawing's edge; data: the SVG for the own drawing, "
                 "the nodes and links as JSON for sigma.")
    return "\n".join(lines)


def _size(text: str) -> str:
    """A `--sizes` word: 'real' or a number of entries of at least 10."""
    if text == REAL:
        return text
    if text.isdigit() and int(text) >= 10:
        return f"{int(text):,}"
    raise argparse.ArgumentTypeError(f"{text!r}: give 'real' or a number of entries (≥ 10)")


def main(argv: list[str] | None = None) -> int:
    """Run the comparison on the chosen data sets and print the table; exit 0, or 1
    with a one-line message when a data set, a vendored file or a page fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_size, nargs="+", default=[REAL, "1,000", "10,000"],
                        help="'real' (data/) and numbers of synthetic entries "
                        "(default: real 1000 10000)")
    parser.add_argument("--loads", type=int, default=3,
                        help="loads of each drawing; the time is their median")
    parser.add_argument("--shots", type=Path,
                        help="save a screenshot of each drawing in this folder")
    args = parser.parse_args(argv)
    if args.loads < 1:
        parser.error("--loads must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="kb-bench-network-"))
    try:
        scripts = vendored()
        if args.shots:
            args.shots.mkdir(parents=True, exist_ok=True)
        before = os.getloadavg()[0]
        rows = {}
        with chromium() as browser:
            for name in dict.fromkeys(args.sizes):
                print(f"drawing the network of {name} entries…", file=sys.stderr, flush=True)
                network = network_of(REPO if name == REAL else _synthetic(work, name))
                start = time.perf_counter()
                rows[name] = (network, measure(network, browser, work, name.replace(",", ""),
                                               args.loads, scripts, args.shots))
                print(f"  {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
        print(report(rows, args.loads, (before, os.getloadavg()[0])))
        return 0
    except BenchError as error:
        print(f"kb.bench.network: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _synthetic(work: Path, name: str) -> Path:
    root = work / f"data-{name.replace(',', '')}"
    write_tree(root, int(name.replace(",", "")))
    return root


if __name__ == "__main__":
    raise SystemExit(main())
