"""Tables that read on a phone: every data cell says which column it is in.

A table of five columns does not fit a phone held upright: its last columns go off the
screen, or its text is squeezed to two or three words a line. So every table the
pipeline writes is HTML whose data cells carry their column's label (`data-label`),
and below 600 px the stylesheet (overrides/css/kb.css) stacks each row into a block,
each cell under its label. Wider screens see an ordinary table.

Cells hold Markdown (links, footnote markers, escaped data text): the `md_in_html`
extension (mkdocs.yml, required by kb.generator) reads it inside the HTML, one span
per cell. Column labels are the site's own words, escaped here for HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kb.pipeline.render.text import attr


def table(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A table with a header row of `columns` and one row per item of `rows`, each a
    sequence of Markdown cells, as an HTML block followed by a blank line. Each data
    cell carries its column's label (`data-label`), so that a phone can show it beside
    the cell (kb.css). An empty cell stays empty, and a phone leaves it out; a column
    empty in every row is left out, heading and all (a disagreement whose versions
    have no note has no Note column).

    Raises ValueError for a row with more or fewer cells than `columns`, or for a
    column without a label: a header cell must never be empty (a reader, or a screen
    reader, would meet a column with no name)."""
    if not columns or not all(label.strip() for label in columns):
        raise ValueError(f"every column needs a label: {list(columns)!r}")
    rows = [list(row) for row in rows]
    for row in rows:
        if len(row) != len(columns):
            raise ValueError(f"a row of {len(row)} cells under {len(columns)} columns: "
                             f"{row!r}")
    kept = [n for n in range(len(columns)) if not rows or any(row[n].strip() for row in rows)]
    labels = [attr(columns[n]) for n in kept]
    head = "".join(f"<th>{label}</th>" for label in labels)
    lines = ['<table markdown="1">', f"<thead><tr>{head}</tr></thead>", '<tbody markdown="1">']
    for row in rows:
        cells = "".join(_cell("td", f' data-label="{label}"', row[n])
                        for label, n in zip(labels, kept, strict=True))
        lines.append(f'<tr markdown="1">{cells}</tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines) + "\n"


def details_table(rows: Iterable[tuple[str, str]]) -> str:
    """A table of (label, Markdown value) pairs, such as a source's title, outlet and
    date: each label heads its own row (`<th scope="row">`), and there is no header
    row, since its columns would have no name to give. Two columns fit a phone, so it
    is never stacked. Raises ValueError for an empty label."""
    lines = ['<table markdown="1">', '<tbody markdown="1">']
    for label, value in rows:
        if not label.strip():
            raise ValueError(f"a row without a label: {value!r}")
        lines.append(f'<tr markdown="1"><th scope="row">{attr(label)}</th>'
                     f'{_cell("td", "", value)}</tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines) + "\n"


def _cell(tag: str, attributes: str, markdown: str) -> str:
    """One cell; its Markdown read as a span (md_in_html), its text on one line."""
    text = " ".join(markdown.split())
    if not text:
        return f"<{tag}{attributes}></{tag}>"
    return f'<{tag}{attributes} markdown="span">{text}</{tag}>'
