"""The site from a plain `make build` (no SITE_URL), served under a GitHub Pages project
path: it must name no address of its own that could be wrong, and still work."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.browser import PROJECT, _ProjectHandler, serving
from tests.conftest import ROOT
from tests.site import mkdocs_build

pytestmark = pytest.mark.browser

STYLES_LOADED = """() => [...document.querySelectorAll('link[rel="stylesheet"]')].map(
    link => [link.href, Boolean(link.sheet && link.sheet.cssRules.length)])"""


@pytest.mark.parametrize("opened", ["people/abu-taqwa/",
                                    "people/abu-taqwa/index.html?q=1#cite-this-page"])
def test_cite_this_page_names_the_address_the_reader_has_open(page: Page, project_url: str,
                                                              opened: str):
    page.goto(project_url + opened)
    cite = page.locator(".kb-cite")
    address = project_url + "people/abu-taqwa/"
    assert cite.locator("a").get_attribute("href") == address
    assert re.fullmatch(r"“Abu Taqwa”, in Iraq and the US-led coalition since 2024, "
                        rf"last changed [0-9]{{1,2}} [A-Z][a-z]+ 20[0-9]{{2}}, {address}\.",
                        cite.inner_text().strip())


def test_without_scripts_the_citation_has_no_address(no_js_page: Page, project_url: str):
    no_js_page.goto(project_url + "sources/vox-2024-01-07/")
    cite = no_js_page.locator(".kb-cite").inner_text().strip()
    assert re.fullmatch(r"“.+”, in Iraq and the US-led coalition since 2024, last changed "
                        r"[0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2}\.", cite), cite


@pytest.mark.parametrize("missing", ["no-such-page/", "people/nobody/",
                                     "people/nobody/deeper/still/"])
def test_the_404_page_finds_its_styles_and_links_at_any_depth(page: Page, project_url: str,
                                                               missing: str):
    response = page.goto(project_url + missing)
    assert response is not None and response.status == 404
    assert page.locator("h1").first.inner_text() == "Page not found"
    styles = page.evaluate(STYLES_LOADED)
    assert styles and all(href.startswith(project_url + "assets/") and loaded
                          for href, loaded in styles), styles
    assert page.evaluate("typeof window.kbOnPage") == "function"  # assets/kb.js ran
    people = page.locator(".md-tabs a, .md-nav a").filter(has_text="People").first
    assert people.evaluate("link => link.href") == project_url + "people/"
    download = page.locator(".kb-downloads a").first
    assert download.evaluate("link => link.href") == project_url + \
        "downloads/knowledge-base.json"


@pytest.fixture(scope="module")
def published_project_url(tmp_path_factory) -> Iterator[str]:
    """The site built as the workflow builds it (SITE_URL, its project address), served
    under that project path."""
    site = tmp_path_factory.mktemp("published-project-site")
    with serving(site, _ProjectHandler) as (_, address):
        result = mkdocs_build(ROOT, site, env={"SITE_URL": address + PROJECT})
        assert result.returncode == 0, result.stderr
        yield address + PROJECT


MISSING = [
    ("people/abu-takwa/", "abu takwa", "Abu Taqwa"),  # the trial of issue 15: 6 failures
    ("people/nobody/deeper/still/", "nobody", None),  # the part after a folder
    ("events/no-such-strike", "no such strike", None),
    ("ayn-al-asad", "ayn al asad", "Ain al-Asad"),  # names no part of the site
]


@pytest.mark.parametrize(("missing", "words", "first"), MISSING)
def test_the_404_page_loads_everything_from_the_right_place_at_the_first_try(
        page: Page, project_url: str, missing: str, words: str, first: str | None):
    """Without SITE_URL the browser asked for the stylesheets and scripts at the
    address tried (/iraq-kb/people/abu-takwa/assets/…) before the page's script had
    found the site's root; they failed, then loaded again from the root. No request
    may fail, and search and the links must work."""
    _loads_from_the_right_place(page, project_url, missing, words, first)


@pytest.mark.parametrize(("missing", "words", "first"), MISSING)
def test_the_published_404_page_loads_everything_from_the_right_place(
        page: Page, published_project_url: str, missing: str, words: str,
        first: str | None):
    _loads_from_the_right_place(page, published_project_url, missing, words, first)


def _loads_from_the_right_place(page: Page, site: str, missing: str, words: str,
                                first: str | None) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda asked: failed.append(f"failed: {asked.url}"))
    page.on("response", lambda response: failed.append(f"{response.status}: {response.url}")
            if response.status >= 400 and response.url != site + missing else None)
    response = page.goto(site + missing)
    assert response is not None and response.status == 404
    page.wait_for_load_state("networkidle")
    assert failed == []
    styles = page.evaluate(STYLES_LOADED)
    assert styles and all(href.startswith(site + "assets/") and loaded
                          for href, loaded in styles), styles
    people = page.locator("ul.kb-notfound-links a").filter(has_text="People")
    assert people.evaluate("link => link.href") == site + "people/"
    query = page.locator("#kb-notfound-query")
    assert query.input_value() == words
    if first is not None:
        _first_result_is(page, site, first)
    assert failed == []
    assert page.request.get(people.evaluate("link => link.href")).status == 200


def _first_result_is(page: Page, site: str, first: str) -> None:
    """The 404 page's search box submitted: the site's search answers, its first result
    titled `first` and linking to a page of the site."""
    page.locator("form.kb-notfound button").click()
    result = page.locator(".md-search-result__item").first
    result.wait_for(state="visible", timeout=10_000)
    assert result.locator("h1, h2, .md-search-result__title").first.inner_text() \
        .startswith(first)
    href = result.locator("a").first.evaluate("link => link.href")
    assert href.startswith(site) and page.request.get(href).status == 200


# The trial of issue 17: the box read only the address's last part, so that
# /iraq-kb/places/ayn-al-asad/deep/x/y/ read "y" and /iraq-kb/people/abu-takwa/index.html
# "index" (no result). What the reader meant is the part right after one of the site's
# own folders, else the last part naming something; no index page, extension, query,
# fragment or percent-encoding is read as words, nor the project's own path.
MEANT = [
    ("places/ayn-al-asad/deep/x/y/", "ayn al asad", "Ain al-Asad"),
    ("people/abu-takwa/index.html", "abu takwa", "Abu Taqwa"),
    ("people/abu-takwa.html", "abu takwa", "Abu Taqwa"),
    ("groups/harakat-al-nujaba.htm", "harakat al nujaba", "Harakat al-Nujaba"),
    ("people/abu-takwa/?q=sudani#facts", "abu takwa", "Abu Taqwa"),
    ("people/abu%20takwa/", "abu takwa", "Abu Taqwa"),
    ("People/Abu-Takwa/Index.HTML", "Abu Takwa", "Abu Taqwa"),  # folders in any case
    ("events/index.html/no-such-strike/", "no such strike", None),
    ("places/%D8%A8%D8%BA%D8%AF%D8%A7%D8%AF/x/", "\u0628\u063a\u062f\u0627\u062f", None),
    ("Abu-Taqwa.html", "Abu Taqwa", "Abu Taqwa"),  # at the root, naming no folder
    ("old/site/ayn-al-asad/index.html", "ayn al asad", "Ain al-Asad"),  # no folder
    ("index.php", "", None),  # nothing named: not the project's own name
    ("people/abu%zztakwa/", "abu%zztakwa", None),  # no percent-encoding: as it is
]


@pytest.mark.parametrize("published", [False, True], ids=["no SITE_URL", "SITE_URL"])
@pytest.mark.parametrize(("missing", "words", "first"), MEANT, ids=[m[0] for m in MEANT])
def test_the_404_search_box_holds_the_words_the_reader_meant(
        page: Page, request: pytest.FixtureRequest, published: bool, missing: str,
        words: str, first: str | None):
    site = request.getfixturevalue("published_project_url" if published else "project_url")
    response = page.goto(site + missing)
    assert response is not None and response.status == 404
    assert page.locator("#kb-notfound-query").input_value() == words
    if first is not None:
        _first_result_is(page, site, first)


def test_without_scripts_the_404_page_keeps_its_styles_where_they_resolve(
        no_js_page: Page, project_url: str):
    """Its stylesheets are held for its script to write out; without scripts they are
    given as they were (relative), so that a missing page at the root's own level
    shows styled."""
    no_js_page.goto(project_url + "no-such-page")
    styles = no_js_page.evaluate(STYLES_LOADED)
    assert styles and all(href.startswith(project_url + "assets/") and loaded
                          for href, loaded in styles), styles
