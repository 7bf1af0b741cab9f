"""'As reported by date D': every statement knows when it was first reported, and a
reader can see only what had been reported by a chosen day."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kb.model import Citation
from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render.text import ASOF_HINT, reported_by
from kb.pipeline.validate import validate
from tests.conftest import MINI, linked_tree


def test_a_statement_was_reported_by_its_earliest_source():
    linked = linked_tree(MINI)
    both = [Citation(source="daily-2024-01-07"), Citation(source="wire-2024-01-05")]
    assert reported_by(linked, both) == "2024-01-05"
    assert reported_by(linked, [Citation(source="daily-2024-01-07")]) == "2024-01-07"


def test_a_source_dated_only_to_a_range_counts_from_the_last_day_of_it(data_tree):
    source = "title: T\ntype: article\ndate: {date}\n"
    root = data_tree({"sources/between.yaml": source.format(date='"[2024-01-04..2024-01-07]"'),
                      "sources/after.yaml": source.format(date='"[2024-01-04..]"'),
                      "sources/span.yaml": source.format(date="2024-01-04/2024-01-06")},
                     with_source=False)
    kb, _ = validate(load(root / "data", root=root))
    linked = link(kb)
    assert reported_by(linked, [Citation(source="between")]) == "2024-01-07"
    assert reported_by(linked, [Citation(source="span")]) == "2024-01-06"
    # Published on or after 4 January: no day by which it surely was, as if undated.
    assert reported_by(linked, [Citation(source="after")]) == ""
    assert reported_by(linked, [Citation(source="after"), Citation(source="span")]) == \
        "2024-01-06"
    assert linked.reporting_span == ("2024-01-06", "2024-01-07")


# ---------------------------------------------------------------------------- in a browser


def shown(page: Page, text: str) -> bool:
    return page.get_by_text(text, exact=False).first.is_visible()


@pytest.mark.browser
def test_an_entity_page_as_it_stood_on_a_day(page: Page, base_url: str):
    page.goto(base_url + "/people/abu-taqwa/")
    assert shown(page, "Mushtaq Taleb al-Saidi")  # The War Zone, undated
    page.fill("form.kb-asof input[name=asof]", "2024-01-04")
    expect(page.locator("form.kb-asof output")).to_contain_text(
        "had been reported by 4 January 2024")
    assert shown(page, "Abu Taqwa al-Seidi")  # 964media, 4 January 2024
    assert not shown(page, "Mushtaq Taleb al-Saeedi")  # Vox (7 January) and an undated page
    assert not shown(page, "Mushtaq Taleb al-Saidi")  # undated: never assumed early
    assert page.url.endswith("?asof=2024-01-04")

    # Each change is applied by the script: wait for its count before reading the page.
    page.fill("form.kb-asof input[name=asof]", "2024-01-07")
    expect(page.locator("form.kb-asof output")).to_contain_text(
        "had been reported by 7 January 2024")
    expect(page.get_by_text("Mushtaq Taleb al-Saeedi").first).to_be_visible()  # Vox's day
    page.click("form.kb-asof button[type=reset]")
    expect(page.get_by_text("Mushtaq Taleb al-Saidi").first).to_be_visible()


@pytest.mark.browser
def test_the_chosen_day_follows_the_reader_to_the_timeline(page: Page, base_url: str):
    page.goto(base_url + "/people/abu-taqwa/?asof=2024-01-07")
    page.goto(base_url + "/timeline/")
    expect(page.locator("form.kb-asof input[name=asof]")).to_have_value("2024-01-07")
    assert page.locator("#us-strike-kills-abu-taqwa").is_visible()
    assert page.locator("#tower-22-attack").is_hidden()
    assert page.locator("#year-2025").is_hidden()
    page.click("form.kb-asof button[type=reset]")
    assert page.locator("#tower-22-attack").is_visible()


@pytest.mark.browser
def test_without_javascript_everything_shows(no_js_page: Page, base_url: str):
    page = no_js_page
    page.goto(base_url + "/people/abu-taqwa/?asof=2024-01-04")
    assert page.locator("form.kb-asof").is_hidden()
    assert shown(page, "Mushtaq Taleb al-Saidi")


@pytest.mark.browser
def test_hidden_statements_leave_no_empty_bullets_or_sections(page: Page, base_url: str):
    # The day before the strike: no key fact had been reported (Observer Iraq's, the
    # earliest, dates to the day of the strike).
    page.goto(base_url + "/people/abu-taqwa/?asof=2024-01-03")
    expect(page.locator("form.kb-asof output")).to_contain_text("had been reported by")
    bullets = page.locator("article li:visible").all()
    assert bullets and all(b.inner_text().strip() for b in bullets)
    assert page.locator("h2#key-facts").is_hidden()  # every key fact came later
    # A day later, the section is back with just the facts reported by then.
    page.goto(base_url + "/people/abu-taqwa/?asof=2024-01-04")
    assert page.locator("h2#key-facts").is_visible()
    assert page.locator("h2#names").is_visible()
    bullets = page.locator("article li:visible").all()
    assert bullets and all(b.inner_text().strip() for b in bullets)
    assert shown(page, "Ahmed Kanani") and not shown(page, "The New Arab gives his age")


@pytest.mark.browser
def test_an_event_counts_as_reported_once_any_source_reported_it(page: Page, base_url: str):
    page.goto(base_url + "/people/abu-taqwa/?asof=2024-01-04")
    events = page.locator("h2#events + ul")
    expect(events).to_contain_text("US drone strike kills Abu Taqwa in Baghdad")  # Shafaq


# ------------------------------------------------------- explained (issue 17, item 4)

BAR = "Showing what was reported by 7 January 2024 — show everything"


@pytest.mark.browser
def test_the_control_says_what_it_does(page: Page, base_url: str):
    page.goto(base_url + "/people/abu-taqwa/")
    hint = page.locator("form.kb-asof .kb-asof-hint")
    expect(hint).to_have_text(ASOF_HINT)
    expect(hint).to_be_visible()
    assert page.locator("form.kb-asof input[name=asof]").get_attribute(
        "aria-describedby") == hint.get_attribute("id")
    assert page.locator(".kb-asof-bar").is_hidden()  # nothing chosen, nothing to say


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1366])
def test_a_chosen_day_shows_a_bar_on_every_page_it_applies_to(open_page, base_url: str,
                                                              width: int, scheme: str):
    page = open_page(width, height=844, scheme=scheme)
    page.goto(base_url + "/people/abu-taqwa/")
    page.fill("form.kb-asof input[name=asof]", "2024-01-07")
    bar = page.locator(".kb-asof-bar")
    expect(bar).to_have_text(BAR)
    expect(bar).to_be_in_viewport()  # above the title, where the page opens
    assert bar.evaluate("bar => bar.compareDocumentPosition(document.querySelector("
                        "'article h1')) & Node.DOCUMENT_POSITION_FOLLOWING")
    # The day follows the reader, and says so on each page it applies to.
    for path in ("/groups/harakat-al-nujaba/", "/timeline/", "/places/baghdad/"):
        page.goto(base_url + path)
        expect(page.locator(".kb-asof-bar")).to_have_text(BAR)
        expect(page.locator(".kb-asof-bar")).to_be_in_viewport()
    # A page it does not apply to has no bar (and hides nothing).
    page.goto(base_url + "/quotes/")
    assert page.locator(".kb-asof-bar").count() == 0
    # "show everything" ends it here and on the next page.
    page.goto(base_url + "/groups/harakat-al-nujaba/")
    page.get_by_role("button", name="show everything").click()
    expect(page.locator(".kb-asof-bar")).to_be_hidden()
    expect(page.locator("form.kb-asof input[name=asof]")).to_have_value("")
    assert "asof" not in page.url
    assert page.locator("[data-kb-later]").count() == 0
    page.goto(base_url + "/people/abu-taqwa/")
    expect(page.locator(".kb-asof-bar")).to_be_hidden()


def visible_events(page: Page) -> int:
    return page.locator(".kb-event:visible").count()


@pytest.mark.browser
def test_the_timelines_counts_agree(page: Page, base_url: str):
    # "All 33 events" stood beside "8 of 33 events had been reported…".
    page.goto(base_url + "/timeline/?asof=2024-01-07")
    total = page.locator(".kb-event").count()
    output = page.locator("form.kb-asof output")
    expect(output).to_contain_text("had been reported by 7 January 2024")
    shown = visible_events(page)
    assert 0 < shown < total
    expect(page.locator(".kb-count")).to_have_text(f"{shown} of {total} events")
    assert output.inner_text().startswith(f"{shown} of {total} events had been reported")
    # With a filter of the timeline's own as well, the count is what is left.
    page.select_option("form.kb-filters select[name=kind]", "strike")
    expect(page.locator(".kb-count")).to_have_text(f"{visible_events(page)} of {total} events")
    page.click("form.kb-asof button[type=reset]")
    expect(page.locator(".kb-count")).to_have_text(f"{visible_events(page)} of {total} events")
    page.click("form.kb-filters button[type=reset]")
    expect(page.locator(".kb-count")).to_have_text(f"All {total} events")


def contents_lines(page: Page, where: str) -> dict[str, bool]:
    """{section id: whether its line in the contents shows} for Material's column
    ('column') or the block phones see ('block')."""
    selector = ".md-sidebar--secondary .md-nav--secondary a" if where == "column" \
        else "nav.kb-toc a"
    return dict(page.locator(selector).evaluate_all(
        "links => links.map(a => [a.hash.slice(1), !a.closest('li').hasAttribute("
        "'data-kb-gone')])"))


@pytest.mark.browser
@pytest.mark.parametrize(("width", "where"), [(1366, "column"), (390, "block")])
def test_sections_it_hides_leave_the_contents(open_page, base_url: str, width: int,
                                              where: str):
    page = open_page(width, height=844)
    # Kataib Hezbollah: named by Overt Defense on 4 January 2024, every key fact later
    # (Abu Taqwa's key facts begin on the day of the strike since dossier-2, S35).
    page.goto(base_url + "/groups/kataib-hezbollah/?asof=2024-01-04")
    expect(page.locator("form.kb-asof output")).to_contain_text("had been reported by")
    lines = contents_lines(page, where)
    assert lines["names"] and not lines["key-facts"]  # every key fact came later
    if where == "block":
        page.locator("nav.kb-toc summary").click()
        expect(page.locator("nav.kb-toc a[href='#key-facts']")).to_be_hidden()
        expect(page.locator("nav.kb-toc a[href='#names']")).to_be_visible()
    page.click("form.kb-asof button[type=reset]")
    assert all(contents_lines(page, where).values())
    # The timeline's own filters too: a year filtered out leaves its line.
    page.goto(base_url + "/timeline/?year=2024")
    lines = contents_lines(page, where)
    assert lines["year-2024"] and not lines["year-2014"]
    assert lines["tower-22-attack"]  # an event of 2024 stays


@pytest.mark.browser
@pytest.mark.parametrize(("path", "noun"), [("/story/", "sentences"),
                                            ("/quotes/2024/", "quotes"),
                                            ("/disagreements/", "versions")])
def test_the_story_quotes_and_disagreements_as_they_stood(page: Page, base_url: str,
                                                         path: str, noun: str):
    """The about page promised the control on every page; the story, the quotes and the
    disagreements had none (trial of issue 18). Each sentence, quote and version is
    shown or hidden on its own, by its own report's day."""
    page.goto(base_url + path + "?asof=2024-01-05")
    expect(page.locator("form.kb-asof output")).to_contain_text(noun)
    markers = page.eval_on_selector_all(
        ".kb-reported", "els => els.map(e => [e.dataset.reported,"
        " e.closest('[data-kb-later]') === null])")
    assert any(shown for _, shown in markers) and not all(shown for _, shown in markers)
    for reported, shown in markers:
        if reported and reported <= "2024-01-05":
            assert shown, reported  # nothing reported by then is hidden
    # A container holds one statement's marker (a sentence, a quote, a version's row).
    later = page.locator("[data-kb-later]")
    assert later.count() > 1
    assert all(n == 1 for n in later.evaluate_all(
        "els => els.map(e => e.querySelectorAll('.kb-reported').length)"))
    page.click("form.kb-asof button[type=reset]")
    expect(page.locator("[data-kb-later]")).to_have_count(0)
