"""The relationship graph: who is connected to whom, laid out in Python at build time.

The graph is drawn as SVG with real links, so it reads (and clicks through) without
JavaScript; overrides/js/network.js only adds zoom, pan and filters. The layout is a
force-directed one (Fruchterman and Reingold), with repulsion looked up in a grid of
cells so that each step costs time in proportion to the number of nodes, and a fixed
starting spiral so that every build draws the same picture.
"""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import TypeVar

from kb.addresses import EntryId, Href, PagePath, address, href
from kb.model import ENTITY_KINDS, KINDS
from kb.pipeline.link import EDGE_LABELS, Edge, Linked
from kb.pipeline.render.text import (
    asof_form,
    attr,
    esc,
    isolate_plain,
    link_to,
    literal,
    page_head,
    page_path,
    reported_by,
    reported_marker,
)
from kb.text.wording import count

PATH = PagePath("network.md")
SIZE = 1000.0
"""Width and height of the drawing, in SVG units."""
MAX_DRAWN = 250
"""Most entries the whole-network drawing shows: beyond a few hundred names a drawing
cannot be read, and its layout would cost more than the rest of the build."""


# ---------------------------------------------------------------------------- layout


N = TypeVar("N", bound=Hashable)
Layouts = dict[tuple[tuple[Hashable, ...], tuple[tuple[Hashable, Hashable], ...], int],
               list[tuple[float, float]]]
"""Drawings laid out before, by nodes, links and steps: the live preview draws the whole
network again at every save, and most saves leave it as it was (`kb.pipeline.render.memo`)."""


class Labels:
    """The last placing of a drawing's labels, with what it was made from: the live
    preview draws the whole network again at every save, and `place_labels` over its
    hundreds of names took as long as the rest of the page; most saves change none of
    its inputs (`kb.pipeline.render.memo`)."""

    def __init__(self) -> None:
        self.made_from: object = None
        self.places: Mapping[EntryId, Spot | None] = {}


def layout(nodes: list[N], links: list[tuple[N, N]], iterations: int = 120, *,
           memo: Layouts | None = None) -> dict[N, tuple[float, float]]:
    """Positions in [0, SIZE]² for every node; the same input gives the same drawing.
    With a `memo`, the last drawing is kept there and taken back for the same input."""
    key: tuple[tuple[Hashable, ...], tuple[tuple[Hashable, Hashable], ...], int] = (
        tuple(nodes), tuple(links), iterations)
    positions = memo.get(key) if memo is not None else None
    if positions is None:
        positions = _layout(*key)
        if memo is not None:
            memo.clear()  # the last drawing is the one the next save most likely keeps
            memo[key] = positions
    return dict(zip(nodes, positions, strict=True))


def _layout(nodes: tuple[Hashable, ...], links: tuple[tuple[Hashable, Hashable], ...],
            iterations: int) -> list[tuple[float, float]]:
    count = len(nodes)
    if count == 0:
        return []
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in links if a in index and b in index and a != b]
    k = SIZE / math.sqrt(count)  # ideal distance between nodes
    x, y = _spiral(count)
    temperature = SIZE / 10
    for step in range(iterations):
        dx, dy = _repulsion(x, y, k)
        for a, b in pairs:  # attraction along edges
            ex, ey = x[a] - x[b], y[a] - y[b]
            distance = math.hypot(ex, ey) or 0.01
            force = distance / k
            dx[a] -= ex * force
            dy[a] -= ey * force
            dx[b] += ex * force
            dy[b] += ey * force
        for i in range(count):
            length = math.hypot(dx[i], dy[i]) or 1.0
            move = min(length, temperature)
            x[i] = min(SIZE, max(0.0, x[i] + dx[i] / length * move))
            y[i] = min(SIZE, max(0.0, y[i] + dy[i] / length * move))
        temperature = SIZE / 10 * (1 - (step + 1) / iterations) + 1.0
    return list(zip(x, y, strict=True))


def _spiral(count: int) -> tuple[list[float], list[float]]:
    """Start on a sunflower spiral: spread out, and the same on every build."""
    golden = math.pi * (3 - math.sqrt(5))
    radius = SIZE / 2
    x = [radius + radius * math.sqrt((i + 0.5) / count) * math.cos(i * golden)
         for i in range(count)]
    y = [radius + radius * math.sqrt((i + 0.5) / count) * math.sin(i * golden)
         for i in range(count)]
    return x, y


def _repulsion(x: list[float], y: list[float], k: float) -> tuple[list[float], list[float]]:
    """Push nodes apart, only from nodes in the same or a neighbouring cell of 2k.
    Written for CPython's speed: locals, and one pass over each cell's neighbours."""
    cell = 2 * k
    reach_sq, k_sq = cell * cell, k * k
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i in range(len(x)):
        grid[(int(x[i] // cell), int(y[i] // cell))].append(i)
    dx = [0.0] * len(x)
    dy = [0.0] * len(x)
    for (cx, cy), members in grid.items():
        near = [(j, x[j], y[j]) for ox in (-1, 0, 1) for oy in (-1, 0, 1)
                for j in grid.get((cx + ox, cy + oy), ())]
        for i in members:
            xi, yi = x[i], y[i]
            fx = fy = 0.0
            for j, xj, yj in near:
                ex, ey = xi - xj, yi - yj
                distance_sq = ex * ex + ey * ey
                if distance_sq >= reach_sq:
                    continue
                if distance_sq == 0:
                    if i == j:
                        continue
                    ex, ey, distance_sq = 0.01 * (i - j), 0.01, 0.0001 * ((i - j) ** 2 + 1)
                force = k_sq / distance_sq
                fx += ex * force
                fy += ey * force
            dx[i], dy[i] = fx, fy
    return dx, dy


# ---------------------------------------------------------------------------- drawing

CHAR_WIDTH = 0.62
"""A label's width per character, in ems: a generous average of the theme's sans-serif
(Roboto, or the system's) over names, so that labels placed apart at build time stay
apart when drawn. The script measures the real width in the browser."""
ASCENT = 0.95
DESCENT = 0.3
"""A label's height above and below its baseline, in ems (label_box)."""
Box = tuple[float, float, float, float]
"""A rectangle as (left, top, right, bottom)."""
Spot = tuple[float, float, str]
"""Where a label is written: (x, y) of its baseline and its SVG text-anchor."""


def url(from_page: PagePath, kind: str, entry_id: EntryId) -> Href:
    """Relative address of an entry's published page (directory URLs), for raw HTML."""
    return address(page_path(kind, entry_id), from_page)


def label_box(x: float, y: float, text: str, font: float, anchor: str) -> Box:
    """The rectangle a label of `font` units takes when written at (x, y) (its
    baseline) with an SVG `text-anchor`."""
    width = len(text) * font * CHAR_WIDTH
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, y - font * ASCENT, left + width, y + font * DESCENT


def overlaps(a: Box, b: Box) -> bool:
    """Whether two rectangles share more than an edge."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def by_rank(nodes: list[EntryId], degree: Mapping[EntryId, int]) -> list[EntryId]:
    """Nodes most connected first, ties in their given order: the order in which
    labels are placed, here and in overrides/js/network.js (which reads the drawing's
    nodes, written in the reverse of this order)."""
    return sorted(nodes, key=lambda n: -degree.get(n, 0))


SCREEN = 688
"""The whole network's width on screen in CSS pixels at 1366 px (the content column):
what `make_room` keeps room for, at the size overrides/js/network.js writes names."""
SCREEN_FONT = 13
SCREEN_DOT = 4.5
"""Name size and smallest dot radius on screen, in CSS pixels (FONT and DOT in
overrides/js/network.js, which also grows a dot by the square root of its links, up to
4 pixels more)."""
NAMED_FIRST = 24
"""How many of the most connected entries `make_room` keeps a name's room beside."""


def make_room(nodes: list[EntryId], names: Mapping[EntryId, str],
              positions: Mapping[EntryId, tuple[float, float]],
              degree: Mapping[EntryId, int], bounds: Box,
              top: int = NAMED_FIRST) -> dict[EntryId, tuple[float, float]]:
    """`positions` with room kept for the names of the `top` most connected entries:
    a dot lying where such a name goes on screen (to the right of its own dot, else to
    its left, at the size overrides/js/network.js writes it at the default view) is
    moved just above or below it, so that the name can be written there without
    covering any dot (issue 17, item 3: a name may cover no dot, and the hubs at the
    crowded centre were named only across other dots). Most connected first; a dot is
    never moved into a room kept before, nor out of `bounds`. Returns new positions;
    `positions` is not changed."""
    moved = dict(positions)
    unit = (bounds[2] - bounds[0]) / SCREEN  # drawing units per CSS pixel
    font = SCREEN_FONT * unit

    def radius(node: EntryId) -> float:
        return (SCREEN_DOT + min(4.0, math.sqrt(degree.get(node, 0)))) * unit

    rooms: list[Box] = []
    settled: set[EntryId] = set()
    for hub in by_rank(nodes, degree)[:top]:
        x, y = moved[hub]
        width = len(names[hub]) * font * CHAR_WIDTH + 2 * unit
        reach = radius(hub) + 2 * unit
        top_, bottom = (y + font / 3 - font * ASCENT - 2 * unit,
                        y + font / 3 + font * DESCENT + 2 * unit)
        # To the right, else to the left: where no room kept before, no dot of an
        # entry already given room, and no edge of the drawing is.
        free = [room for room in ((x + reach, top_, x + reach + width, bottom),
                                  (x - reach - width, top_, x - reach, bottom))
                if bounds[0] <= room[0] and room[2] <= bounds[2]
                and not any(overlaps(room, other) for other in rooms)
                and not any(overlaps(room, _square(moved[n], radius(n))) for n in settled)]
        settled.add(hub)
        if not free:
            continue
        room = free[0]
        rooms.append(room)
        for node in nodes:
            if node in settled:
                continue
            nx, ny = moved[node]
            r = radius(node)
            if not overlaps((nx - r, ny - r, nx + r, ny + r), room):
                continue
            up, down = room[1] - r - unit, room[3] + r + unit
            for new_y in sorted((up, down), key=lambda v: abs(v - ny)):
                dot = (nx - r, new_y - r, nx + r, new_y + r)
                if bounds[1] <= dot[1] and dot[3] <= bounds[3] and \
                        not any(overlaps(dot, other) for other in rooms):
                    moved[node] = (nx, new_y)
                    break
    return moved


def _square(centre: tuple[float, float], r: float) -> Box:
    return centre[0] - r, centre[1] - r, centre[0] + r, centre[1] + r


def place_labels(nodes: list[EntryId], names: Mapping[EntryId, str],
                 positions: Mapping[EntryId, tuple[float, float]],
                 degree: Mapping[EntryId, int], bounds: Box, radius: float,
                 font: float) -> dict[EntryId, Spot | None]:
    """node -> (x, y, text-anchor) of its label, or None. Most connected first
    (`by_rank`), each label goes to the right of its node, else left, above or below:
    the first place inside `bounds` that no label already placed and no dot takes
    (the square around each dot's circle, every dot: a name across the edge of a dot
    reads as two overlapping names). None when there is no such place: the name then
    shows on hover, and once the reader zooms in (the same rule, in
    overrides/js/network.js). Labels never overlap, never cover a dot and are never cut
    at the edge (issue 17, item 3)."""
    dots = [(x - radius, y - radius, x + radius, y + radius)
            for x, y in (positions[n] for n in nodes)]
    placed: list[Box] = []  # labels
    result: dict[EntryId, Spot | None] = {}
    for node in by_rank(nodes, degree):
        x, y = positions[node]
        # Above and below, the box (label_box) keeps 2 units from the dot, as the
        # sides do: with the baseline 3 units above the dot, the descent reached into
        # it, and no label ever went above its own dot.
        spots: list[Spot] = [(x + radius + 2, y + font / 3, "start"),
                             (x - radius - 2, y + font / 3, "end"),
                             (x, y - radius - 2 - font * DESCENT, "middle"),
                             (x, y + radius + 2 + font * ASCENT, "middle")]
        result[node] = None
        for spot in spots:
            box = label_box(*spot[:2], names[node], font, spot[2])
            if bounds[0] <= box[0] and bounds[1] <= box[1] and box[2] <= bounds[2] \
                    and box[3] <= bounds[3] and not any(overlaps(box, p) for p in placed) \
                    and not any(overlaps(box, dot) for dot in dots):
                result[node] = spot
                placed.append(box)
                break
    return result


def svg(linked: Linked, nodes: list[EntryId], links: list[Edge],
        positions: Mapping[EntryId, tuple[float, float]], from_page: PagePath, *, label: str,
        box: Box, radius: float = 7.0, font: float = 11.0,
        places: Mapping[EntryId, Spot | None] | None = None,
        size: tuple[int, int] | None = None,
        wrap: int = 0, labels: Labels | None = None, with_facts: bool = False) -> str:
    """An SVG drawing whose nodes are links to their pages, within `box` (left, top,
    right, bottom). Labels go where `places` says (node -> (x, y, anchor) or None for
    none), else where `place_labels` finds room. Each node carries its number of links
    (`data-degree`) and each node and line the day it was first reported
    (`data-reported`, '' when no source of it is dated), and, `with_facts` (the whole
    network, where an entry is picked out), each entry the number of statements the
    knowledge base records about it (`data-facts`, left out when none: how much the site
    says of it, which orders an entry's neighbours when it is picked out), for
    overrides/js/network.js.
    `size` sets the drawing's width and height in CSS pixels; `wrap` breaks labels
    longer than that many characters into lines (`label_lines`). `labels` keeps the
    last placing of the labels, taken back when all it was made from is equal."""
    degree: dict[EntryId, int] = defaultdict(int)
    known: dict[EntryId, str] = {}
    for edge in links:
        day = reported_by(linked, list(edge.cite))
        for end in (edge.source, edge.target):
            degree[end] += 1
            known[end] = min(filter(None, (known.get(end), day)), default="")
    names = {n: linked.entry(n).name for n in nodes}
    if places is None:
        # Copies: `place_labels` reads `degree` as a defaultdict, which adds the nodes
        # it lacks, and the inputs kept must stay as they were given.
        made_from = (list(nodes), names, dict(positions), dict(degree), box, radius, font)
        if labels is not None and labels.made_from == made_from:
            places = labels.places
        else:
            places = place_labels(nodes, names, positions, degree, box, radius, font)
            if labels is not None:
                labels.made_from, labels.places = made_from, places
    left, top, right, bottom = box
    sized = f' width="{size[0]}" height="{size[1]}"' if size else ""
    lines = [f'<svg class="kb-graph" viewBox="{left:.0f} {top:.0f} {right - left:.0f} '
             f'{bottom - top:.0f}"{sized} role="group" aria-label="{attr(label)}" '
             'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
             f"<title>{attr(label)}</title>", '<g class="kb-graph-edges">']
    for edge in links:
        (x1, y1), (x2, y2) = positions[edge.source], positions[edge.target]
        lines.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'data-type="{edge.type}" data-ends="{edge.source} {edge.target}" '
                     f'data-reported="{reported_by(linked, list(edge.cite))}">'
                     f"<title>{attr(_edge_title(linked, edge))}</title></line>")
    lines.append('</g><g class="kb-graph-nodes">')
    # Least connected first, so that a label, which may cover only the dots of less
    # connected entries, is painted over them.
    for node in reversed(by_rank(nodes, degree)):
        kind = linked.kind(node)
        cx, cy = positions[node]
        spot = places.get(node)
        tx, ty, anchor = spot or (cx + radius + 2, cy + font / 3, "start")
        hidden = "" if spot else ' visibility="hidden"'
        # xlink:href, not href: Material's instant navigation rewrites every [href] it
        # loads, and an SVG link's href cannot be written, which stops the navigation.
        facts = len(getattr(linked.entry(node), "facts", None) or ()) if with_facts else 0
        lines.append(f'<a xlink:href="{url(from_page, kind, node)}" data-kind="{kind}" '
                     f'data-id="{node}" data-degree="{degree[node]}" '
                     + (f'data-facts="{facts}" ' if facts else "")
                     + f'data-reported="{known.get(node, "")}">'
                     f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius}"/>'
                     f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" '
                     f'font-size="{font}"{hidden}>{_label_text(names[node], tx, wrap)}</text>'
                     f"<title>{attr(names[node])} ({KINDS[kind].label.lower()})</title></a>")
    lines.append("</g></svg>")
    return "\n".join(lines) + "\n"


def label_lines(name: str, wrap: int) -> list[str]:
    """A name broken at spaces into lines of at most `wrap` characters (a longer word
    stays whole); one line when `wrap` is 0."""
    return textwrap.wrap(name, wrap, break_long_words=False) if wrap else [name]


def _label_text(name: str, x: float, wrap: int) -> str:
    lines = label_lines(name, wrap)
    if len(lines) == 1:
        return attr(isolate_plain(name))
    return "".join(f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 1.2}em">'
                   f"{attr(isolate_plain(line))}</tspan>" for i, line in enumerate(lines))


def _edge_title(linked: Linked, edge: Edge) -> str:
    return f"{linked.entry(edge.source).name} — {edge.label} — {linked.entry(edge.target).name}"


# ---------------------------------------------------------------------------- pages

_INTRO = ("Everyone and everything in the story and how they connect: relations between "
          "people, groups and places, and who and where each event involves. Each name "
          "links to its page; names of the less connected entries show when there is room "
          "for them. The same links are listed below the drawing.")
_HOW = ("Tap or hover a name to pick out its connections (tap again to open its page); "
        "scroll or use + and − to zoom, drag to move.")


def network_page(linked: Linked, layouts: Layouts | None = None,
                 labels: Labels | None = None) -> tuple[PagePath, str]:
    """(path, Markdown) of the whole network: a legend, the drawing (labels placed
    without overlap, see `place_labels`) and the same links as a list, each link dated
    by its sources for the "as reported by" view; `layouts` as for `layout`, `labels`
    as for `svg`."""
    # Entries with no link (news outlets, mostly) would only crowd the margins.
    linked_ids = [i for i, k in linked.kb.kinds.items()
                  if k in ENTITY_KINDS and linked.edges_of.get(i)]
    nodes = most_connected(linked, linked_ids, MAX_DRAWN)
    drawn = set(nodes)
    links = [e for e in linked.edges if e.source in drawn and e.target in drawn]
    positions = layout(nodes, [(e.source, e.target) for e in links], memo=layouts)
    box = (-40.0, -40.0, SIZE + 40, SIZE + 40)
    degree: dict[EntryId, int] = defaultdict(int)
    for edge in links:
        degree[edge.source] += 1
        degree[edge.target] += 1
    positions = make_room(nodes, {n: linked.entry(n).name for n in nodes}, positions,
                          degree, box)
    drawing = svg(linked, nodes, links, positions, PATH, box=box,
                  font=13, label=f"Network of {len(nodes)} entries and {len(links)} links",
                  labels=labels, with_facts=True)
    parts = [page_head("Network", _INTRO + _scope(len(nodes), len(linked_ids))),
             asof_form(linked, noun="links"), _controls(linked, nodes, links),
             _legend(), f'<div class="kb-network">\n{drawing}</div>\n',
             '<div class="kb-network-detail" aria-live="polite" hidden></div>\n',
             _link_list(linked, links)]
    return PATH, "\n".join(parts)


def most_connected(linked: Linked, ids: list[EntryId], limit: int) -> list[EntryId]:
    """The `limit` entries with most links, in their original order; ties by order."""
    if len(ids) <= limit:
        return ids
    ranked = sorted(range(len(ids)), key=lambda n: -len(linked.edges_of[ids[n]]))[:limit]
    return [ids[n] for n in sorted(ranked)]


def _scope(drawn: int, linked_count: int) -> str:
    """What the page says of a network cut to its `drawn` most connected entries.

    It names no total: every entry added or removed anywhere (one link to a small
    group) would change this page, and the live preview would convert all of it again
    at each such save (180 KB of Markdown at 1,000 entries, a sixth of the save), for
    a figure the indexes give."""
    if drawn == linked_count:
        return ""
    return (f" With more than {drawn} linked entries, the drawing and the list show the "
            f"{drawn} with most links; every entry's own page draws and lists all of its own.")


def _controls(linked: Linked, nodes: list[EntryId], links: list[Edge]) -> str:
    kinds = "".join(f'<label><input type="checkbox" name="kind" value="{k}" checked> '
                    f"{KINDS[k].plural}</label> " for k in ENTITY_KINDS)
    types = sorted({e.type for e in links}, key=lambda t: EDGE_LABELS[t])
    relations = "".join(f'<label><input type="checkbox" name="type" value="{t}" checked> '
                        f"{attr(EDGE_LABELS[t])}</label> " for t in types)
    # Every name an entry goes by, so that 'Kataib Hizballah' finds Kataib Hezbollah; an
    # alias's option says whose it is.
    names = sorted((alias.name, linked.entity(n).name, n) for n in nodes
                   for alias in (linked.entity(n), *linked.entity(n).aliases))
    options = "".join(f'<option value="{attr(name)}" data-id="{node}"'
                      + (f' label="{attr(own)}"' if name != own else "") + "></option>"
                      for name, own, node in names)
    return ('<form class="kb-network-controls" hidden aria-label="Filter the network">\n'
            f'<p class="kb-network-how">{_HOW}</p>\n'
            '<label class="kb-network-find">Find an entry '
            '<input type="search" name="focus" list="kb-network-names" autocomplete="off">'
            f'</label><datalist id="kb-network-names">{options}</datalist>\n'
            '<output class="kb-network-found" aria-live="polite"></output>\n'
            '<button type="button" data-zoom="in" aria-label="Zoom in">+</button>\n'
            '<button type="button" data-zoom="out" aria-label="Zoom out">−</button>\n'
            '<button type="button" data-zoom="reset">Whole network</button>\n'
            f"<fieldset><legend>Show entries</legend>{kinds}</fieldset>\n"
            f"<fieldset><legend>Show links</legend>{relations}</fieldset>\n"
            "</form>\n")


def _legend() -> str:
    """What the colours and lines mean; shown with or without the script."""
    kinds = "".join(f'<li><span class="kb-swatch" data-kind="{k}"></span>{KINDS[k].plural}</li>'
                    for k in ENTITY_KINDS)
    return ('<ul class="kb-legend" aria-label="Legend">'
            f"{kinds}"
            '<li><span class="kb-swatch-line"></span>a relation between two entries</li>'
            '<li><span class="kb-swatch-line" data-type="participant"></span>'
            "took part in, or took place in, an event</li></ul>\n")


def _link_list(linked: Linked, links: list[Edge]) -> str:
    by_type: dict[str, list[Edge]] = defaultdict(list)
    for edge in links:
        by_type[edge.type].append(edge)
    parts = ["## Every link\n"]
    for edge_type in sorted(by_type, key=lambda t: EDGE_LABELS[t]):
        parts.append(f"### {literal(EDGE_LABELS[edge_type].capitalize())}\n")
        rows = sorted(by_type[edge_type], key=lambda e: (linked.entry(e.source).name.casefold(),
                                                         linked.entry(e.target).name.casefold()))
        parts.append("\n".join(
            f"- {link_to(linked, e.source, PATH)} → {link_to(linked, e.target, PATH)}"
            + (f" ({esc(e.label)})" if e.type == "participant" and e.label != EDGE_LABELS[e.type]
               else "")
            + reported_marker(linked, list(e.cite)) for e in rows) + "\n")
    return "\n".join(parts)


EGO_FONT = 14
"""Label size of an entry's own network, in CSS pixels: the drawing is shown at its
own size (scaled down only on a narrower screen), so names read as the page's text."""
EGO_WRAP = 30
"""Longest line of a label in an entry's own network, in characters: the drawing then
fits a phone's width (about 350 px) at nearly its own size."""


def ego_network(linked: Linked, entry_id: EntryId, path: PagePath) -> str:
    """An entry and its direct connections, drawn as a tree: the entry at the top left,
    its connections in a column below it, grouped by kind, one row each, long names on
    two lines. The drawing grows with the number of connections, every name is written
    whole, and it fits a phone (issue 17, item 3)."""
    around = linked.edges_of.get(entry_id, [])
    neighbours = list(dict.fromkeys(e.target if e.source == entry_id else e.source
                                    for e in around))
    if not neighbours:
        return ""
    order = {k: i for i, k in enumerate(ENTITY_KINDS)}
    neighbours.sort(key=lambda n: (order.get(linked.kind(n), 9),
                                   linked.entry(n).name.casefold()))
    font, radius, indent = EGO_FONT, 7.0, 44.0
    line_height, gap = font * 1.2, font * 0.7
    positions: dict[EntryId, tuple[float, float]] = {entry_id: (radius + 1, font)}
    places: dict[EntryId, Spot | None] = {
        entry_id: (2 * radius + 6, font * 1.35, "start")}
    y = font * 2 + gap  # top of the next row
    widest = len(linked.entry(entry_id).name) * font * CHAR_WIDTH + 2 * radius + 6
    for other in neighbours:
        lines = label_lines(linked.entry(other).name, EGO_WRAP)
        positions[other] = (indent, y + line_height / 2)
        places[other] = (indent + radius + 6, y + line_height / 2 + font / 3, "start")
        widest = max(widest, indent + radius + 6 + max(map(len, lines)) * font * CHAR_WIDTH)
        y += len(lines) * line_height + gap
    box = (-2.0, -2.0, widest + 4, y)
    name = linked.entry(entry_id).name
    drawing = svg(linked, [entry_id, *neighbours], around, positions, path, box=box,
                  label=f"{name} and {count(len(neighbours), 'direct connection')}",
                  radius=radius, font=font, places=places, wrap=EGO_WRAP,
                  size=(round(box[2] - box[0]), round(box[3] - box[1])))
    listed = "it" if len(neighbours) == 1 else "them"
    return (f"## Network\n\n{count(len(neighbours), 'direct connection')}; the tables "
            f"above list {listed} with their sources. See {listed} in the "
            f"[whole network]({href(path, PATH)}?focus={entry_id}).\n\n"
            f'<div class="kb-ego">\n{drawing}</div>\n')
