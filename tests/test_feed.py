"""The Latest page and its Atom feed (issue 18, item 5): valid against RFC 4287's
schema, ids that hold across builds and addresses, sources newest first with what each
added, and both reachable from every page."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import rnc2rng
from lxml import etree

from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render import Site, render
from kb.pipeline.render.feed import feed_id
from kb.pipeline.validate import validate
from tests.conftest import MINI, ROOT, linked_tree, reading
from tests.site import mkdocs_config

SCHEMA = ROOT / "tests" / "vendor" / "atom" / "atom.rnc"
A = "{http://www.w3.org/2005/Atom}"


@cache
def atom_schema() -> etree.RelaxNG:
    """RFC 4287's grammar, from its compact syntax. rnc2rng declares a prefix for the
    empty namespace ('local'), which XML namespaces forbid; RELAX NG does not need it."""
    grammar = rnc2rng.dumps(rnc2rng.load(str(SCHEMA))).replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(grammar.encode()))


def parsed(feed: str) -> etree._Element:
    root = etree.fromstring(feed.encode("utf-8"))
    schema = atom_schema()
    assert schema.validate(root), schema.error_log
    # The rules of the RFC's Schematron annotations, which RELAX NG leaves out.
    if root.find(f"{A}author") is None:
        assert all(e.find(f"{A}author") is not None for e in root.iter(f"{A}entry"))
    for entry in root.iter(f"{A}entry"):
        assert entry.find(f"{A}content") is not None or any(
            link.get("rel", "alternate") == "alternate" for link in entry.iter(f"{A}link"))
    return root


def pages_of(root: Path, site: Site | None = None) -> dict[str, str]:
    kb, problems = validate(load(root / "data", root=root))
    assert [p for p in problems if p.severity == "error"] == []
    return render(link(kb), site)


SOURCES = {
    "sources/early.yaml": "title: Early report\ntype: article\noutlet: outlet\n"
                          "date: 2024-01-03\ndate_basis: printed\n",
    "sources/report.yaml": "title: A report\ntype: article\noutlet: outlet\n"
                           "date: 2024-01-07\ndate_basis: printed\n",
    "sources/month.yaml": "title: Monthly review\ntype: article\ndate: 2024-01\n"
                          "date_basis: printed\n",
    "sources/undated.yaml": "title: Undated note\ntitle_kind: description\ntype: post\n",
    "sources/open.yaml": "title: Open-ended note\ntitle_kind: description\ntype: post\n"
                         "date: \"[2024-01-01..]\"\ndate_basis: inferred\n",
}
PEOPLE = {
    "people/ada.yaml": """\
name: Ada
summary: {text: A person., cite: [early]}
facts:
  - text: She spoke.
    cite: [report, month]
disputes:
  - about: Age
    versions:
      - {value: "52", cite: [report]}
      - {value: "53", cite: [month]}
""",
    "people/bo.yaml": "name: Bo\nsummary: {text: A person., cite: [report]}\n",
    "people/cy.yaml": "name: Cy\nsummary: {text: A person., cite: [report, undated]}\n",
    "people/di.yaml": "name: Di\nsummary: {text: A person., cite: [report, open]}\n",
}


@pytest.fixture
def tree(data_tree) -> Path:
    return data_tree({**SOURCES, **PEOPLE})


# ---------------------------------------------------------------------------- the feed


def test_the_feed_is_valid_atom_with_the_site_address(tree):
    site = Site(name="A knowledge base", url="https://example.org/kb/")
    feed = parsed(pages_of(tree, site)["feed.xml"])
    assert feed.findtext(f"{A}title") == "A knowledge base: latest sources"
    assert feed.findtext(f"{A}author/{A}name") == "The editors of A knowledge base"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    assert links == {"self": "https://example.org/kb/feed.xml",
                     "alternate": "https://example.org/kb/latest/"}
    [first, *_] = feed.findall(f"{A}entry")
    assert first.find(f"{A}link").get("href") == "https://example.org/kb/sources/month/"
    assert 'href="https://example.org/kb/people/ada/"' in first.findtext(f"{A}content")


def test_the_feed_is_valid_without_a_site_address_and_links_relatively(tree):
    feed = parsed(pages_of(tree)["feed.xml"])
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    assert links == {"self": "feed.xml", "alternate": "latest/"}
    assert feed.findtext(f"{A}author/{A}name") == "The editors"


def test_the_mini_and_real_feeds_are_valid(tmp_path):
    parsed(pages_of(MINI)["feed.xml"])
    parsed(render(linked_tree(ROOT), Site(name="Site"))["feed.xml"])


def test_entries_are_dated_sources_newest_first_at_midnight_utc(tree):
    feed = parsed(pages_of(tree)["feed.xml"])
    entries = [(e.findtext(f"{A}title"), e.findtext(f"{A}updated"))
               for e in feed.findall(f"{A}entry")]
    # 'January 2024' counts from its last day; undated and open-ended sources are out.
    assert entries == [("“Monthly review”", "2024-01-31T00:00:00Z"),
                       ("Outlet: “A report”", "2024-01-07T00:00:00Z"),
                       ("Outlet: “Early report”", "2024-01-03T00:00:00Z")]
    assert feed.findtext(f"{A}updated") == "2024-01-31T00:00:00Z"  # the newest entry's
    assert "midnight UTC" in feed.findtext(f"{A}subtitle")


def test_ids_are_stable_across_builds_and_addresses(tree):
    def ids(site: Site | None) -> list[str]:
        feed = parsed(pages_of(tree, site)["feed.xml"])
        return [feed.findtext(f"{A}id")] + [e.findtext(f"{A}id")
                                           for e in feed.findall(f"{A}entry")]

    first = ids(None)
    assert first == ids(None) == ids(Site(name="Renamed", url="https://moved.example/"))
    assert first == [feed_id("feed"), feed_id("source:month"), feed_id("source:report"),
                     feed_id("source:early")]
    # Fixed values: a change of the namespace or of the names would make every entry
    # new to subscribers.
    assert feed_id("source:report") == "urn:uuid:f952be8f-f691-5892-b7b1-501c9d969a20"
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in first)
    assert len(set(first)) == len(first)


def test_the_feed_with_no_dated_source_is_still_valid(data_tree):
    root = data_tree({"sources/report.yaml": "title: A report\ntype: article\n",
                      "groups/outlet.yaml": "name: Outlet\ntype: news outlet\n"
                                            "summary: {text: A paper., cite: [report]}\n"})
    feed = parsed(pages_of(root)["feed.xml"])
    assert feed.findall(f"{A}entry") == []
    assert feed.findtext(f"{A}updated") == "1970-01-01T00:00:00Z"


# ---------------------------------------------------------------------------- the page


def test_the_latest_page_lists_sources_newest_first_with_what_each_added(tree):
    page = reading(pages_of(tree)["latest.md"])
    order = [page.index(h) for h in ("## January 2024\n", "## 7 January 2024 · Outlet\n",
                                     "## 3 January 2024 · Outlet\n",
                                     "## Sources without a known date")]
    assert order == sorted(order)
    report = page.split("## 7 January 2024 · Outlet", 1)[1].split("\n## ", 1)[0]
    # Bo's and the outlet's only source, and Ada's fact's; not Ada (an earlier source
    # has her), nor Cy (an undated source may have been first), nor Di (an open-ended
    # date likewise).
    assert ("- First source of 2 entries: [Bo](people/bo.md), [Outlet](groups/outlet.md)"
            "\n") in report
    assert ("- 6 statements cite it, on [Ada](people/ada.md) (2), [Bo](people/bo.md), "
            "[Cy](people/cy.md), [Di](people/di.md), [Outlet](groups/outlet.md)\n") in report
    assert "- Disagreements: [Age](people/ada.md#disagreement-age) ([Ada](people/ada.md))" \
        in report
    early = page.split("## 3 January 2024 · Outlet", 1)[1].split("\n## ", 1)[0]
    assert "- First source of 1 entry: [Ada](people/ada.md)\n" in early
    assert "- 1 statement cites it, on [Ada](people/ada.md)\n" in early
    undated = page.split("## Sources without a known date", 1)[1]
    assert undated.index("### on or after 1 January 2024") < undated.index(
        "### Date not given")


def test_the_latest_page_is_in_the_nav_and_every_page_links_the_feed():
    nav = mkdocs_config()["nav"]
    assert {"Latest": "latest.md"} in nav
    template = (ROOT / "overrides" / "main.html").read_text("utf-8")
    assert ('<link rel="alternate feed" type="application/atom+xml" '
            'href="{{ \'feed.xml\' | url }}"') in template


def test_a_date_the_page_does_not_print_says_how_it_is_known(data_tree):
    """The Latest page and the feed gave guessed dates as plain dates (trial of issue
    18: Observer Iraq "Published 4 January 2024", no date on its page); each now says how
    its date is known, as the source's own page does. A printed date needs no word."""
    guessed = SOURCES["sources/report.yaml"].replace("printed", "inferred")
    pages = pages_of(data_tree({**SOURCES, "sources/report.yaml": guessed, **PEOPLE}))
    latest = reading(pages["latest.md"])
    report = latest.split("## 7 January 2024")[1].split("\n## ")[0]
    assert "Date inferred from the text or from another page; not printed in full." in report
    early = latest.split("## 3 January 2024")[1].split("\n## ")[0]
    assert "Date " not in early
    contents = {e.findtext(f"{A}title"): e.findtext(f"{A}content")
                for e in parsed(pages["feed.xml"]).findall(f"{A}entry")}
    assert contents["Outlet: “A report”"].startswith(
        "<p>Published 7 January 2024 (date inferred from the text or from another page; "
        "not printed in full).</p>")
    assert contents["Outlet: “Early report”"].startswith("<p>Published 3 January 2024.</p>")
