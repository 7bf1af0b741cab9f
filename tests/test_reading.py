"""Reading aids in headless Chromium: note previews, a light first visit, dark mode,
a phone's width and print."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, TimeoutError, expect

pytestmark = pytest.mark.browser


def hover_until_shown(page: Page, selector: str) -> None:
    """Hover as a reader does, once the theme's scripts have settled; a reader whose
    pointer arrives too early moves it again, and so does this."""
    page.wait_for_load_state("networkidle")
    target = page.locator(selector).first
    for _ in range(3):
        target.hover()
        try:
            page.locator(".md-tooltip2--active").first.wait_for(state="visible",
                                                                timeout=3_000)
            return
        except TimeoutError:
            page.mouse.move(0, 0)


def test_hovering_a_note_number_shows_its_source(page: Page, base_url: str):
    page.goto(base_url + "/people/abu-taqwa/")
    # The page's first note marker, whichever note it is (the Arabic names under the
    # heading come before the summary, and their notes are numbered where first cited).
    hover_until_shown(page, "sup[id^='fnref'] a")
    tooltip = page.locator(".md-tooltip2--active").first
    expect(tooltip).to_be_visible(timeout=5_000)
    # The hovered note's source, whichever the data cites there (Observer Iraq since
    # dossier-2 gave the Arabic names under the heading; Vox before).
    target = page.locator("sup[id^='fnref'] a").first.get_attribute("href") or ""
    note = page.locator(f"li[id='{target.lstrip('#')}']").inner_text().split(",")[0].strip()
    assert note
    expect(tooltip).to_contain_text(note)


def test_a_first_visit_makes_five_requests_and_search_loads_only_when_used(
        page: Page, base_url: str):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url.removeprefix(base_url)))
    page.goto(base_url + "/people/abu-taqwa/")
    page.wait_for_load_state("networkidle")
    assert len(fetched) == 5, fetched  # page, Material's 2 stylesheets and script, ours
    assert not any("search" in url or "sitemap" in url for url in fetched), fetched
    page.locator(".md-search__input").click()
    page.keyboard.type("Suleimani", delay=30)  # a spelling no source uses
    expect(page.locator(".md-search-result__item h1").first).to_have_text("Qasem Soleimani")
    # The script, then the spelling folds it shares with the network's find box, its
    # two libraries and the folding rules the index was made with, then the shards of
    # the query's words and spellings, and the pages shown.
    searched = fetched[5:]
    assert searched[0] == "/js/search.js"
    assert {"/js/spelling.js", "/js/vendor/minisearch.js", "/js/vendor/wink-porter2-stemmer.js",
            "/kb-search/folding.json", "/kb-search/words/sul.json",
            "/kb-search/sounds/slm.json", "/kb-search/words/sol.json"} <= set(searched)
    assert all(url.startswith(("/js/vendor/", "/kb-search/")) or url == "/js/spelling.js"
               for url in searched[1:])
    assert len(searched) == len(set(searched)), "a file fetched twice"


def test_the_reader_can_switch_to_dark_mode(page: Page, base_url: str):
    page.goto(base_url + "/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("label[title='Switch to dark mode']").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


@pytest.mark.parametrize("path", ["/events/us-strike-kills-abu-taqwa/", "/timeline/",
                                  "/disagreements/"])
def test_a_phone_reads_pages_without_sideways_scrolling(browser, base_url: str, path: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(base_url + path)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0


def test_print_shows_the_article_without_controls(page: Page, base_url: str):
    page.goto(base_url + "/timeline/")
    page.emulate_media(media="print")
    assert page.locator("form.kb-filters").is_hidden()
    assert page.locator(".md-footer").is_hidden()
    assert page.locator("article h1").is_visible()


def test_on_a_phone_the_search_button_opens_a_box_ready_for_typing(browser, base_url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(base_url + "/timeline/")
    phone.locator("label.md-header__button[for=__search]").click()
    phone.keyboard.type("Najuba", delay=40)  # no tap on the box: it has the focus
    first = phone.locator(".md-search-result__item h1").first
    expect(first).to_have_text("Harakat al-Nujaba")
    context.close()
