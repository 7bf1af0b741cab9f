"""The site from a plain `make build` (no SITE_URL), served under a GitHub Pages project
path: it must name no address of its own that could be wrong, and still work."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

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
