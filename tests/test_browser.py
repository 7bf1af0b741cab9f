"""A reader's search in headless Chromium (Debian's), driven by Playwright.

Material's search reacts to key events, so the query is typed key by key, as a
person types it; `fill()` would not trigger it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from kb.text.spelling import FOLDING, skeleton, words
from tests.browser import type_search
from tests.conftest import ROOT, linked_tree

pytestmark = pytest.mark.browser


def search_and_open_first(page: Page, base_url: str, query: str) -> str:
    """Type `query` into the search box from the home page; open the first hit."""
    first = type_search(page, base_url, query)
    title = first.locator("h1").first.inner_text()
    first.locator("a").first.click()
    page.wait_for_load_state()
    return title


@pytest.mark.parametrize(
    ("query", "name", "path"),
    [
        ("al-Jawari", "Abu Taqwa", "/people/abu-taqwa/"),
        ("Suleimani", "Qasem Soleimani", "/people/qasem-soleimani/"),
        ("HaN", "Harakat al-Nujaba", "/groups/harakat-al-nujaba/"),
        ("Pentagon", "US Department of Defense", "/groups/us-department-of-defense/"),
        ("Abu Taqwa", "Abu Taqwa", "/people/abu-taqwa/"),  # before events naming him
        ("Najuba", "Harakat al-Nujaba", "/groups/harakat-al-nujaba/"),
    ],
)
def test_search_finds_an_entity_by_alias_first(page: Page, base_url: str, query, name, path):
    title = search_and_open_first(page, base_url, query)
    assert title == name
    assert urlsplit(page.url).path == path  # Material adds ?h=<query> to highlight
    assert page.locator("h1").first.inner_text().removesuffix("¶").strip() == name


def test_search_ranks_kinds_as_the_index_says(page: Page, base_url: str):
    """The ranks of kinds are data the pipeline writes (kb.model.Kind.search_rank, in
    kb-search/folding.json), not numbers of the script: served with events ranked above
    people, the same query opens an event that names Abu Taqwa, not his own page."""
    def events_first(route):
        rules = route.fetch().json()
        rules["ranks"] = {**rules["ranks"], "Person": 0, "Event": 5}
        route.fulfill(json=rules)

    page.route("**/kb-search/folding.json", events_first)
    title = search_and_open_first(page, base_url, "Abu Taqwa")
    assert "Abu Taqwa" in title and title != "Abu Taqwa"
    assert urlsplit(page.url).path.startswith("/events/")


def test_entity_page_shows_its_sources_and_links(page: Page, base_url: str):
    page.goto(base_url + "/people/abu-taqwa/")
    assert page.locator("h2#disagreements-between-sources").count() == 1
    assert page.locator(".footnote li").count() >= 3
    page.get_by_role("link", name="Harakat al-Nujaba").first.click()
    page.wait_for_load_state()
    assert page.url == base_url + "/groups/harakat-al-nujaba/"
    assert "Abu Taqwa" in page.locator("article").inner_text()


def test_the_search_script_splits_and_sounds_out_names_as_the_index_does(page: Page,
                                                                        base_url: str):
    linked = linked_tree(ROOT)
    names = sorted({name for entry in linked.kb.entries.values()
                    for name in [getattr(entry, "name", ""), getattr(entry, "title", ""),
                                 *(a.name for a in getattr(entry, "aliases", []))] if name})
    names += ["Qāsim Sulaymānī", "ÇAĞLAR Öztürk", "بغداد", "al‑Jawari’s",
              # every apostrophe and dash the folding table knows, and some it does not
              *(f"Kata{c}ib Hizbullah al{c}Haq" for c in FOLDING["joined"] + FOLDING["breaks"]
                + "\u02c8\u2019\u201c\u00b7/"),
              "Abu Taq\u200bwa Kata\u00adib", "Jose\u0301 ﬁnal ２０２４",
              # Arabic letters written two ways, tashkeel, tatweel (issue 18)
              "أَبُو تَقْوَى السعـيدي", "إبراهيم آمر ٱلله مؤتمر رئيس حركة علی کتائب"]
    page.goto(base_url + "/")
    page.evaluate("kbLoad('search.js')")  # loaded when a reader first searches
    page.wait_for_function("window.kbSpelling !== undefined")
    in_browser = page.evaluate(
        "async names => { await kbSpelling.ready; return names.map(n => {"
        " const w = kbSpelling.words(n); return [w, w.map(kbSpelling.skeleton)]; }); }", names)
    in_python = [[words(n), [skeleton(w) for w in words(n)]] for n in names]
    assert in_browser == in_python


def result_titles(page: Page, base_url: str, query: str) -> list[str]:
    """The titles of every result shown for `query`, typed key by key."""
    page.goto(base_url + "/")
    page.locator(".md-search__input").click()
    page.keyboard.type(query, delay=40)
    page.locator(".md-search-result__meta").filter(has_text="match").wait_for(timeout=10_000)
    page.wait_for_timeout(300)  # a slower earlier query must have settled
    return page.locator(".md-search-result__item h1").all_inner_texts()


@pytest.mark.parametrize("query", ["Kata’ib", "Kataʼib", "Kata'ib", "Kata`ib"])
def test_an_apostrophe_in_a_query_finds_what_the_plain_spelling_finds(page: Page,
                                                                     base_url: str, query):
    # The case of the issue: "Kata’ib" found 1 page where "Kataib" found 4.
    plain = result_titles(page, base_url, "Kataib")
    assert len(plain) >= 4 and plain[0] == "Kataib Hezbollah"
    assert result_titles(page, base_url, query) == plain


@pytest.mark.parametrize("query", ["Kataʼib Hizbullah", "Kata’ib Hizballah"])
def test_hizbullah_with_a_curly_apostrophe_finds_kataib_hezbollah(page: Page, base_url: str,
                                                                   query):
    # ʼ (U+02BC) is a letter to Unicode: it kept "Kataʼib" from matching any name.
    assert result_titles(page, base_url, query)[0] == "Kataib Hezbollah"
