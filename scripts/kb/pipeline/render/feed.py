"""feed.xml: the Latest page as an Atom feed (RFC 4287), one entry per source.

Conventions, which the feed's subtitle also states:

- **Every source** is an entry, dated or not: a subscriber hears of each one the
  knowledge base adds (issue 18's trial: two undated sources never reached the feed).
- **Ids** are `urn:uuid:` UUIDs made (UUID version 5, RFC 9562) from a fixed namespace
  and the source's id, its file name: the same in every build, with or without
  SITE_URL, and when the site moves (RFC 4287, 4.2.6: an id never changes when a
  document is relocated). The feed's own id is made the same way.
- **`updated`** is when the entry changed in the knowledge base (RFC 4287, 4.2.15):
  the day the source was added to data/ (its `added`, which `kb new` writes), so that
  a source added now with an old publication date reaches a feed reader as new. A
  source without `added` falls back to the last day its publication date can mean,
  else the Unix epoch; the entry's text says the day added is not recorded. Times are
  midnight UTC: the site records days, not times, and says so rather than invent an
  hour. The feed's `updated` is its newest entry's (so that a build changes it only
  when the data does); with no entry, the Unix epoch.
- **`published`** (RFC 4287, 4.2.9) only where the publication day is known: a single
  day that the page prints or its address gives (`date_basis` 'printed' or 'url').
  A month, a range, an inferred day or a republisher's stamp is said in the entry's
  text, with how it is known, and never put in `published`, where a feed reader would
  show it as a known day. An undated source's text says its date is not known.
- **Order**: newest `updated` first, then as the Latest page lists them.
- **Addresses**: absolute when the site's address is known (SITE_URL); otherwise
  relative, which a feed reader resolves against the feed's own address (RFC 4287,
  section 2, xml:base): the feed sits at the site's root, beside the pages it links.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
import xml.etree.ElementTree as ET

from kb.addresses import EntryId, PagePath, address
from kb.model import Source
from kb.pipeline.link import Linked
from kb.pipeline.render.citations import source_heading
from kb.pipeline.render.latest import FEED, Addition, added_items, additions, when_lines
from kb.pipeline.render.latest import PATH as LATEST_PATH
from kb.pipeline.render.memo import RenderMemo, entry_part
from kb.pipeline.render.site import Site
from kb.pipeline.render.text import page_path
from kb.text.titles import quoted

PATH = FEED
ATOM = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.UUID("6f1d3c2a-5b7e-4c1a-9e58-2f0d8a4b7c93")
"""Fixed once for this knowledge base's feed: every id in it is a UUID made from this
and a name (RFC 9562, version 5). Never change it: readers would see every entry anew."""
EPOCH = "1970-01-01T00:00:00Z"
EPOCH_DAY = dt.date(1970, 1, 1)
CONVENTIONS = ("Every source of the knowledge base, with what each added to it, newest "
               "first by the day it was added. An entry's updated time is that day; its "
               "published time is given only where the source prints its day or its "
               "address gives it, and its text says how the publication date is known, or "
               "that it is not. Times are midnight UTC: the site records days, not times.")


def feed_id(name: str) -> str:
    """The permanent id of the feed ('feed') or of a source's entry ('source:<id>')."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, name)}"


def atom_time(day: dt.date) -> str:
    """An Atom date (RFC 3339) for a day: its midnight in UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(linked: Linked, site: Site, listed: list[Addition] | None = None,
              memo: RenderMemo | None = None) -> tuple[PagePath, str]:
    """(path, XML) of the Atom feed: every source, newest `updated` first. `listed` is
    `kb.pipeline.render.latest.additions(linked)` when the caller has it already (render
    gives the Latest page the same list), else read here. With a `memo` (the live
    preview's), the HTML of a source's entry is made again only when what it added
    changes, or what the source's page shows (`kb.pipeline.render.memo.entry_part`:
    its statements, entries and disagreements are named there too), or the site's
    address."""
    ET.register_namespace("", ATOM)
    listed = additions(linked) if listed is None else listed
    # sorted() is stable: sources added on one day stay in the Latest page's order.
    entries = sorted(listed, key=lambda a: -updated_day(linked, a).toordinal())
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    name = site.name or "Knowledge base"
    _text(feed, "id", feed_id("feed"))
    _text(feed, "title", f"{name}: latest sources")
    _text(feed, "subtitle", CONVENTIONS)
    _text(feed, "updated", atom_time(updated_day(linked, entries[0])) if entries else EPOCH)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", f"The editors of {name}" if site.name else "The editors")
    _link(feed, _address(site, PATH), "self", "application/atom+xml")
    _link(feed, _address(site, LATEST_PATH), "alternate", "text/html")
    for addition in entries:
        _entry(feed, linked, site, addition, memo)
    ET.indent(feed)
    text = ET.tostring(feed, encoding="unicode", xml_declaration=False)
    return PATH, '<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n"


def updated_day(linked: Linked, addition: Addition) -> dt.date:
    """The day an entry changed in the knowledge base: the source's `added`; without
    one, the last day its publication date can mean; without that, the Unix epoch."""
    source = linked.entry(addition.source, Source)
    return source.added or addition.day or EPOCH_DAY


def published_day(source: Source) -> dt.date | None:
    """The publication day, where it is known: one day, printed on the page or given by
    its address; None for a month, a range, an inferred day, a republisher's stamp or
    no date (the entry's text says those)."""
    date = source.date
    if date is None or source.date_basis not in ("printed", "url") \
            or date.precision != "day" or date.qualifier is not None \
            or date.shape != "single" or re.search("[~?%]", date.edtf):
        return None
    return date.earliest


def _entry(feed: ET.Element, linked: Linked, site: Site, addition: Addition,
           memo: RenderMemo | None) -> None:
    source = linked.entry(addition.source, Source)
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "id", feed_id(f"source:{addition.source}"))
    outlet = linked.entry(source.outlet).name + ": " if source.outlet else ""
    _text(entry, "title", f"{outlet}{plain_title(source)}")
    _text(entry, "updated", atom_time(updated_day(linked, addition)))
    published = published_day(source)
    if published is not None:
        _text(entry, "published", atom_time(published))
    _link(entry, _address(site, page_path("source", addition.source)), "alternate",
          "text/html")
    content = ET.SubElement(entry, f"{{{ATOM}}}content", {"type": "html"})
    shown = None if memo is None else (
        site.url, addition, memo.pages.inputs.get(addition.source))
    content.text = entry_part(memo, "feed", addition.source,
                              lambda: _html(linked, site, addition), shown)


def plain_title(source: Source) -> str:
    """A source's title in plain text, read as its citations read it: a headline in
    quotes, the words of its address with their mark, a description in brackets."""
    if source.title_kind == "headline":
        return quoted(source.title)
    if source.title_kind == "description":
        return f"[{source.title}]"
    return source_heading(source)


def _html(linked: Linked, site: Site, addition: Addition) -> str:
    """What the source added, as the HTML of the entry's content, after when it was
    published (and how that is known) and when it was added."""
    source = linked.entry(addition.source, Source)

    def link(target: str, words: str) -> str:
        return f'<a href="{html.escape(_address(site, target))}">{words}</a>'

    def entry_link(entry_id: EntryId) -> str:
        return link(page_path(linked.kind(entry_id), entry_id),
                    html.escape(linked.entry(entry_id).name))

    items = added_items(linked, addition, entry_link, link, html.escape)
    lines = "".join(f"<li>{item}</li>" for item in items) or "<li>Nothing cited yet.</li>"
    when = "".join(f"<p>{html.escape(line)}</p>" for line in when_lines(source))
    return f"{when}<ul>{lines}</ul>"


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
