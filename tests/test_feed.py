"""The Latest page and its Atom feed (issue 18, item 5): valid against RFC 4287's
schema, ids that hold across builds and addresses, sources newest first with what each
added, and both reachable from every page."""

from __future__ import annotations

import posixpath
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


ADDED = {  # the day each was added to data/; 'month' and 'open' have none recorded
    "early": "added: 2026-11-29\n", "report": "added: 2026-11-25\n",
    "undated": "added: 2026-11-28\n"}


@pytest.fixture
def added_tree(data_tree) -> Path:
    sources = {path: text + ADDED.get(Path(path).stem, "") for path, text in SOURCES.items()}
    return data_tree({**sources, **PEOPLE})


def test_every_source_is_an_entry_dated_by_the_day_it_was_added(added_tree):
    """Issue 18's trial: the undated sources (S36, S39) were left out of the feed, and an
    entry's <updated> was its publication date, so that sources added now with old
    dates sank deep in a feed reader. Every source is in; <updated> is the day it was
    added to data/ (`added`), else the last day its publication date can mean, else
    the epoch; newest first."""
    feed = parsed(pages_of(added_tree)["feed.xml"])
    entries = [(e.findtext(f"{A}title"), e.findtext(f"{A}updated"))
               for e in feed.findall(f"{A}entry")]
    assert entries == [("Outlet: “Early report”", "2026-11-29T00:00:00Z"),
                       ("[Undated note]", "2026-11-28T00:00:00Z"),
                       ("Outlet: “A report”", "2026-11-25T00:00:00Z"),
                       ("“Monthly review”", "2024-01-31T00:00:00Z"),
                       ("[Open-ended note]", "1970-01-01T00:00:00Z")]
    assert feed.findtext(f"{A}updated") == "2026-11-29T00:00:00Z"  # the newest entry's
    assert "midnight UTC" in feed.findtext(f"{A}subtitle")
    assert "by the day it was added" in feed.findtext(f"{A}subtitle")


def test_without_added_days_entries_fall_back_to_their_publication_dates(tree):
    feed = parsed(pages_of(tree)["feed.xml"])
    entries = [(e.findtext(f"{A}title"), e.findtext(f"{A}updated"))
               for e in feed.findall(f"{A}entry")]
    # 'January 2024' counts from its last day; undated and open-ended sources too are
    # in, at the epoch, and say that the day added is not recorded.
    assert entries == [("“Monthly review”", "2024-01-31T00:00:00Z"),
                       ("Outlet: “A report”", "2024-01-07T00:00:00Z"),
                       ("Outlet: “Early report”", "2024-01-03T00:00:00Z"),
                       ("[Open-ended note]", "1970-01-01T00:00:00Z"),
                       ("[Undated note]", "1970-01-01T00:00:00Z")]
    assert feed.findtext(f"{A}updated") == "2024-01-31T00:00:00Z"
    for entry in feed.findall(f"{A}entry"):
        assert "<p>The day it was added to the knowledge base is not recorded.</p>" \
            in entry.findtext(f"{A}content")


def published(feed: etree._Element) -> dict[str, str | None]:
    return {e.findtext(f"{A}title"): e.findtext(f"{A}published")
            for e in feed.findall(f"{A}entry")}


@pytest.mark.parametrize(("date", "basis", "expected"), [
    ("2024-01-07", "printed", "2024-01-07T00:00:00Z"),
    ("2024-01-07", "url", "2024-01-07T00:00:00Z"),
    ("2024-01-07", "inferred", None),  # a guess is said in words, not as a known day
    ("2024-01-07", "republication", None),  # the copy's stamp, not the original's
    ("2024-01", "printed", None),  # a month is no day
    ("\"[2024-01-04..2024-01-07]\"", "printed", None),
    ("2024-01-07~", "printed", None),
    ("{edtf: 2024-01, qualifier: late}", "printed", None),
])
def test_published_only_where_the_publication_day_is_known(data_tree, date, basis,
                                                             expected):
    report = (f"title: A report\ntype: article\noutlet: outlet\ndate: {date}\n"
              f"date_basis: {basis}\nadded: 2026-11-25\n")
    feed = parsed(pages_of(data_tree({"sources/report.yaml": report}))["feed.xml"])
    assert published(feed) == {"Outlet: “A report”": expected}


def test_an_entry_says_how_its_date_is_known_or_that_it_is_not(added_tree):
    contents = {e.findtext(f"{A}title"): e.findtext(f"{A}content")
                for e in parsed(pages_of(added_tree)["feed.xml"]).findall(f"{A}entry")}
    assert contents["[Undated note]"].startswith(
        "<p>Publication date not known: the source material gives none.</p>"
        "<p>Added to the knowledge base on 28 November 2026.</p><ul>")
    assert contents["Outlet: “Early report”"].startswith(
        "<p>Published: 3 January 2024.</p>"
        "<p>Added to the knowledge base on 29 November 2026.</p>")
    assert contents["[Open-ended note]"].startswith(
        "<p>Published: on or after 1 January 2024 (date inferred from the text or from "
        "another page; not printed in full).</p>"
        "<p>The day it was added to the knowledge base is not recorded.</p>")


def test_every_real_source_has_its_added_day_and_its_entry():
    """The days each source of data/ was added, recorded from the project's history
    (`git log --diff-filter=A --format=%as`): S31, S35, S37 and S38, added with old
    publication dates, lead the feed with the other sources added that day, and the
    undated S36 (Al-Khanadeq) and S39 (Mirage News) are in it."""
    linked = linked_tree(ROOT)
    sources = [i for i, kind in linked.kb.kinds.items() if kind == "source"]
    assert all(linked.entry(i).added for i in sources)
    feed = parsed(render(linked, Site(name="Site"))["feed.xml"])
    ids = [e.findtext(f"{A}id") for e in feed.findall(f"{A}entry")]
    assert sorted(ids) == sorted(feed_id(f"source:{i}") for i in sources)
    updated = {e.findtext(f"{A}id"): e.findtext(f"{A}updated")
               for e in feed.findall(f"{A}entry")}
    for source_id in ("alkhanadeq-abu-taqwa-assassination",
                      "miragenews-us-announces-end-date-for-anti-isis-mission"):
        assert updated[feed_id(f"source:{source_id}")] == "2026-11-29T00:00:00Z"
    assert updated[feed_id("source:vox-2024-01-07")] == "2026-11-25T00:00:00Z"
    assert feed.findtext(f"{A}updated") == max(updated.values())


@pytest.mark.parametrize(("added", "message"), [
    ("2024-02-30", "added: '2024-02-30' is not a day on the calendar; expected the day "
                   "this source was added to data/, written year first as 2026-11-30"),
    ("yesterday", "added: 'yesterday' is not a day; expected the day this source was "
                  "added to data/"),
    ("2024-01", "added: '2024-01' is not a day; expected"),
    ("\"[2024-01-01..2024-01-04]\"", "added: '[2024-01-01..2024-01-04]' is not a day;"),
    ("2999-01-01", "added: '2999-01-01' is after today ("),
    ("2024-01-06", "added: '2024-01-06' is before the source was published (7 January "
                   "2024); 'added' is the day this source was added to data/, on or after "
                   "its publication"),
])
def test_a_wrong_added_day_is_refused_at_its_line(data_tree, added, message):
    root = data_tree({"sources/report.yaml": "title: A report\ntype: article\n"
                                             "outlet: outlet\ndate: 2024-01-07\n"
                                             f"date_basis: printed\nadded: {added}\n"})
    _, problems = validate(load(root / "data", root=root))
    shown = [str(p) for p in problems]
    assert any(p.startswith("data/sources/report.yaml:6:") and message in p for p in shown), \
        shown


def test_ids_are_stable_across_builds_and_addresses(tree):
    def ids(site: Site | None) -> list[str]:
        feed = parsed(pages_of(tree, site)["feed.xml"])
        return [feed.findtext(f"{A}id")] + [e.findtext(f"{A}id")
                                           for e in feed.findall(f"{A}entry")]

    first = ids(None)
    assert first == ids(None) == ids(Site(name="Renamed", url="https://moved.example/"))
    assert first == [feed_id("feed"), feed_id("source:month"), feed_id("source:report"),
                     feed_id("source:early"), feed_id("source:open"),
                     feed_id("source:undated")]
    # Fixed values: a change of the namespace or of the names would make every entry
    # new to subscribers.
    assert feed_id("source:report") == "urn:uuid:f952be8f-f691-5892-b7b1-501c9d969a20"
    assert all(re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", i) for i in first)
    assert len(set(first)) == len(first)


def test_the_feed_with_no_source_is_still_valid(data_tree):
    root = data_tree({}, with_source=False)
    (root / "data" / "sources").mkdir(parents=True)
    feed = parsed(pages_of(root)["feed.xml"])
    assert feed.findall(f"{A}entry") == []
    assert feed.findtext(f"{A}updated") == "1970-01-01T00:00:00Z"


def test_an_undated_source_without_added_is_in_the_feed_at_the_epoch(data_tree):
    root = data_tree({"sources/report.yaml": "title: A report\ntype: article\n",
                      "groups/outlet.yaml": "name: Outlet\ntype: news outlet\n"
                                            "summary: {text: A paper., cite: [report]}\n"})
    feed = parsed(pages_of(root)["feed.xml"])
    [entry] = feed.findall(f"{A}entry")
    assert entry.findtext(f"{A}updated") == feed.findtext(f"{A}updated") \
        == "1970-01-01T00:00:00Z"
    assert entry.find(f"{A}published") is None


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
    assert undated.index("### On or after 1 January 2024") < undated.index(
        "### Date not given")


def test_the_latest_page_says_undated_sources_are_in_the_feed_and_when_each_was_added(
        added_tree):
    page = reading(pages_of(added_tree)["latest.md"])
    undated = page.split("## Sources without a known date", 1)[1]
    assert undated.startswith("\n\nThe source material gives no publication date for "
                              "these, or none with a last possible day")
    assert "The feed has them too, dated by the day each was added." in undated
    assert "left out of the feed" not in page
    note = undated.split("### Date not given", 1)[1].split("\n### ")[0]
    assert "*Added to the knowledge base on 28 November 2026.*" in note
    month = page.split("## January 2024\n", 1)[1].split("\n## ")[0]
    assert "Added to the knowledge base" not in month  # not recorded: nothing claimed


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
        "<p>Published: 7 January 2024 (date inferred from the text or from another page; "
        "not printed in full).</p>")
    assert contents["Outlet: “Early report”"].startswith("<p>Published: 3 January 2024.</p>")


def test_a_source_whose_day_is_not_known_is_listed_below_that_days_and_says_so(tree):
    """Issue 18, item 2, on the Latest page (newest first): 'January 2024' is listed at
    31 January, and says that it may have been published before sources below it."""
    page = reading(pages_of(tree)["latest.md"])
    month = page.split("## January 2024\n", 1)[1].split("\n## ")[0]
    assert ("*Day not known: listed at the last day it can have been published, so it may "
            "have been published before some of the sources listed below it.*") in month
    report = page.split("## 7 January 2024 · Outlet", 1)[1].split("\n## ")[0]
    assert "Day not known" not in report


# ---------------------------------------------------------------------------- the page
# cut into periods (issue 16, item 2: at 1,000 entries the one Latest page was 276 KB of
# Markdown that every rename changed, and took MkDocs 0.9-1.7 s of each save)

SPREAD = {
    **SOURCES,
    "sources/may.yaml": "title: May report\ntype: article\noutlet: outlet\n"
                        "date: 2023-05-01\ndate_basis: printed\n",
    "sources/november.yaml": "title: November report\ntype: article\noutlet: outlet\n"
                             "date: 2023-11-02\ndate_basis: printed\n",
    "sources/february.yaml": "title: February report\ntype: article\noutlet: outlet\n"
                             "date: 2024-02-10\ndate_basis: printed\n",
    "people/eve.yaml": "name: Eve\nsummary: {text: A person., cite: [may]}\n",
    "people/fay.yaml": "name: Fay\nsummary: {text: A person., cite: [november, february]}\n",
}
"""Sources of May and November 2023, January (three) and February 2024, and two without
a last possible day: cut two to a page, 2024 gets a page per month, 2023 one page."""


def latest_of(root: Path, limit: int = 2) -> dict[str, str]:
    from kb.pipeline.render.latest import latest_pages

    kb, problems = validate(load(root / "data", root=root))
    assert [p for p in problems if p.severity == "error"] == []
    return {path: reading(text) for path, text in latest_pages(link(kb), limit).items()}


def headings(page: str) -> list[str]:
    return [line for line in page.splitlines()
            if re.match(r"#{2,3} ", line) and line != "## Sources without a known date"]


def test_a_short_latest_page_stays_one_page(tree):
    assert [p for p in pages_of(tree) if p.startswith("latest")] == ["latest.md"]


def test_a_long_latest_page_shows_its_newest_period_and_links_the_earlier_ones(data_tree):
    pages = latest_of(data_tree({**SPREAD, **PEOPLE}))
    assert set(pages) == {"latest.md", "latest/2024-01.md", "latest/2023.md",
                          "latest/undated.md"}
    latest = pages["latest.md"]
    assert 'title: "Latest"' in latest and "[feed.xml](feed.xml)" in latest
    assert headings(latest) == ["## 10 February 2024 · Outlet"]
    assert ("There are 8 sources, too many for one page: this one lists those of February "
            "2024, and each earlier year has a page of its own, a crowded year one per "
            "month.\n\n"
            "- 2024: [February](latest.md) (1), [January](latest/2024-01.md) (3); "
            "4 sources in all\n"
            "- [2023](latest/2023.md): 2 sources\n"
            "- [Undated](latest/undated.md): 2 sources\n") in latest
    january = pages["latest/2024-01.md"]
    assert 'title: "Latest: January 2024"' in january
    assert "[feed.xml](../feed.xml)" in january
    assert ("[← February 2024](../latest.md) · [All periods](../latest.md) · "
            "[2023 →](2023.md)") in january
    assert headings(january) == ["## January 2024", "## 7 January 2024 · Outlet",
                                 "## 3 January 2024 · Outlet"]
    # Links from a page one folder down: to entries, and to a disagreement's anchor.
    assert "- First source of 1 entry: [Ada](../people/ada.md)\n" in january
    assert ("- Disagreements: [Age](../people/ada.md#disagreement-age) "
            "([Ada](../people/ada.md))") in january
    assert headings(pages["latest/2023.md"]) == ["## 2 November 2023 · Outlet",
                                                 "## 1 May 2023 · Outlet"]
    undated = pages["latest/undated.md"]
    assert 'title: "Latest: Undated"' in undated
    assert "## Sources without a known date\n\nThe source material gives no" in undated
    assert headings(undated) == ["### On or after 1 January 2024", "### Date not given"]
    assert "[All periods](../latest.md)" in undated and "→" not in undated


def test_every_source_is_on_exactly_one_latest_page(data_tree):
    pages = latest_of(data_tree({**SPREAD, **PEOPLE}), limit=1)
    listed = [re.search(r"\]\((?:\.\./)?sources/([a-z]+)\.md\)", page.split(heading, 1)[1])[1]
              for page in pages.values() for heading in headings(page)]
    assert sorted(listed) == sorted(p.removeprefix("sources/").removesuffix(".yaml")
                                    for p in SPREAD if p.startswith("sources/"))


def test_every_link_on_the_latest_pages_leads_to_a_generated_page_and_anchor(data_tree):
    root = data_tree({**SPREAD, **PEOPLE})
    pages = {**pages_of(root), **latest_of(root)}
    for path in [p for p in pages if p.startswith("latest")]:
        for target, anchor in re.findall(r"\]\(([^)#]+)(?:#([^)]*))?\)", pages[path]):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in pages, (path, target)
            if anchor:
                assert f"{{ #{anchor} }}" in pages[resolved] or \
                    f'id="{anchor}"' in pages[resolved], (path, target, anchor)


def test_a_latest_period_page_changes_only_with_what_it_lists(data_tree):
    """Eve is named only by the May 2023 source: renaming her changes 2023's page, and
    neither the Latest page nor January's (the preview re-renders only what changed)."""
    root = data_tree({**SPREAD, **PEOPLE})
    before = latest_of(root)
    (root / "data" / "people" / "eve.yaml").write_text(
        "name: Evelyn\nsummary: {text: A person., cite: [may]}\n", "utf-8")
    after = latest_of(root)
    assert {p for p in before if before[p] != after[p]} == {"latest/2023.md"}


def test_a_crowded_month_of_latest_gets_a_page_per_half(data_tree, monkeypatch):
    """Issue 16: a Latest month past `latest.MONTH_LIMIT` sources (20; here 2) is cut
    at the 15th, newest half first; every link between the pages still resolves."""
    from kb.pipeline.render import latest

    monkeypatch.setattr(latest, "MONTH_LIMIT", 2)
    root = data_tree({**SPREAD, **PEOPLE})
    pages = latest_of(root)
    assert set(pages) == {"latest.md", "latest/2024-01-16.md", "latest/2024-01-01.md",
                          "latest/2023.md", "latest/undated.md"}
    assert ("each earlier year has a page of its own, a crowded year one per month, a "
            "crowded month one per half.\n\n"
            "- 2024: [February](latest.md) (1), "
            "[16–\u206031\u00a0January](latest/2024-01-16.md) (1), "
            "[1–\u206015\u00a0January](latest/2024-01-01.md) (2); 4 sources in all\n") in pages[
        "latest.md"]
    early = pages["latest/2024-01-01.md"]
    assert 'title: "Latest: 1–15 January 2024"' in early
    assert headings(early) == ["## 7 January 2024 · Outlet", "## 3 January 2024 · Outlet"]
    assert ("[← 16–31 January 2024](2024-01-16.md) · [All periods](../latest.md) · "
            "[2023 →](2023.md)") in early
    assert headings(pages["latest/2024-01-16.md"]) == ["## January 2024"]
    every = {**pages_of(root), **pages}
    for path in [p for p in every if p.startswith("latest")]:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", every[path]):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in every, (path, target)
