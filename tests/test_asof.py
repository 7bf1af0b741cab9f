"""'As reported by date D': every statement knows when it was first reported, and a
reader can see only what had been reported by a chosen day."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from kb.link import link
from kb.load import load
from kb.model import Citation
from kb.render.text import reported_by
from kb.validate import validate
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

    page.fill("form.kb-asof input[name=asof]", "2024-01-07")
    assert shown(page, "Mushtaq Taleb al-Saeedi")  # the founding article's day
    page.click("form.kb-asof button[type=reset]")
    assert shown(page, "Mushtaq Taleb al-Saidi")


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
    # Kataib Hezbollah: named by Overt Defense on 4 January 2024, every key fact later.
    # (Abu Taqwa's page no longer serves: Observer Iraq gives key facts on the day of
    # the strike, dossier-2, S35.)
    page.goto(base_url + "/groups/kataib-hezbollah/?asof=2024-01-04")
    expect(page.locator("form.kb-asof output")).to_contain_text("had been reported by")
    bullets = page.locator("article li:visible").all()
    assert bullets and all(b.inner_text().strip() for b in bullets)
    assert page.locator("h2#key-facts").is_hidden()  # every key fact came later
    assert page.locator("h2#names").is_visible()


@pytest.mark.browser
def test_an_event_counts_as_reported_once_any_source_reported_it(page: Page, base_url: str):
    page.goto(base_url + "/people/abu-taqwa/?asof=2024-01-04")
    events = page.locator("h2#events + ul")
    expect(events).to_contain_text("US drone strike kills Abu Taqwa in Baghdad")  # Shafaq
