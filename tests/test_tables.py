"""Tables that read on a phone, and indexes a phone can jump through (issue 17, items 2
and 5): what the render stage writes, read as the site's Markdown reads it."""

from __future__ import annotations

import re

import markdown
import pytest

from kb.generator import published_address
from kb.pipeline.render import render
from kb.pipeline.render.table import details_table, table
from tests.conftest import MINI, ROOT, linked_tree, reading, table_rows
from tests.site import mkdocs_config


@pytest.fixture(scope="module")
def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and settings of mkdocs.yml."""
    config = mkdocs_config()
    names, settings = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        settings[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings)


def test_every_cell_of_a_table_carries_its_columns_label(site_markdown):
    written = table(("Relation", "Since", "Sources"),
                    [("Leader of", "", "[Vox](v.md)[^1]"), ("Member & head", "2019", "x")])
    html = site_markdown.reset().convert(written + "\n[^1]: A note.\n")
    assert "<thead>\n<tr>\n<th>Relation</th>\n<th>Since</th>\n<th>Sources</th>" in html
    assert '<td data-label="Relation">Leader of</td>' in html
    assert '<td data-label="Since"></td>' in html  # empty: a phone leaves it out
    assert re.search(r'<td data-label="Sources"><a href="v.md">Vox</a><sup id="fnref:1">',
                     html)
    assert '<td data-label="Relation">Member &amp; head</td>' in html


def test_a_details_table_has_no_header_row_and_a_label_heading_each_row(site_markdown):
    html = site_markdown.reset().convert(details_table([("Title", "*A* title"),
                                                        ("Date", "7 January 2024")]))
    assert "<thead" not in html and "<th></th>" not in html
    assert '<th scope="row">Title</th>\n<td><em>A</em> title</td>' in html


@pytest.mark.parametrize("columns", [("Name", ""), ("Name", " "), ()])
def test_a_column_without_a_label_is_refused(columns):
    # The source page's details table had a header row of empty cells.
    with pytest.raises(ValueError, match="every column needs a label"):
        table(columns, [])


def test_a_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError, match="a row of 1 cells under 2 columns"):
        table(("A", "B"), [("only one",)])
    with pytest.raises(ValueError, match="a row without a label"):
        details_table([("", "value")])


@pytest.fixture(scope="module")
def real_pages() -> dict[str, str]:
    return render(linked_tree(ROOT))


def test_no_generated_page_has_a_header_cell_without_a_name(real_pages):
    empty = [path for path, text in real_pages.items()
             if re.search(r"<th[^>]*>\s*</th>|^\|(\s*\|)+\s*$", text, re.MULTILINE)]
    assert empty == []
    assert table_rows(real_pages["sources/vox-2024-01-07.md"])[0][0] == "Title"


def test_no_column_of_a_generated_table_is_empty_throughout(real_pages):
    # The people index had a Type column with nothing in it.
    found = []
    for path, text in real_pages.items():
        for block in re.findall(r"<table.*?</table>", text, re.DOTALL):
            rows = table_rows(block)
            body = [row for row in rows[1:] if len(row) == len(rows[0])]
            if "<thead>" in block and body:
                found += [f"{path}: {label}" for n, label in enumerate(rows[0])
                          if not any(row[n] for row in body)]
    assert found == []


def sections(page: str) -> list[str]:
    return re.findall(r"^## (.+?) \{ #[a-z0-9-]+ \}$", reading(page), re.MULTILINE)


@pytest.mark.parametrize("kind", ["people", "groups", "places", "events", "sources"])
def test_an_index_is_cut_into_sections_with_contents_to_jump_through(real_pages, kind):
    # Indexes of 5,000 to 12,000 px on a phone had no heading to jump to.
    found = sections(real_pages[f"{kind}/index.md"])
    assert len(found) >= 3
    assert len(found) == len(set(found))  # each section once, holding all its entries
    assert real_pages[f"{kind}/index.md"].count("<table") == len(found)


def test_events_by_year_as_on_the_timeline_and_sources_newest_year_first(real_pages):
    years = sections(real_pages["events/index.md"])
    assert years == sorted(years) and all(y.isdigit() for y in years)
    sources = sections(real_pages["sources/index.md"])
    assert sources[-1] == "Date not given"
    assert sources[:-1] == sorted(sources[:-1], reverse=True)


def test_people_are_listed_by_initial_and_groups_by_type(real_pages):
    people = reading(real_pages["people/index.md"])
    a, b = people.index("## A {"), people.index("## B {")
    assert "[Abu Taqwa](abu-taqwa.md)" in people[a:b]
    groups = reading(real_pages["groups/index.md"])
    armed = groups.index("## Armed group {")
    section = groups[armed:groups.index("## ", armed + 3)]
    assert "[Harakat al-Nujaba](harakat-al-nujaba.md)" in section


def test_a_short_index_still_has_its_sections():
    pages = render(linked_tree(MINI))
    assert re.findall(r"^## (.+) \{", pages["people/index.md"], re.MULTILINE) == ["A", "B"]


@pytest.mark.parametrize(("given", "used"), [
    ("https://someone.github.io/iraq-kb//", "https://someone.github.io/iraq-kb/"),
    ("https://someone.github.io//iraq-kb", "https://someone.github.io/iraq-kb/"),
    ("https://someone.github.io/iraq-kb/", "https://someone.github.io/iraq-kb/"),
    ("https://example.org", "https://example.org/"),
    ("https://example.org//", "https://example.org/"),
    ("http://127.0.0.1:8000/a//b/", "http://127.0.0.1:8000/a/b/"),
    ("", ""),
])
def test_the_published_address_has_no_doubled_slash(given, used):
    # A 404 page's footer linked /iraq-kb//downloads/…: every address made from the
    # published one joins a path to it.
    assert published_address(given) == used


def test_a_column_empty_in_every_row_is_left_out(site_markdown):
    written = table(("Version", "Given by", "Note"), [("52", "The Daily", ""), ("53", "Wire", "")])
    assert table_rows(written) == [("Version", "Given by"), ("52", "The Daily"), ("53", "Wire")]
    html = site_markdown.reset().convert(written)
    assert "Note" not in html and html.count("<td") == 4


def test_every_table_the_site_writes_reads_on_a_phone(real_pages):
    # Tables were cut on 122 of 225 pages: every one is now written by kb.pipeline.render.table,
    # its data cells labelled for stacking (or a details table, labelled by row).
    markdown_tables = [path for path, text in real_pages.items()
                       if re.search(r"^\|.*\|\s*$", text, re.MULTILINE)]
    assert markdown_tables == []
    unlabelled = [path for path, text in real_pages.items()
                  for block in re.findall(r"<table.*?</table>", text, re.DOTALL)
                  if "<td" in block and 'data-label="' not in block
                  and '<th scope="row">' not in block]
    assert unlabelled == []
    assert sum(text.count("<table") for text in real_pages.values()) > 200
