"""The timeline's filters: rendered attributes, and filtering in headless Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from kb.pipeline.link import Linked, link
from kb.pipeline.load import load
from kb.pipeline.render import render
from kb.pipeline.render.timeline import timeline_pages
from kb.pipeline.validate import validate
from kb.text.wording import opening
from tests.browser import serving
from tests.conftest import MINI, linked_tree, read_pages, reading
from tests.site import copy_project, mkdocs_build


def mini_timeline() -> str:
    return reading(timeline_pages(linked_tree(MINI))["timeline.md"])


def test_each_entry_carries_its_year_kind_and_entities():
    text = mini_timeline()
    assert ('<div class="kb-event" data-year="2024" data-kind="meeting" '
            'data-entities="ada-example river-party riverton" data-years="2024" markdown>'
            ) in text
    assert '<option value="riverton">Riverton (place)</option>' in text


def test_each_entry_shows_its_precision_and_every_source_of_its_page():
    text = mini_timeline()
    vote = text.split("{ #vote }")[1].split("</div>")[0]
    assert "part of month</span>" in vote
    assert "Reported by: The Daily[^2]" in vote
    resignation = text.split("{ #resignation }")[1].split("</div>")[0]
    # The wire report is The Daily's own, so it is named by its title, not "The Daily".
    assert r"Reported by: The Daily citing its own \[Wire report on the vote\][^1]" \
        in resignation


EVENT = """\
name: {name}
type: attack
date: {date}
summary:
  text: It happened.
  cite: [report]
"""


def linked_data(root) -> Linked:
    kb, problems = validate(load(root / "data", root=root))
    assert not [p for p in problems if p.severity == "error"], problems
    return link(kb)


def bombings(data_tree, date: str = '"[2024-01-01..2024-01-04]"', **more: str) -> str:
    """The Kerman case: twin bombings known only to have come before a claim of 4
    January, beside events dated 3 and 4 January; returns the timeline."""
    files = {"events/bombings.yaml": EVENT.format(name="Twin bombings", date=date),
             "events/third.yaml": EVENT.format(name="Leader presses PM", date="2024-01-03"),
             "events/strike.yaml": EVENT.format(name="Drone strike", date="2024-01-04"),
             **{f"events/{k}.yaml": EVENT.format(name=k, date=v) for k, v in more.items()}}
    return reading(timeline_pages(linked_data(data_tree(files)))["timeline.md"])


def test_a_day_known_only_to_fall_in_a_range_reads_between_never_as_a_span(data_tree):
    root = data_tree({"events/bombings.yaml": EVENT.format(
        name="Twin bombings", date='"[2024-01-01..2024-01-04]"')})
    pages = read_pages(render(linked_data(root)))
    page = pages["events/bombings.md"]
    timeline = pages["timeline.md"]
    assert "**Date:** between 1 and 4 January 2024" in page
    assert "### Between 1 and 4 January 2024: Twin bombings { #bombings }" in timeline
    assert "one of a range</span> · attack" in timeline
    for text in (page, timeline):
        assert "1–4" not in text and "1 – 4" not in text


def test_a_true_span_still_reads_as_one(data_tree):
    timeline = bombings(data_tree, date="2024-01-01/2024-01-04")
    assert "### 1–4 January 2024: Twin bombings" in timeline
    assert "interval</span>" in timeline


def test_an_event_known_only_to_fall_in_a_range_is_placed_where_it_surely_had_happened(
        data_tree):
    # Not on 1 January, as if known: after the 3 January event it may have followed,
    # before the events of 4 January, the last day it can be.
    timeline = bombings(data_tree)
    order = re.findall(r"\{ #(\w+) \}", timeline)
    assert order == ["third", "bombings", "strike"]


def test_a_range_across_a_new_year_is_filtered_under_both_years(data_tree):
    timeline = bombings(data_tree, date='"[2023-12-30..2024-01-04]"',
                        old="2023-06-01", late='"[2024-01-05..]"')
    assert '<option value="2023">2023</option><option value="2024">2024</option>' in timeline
    assert re.search(r'data-year="2024" data-kind="attack" data-entities="" '
                     r'data-years="2023 2024" markdown>\n\n### Between 30 December 2023 and '
                     r'4 January 2024', timeline)
    # An open end reaches every later year of the page, and only those.
    assert re.search(r'data-years="2024" markdown>\n\n### On or after 5 January 2024',
                     timeline)


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


NEW_YEAR_RAID = """\
# yaml-language-server: $schema=../../schema/event.schema.json
name: Raid at the turn of the year
type: raid
date: "[2023-12-30..2024-01-02]"
places: [baghdad]
summary:
  text: A raid known only to fall between 30 December 2023 and 2 January 2024.
  cite: [vox-2024-01-07]
"""


@pytest.fixture(scope="module")
def raid_url(tmp_path_factory) -> Iterator[str]:
    """The site with one more event, on a day between 30 December 2023 and 2 January
    2024, built and served."""
    project = copy_project(tmp_path_factory.mktemp("raid-project"))
    (project / "data" / "events" / "new-year-raid.yaml").write_text(NEW_YEAR_RAID)
    site = tmp_path_factory.mktemp("raid-site")
    result = mkdocs_build(project, site, strict=False)
    assert result.returncode == 0, result.stderr
    with serving(site) as (_, address):
        yield address


@pytest.mark.browser
def test_the_year_filter_shows_a_range_under_each_year_it_may_fall_in(page: Page, raid_url):
    page.goto(raid_url + "/timeline/")
    page.select_option("select[name=year]", "2023")
    in_2023 = visible_events(page)
    assert "new-year-raid" in in_2023 and "us-strike-kills-abu-taqwa" not in in_2023
    assert page.locator("#year-2024").is_visible()  # the heading it is listed under
    page.select_option("select[name=year]", "2024")
    assert "new-year-raid" in visible_events(page)
    page.select_option("select[name=year]", "2020")
    assert "new-year-raid" not in visible_events(page)


NEW_FORMS = {  # EDTF forms the date reader came to read in issue 15, and their words
    "spring": ("2023-21", "spring 2023", "part of year"),
    "decade": ("201X", "the 2010s (year not known)", "decade"),
    "month-unknown": ("2023-XX", "2023 (month not known)", "year"),
    "year-uncertain": ("2024?-01-03", "3 January 2024 (year uncertain)", "day"),
    "one-of-two": ('"[2024-01-02, 2024-01-05]"', "2 or 5 January 2024", "one of a range"),
    "both-days": ('"{2024-01-02, 2024-01-04}"', "2 and 4 January 2024", "several dates"),
    "estimated": ("1950S2", "1900–1999 (estimated 1950)", "century"),
}


def test_every_form_the_date_reader_accepts_renders_on_every_page(data_tree):
    root = data_tree({f"events/{key}.yaml": EVENT.format(name=key, date=date)
                      for key, (date, _, _) in NEW_FORMS.items()})
    pages = read_pages(render(linked_data(root)))
    timeline = pages["timeline.md"]
    for key, (_, words, precision) in NEW_FORMS.items():
        assert f"**Date:** {words}" in pages[f"events/{key}.md"]
        entry = timeline.split(f"{{ #{key} }}")[1].split("</div>")[0]
        assert timeline.split(f"{{ #{key} }}")[0].endswith(f"### {opening(words)}: {key} ")
        assert f"{precision}</span>" in entry
    # Listed where each had surely happened or began: a date whose day is not known at
    # its last day (the 1900s first, spring before the rest of 2023, a set at its last
    # day), several dates at their first known day.
    assert re.findall(r"\{ #([\w-]+) \}", timeline) == [
        "estimated", "decade", "spring", "month-unknown", "both-days", "year-uncertain",
        "one-of-two"]


def test_reported_by_lists_the_earliest_first_and_dates_a_name_given_twice(data_tree):
    """Four "Shafaq News" in a row told a reader nothing of which was which (issue 18's
    screenshots): a name the list gives more than once carries its source's date, and
    the sources run from the first report on."""
    later = "title: A follow-up\ntype: article\noutlet: outlet\ndate: 2024-01-09\n"
    other = "title: Elsewhere\ntype: article\ndate: 2024-01-08\n"
    event = EVENT.format(name="Drone strike", date="2024-01-04").replace(
        "cite: [report]", "cite: [later, report, other]")
    text = reading(timeline_pages(linked_data(data_tree({
        "sources/later.yaml": later, "sources/other.yaml": other,
        "events/strike.yaml": event})))["timeline.md"])
    [line] = [line for line in text.splitlines() if line.startswith("Reported by:")]
    assert re.sub(r"\[\^\d+\]|<span [^>]*></span>", "", line) == (
        "Reported by: Outlet, 7 January 2024; “Elsewhere”; Outlet, 9 January 2024")


def test_the_timeline_places_a_span_after_the_days_it_may_overlap_and_says_so(data_tree):
    """Issue 18's trial: the mortar attack S58 places "in late 2023" (2023-41, second
    half of 2023) sorted at 1 July, before "7 October 2023", as though it came before
    the war. It is listed at the last day it can have happened and says so; the days
    keep their order; a year-only event on an entity's page likewise."""
    files = {"events/mortars.yaml": EVENT.format(name="Mortars", date="2023-41"),
             "events/war.yaml": EVENT.format(name="War", date="2023-10-07"),
             "events/summer.yaml": EVENT.format(name="Summer day", date="2023-08-01"),
             "events/yearly.yaml": EVENT.format(name="Yearly", date="2023") + (
                 "places: [riverton]\n"),
             "events/new-year.yaml": EVENT.format(name="New year", date="2024-01-01"),
             "places/riverton.yaml": "name: Riverton\ntype: city\n"
                                     "summary: {text: A city., cite: [report]}\n"}
    pages = read_pages(render(linked_data(data_tree(files))))
    timeline = pages["timeline.md"]
    assert re.findall(r"\{ #([\w-]+) \}", timeline) == [
        "summer", "war", "mortars", "yearly", "new-year"]
    note = ("*Day not known: listed at the last day it can have happened, so it may have "
            "come before some of the events listed above it.*")
    for event_id in ("mortars", "yearly"):
        assert note in timeline.split(f"{{ #{event_id} }}")[1].split("</div>")[0]
    for event_id in ("summer", "war", "new-year"):
        assert "Day not known" not in timeline.split(f"{{ #{event_id} }}")[1].split(
            "</div>")[0]
    assert ("- **2023** (day not known: listed at its last possible day) — "
            "[Yearly](../events/yearly.md)") in pages["places/riverton.md"]
