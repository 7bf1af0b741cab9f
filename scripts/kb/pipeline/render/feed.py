"""feed.xml: the Latest page as an Atom feed (RFC 4287), one entry per dated source.

Conventions, which the feed's subtitle also states:

- **Ids** are `urn:uuid:` UUIDs made (UUID version 5, RFC 9562) from a fixed namespace
  and the source's id, its file name: the same in every build, with or without
  SITE_URL, and when the site moves (RFC 4287, 4.2.6: an id never changes when a
  document is relocated). The feed's own id is made the same way.
- **Dates**: an entry's `updated` is the last day the source's date can mean (the
  Latest page's order, `kb.pipeline.render.latest`), at midnight UTC: the site records days, not
  times, and says so rather than invent an hour. Sources without such a day are not
  in the feed. The feed's `updated` is its newest entry's (so that a build changes it
  only when the data does); with no entry, the Unix epoch.
- **Addresses**: absolute when the site's address is known (SITE_URL); otherwise
  relative, which a feed reader resolves against the feed's own address (RFC 4287,
  section 2, xml:base): the feed sits at the site's root, beside the pages it links.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
import xml.etree.ElementTree as ET

from kb.addresses import EntryId, PagePath, address
from kb.model import Source
from kb.pipeline.link import Linked
from kb.pipeline.render.citations import source_heading
from kb.pipeline.render.latest import PATH as LATEST_PATH
from kb.pipeline.render.latest import Addition, added_items, additions, date_basis
from kb.pipeline.render.site import Site
from kb.pipeline.render.text import page_path
from kb.text.titles import quoted

PATH = PagePath("feed.xml")
ATOM = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.UUID("6f1d3c2a-5b7e-4c1a-9e58-2f0d8a4b7c93")
"""Fixed once for this knowledge base's feed: every id in it is a UUID made from this
and a name (RFC 9562, version 5). Never change it: readers would see every entry anew."""
EPOCH = "1970-01-01T00:00:00Z"
CONVENTIONS = ("Sources by publication date, newest first, with what each added to the "
               "knowledge base. Times are midnight UTC of the day a source's date ends: "
               "the site records days, not times. Undated sources are not listed.")


def feed_id(name: str) -> str:
    """The permanent id of the feed ('feed') or of a source's entry ('source:<id>')."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, name)}"


def atom_time(day: dt.date) -> str:
    """An Atom date (RFC 3339) for a day: its midnight in UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(linked: Linked, site: Site) -> tuple[PagePath, str]:
    """(path, XML) of the Atom feed."""
    ET.register_namespace("", ATOM)
    entries = [a for a in additions(linked) if a.day is not None]
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    name = site.name or "Knowledge base"
    _text(feed, "id", feed_id("feed"))
    _text(feed, "title", f"{name}: latest sources")
    _text(feed, "subtitle", CONVENTIONS)
    _text(feed, "updated", atom_time(entries[0].day) if entries and entries[0].day else EPOCH)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", f"The editors of {name}" if site.name else "The editors")
    _link(feed, _address(site, PATH), "self", "application/atom+xml")
    _link(feed, _address(site, LATEST_PATH), "alternate", "text/html")
    for addition in entries:
        _entry(feed, linked, site, addition)
    ET.indent(feed)
    text = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    return PATH, '<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n"


def _entry(feed: ET.Element, linked: Linked, site: Site, addition: Addition) -> None:
    assert addition.day is not None  # undated sources are left out above
    source = linked.entry(addition.source, Source)
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "id", feed_id(f"source:{addition.source}"))
    outlet = linked.entry(source.outlet).name + ": " if source.outlet else ""
    _text(entry, "title", f"{outlet}{plain_title(source)}")
    _text(entry, "updated", atom_time(addition.day))
    _link(entry, _address(site, page_path("source", addition.source)), "alternate",
          "text/html")
    content = ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "html"})
    content.text = _html(linked, site, addition)


def plain_title(source: Source) -> str:
    """A source's title in plain text, read as its citations read it: a headline in
    quotes, the words of its address with their mark, a description in brackets."""
    if source.title_kind == "headline":
        return quoted(source.title)
    if source.title_kind == "description":
        return f"[{source.title}]"
    return source_heading(source)


def _html(linked: Linked, site: Site, addition: Addition) -> str:
    """What the source added, as the HTML of the entry's content."""
    source = linked.entry(addition.source, Source)
    date = source.date.words() if source.date else ""

    def link(target: str, words: str) -> str:
        return f'<a href="{html.escape(_address(site, target))}">{words}</a>'

    def entry_link(entry_id: EntryId) -> str:
        return link(page_path(linked.kind(entry_id), entry_id),
                    html.escape(linked.entry(entry_id).name))

    items = added_items(linked, addition, entry_link, link, html.escape)
    lines = "".join(f"<li>{item}</li>" for item in items) or "<li>Nothing cited yet.</li>"
    basis = date_basis(source)
    known = f" (date {html.escape(basis)})" if basis else ""
    return f"<p>Published {html.escape(date)}{known}.</p><ul>{lines}</ul>"


def _address(site: Site, path: str) -> str:
    """A generated page's address, as directory URLs have it ('people/x.md' ->
    'people/x/'; 'feed.xml' stays): absolute with the site's address, else relative
    to the site's root, where the feed is."""
    page, _, fragment = path.partition("#")
    published = address(PagePath(page)) if page.endswith(".md") else page
    return site.url + published + (f"#{fragment}" if fragment else "")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _link(parent: ET.Element, href: str, rel: str, media: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "type": media, "href": href})
