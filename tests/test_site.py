"""The real site, built with `mkdocs build --strict` as GitHub Pages would get it."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import rcssmin
import rjsmin

from kb.pipeline.load import load
from kb.pipeline.validate import validate
from kb.text.spelling import search_key
from kb.text.titles import slug_label
from tests.conftest import ROOT
from tests.js import bundle_text
from tests.searching import found
from tests.site import copy_project, mkdocs_build, parse_page


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site_dir


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_internal_link_and_anchor_resolves(site):
    # MkDocs writes 404.html with root-absolute links (it may be served at any path).
    pages = {p: parse_page(p) for p in html_pages(site) if p.name != "404.html"}
    broken = []
    for page, parsed in pages.items():
        for href in parsed.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = page.parent / unquote(parts.path) if parts.path else page
            target = Path(posixpath.normpath(target))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
            elif parts.fragment and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{page.relative_to(site)}: {href} (no anchor)")
    assert broken == []
    assert len(pages) > 60


def test_pages_load_nothing_from_other_hosts(site):
    external = [
        f"{page.relative_to(site)}: {url}"
        for page in html_pages(site)
        for url in parse_page(page).resources
        if urlsplit(url).scheme not in ("", "data") or url.startswith("//")
    ]  # data: is the icon, inside the page
    assert external == []
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text()), css


def test_every_entity_page_has_its_name_as_h1(site):
    kb, problems = validate(load(ROOT / "data", root=ROOT))
    assert problems == []
    folders = {"person": "people", "group": "groups", "place": "places", "event": "events",
               "source": "sources"}
    for entry_id, kind in kb.kinds.items():
        if kind not in folders:  # story chapters are sections of the story page
            continue
        page = site / folders[kind] / entry_id / "index.html"
        entry = kb.entries[entry_id]
        # A title taken from a web address reads as a label: its first letter capitalised.
        name = slug_label(entry.name) if getattr(entry, "title_kind", "") == "url slug" \
            else entry.name
        assert [h.removesuffix("¶") for h in parse_page(page).h1] == [name], page


def test_sidebar_lists_indexes_not_entities(site):
    home = (site / "index.html").read_text()
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"', home)
    nav += re.findall(r'href="([^"]+)"[^>]*class="md-nav__link', home)
    assert "people/" in nav and "timeline/" in nav
    assert not any(re.match(r"(people|groups|places|events|sources)/[a-z0-9-]+/$", link)
                   for link in nav), nav


def test_search_index_knows_aliases_and_spellings(site):
    files = {str(p.relative_to(site)): p.read_text("utf-8")
             for p in (site / "kb-search").rglob("*.json")}
    assert ("Abu Taqwa", "al-Jawari") in found(files, "jawari")
    sounds = json.loads((site / "kb-search" / "sounds" / "slm.json").read_text())
    assert search_key("soleimani") == "solaimani" and "solaimani" in sounds["slmn"]
    assert ("Qasem Soleimani", "Qasem Soleimani") in found(files, "soleimani")
    material = json.loads((site / "search" / "search_index.json").read_text())
    assert not any(doc["location"].startswith(("people/", "groups/", "events/"))
                   for doc in material["docs"]), "generated pages are in Material's index"


def test_a_broken_data_file_fails_the_build_and_keeps_the_last_output(tmp_path):
    project = copy_project(tmp_path / "project")
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    page = project / "generated" / "people" / "abu-taqwa.md"
    before = page.read_text()
    bad = project / "data" / "people" / "abu-taqwa.yaml"
    bad.write_text(bad.read_text().replace("name: Abu Taqwa", "nmae: Abu Taqwa", 1))
    (project / "data" / "events" / "broken.yaml").write_text("name: X\ndate: 2024-02-30\n")
    result = mkdocs_build(project, tmp_path / "site2")
    assert result.returncode != 0
    assert "data/people/abu-taqwa.yaml:2:1: unknown field 'nmae'" in result.stderr
    assert "data/events/broken.yaml:2:1: date: '2024-02-30' is not a date" in result.stderr
    assert page.read_text() == before


LOCAL_ADDRESS = re.compile(r"\b(?:127\.0\.0\.1|localhost|0\.0\.0\.0)\b")
# Words about the local preview, not addresses of this site: the editing guide's "opens
# a preview at http://127.0.0.1:8000" (its page and the theme's search index of it),
# and a comment in the source map of Material's own script.
ABOUT_THE_PREVIEW = {"editing/index.html": "opens a preview at",
                     "search/search_index.json": "opens a preview at"}


def test_a_build_without_site_url_names_no_local_address(site):
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        shown = path.relative_to(site).as_posix()
        if shown.endswith(".js.map"):
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        for match in LOCAL_ADDRESS.finditer(text):
            before = text[max(0, match.start() - 100):match.start()]
            if ABOUT_THE_PREVIEW.get(shown, "\0") not in before:
                found.append(f"{shown}: …{text[match.start() - 60:match.end() + 20]}…")
    assert found == []
    # Words about the preview, never a link to it.
    assert [p.name for p in site.rglob("*.html") if 'href="http://127.0.0.1' in p.read_text(
        "utf-8")] == []
    home = (site / "index.html").read_text("utf-8")
    assert 'rel="canonical"' not in home and 'property="og:url"' not in home
    assert "<loc>" not in (site / "sitemap.xml").read_text("utf-8")


def test_every_dialog_is_named_in_the_page_itself(site):
    # The theme's partial (overrides/partials/search.html) names the search dialog; a
    # script that named it again was dead code (issue 16, item 6), and readers without
    # scripts need the name too.
    unnamed = [f"{page.relative_to(site)}: {tag}" for page in html_pages(site)
               for tag in re.findall(r"<[a-z]+\b[^>]*\brole=\"dialog\"[^>]*>", page.read_text())
               if not re.search(r'\baria-label(ledby)?="[^"]+"', tag)]
    assert unnamed == []
    home = (site / "index.html").read_text()
    assert re.search(r'<div class="md-search kb-search" role="dialog" aria-label="Search">', home)


def test_the_latest_page_is_in_the_nav_and_every_page_heads_to_the_feed(site):
    """Issue 18, item 5: the Latest page in every page's navigation, and the Atom feed
    in every page's head, at an address that exists; the feed's own links resolve."""
    feed = site / "feed.xml"
    assert feed.exists() and (site / "latest" / "index.html").exists()
    for page in html_pages(site):
        if page.name == "404.html":
            continue
        text = page.read_text("utf-8")
        head = text.split("</head>", 1)[0]
        # "alternate" among its link types, as feed readers look for it; not alone,
        # or Material's script would fetch the sitemap (tests/test_reading.py).
        [href] = re.findall(r'<link rel="alternate feed" type="application/atom\+xml" '
                            r'href="([^"]+)"', head)
        assert Path(posixpath.normpath(page.parent / href)) == feed, page
        if page.parent.name != "latest":  # there, the entry is the page itself
            assert re.search(r'<a href="[^"]*latest/" class="md-nav__link', text), page
    hrefs = re.findall(r'href="([^"]+)"', feed.read_text("utf-8").replace("&lt;a ", "<a "))
    assert len(hrefs) > 50
    for href in hrefs:
        target = Path(posixpath.normpath(site / unquote(urlsplit(href).path)))
        assert (target / "index.html" if target.is_dir() else target).exists(), href


# ---------------------------------------------------------------------------- issue 17

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
HEADING_IDS = re.compile(r'<h[23](?: [^>]*)? id="([^"]+)"')


def test_every_page_of_two_headings_or_more_carries_its_contents(site):
    # For phones and tablets, where Material has no contents column
    # (overrides/partials/content.html); the browser tests check that it shows there.
    found = []
    for page in html_pages(site):
        article = ARTICLE.search(page.read_text("utf-8"))
        if not article:
            continue
        body = article[1]
        # The contents block alone: a link above it (a summary's "sources differ") is not
        # part of it.
        _, toc, after = body.partition('class="kb-toc"')
        contents, _, rest = after.partition("</nav>") if toc else ("", "", body)
        headings = HEADING_IDS.findall(rest)
        listed = re.findall(r'<a href="#([^"]+)">', contents)
        if len(headings) >= 2 and listed != headings:
            found.append(f"{page.relative_to(site)}: lists {listed[:3]}…, has {headings[:3]}…")
        if len(headings) < 2 and contents:
            found.append(f"{page.relative_to(site)}: contents of fewer than two headings")
    assert found == []


def test_no_table_on_any_page_has_a_header_cell_without_a_name(site):
    # The source pages' details tables had a header row of two empty cells.
    empty = [page.relative_to(site).as_posix() for page in html_pages(site)
             if re.search(r"<th[^>]*>\s*</th>", page.read_text("utf-8"))]
    assert empty == []


def test_how_to_edit_is_linked_from_every_footer_and_from_no_menu(site):
    for page in html_pages(site):
        html = page.read_text("utf-8")
        menu = html.partition('class="md-nav md-nav--primary"')[2].partition("</nav>")[0]
        assert "How to edit" not in html.partition('class="md-nav md-nav--primary"')[2] \
            .partition('class="md-sidebar md-sidebar--secondary"')[0], page
        assert "editing/" not in menu, page
        footer = html.partition('<footer class="md-footer">')[2]
        link = re.search(r'<a href="([^"]*)">how to edit this site</a>', footer)
        assert link, page
        assert Path(posixpath.normpath(page.parent / link[1])) == site / "editing", page


def test_the_inlined_stylesheet_carries_no_comments(site):
    """overrides/css/kb.css is inlined in every page: its comments are Jinja's, which the
    template drops, so that no first visit downloads them (issue 17's 70 KB budget)."""
    page = (site / "people" / "abu-taqwa" / "index.html").read_text("utf-8")
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert any(".kb-kind" in style for style in styles)
    assert not [style for style in styles if "/*" in style or "{#" in style]


@pytest.mark.parametrize("page", ["people/abu-taqwa/index.html", "network/index.html",
                                  "index.html", "404.html"])
def test_a_first_visit_gets_our_script_and_stylesheet_minified(site, page):
    """What every first visit downloads of ours, the stylesheet inlined in the page and
    assets/kb.js, is served minified (issue 17: a first visit within 70 KB gzipped), and
    so is the script the 404 page inlines; overrides/ keeps them readable. Minified
    means that minifying again changes nothing, and that no line is indented."""
    html = (site / page).read_text("utf-8")
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    ours = [style for style in styles if ".kb-kind" in style]
    # The 404 page without SITE_URL holds its styles until its base is set, and gives
    # them again in <noscript> for readers without scripts (overrides/404.html).
    assert len(ours) == (2 if page == "404.html" else 1) and len(set(ours)) == 1
    assert rcssmin.cssmin(ours[0]) == ours[0]
    assert not re.search(r"\n\s", ours[0])
    inline = [script for script in re.findall(r"<script>(.*?)</script>", html, re.S)
              if "kb" in script]
    assert inline == [rjsmin.jsmin(script) for script in inline]
    if page == "404.html":  # no SITE_URL here: the root-finding script, and the line
        # writing out the scripts held until the base is set (overrides/404.html)
        assert len(inline) == 2 and len(inline[0]) < 0.7 * len(
            (ROOT / "overrides" / "js" / "root.js").read_text("utf-8"))
        assert inline[1] == 'document.write(document.getElementById("kb-held-scripts")' \
                            '.innerHTML)'


@pytest.mark.parametrize(("page", "rules", "not_rules"), [
    ("people/abu-taqwa/index.html", [".kb-kind", ".kb-ego svg", ".kb-graph line"],
     [".kb-network", ".kb-legend", ".kb-swatch", "data-picking", ".kb-notfound",
      ".kb-filters select"]),
    # A source page draws no network and has no filters (css/graph.css, timeline.css).
    ("sources/vox-2024-01-07/index.html", [".kb-kind", ".kb-cite"],
     [".kb-graph", ".kb-ego", ".kb-filters select", ".kb-network"]),
    ("timeline/index.html", [".kb-filters select"], [".kb-network", ".kb-legend", ".kb-notfound",
                                              ".kb-graph"]),
    ("network/index.html", [".kb-network svg", ".kb-legend", ".kb-swatch", "data-picking",
                            ".kb-network-controls"], [".kb-notfound"]),
    ("404.html", [".kb-notfound", ".kb-kind"], [".kb-network", ".kb-legend"]),
])
def test_a_page_inlines_the_rules_of_what_it_shows_and_not_another_page_s(
        site, page, rules, not_rules):
    """The whole network's controls and legend (css/network.css), the 404 page's
    search box (css/notfound.css), network drawings (css/graph.css) and the timeline's
    filters (css/timeline.css) are styled in the pages that have them only: every other
    first visit would otherwise download their rules for nothing (issue 17's budget)."""
    styles = "".join(re.findall(r"<style>(.*?)</style>", (site / page).read_text("utf-8"),
                                re.S))
    assert [rule for rule in rules if rule not in styles] == []
    assert [rule for rule in not_rules if rule in styles] == []


@pytest.mark.parametrize("template", ["main.html", "404.html", "assets/kb.js"])
def test_the_templates_build_without_the_hook_s_minifying_filters(template):
    """A build without the MkDocs hook (make bench's bare MkDocs floor) has no
    minify_js or minify_css: the templates serve the text as it is rather than fail
    (the bench's floor did fail: "No filter named 'minify_js'")."""
    from mkdocs.theme import Theme

    env = Theme(name="material", custom_dir=str(ROOT / "overrides")).get_env()
    assert "minify_js" not in env.filters
    env.get_template(template)  # compiles


def test_the_bundled_script_is_served_minified_from_its_readable_sources(site):
    served = (site / "assets" / "kb.js").read_text("utf-8")
    assert rjsmin.jsmin(served) == served
    assert not re.search(r"\n\s", served)
    assert served == rjsmin.jsmin(bundle_text())  # the readable sources, minified
    assert len(served) < 0.7 * len(bundle_text())
