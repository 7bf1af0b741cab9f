"""Long lists cut into pages by period: the cut, and the timeline and quotes pages made
from it, with every link on them resolving to a page that exists."""

from __future__ import annotations

import datetime as dt
import posixpath
import re

import pytest

from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render import periods, render
from kb.pipeline.render.periods import (
    by_period,
    period_links,
    period_list,
    period_pages,
    period_path,
)
from kb.pipeline.render.quotes import quotes_pages
from kb.pipeline.render.timeline import timeline_pages
from kb.pipeline.validate import validate
from tests.conftest import read_pages

D = dt.date


def slugs(items: list, limit: int) -> list[tuple[str, int]]:
    return [(p.slug, len(p.items)) for p in by_period(items, lambda d: d, limit)]


def test_a_short_list_stays_one_page():
    assert slugs([D(2014, 6, 1), D(2024, 1, 3)], limit=2) == [("", 2)]


def test_a_long_list_gets_a_page_per_year_and_a_crowded_year_one_per_month():
    days = [D(2014, 6, 1), D(2024, 1, 3), D(2024, 1, 9), D(2024, 2, 1), D(2025, 3, 1), None]
    assert slugs(days, limit=2) == [("2014", 1), ("2024-01", 2), ("2024-02", 1),
                                    ("2025", 1), ("undated", 1)]


def test_a_crowded_month_gets_a_page_per_half():
    # Issue 16: a rename converts again each page listing the entry, ~1 ms of MkDocs'
    # Markdown per item; past MONTH_LIMIT items a month is cut at the 15th.
    june = [D(2024, 6, d) for d in (1, 15, 15, 16, 30)]
    periods = by_period([D(2023, 1, 1), *june, D(2024, 7, 1), D(2024, 7, 2)],
                        lambda d: d, limit=2, month_limit=2)
    assert [(p.slug, p.title, p.items) for p in periods] == [
        ("2023", "2023", [D(2023, 1, 1)]),
        ("2024-06-01", "1–15 June 2024", june[:3]),
        ("2024-06-16", "16–30 June 2024", june[3:]),
        ("2024-07", "July 2024", [D(2024, 7, 1), D(2024, 7, 2)]),
    ]


def test_a_crowded_month_all_in_one_half_stays_one_page():
    days = [D(2024, 2, 16), D(2024, 2, 20), D(2024, 2, 29), D(2025, 1, 1)]
    assert slugs_by_month(days, month_limit=2) == [("2024-02", 3), ("2025", 1)]


def test_the_halves_of_february_and_of_a_newest_first_list():
    days = [D(2024, 2, 29), D(2024, 2, 16), D(2024, 2, 15), D(2024, 2, 1), D(2023, 1, 1)]
    periods = by_period(days, lambda d: d, limit=2, month_limit=2)
    assert [(p.slug, p.title) for p in periods] == [
        ("2024-02-16", "16–29 February 2024"), ("2024-02-01", "1–15 February 2024"),
        ("2023", "2023")]


def test_a_month_of_month_limit_items_stays_one_page():
    from kb.pipeline.render.periods import MONTH_LIMIT
    # A crowded year (over 100), its June of MONTH_LIMIT days, its July of more, all
    # on the 1st: halves only past MONTH_LIMIT, and only with items in each.
    days = sorted([D(2024, 6, 1 + n % 28) for n in range(MONTH_LIMIT)] + [D(2024, 7, 1)] * 60)
    assert slugs_by_month(days, month_limit=None, limit=100) == [
        ("2024-06", MONTH_LIMIT), ("2024-07", 60)]
    days = sorted([*days, D(2024, 6, 30)])
    assert slugs_by_month(days, month_limit=None, limit=100) == [
        ("2024-06-01", 30), ("2024-06-16", 21), ("2024-07", 60)]


def slugs_by_month(days: list, month_limit: int | None, limit: int = 2) -> list[tuple[str, int]]:
    return [(p.slug, len(p.items))
            for p in by_period(days, lambda d: d, limit, month_limit=month_limit)]


def test_an_item_across_the_15th_is_named_on_the_other_half():
    # (listed at, (earliest, latest)): a span from the 14th to the 17th, listed when it
    # began, and one day between the 14th and the 17th, listed at the last.
    across = (D(2024, 6, 14), D(2024, 6, 17))
    items = [(D(2024, 6, 1), (D(2024, 6, 1),) * 2), (D(2024, 6, 14), across),
             (D(2024, 6, 17), across), (D(2024, 6, 20), (D(2024, 6, 20),) * 2),
             (D(2025, 1, 1), (D(2025, 1, 1),) * 2)]
    periods = by_period(items, lambda item: item[0], limit=2, span=lambda item: item[1],
                        month_limit=2)
    assert [(p.slug, p.items, p.also) for p in periods] == [
        ("2024-06-01", items[:2], [items[2]]),
        ("2024-06-16", items[2:4], [items[1]]),
        ("2025", items[4:], []),
    ]


def test_the_halves_are_listed_by_day_and_month_and_the_overview_says_so():
    periods = by_period([D(2024, 6, 1), D(2024, 6, 20), D(2024, 7, 1)], lambda d: d, 1,
                        month_limit=1)
    assert period_list("quotes.md", periods, "quote") == (
        "- 2024: [1–\u206015\u00a0June](quotes/2024-06-01.md) (1), "
        "[16–\u206030\u00a0June](quotes/2024-06-16.md) (1), [July](quotes/2024-07.md) (1); "
        "3 quotes in all\n")
    nav = period_links("quotes.md", periods, 1)
    assert ("[← 1–15 June 2024](2024-06-01.md) · [All periods](../quotes.md) · "
            "[July 2024 →](2024-07.md)") in nav
    overview = period_pages("quotes.md", "Quotes", "Quotes.", "quote", periods,
                            lambda _periods, _n: "")["quotes.md"]
    assert ("too many for one page: each year has its own, and a crowded year one per "
            "month, a crowded month one per half.") in overview
    months = by_period([D(2024, 6, 1), D(2024, 7, 1)], lambda d: d, 1, month_limit=1)
    assert period_pages("quotes.md", "Quotes", "Quotes.", "quote", months,
                        lambda _periods, _n: "")["quotes.md"].endswith(
        "each year has its own, and a crowded year one per month.\n\n"
        "- 2024: [June](quotes/2024-06.md) (1), [July](quotes/2024-07.md) (1); "
        "2 quotes in all\n")


def test_periods_are_listed_and_linked_from_the_overview_and_from_each_other():
    periods = by_period([D(2014, 6, 1), D(2024, 1, 3), D(2024, 2, 1)], lambda d: d, 1)
    assert period_path("quotes.md", periods[1]) == "quotes/2024-01.md"
    assert period_list("quotes.md", periods, "quote") == (
        "- [2014](quotes/2014.md): 1 quote\n"
        "- 2024: [January](quotes/2024-01.md) (1), [February](quotes/2024-02.md) (1); "
        "2 quotes in all\n")
    nav = period_links("quotes.md", periods, 1)
    assert "[← 2014](2014.md) · [All periods](../quotes.md) · [February 2024 →](2024-02.md)" in nav
    assert "←" not in period_links("quotes.md", periods, 0)
    assert "→" not in period_links("quotes.md", periods, 2)


EVENT = """\
name: {name}
type: strike
date: {date}
summary:
  text: It happened.
  cite: [report]
participants:
  - entity: ada
    role: took part
"""
ADA = """\
name: Ada Example
summary:
  text: A person.
  cite: [report]
facts:
  - text: She spoke.
    cite:
      - source: report
        quote:
          text: one
          speaker: ada
          said: 2014-05-01
      - source: report
        quote:
          text: two
          speaker: ada
          said: 2023-12-02
"""


def spread(data_tree):
    """Ada, two of her quotes ten years apart, and three events: 2014, November and
    December 2023."""
    files = {"people/ada.yaml": ADA,
             "events/first.yaml": EVENT.format(name="First", date="2014-06-01"),
             "events/second.yaml": EVENT.format(name="Second", date="2023-11-03"),
             "events/third.yaml": EVENT.format(name="Third", date="2023-12")}
    root = data_tree(files)
    kb, problems = validate(load(root / "data", root=root))
    assert not [p for p in problems if p.severity == "error"]
    return link(kb)


def test_a_long_timeline_becomes_an_overview_and_a_page_per_period(data_tree):
    pages = read_pages(timeline_pages(spread(data_tree), limit=1))
    assert set(pages) == {"timeline.md", "timeline/2014.md", "timeline/2023-11.md",
                          "timeline/2023-12.md"}
    assert "There are 3 events, too many for one page" in pages["timeline.md"]
    assert "[2014](timeline/2014.md): 1 event" in pages["timeline.md"]
    november = pages["timeline/2023-11.md"]
    assert 'title: "Timeline: November 2023"' in november
    assert "{ #second }" in november and "{ #first }" not in november
    assert "[Ada Example](../people/ada.md)" in november
    assert "[^1]: " in november  # each page numbers its own footnotes
    assert 'name="year"' not in november  # one year on the page: nothing to choose


def test_a_short_timeline_stays_one_page_with_a_year_filter(data_tree):
    pages = read_pages(timeline_pages(spread(data_tree)))
    assert set(pages) == {"timeline.md"}
    assert '<select name="year">' in pages["timeline.md"]
    assert "{ #first }" in pages["timeline.md"] and "{ #third }" in pages["timeline.md"]


def test_long_quotes_are_cut_by_when_they_were_said(data_tree):
    pages = read_pages(quotes_pages(spread(data_tree), limit=1))
    assert set(pages) == {"quotes.md", "quotes/2014.md", "quotes/2023.md"}
    assert "“one”" in pages["quotes/2014.md"] and "“two”" not in pages["quotes/2014.md"]
    assert "[All periods](../quotes.md)" in pages["quotes/2023.md"]


def test_every_link_on_the_cut_pages_leads_to_a_generated_page(data_tree):
    linked = spread(data_tree)
    pages = {**render(linked), **timeline_pages(linked, 1), **quotes_pages(linked, 1)}
    for path in [p for p in pages if p.startswith(("timeline", "quotes"))]:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", pages[path]):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in pages, (path, target)


# ---------------------------------------------------------------------------- dates that
# are not one known day: a span across two periods, one day of a range across two


def test_an_item_is_on_one_page_and_named_on_each_other_its_dates_reach_into():
    # (listed at, (earliest, latest)): a day; a span from 30 November to 3 December,
    # listed when it began; one day between 29 November and 2 December, listed at the
    # last; one on or after 5 December and one by 3 January 2024, which have no
    # known side to reach from.
    day, span = D(2023, 11, 3), (D(2023, 11, 30), D(2023, 12, 3))
    one_of = (D(2023, 11, 29), D(2023, 12, 2))
    items = [(day, (day, day)), (D(2023, 11, 30), span), (D(2023, 12, 2), one_of),
             (D(2023, 12, 5), (D(2023, 12, 5), None)), (D(2024, 1, 3), (None, D(2024, 1, 3)))]
    periods = by_period(items, lambda item: item[0], limit=1, span=lambda item: item[1])
    assert [(p.slug, p.items, p.also) for p in periods] == [
        ("2023-11", items[:2], [items[2]]),
        ("2023-12", items[2:4], [items[1]]),
        ("2024", items[4:], []),
    ]
    assert [item for p in periods for item in p.items] == items  # none dropped or doubled


def crossing(data_tree):
    """Events of November and December 2023, two with dates across the two months, and
    quotes of 2022 and 2023, one said on a day between 30 December 2022 and 2 January
    2023."""
    ada = ADA + """\
      - source: report
        quote:
          text: three
          speaker: ada
          said: 2022-06-01
      - source: report
        quote:
          text: four words said then
          speaker: ada
          said: "[2022-12-30..2023-01-02]"
"""
    files = {"people/ada.yaml": ada,
             "events/second.yaml": EVENT.format(name="Second", date="2023-11-03"),
             "events/talks.yaml": EVENT.format(name="Talks", date="2023-11-30/2023-12-03"),
             "events/bombings.yaml": EVENT.format(name="Bombings",
                                                  date='"[2023-11-29..2023-12-02]"'),
             "events/third.yaml": EVENT.format(name="Third", date="2023-12-20")}
    root = data_tree(files)
    kb, problems = validate(load(root / "data", root=root))
    assert not [p for p in problems if p.severity == "error"], problems
    return link(kb)


def test_timeline_pages_list_an_event_where_it_sorts_and_name_it_where_it_may_be(data_tree):
    pages = read_pages(timeline_pages(crossing(data_tree), limit=1))
    november, december = pages["timeline/2023-11.md"], pages["timeline/2023-12.md"]
    # Between 29 November and 2 December: listed at 2 December, named in November.
    assert "### Between 29 November and 2 December 2023: Bombings { #bombings }" in december
    assert "{ #bombings }" not in november
    assert ("**Between 29 November and 2 December 2023:** [Bombings](2023-12.md#bombings), "
            "listed under [December 2023](2023-12.md)") in november
    # The talks went on from November into December: listed in November, named in December.
    assert "### 30 November – 3 December 2023: Talks { #talks }" in november
    assert "**30 November – 3 December 2023:** [Talks](2023-11.md#talks)" in december
    assert "Dated partly or possibly in this period { #elsewhere }" in november
    assert 'class="kb-also" data-kind="strike"' in november
    assert "{ #elsewhere }" not in pages.get("timeline/2014.md", "")


def test_quote_pages_name_a_quote_said_on_a_day_that_may_fall_in_another_year(data_tree):
    pages = read_pages(quotes_pages(crossing(data_tree), limit=1))
    assert "“four words said then”" in pages["quotes/2023-01.md"]
    earlier = pages["quotes/2022.md"]
    assert "“four words said then”" not in earlier.split("## Dated partly")[0]
    assert ("- [Ada Example](../people/ada.md), between 30 December 2022 and 2 January 2023: "
            "“four words said then”, listed under [January 2023](2023-01.md)") in earlier


def test_a_crowded_month_s_halves_list_and_name_an_event_across_the_15th(data_tree,
                                                                          monkeypatch):
    monkeypatch.setattr(periods, "MONTH_LIMIT", 1)
    pages = read_pages(timeline_pages(crossing(data_tree), limit=1))
    assert {"timeline/2023-11-01.md", "timeline/2023-11-16.md", "timeline/2023-12-01.md",
            "timeline/2023-12-16.md"} <= set(pages)
    late_november, early_december = pages["timeline/2023-11-16.md"], pages[
        "timeline/2023-12-01.md"]
    assert "# Timeline: 16–30 November 2023" in late_november
    assert "### 30 November – 3 December 2023: Talks { #talks }" in late_november
    assert "**30 November – 3 December 2023:** [Talks](2023-11-16.md#talks)" in early_december
    assert ("[Bombings](2023-12-01.md#bombings), listed under [1–15 December 2023]"
            "(2023-12-01.md)") in late_november
    assert ("- 2023: [1–\u206015\u00a0November](timeline/2023-11-01.md) (1), "
            "[16–\u206030\u00a0November](timeline/2023-11-16.md) (1), "
            "[1–\u206015\u00a0December](timeline/2023-12-01.md) (1), "
            "[16–\u206031\u00a0December](timeline/2023-12-16.md) (1); 4 events in all") in pages[
        "timeline.md"]


@pytest.mark.parametrize("month_limit", [periods.MONTH_LIMIT, 1])
def test_every_link_to_another_period_leads_to_a_generated_page_and_anchor(data_tree,
                                                                           monkeypatch,
                                                                           month_limit):
    monkeypatch.setattr(periods, "MONTH_LIMIT", month_limit)
    linked = crossing(data_tree)
    pages = {**render(linked), **timeline_pages(linked, 1), **quotes_pages(linked, 1)}
    assert any(re.search(r"/\d{4}-\d{2}-\d{2}\.md$", path) for path in pages) == (
        month_limit == 1)
    for path in [p for p in pages if p.startswith(("timeline", "quotes"))]:
        for target, anchor in re.findall(r"\]\(([^)#]+)(?:#([^)]*))?\)", pages[path]):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in pages, (path, target)
            if anchor and resolved.startswith("timeline/"):
                assert f"{{ #{anchor} }}" in pages[resolved], (path, target, anchor)


# ---------------------------------------------------------------------------- years
# before 1000: the date reader accepts years 1 to 9999, and so must every page that
# files or names a page by its date (trial of issue 15: a year page '800' crashed)


def early(data_tree):
    """Events and quotes of the years 1, 800 and 999 to 1000, of 2023, and one that may
    fall in 999 or 1000."""
    ada = ADA.replace("said: 2014-05-01", "said: \"0800\"") + """\
      - source: report
        quote:
          text: three
          speaker: ada
          said: "[0999-12-31..1000-01-02]"
"""
    files = {"people/ada.yaml": ada,
             "events/first.yaml": EVENT.format(name="First", date="0001-01-01"),
             "events/eighth.yaml": EVENT.format(name="Eighth", date='"0800"'),
             "events/second.yaml": EVENT.format(name="Second", date="0800-03"),
             "events/turn.yaml": EVENT.format(name="Turn", date="0999-12-31/1000-01-02"),
             "events/third.yaml": EVENT.format(name="Third", date="2023-12-20")}
    root = data_tree(files)
    kb, problems = validate(load(root / "data", root=root))
    assert not [p for p in problems if p.severity == "error"], problems
    return link(kb)


def test_years_before_1000_get_pages_of_their_own_named_with_four_digits(data_tree):
    linked = early(data_tree)
    timeline = read_pages(timeline_pages(linked, limit=1))
    # The year 800, its day not known, is listed at its last day (kb.dates.date.FuzzyDate.
    # order): on December's page, after March.
    assert set(timeline) == {"timeline.md", "timeline/0001.md", "timeline/0800-12.md",
                             "timeline/0800-03.md", "timeline/0999.md", "timeline/2023.md"}
    # A year before 1000 is followed by CE wherever it is shown (retrial of issue 15:
    # "Timeline: 99", "← 9", "spring 99" read as 1999 or a page number).
    assert "- [1 CE](timeline/0001.md): 1 event" in timeline["timeline.md"]
    assert ("- 800 CE: [March](timeline/0800-03.md) (1), [December](timeline/0800-12.md) (1); "
            "2 events in all") in timeline["timeline.md"]
    assert 'title: "Timeline: March 800 CE"' in timeline["timeline/0800-03.md"]
    assert "[← December 800 CE](0800-12.md)" in timeline["timeline/0999.md"]
    assert '## 999 CE { #year-999 .kb-year data-year="999" }' in timeline["timeline/0999.md"]
    assert ("### 31 December 999 CE – 2 January 1000: Turn { #turn }"
            in timeline["timeline/0999.md"])
    assert "### 1 January 1 CE: First { #first }" in timeline["timeline/0001.md"]
    assert 'title: "Timeline: 2023"' in timeline["timeline/2023.md"]  # later years as ever
    quotes = read_pages(quotes_pages(linked, limit=1))
    assert set(quotes) == {"quotes.md", "quotes/0800.md", "quotes/1000.md", "quotes/2023.md"}
    assert "“one”" in quotes["quotes/0800.md"] and "“three”" in quotes["quotes/1000.md"]


def test_every_link_between_pages_of_early_years_leads_to_a_generated_page(data_tree):
    linked = early(data_tree)
    pages = {**render(linked), **timeline_pages(linked, 1), **quotes_pages(linked, 1)}
    for path in [p for p in pages if p.startswith(("timeline", "quotes"))]:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", pages[path]):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in pages, (path, target)
