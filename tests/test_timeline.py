"""The timeline's filters: rendered attributes, and filtering in headless Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kb.render.timeline import timeline_pages
from tests.conftest import MINI, linked_tree


def mini_timeline() -> str:
    return timeline_pages(linked_tree(MINI))["timeline.md"]


def test_each_entry_carries_its_year_kind_and_entities():
    text = mini_timeline()
    assert ('<div class="kb-event" data-year="2024" data-kind="meeting" '
            'data-entities="ada-example river-party riverton" markdown>') in text
    assert '<option value="riverton">Riverton (place)</option>' in text


def test_each_entry_shows_its_precision_and_every_source_of_its_page():
    text = mini_timeline()
    vote = text.split("{ #vote }")[1].split("</div>")[0]
    assert "part of month</span>" in vote
    assert "Reported by: The Daily[^1]" in vote
    resignation = text.split("{ #resignation }")[1].split("</div>")[0]
    # The wire report is The Daily's own, so it is named by its title, not "The Daily".
    assert r"Reported by: The Daily citing its own \[Wire report on the vote\][^2]" \
        in resignation


def test_the_filters_are_hidden_until_the_script_reveals_them():
    assert '<form class="kb-filters" hidden' in mini_timeline()


# ---------------------------------------------------------------------------- in a browser


def visible_events(page: Page) -> list[str]:
    return page.locator(".kb-event:visible h3").evaluate_all("hs => hs.map(h => h.id)")


@pytest.mark.browser
def test_filters_narrow_the_timeline_without_reloading(page: Page, base_url: str):
    page.goto(base_url + "/timeline/")
    every = visible_events(page)
    assert len(every) >= 10
    expect(page.locator(".kb-count")).to_have_text(f"All {len(every)} events")
    page.evaluate("window.kbMarker = 'same page'")

    page.select_option("select[name=year]", "2024")
    in_2024 = visible_events(page)
    assert "us-strike-kills-abu-taqwa" in in_2024
    assert "soleimani-killed" not in in_2024
    assert page.locator("#year-2020").is_hidden()
    assert page.locator("#year-2024").is_visible()

    page.select_option("select[name=kind]", "strike")
    strikes = visible_events(page)
    assert strikes and set(strikes) < set(in_2024)
    expect(page.locator(".kb-count")).to_have_text(f"{len(strikes)} of {len(every)} events")
    assert re.search(r"\?year=2024&kind=strike$", page.url)
    assert page.evaluate("window.kbMarker") == "same page"

    page.click("text=Show all")
    expect(page.locator(".kb-count")).to_have_text(f"All {len(every)} events")
    assert page.url.endswith("/timeline/")


@pytest.mark.browser
def test_a_shared_address_opens_the_same_filter(page: Page, base_url: str):
    page.goto(base_url + "/timeline/?entity=abu-taqwa")
    shown = visible_events(page)
    assert "us-strike-kills-abu-taqwa" in shown
    assert "global-coalition-formed" not in shown
    for entry in page.locator(".kb-event:visible").all():
        assert "abu-taqwa" in entry.get_attribute("data-entities").split()


@pytest.mark.browser
def test_without_javascript_every_event_shows(no_js_page: Page, base_url: str):
    page = no_js_page
    page.goto(base_url + "/timeline/")
    assert page.locator("form.kb-filters").is_hidden()
    assert page.locator(".kb-event:visible").count() == page.locator(".kb-event").count()
