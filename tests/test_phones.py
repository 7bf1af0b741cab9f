"""Reading on any screen (issue 17, items 2, 5 and 6): every page kind at a phone's
width (390 px) and a laptop's (1366 px), light and dark, in headless Chromium.

What a reader met before: tables cut at the screen's edge with nothing saying so, no
contents on a phone for pages of 8,000 px, a site name cut in the header, a bare 404
page whose links read /iraq-kb//downloads/ under a project path, "How to edit" in the
readers' menu, and, without scripts, introductions telling readers to use filters that
were not there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser import PROJECT, Opener, _ProjectHandler, serving
from tests.conftest import ROOT
from tests.site import mkdocs_build, mkdocs_config
from tests.test_accessibility import violations

pytestmark = pytest.mark.browser

PHONE, LAPTOP = 390, 1366
WIDTHS = [PHONE, LAPTOP]
SCHEMES = ["light", "dark"]
PAGES = {
    "person": "/people/abu-taqwa/",
    "group": "/groups/harakat-al-nujaba/",
    "place": "/places/baghdad/",
    "event": "/events/us-strike-kills-abu-taqwa/",
    "source": "/sources/vox-2024-01-07/",
    "index of people": "/people/",
    "index of sources": "/sources/",
    "timeline": "/timeline/",
    "quotes": "/quotes/",
    "network": "/network/",
    "story": "/story/",
    "disagreements": "/disagreements/",
    "home": "/",
    "about": "/about/",
    "editing guide": "/editing/",
}
"""A page of every kind a reader meets; the 404 page and search results have tests of
their own below."""

# What sticks out past the right edge of the window, outside any frame that scrolls on
# its own (a frame that does is a table or drawing with its own cue, tested below).
OUTSIDE = """() => {
    const width = document.documentElement.clientWidth;
    const framed = el => {
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            const overflow = getComputedStyle(up).overflowX;
            if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return true;
        }
        return false;
    };
    return [...document.querySelectorAll("article *")].filter(el => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1 && !framed(el);
    }).slice(0, 5).map(el => `${el.tagName}.${el.className}: ${Math.round(
        el.getBoundingClientRect().right)} > ${width}`);
}"""
SCROLLS_SIDEWAYS = """() => {
    const before = scrollX;
    scrollTo(10000, scrollY);
    const moved = scrollX !== before;
    scrollTo(before, scrollY);
    return moved || document.documentElement.scrollWidth > document.documentElement.clientWidth;
}"""


def fits(page: Page) -> None:
    """The page never scrolls sideways, and nothing in it sticks out of the window."""
    assert not page.evaluate(SCROLLS_SIDEWAYS)
    assert page.evaluate(OUTSIDE) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGES)
def test_no_page_scrolls_sideways(open_page: Opener, base_url: str, kind: str, width: int):
    # Layout does not depend on the colour scheme: each kind is tried in one of them.
    page = open_page(width, SCHEMES[list(PAGES).index(kind) % 2])
    page.goto(base_url + PAGES[kind])
    fits(page)


# ---------------------------------------------------------------------------- tables

CELLS = """table => [...table.querySelectorAll("td[data-label]")]
    .filter(td => td.textContent.trim())
    .map(td => ({label: td.dataset.label,
                 before: getComputedStyle(td, "::before").content,
                 display: getComputedStyle(td).display,
                 left: td.getBoundingClientRect().left,
                 right: td.getBoundingClientRect().right,
                 width: td.getBoundingClientRect().width}))"""


def connections(page: Page):
    return page.locator("h2#connections ~ * table").first


def test_a_wide_table_becomes_labelled_rows_on_a_phone(open_page: Opener, base_url: str):
    # The issue's case: Connections' "Since" and "Sources" columns were off-screen.
    page = open_page(PHONE)
    page.goto(base_url + "/people/abu-taqwa/")
    table = connections(page)
    headers = table.locator("thead th").all_inner_texts()
    assert {"Relation", "With", "Sources"} <= set(headers)
    cells = table.evaluate(CELLS)
    assert {cell["label"] for cell in cells} >= {"Relation", "With", "Sources"}
    for cell in cells:
        assert cell["before"] == f'"{cell["label"]}: "', cell
        assert cell["display"] == "block"
        assert cell["left"] >= 0 and cell["right"] <= PHONE, cell
    assert table.locator("thead").bounding_box()["height"] <= 1  # for screen readers only
    sources = table.locator("td[data-label=Sources]").first
    assert sources.inner_text().startswith("Vox citing US Department of Defense")


def test_the_same_table_is_a_table_on_a_laptop(open_page: Opener, base_url: str):
    page = open_page(LAPTOP)
    page.goto(base_url + "/people/abu-taqwa/")
    table = connections(page)
    assert table.locator("thead").is_visible()
    cells = table.evaluate(CELLS)
    assert cells and all(c["display"] == "table-cell" and c["before"] == "none" for c in cells)


@pytest.mark.parametrize("path", ["/people/", "/sources/", "/events/",
                                  "/events/us-strike-kills-abu-taqwa/", "/disagreements/"])
def test_no_table_the_site_writes_is_cut_on_a_phone(open_page: Opener, base_url: str,
                                                     path: str):
    page = open_page(PHONE)
    page.goto(base_url + path)
    tables = page.locator("table:has(td[data-label])")
    assert tables.count() >= 1
    # No frame around them scrolls: nothing of them is out of sight.
    assert page.evaluate("""() => [...document.querySelectorAll("table:has(td[data-label])")]
        .map(t => t.closest(".md-typeset__scrollwrap") || t)
        .filter(frame => frame.scrollWidth > frame.clientWidth + 1).length""") == 0
    fits(page)


def test_disagreement_tables_stay_readable_on_a_phone(open_page: Opener, base_url: str):
    # They squeezed text to two or three words a line: each cell now has the width of
    # the text column.
    page = open_page(PHONE)
    page.goto(base_url + "/disagreements/")
    article = page.locator("article").bounding_box()["width"]
    widths = [cell["width"] for table in page.locator("article table").all()
              for cell in table.evaluate(CELLS)]
    assert len(widths) > 20
    assert min(widths) >= 0.8 * article


@pytest.mark.parametrize("js", [True, False])
def test_a_table_too_wide_for_a_phone_scrolls_with_a_visible_cue(open_page: Opener,
                                                                 base_url: str, js: bool):
    # Tables written by hand (the editing guide's field reference) keep their columns:
    # they scroll in their frame, which shows a shadow on the side where more lies.
    page = open_page(PHONE, js=js)
    page.goto(base_url + "/editing/")
    frames = page.evaluate("""() => [...document.querySelectorAll("article table")]
        .map(t => t.closest(".md-typeset__scrollwrap") || t)
        .filter(frame => frame.scrollWidth > frame.clientWidth + 1)
        .map(frame => [getComputedStyle(frame).overflowX,
                       getComputedStyle(frame).backgroundImage])""")
    assert frames
    for overflow, background in frames:
        assert overflow == "auto"
        assert background.count("radial-gradient") == 2  # the shadows at both edges
        assert background.count("linear-gradient") == 2  # the covers that scroll along
    fits(page)


# ---------------------------------------------------------------------------- contents

HEADINGS = """() => [...document.querySelectorAll("article h2[id], article h3[id]")]
    .filter(h => h.getClientRects().length).map(h => h.id)"""


@pytest.mark.parametrize("kind", PAGES)
def test_every_long_page_offers_its_contents_on_a_phone(open_page: Opener, base_url: str,
                                                       kind: str):
    page = open_page(PHONE, SCHEMES[list(PAGES).index(kind) % 2])
    page.goto(base_url + PAGES[kind])
    long = page.evaluate("document.documentElement.scrollHeight > 2 * innerHeight")
    contents = page.locator("nav.kb-toc")
    if not long:
        return
    # Abu Taqwa's page was 8,200 px with its contents only in the desktop column.
    expect(contents).to_be_visible()
    contents.locator("summary").click()
    listed = [urlsplit(href).fragment for href in contents.locator("a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")]
    assert listed == page.evaluate(HEADINGS)
    assert len(listed) >= 2
    target = listed[-1]
    contents.locator("a").last.click()
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()


@pytest.mark.parametrize("kind", ["person", "timeline", "index of sources"])
def test_on_a_laptop_the_contents_stay_in_their_column(open_page: Opener, base_url: str,
                                                       kind: str):
    page = open_page(LAPTOP)
    page.goto(base_url + PAGES[kind])
    assert page.locator("nav.kb-toc").is_hidden()
    expect(page.locator(".md-sidebar--secondary nav.md-nav--secondary")).to_be_visible()


# ---------------------------------------------------------------------------- the header

NAME = mkdocs_config()["site_name"]
SHORT_NAME = mkdocs_config()["extra"]["short_name"]
SHOWN_NAME = """() => {
    const box = document.querySelector(".md-header__topic .md-ellipsis");
    const shown = [...box.querySelectorAll(".kb-name, .kb-short-name")]
        .filter(span => span.getClientRects().length);
    return {text: shown.map(span => span.textContent.trim()),
            cut: box.scrollWidth > box.clientWidth};
}"""


@pytest.mark.parametrize("width", [320, 360, 390, 414, 599, 600, 768, 1024, 1366])
def test_the_sites_name_is_never_cut(open_page: Opener, base_url: str, width: int):
    page = open_page(width)
    page.goto(base_url + "/")
    shown = page.evaluate(SHOWN_NAME)
    assert shown == {"text": [SHORT_NAME if width < 600 else NAME], "cut": False}


@pytest.mark.parametrize("width", WIDTHS)
def test_how_to_edit_is_in_the_footer_not_in_the_readers_menu(open_page: Opener,
                                                              base_url: str, width: int):
    page = open_page(width)
    page.goto(base_url + "/timeline/")
    menu = page.locator("nav.md-nav--primary")
    assert "About & method" in menu.inner_text()  # the menu is there, on a phone in its drawer
    assert "edit" not in menu.inner_text().casefold()
    page.locator(".md-footer").get_by_role("link", name="how to edit this site").click()
    expect(page.locator("h1").first).to_have_text(re.compile("^How to edit"))


# ---------------------------------------------------------------------------- 404


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_404_page_offers_search_and_the_ways_into_the_site(
        open_page: Opener, project_url: str, width: int, scheme: str):
    page = open_page(width, scheme)
    response = page.goto(project_url + "people/nobody-here/")
    assert response is not None and response.status == 404
    expect(page.locator("h1").first).to_have_text("Page not found")
    box = page.get_by_role("searchbox", name="Search this site")
    expect(box).to_be_visible()
    expect(box).to_have_value("nobody here")  # the words of the address tried
    links = page.locator("ul.kb-notfound-links a")
    names = links.all_inner_texts()
    assert {"The story so far", "Timeline", "People", "Groups", "Places", "Events",
            "Sources"} <= set(names)
    for link in links.all():
        href = link.evaluate("a => a.href")
        assert href.startswith(project_url), href
        assert page.request.get(href).status == 200, href
    fits(page)


def test_the_404_search_box_asks_the_sites_search(open_page: Opener, project_url: str):
    page = open_page(PHONE)
    page.goto(project_url + "abu-taqwa/")
    box = page.get_by_role("searchbox", name="Search this site")
    expect(box).to_have_value("abu taqwa")
    page.get_by_role("button", name="Search", exact=True).click()
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible", timeout=10_000)
    assert first.locator("h1").first.inner_text() == "Abu Taqwa"


def test_without_scripts_the_404_page_shows_no_search_box_but_its_links(open_page: Opener,
                                                                       project_url: str):
    page = open_page(PHONE, js=False)
    page.goto(project_url + "people/nobody-here/")
    assert page.locator("form.kb-notfound").is_hidden()
    assert page.locator("ul.kb-notfound-links a").count() >= 7


@pytest.fixture(scope="module")
def published_url(tmp_path_factory) -> Iterator[str]:
    """The site built as the workflow builds it, for a project address given with a
    doubled slash (SITE_URL=…/iraq-kb//), served under that project path."""
    site = tmp_path_factory.mktemp("published-site")
    with serving(site, _ProjectHandler) as (_, address):
        result = mkdocs_build(ROOT, site, env={"SITE_URL": address + PROJECT + "/"})
        assert result.returncode == 0, result.stderr
        yield address + PROJECT


ADDRESSES = """() => [...document.querySelectorAll("a[href], link[href], script[src]")]
    .map(el => el.href || el.src).filter(url => url.startsWith(location.origin))"""


@pytest.mark.parametrize("missing", ["no-such-page/", "people/nobody/deeper/still/"])
def test_no_address_on_the_404_page_has_a_doubled_slash(open_page: Opener,
                                                        published_url: str, missing: str):
    # The footer's downloads read /iraq-kb//downloads/…: the kind is every address
    # made from the published one.
    page = open_page(LAPTOP)
    page.goto(published_url + missing)
    addresses = page.evaluate(ADDRESSES)
    assert any("/downloads/knowledge-base.json" in a for a in addresses)
    assert [a for a in addresses if "//" in urlsplit(a).path] == []
    for address in {a.split("#")[0] for a in addresses}:
        assert page.request.get(address).status == 200, address


def test_no_address_made_from_the_published_one_has_a_doubled_slash(open_page: Opener,
                                                                    published_url: str):
    page = open_page(LAPTOP)
    page.goto(published_url + "people/abu-taqwa/")
    made = page.evaluate("""() => [
        document.querySelector("link[rel=canonical]").href,
        document.querySelector("meta[property='og:url']").content,
        document.querySelector(".kb-cite a").href]""")
    assert made == [published_url + "people/abu-taqwa/"] * 3
    sitemap = page.request.get(published_url + "sitemap.xml").text()
    assert f"<loc>{published_url}people/abu-taqwa/</loc>" in sitemap
    assert "iraq-kb//" not in sitemap


# ---------------------------------------------------------------------------- search results


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_search_results_fit_the_screen(open_page: Opener, base_url: str, width: int,
                                       scheme: str):
    page = open_page(width, scheme)
    page.goto(base_url + "/people/abu-taqwa/")
    page.keyboard.press("/")
    page.keyboard.type("Iraq", delay=40)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=10_000)
    assert not page.evaluate(SCROLLS_SIDEWAYS)
    for box in [r.bounding_box() for r in results.all()[:5]]:
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1


# ---------------------------------------------------------------------------- without scripts

CONTROL_WORDS = re.compile(r"\b(filter|filters|zoom|drag|the boxes|pick a day|as reported "
                           r"by|show everything)\b", re.IGNORECASE)
"""Words that tell a reader to use one of the controls scripts add. Home and About are
left out of the check: they describe what other pages offer."""


@pytest.mark.parametrize("kind", [k for k in PAGES if k not in ("home", "about",
                                                                 "editing guide")])
def test_without_scripts_no_text_names_a_control_that_is_not_there(open_page: Opener,
                                                                   base_url: str, kind: str):
    page = open_page(PHONE, js=False)
    page.goto(base_url + PAGES[kind])
    shown = page.locator("article").inner_text()  # what is displayed, not what is hidden
    assert CONTROL_WORDS.findall(shown) == []


@pytest.mark.parametrize(("path", "hint"), [
    ("/timeline/", "Filter by year, kind of event or who and where it involves"),
    ("/network/", "Tap or hover a name to pick out its connections"),
])
def test_with_scripts_the_controls_say_how_to_use_them(open_page: Opener, base_url: str,
                                                       path: str, hint: str):
    page = open_page(PHONE)
    page.goto(base_url + path)
    expect(page.get_by_text(hint)).to_be_visible()


# ---------------------------------------------------------------------------- axe

STATES = {
    "a day chosen, contents open": "/people/abu-taqwa/?asof=2024-01-07",
    "timeline as reported": "/timeline/?asof=2024-01-07",
    "index in sections": "/sources/",
}
"""Pages in states test_accessibility.py does not reach: phone width, a day chosen,
contents open (it tries the disagreements and other pages at 1280 px)."""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("state", STATES)
def test_no_serious_accessibility_violation_on_a_phone_or_a_laptop(
        open_page: Opener, base_url: str, state: str, width: int, scheme: str):
    page = open_page(width, scheme)
    page.goto(base_url + STATES[state])
    if page.locator("nav.kb-toc").is_visible():
        page.locator("nav.kb-toc summary").click()
    assert violations(page) == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_serious_accessibility_violation_on_the_404_page(open_page: Opener,
                                                            project_url: str, width: int,
                                                            scheme: str):
    page = open_page(width, scheme)
    page.goto(project_url + "people/nobody/")
    assert violations(page) == []
