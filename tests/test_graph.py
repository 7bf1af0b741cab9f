"""The relationship graph: edges from the data, a stable layout, drawings that link."""

from __future__ import annotations

import math
import re

import pytest
from playwright.sync_api import Page, expect

from kb.render import graph
from kb.render.graph import SIZE, layout, network_page
from tests.conftest import MINI, ROOT, linked_tree


def test_edges_are_relations_participants_and_places():
    linked = linked_tree(MINI)
    kinds = {(e.source, e.target, e.type) for e in linked.edges}
    assert ("ada-example", "river-party", "leader_of") in kinds
    assert ("ada-example", "vote", "participant") in kinds
    assert ("vote", "riverton", "place") in kinds
    assert {e.type for e in linked.edges_of["riverton"]} >= {"place"}


def test_the_layout_is_stable_bounded_and_keeps_neighbours_close():
    linked = linked_tree(ROOT)
    nodes = sorted({n for e in linked.edges for n in (e.source, e.target)})
    pairs = [(e.source, e.target) for e in linked.edges]
    first, again = layout(nodes, pairs), layout(list(nodes), list(pairs))
    assert first == again
    assert all(0 <= x <= SIZE and 0 <= y <= SIZE for x, y in first.values())

    def distance(a, b):
        return math.dist(first[a], first[b])

    linked_mean = sum(distance(a, b) for a, b in pairs) / len(pairs)
    everyone = [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:]]
    overall_mean = sum(distance(a, b) for a, b in everyone) / len(everyone)
    assert linked_mean < overall_mean * 0.7


def test_the_network_page_draws_every_linked_entry_and_lists_every_link():
    linked = linked_tree(ROOT)
    _, text = network_page(linked)
    drawn = set(re.findall(r'<a xlink:href="[^"]+" data-kind="\w+" data-id="([a-z0-9-]+)"',
                           text))
    assert drawn == {n for e in linked.edges for n in (e.source, e.target)}
    listed = text.split("## Every link", 1)[1]
    assert listed.count("\n- ") == len(linked.edges)
    assert 'xlink:href="../people/abu-taqwa/"' in text


# ---------------------------------------------------------------------------- in a browser


def view_width(page: Page) -> float:
    return float(page.locator(".kb-network svg").get_attribute("viewBox").split()[2])


@pytest.mark.browser
def test_the_network_zooms_pans_filters_and_clicks_through(page: Page, base_url: str):
    page.goto(base_url + "/network/")
    whole = view_width(page)
    page.click("button[data-zoom=in]")
    assert view_width(page) < whole
    page.click("button[data-zoom=reset]")
    assert view_width(page) == whole
    page.locator(".kb-network svg").hover()
    page.mouse.wheel(0, -300)
    expect(page.locator(".kb-network svg")).not_to_have_attribute(
        "viewBox", re.compile(rf"^\S+ \S+ {whole:g} "))
    page.click("button[data-zoom=reset]")

    events = page.locator(".kb-network a[data-kind=event]")
    assert events.first.is_visible()
    page.uncheck("input[name=kind][value=event]")
    assert events.first.is_hidden()
    assert page.locator(".kb-network line[data-type=participant]").first.is_hidden()
    page.check("input[name=kind][value=event]")

    page.locator(".kb-network a[data-id=abu-taqwa]").click()
    expect(page).to_have_url(re.compile(r"/people/abu-taqwa/$"))


@pytest.mark.browser
def test_without_javascript_the_drawing_and_list_remain(no_js_page: Page, base_url: str):
    page = no_js_page
    page.goto(base_url + "/network/")
    assert page.locator("form.kb-network-controls").is_hidden()
    assert page.locator(".kb-network svg a").count() > 50
    assert page.locator("h2#every-link").is_visible()


@pytest.mark.browser
def test_an_entity_page_draws_its_direct_connections(page: Page, base_url: str):
    page.goto(base_url + "/groups/harakat-al-nujaba/")
    ego = page.locator(".kb-ego svg")
    expect(ego).to_be_visible()
    assert ego.locator("a[data-id=abu-taqwa]").count() == 1
    assert ego.locator("a[data-id=harakat-al-nujaba]").count() == 1


def test_a_large_network_draws_only_its_most_connected_entries_and_says_so(monkeypatch):
    linked = linked_tree(ROOT)
    monkeypatch.setattr(graph, "MAX_DRAWN", 20)
    _, text = network_page(linked)
    drawn = set(re.findall(r'data-kind="\w+" data-id="([a-z0-9-]+)"', text))
    degree = {n: len(edges) for n, edges in linked.edges_of.items()}
    assert len(drawn) == 20
    assert min(degree[n] for n in drawn) >= max(degree[n] for n in degree if n not in drawn
                                               and linked.kind(n) != "source")
    listed = text.split("## Every link", 1)[1]
    assert listed.count("\n- ") == sum(1 for e in linked.edges
                                       if e.source in drawn and e.target in drawn)
    assert "the drawing and the list show the 20 with most links" in text
