"""The relationship graph: who is connected to whom, laid out in Python at build time.

The graph is drawn as SVG with real links, so it reads (and clicks through) without
JavaScript; overrides/js/network.js only adds zoom, pan and filters. The layout is a
force-directed one (Fruchterman and Reingold), with repulsion looked up in a grid of
cells so that each step costs time in proportion to the number of nodes, and a fixed
starting spiral so that every build draws the same picture.
"""

from __future__ import annotations

import math
from collections import defaultdict

from kb.link import EDGE_LABELS, Edge, Linked
from kb.model import ENTITY_KINDS, KINDS
from kb.render.text import attr, esc, isolate_plain, literal, page_head, page_path

PATH = "network.md"
SIZE = 1000.0
"""Width and height of the drawing, in SVG units."""
MAX_DRAWN = 250
"""Most entries the whole-network drawing shows: beyond a few hundred names a drawing
cannot be read, and its layout would cost more than the rest of the build."""


# ---------------------------------------------------------------------------- layout


Layouts = dict[tuple[tuple[str, ...], tuple[tuple[str, str], ...], int],
               list[tuple[float, float]]]
"""Drawings laid out before, by nodes, links and steps: the live preview draws the whole
network again at every save, and most saves leave it as it was (`kb.render.memo`)."""


def layout(nodes: list[str], links: list[tuple[str, str]], iterations: int = 120, *,
           memo: Layouts | None = None) -> dict[str, tuple[float, float]]:
    """Positions in [0, SIZE]² for every node; the same input gives the same drawing.
    With a `memo`, the last drawing is kept there and taken back for the same input."""
    key = (tuple(nodes), tuple(links), iterations)
    positions = memo.get(key) if memo is not None else None
    if positions is None:
        positions = _layout(*key)
        if memo is not None:
            memo.clear()  # the last drawing is the one the next save most likely keeps
            memo[key] = positions
    return dict(zip(nodes, positions, strict=True))


def _layout(nodes: tuple[str, ...], links: tuple[tuple[str, str], ...],
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


def url(from_page: str, kind: str, entry_id: str) -> str:
    """Relative address of an entry's published page (directory URLs), for raw HTML."""
    depth = from_page.removesuffix(".md").count("/") + 1
    return "../" * depth + page_path(kind, entry_id).removesuffix(".md") + "/"


def svg(linked: Linked, nodes: list[str], links: list[Edge], positions: dict,
        from_page: str, *, label: str, radius: float = 7.0, font: float = 11.0,
        radial: bool = False) -> str:
    """An SVG drawing whose nodes are links to their pages. `radial` sets each label
    outward from the centre, so that labels around a ring do not cross it."""
    box = (-420, -60, SIZE + 840, SIZE + 120) if radial else (-40, -40, SIZE + 80, SIZE + 80)
    lines = [f'<svg class="kb-graph" viewBox="{" ".join(f"{v:.0f}" for v in box)}" '
             f'role="group" aria-label="{attr(label)}" xmlns="http://www.w3.org/2000/svg" '
             'xmlns:xlink="http://www.w3.org/1999/xlink">',
             f"<title>{attr(label)}</title>", '<g class="kb-graph-edges">']
    for edge in links:
        (x1, y1), (x2, y2) = positions[edge.source], positions[edge.target]
        lines.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'data-type="{edge.type}" data-ends="{edge.source} {edge.target}">'
                     f"<title>{attr(_edge_title(linked, edge))}</title></line>")
    lines.append('</g><g class="kb-graph-nodes">')
    for node in nodes:
        kind = linked.kind(node)
        cx, cy = positions[node]
        name = linked.entry(node).name
        tx, ty, anchor = _label_place(cx, cy, radius, font, radial)
        # xlink:href, not href: Material's instant navigation rewrites every [href] it
        # loads, and an SVG link's href cannot be written, which stops the navigation.
        lines.append(f'<a xlink:href="{url(from_page, kind, node)}" data-kind="{kind}" '
                     f'data-id="{node}"><circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius}"/>'
                     f'<text x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}" '
                     f'font-size="{font}">{attr(isolate_plain(_short(name)))}</text>'
                     f"<title>{attr(name)} ({KINDS[kind].label.lower()})</title></a>")
    lines.append("</g></svg>")
    return "\n".join(lines) + "\n"


def _label_place(cx: float, cy: float, radius: float, font: float,
                 radial: bool) -> tuple[float, float, str]:
    """Where a node's label goes: to its right, or, in a ring, away from the centre."""
    if not radial:
        return cx + radius + 2, cy + font / 3, "start"
    dx, dy = cx - SIZE / 2, cy - SIZE / 2
    if abs(dx) < SIZE * 0.05:  # on the vertical axis: above or below the node
        return cx, cy + (radius + font if dy >= 0 else -radius - font / 2), "middle"
    if dx < 0:
        return cx - radius - 4, cy + font / 3, "end"
    return cx + radius + 4, cy + font / 3, "start"


def _short(name: str, limit: int = 32) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _edge_title(linked: Linked, edge: Edge) -> str:
    return f"{linked.entry(edge.source).name} — {edge.label} — {linked.entry(edge.target).name}"


# ---------------------------------------------------------------------------- pages

_INTRO = ("Everyone and everything in the story and how they connect: relations between "
          "people, groups and places, and who and where each event involves. Hover a line "
          "to read the link; click a name to open its page. Scroll to zoom, drag to move, "
          "and use the boxes to show only some kinds of entry or of link. The same links "
          "are listed below the drawing.")


def network_page(linked: Linked, layouts: Layouts | None = None) -> tuple[str, str]:
    """(path, Markdown) of the whole network: a drawing and the same links as a list;
    `layouts` as for `layout`."""
    # Entries with no link (news outlets, mostly) would only crowd the margins.
    linked_ids = [i for i, k in linked.kb.kinds.items()
                  if k in ENTITY_KINDS and linked.edges_of.get(i)]
    nodes = most_connected(linked, linked_ids, MAX_DRAWN)
    drawn = set(nodes)
    links = [e for e in linked.edges if e.source in drawn and e.target in drawn]
    positions = layout(nodes, [(e.source, e.target) for e in links], memo=layouts)
    drawing = svg(linked, nodes, links, positions, PATH,
                  label=f"Network of {len(nodes)} entries and {len(links)} links")
    parts = [page_head("Network", _INTRO + _scope(len(nodes), len(linked_ids))),
             _controls(links), f'<div class="kb-network">\n{drawing}</div>\n',
             _link_list(linked, links)]
    return PATH, "\n".join(parts)


def most_connected(linked: Linked, ids: list[str], limit: int) -> list[str]:
    """The `limit` entries with most links, in their original order; ties by order."""
    if len(ids) <= limit:
        return ids
    ranked = sorted(range(len(ids)), key=lambda n: -len(linked.edges_of[ids[n]]))[:limit]
    return [ids[n] for n in sorted(ranked)]


def _scope(drawn: int, linked_count: int) -> str:
    if drawn == linked_count:
        return ""
    return (f" With {linked_count:,} linked entries, the drawing and the list show the "
            f"{drawn} with most links; every entry's own page draws and lists all of its own.")


def _controls(links: list[Edge]) -> str:
    kinds = "".join(f'<label><input type="checkbox" name="kind" value="{k}" checked> '
                    f"{KINDS[k].plural}</label> " for k in ENTITY_KINDS)
    types = sorted({e.type for e in links}, key=lambda t: EDGE_LABELS[t])
    relations = "".join(f'<label><input type="checkbox" name="type" value="{t}" checked> '
                        f"{attr(EDGE_LABELS[t])}</label> " for t in types)
    return ('<form class="kb-network-controls" hidden aria-label="Filter the network">\n'
            f"<fieldset><legend>Show entries</legend>{kinds}</fieldset>\n"
            f"<fieldset><legend>Show links</legend>{relations}</fieldset>\n"
            '<button type="button" data-zoom="in" aria-label="Zoom in">+</button>\n'
            '<button type="button" data-zoom="out" aria-label="Zoom out">−</button>\n'
            '<button type="button" data-zoom="reset">Whole network</button>\n'
            "</form>\n")


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
            f"- {_md_link(linked, e.source)} → {_md_link(linked, e.target)}"
            + (f" ({esc(e.label)})" if e.type == "participant" and e.label != EDGE_LABELS[e.type]
               else "")
            for e in rows) + "\n")
    return "\n".join(parts)


def _md_link(linked: Linked, entry_id: str) -> str:
    return f"[{esc(linked.entry(entry_id).name)}]({page_path(linked.kind(entry_id), entry_id)})"


def ego_network(linked: Linked, entry_id: str, path: str) -> str:
    """An entry and its direct connections, drawn in a ring around it."""
    around = linked.edges_of.get(entry_id, [])
    neighbours = list(dict.fromkeys(e.target if e.source == entry_id else e.source
                                    for e in around))
    if not neighbours:
        return ""
    positions = {entry_id: (SIZE / 2, SIZE / 2)}
    for i, other in enumerate(neighbours):
        angle = 2 * math.pi * i / len(neighbours) - math.pi / 2
        positions[other] = (SIZE / 2 + SIZE * 0.42 * math.cos(angle),
                            SIZE / 2 + SIZE * 0.42 * math.sin(angle))
    name = linked.entry(entry_id).name
    drawing = svg(linked, [entry_id, *neighbours], around, positions, path,
                  label=f"{name} and its {len(neighbours)} direct connections",
                  radius=12, font=30 if len(neighbours) < 12 else 24, radial=True)
    return (f"## Network\n\n{len(neighbours)} direct connections; the tables above list "
            f"them with their sources. See the [whole network](../network.md).\n\n"
            f'<div class="kb-ego">\n{drawing}</div>\n')
