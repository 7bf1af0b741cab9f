"""The content in data/ against the source material it was written from.

These checks keep the promises made to readers: quotes are verbatim, addresses
are never invented, and none of the founding article's scrape debris is content.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.link import link
from kb.load import load
from kb.validate import validate
from tests.conftest import ROOT

SOURCES = ROOT.parent / "shared" / "sources"
VOX = SOURCES / "vox-2024-01-07-behind-iraqs-call-to-remove-us-led-forces.txt"
DOSSIER = SOURCES / "dossier.md"

if not VOX.exists():
    pytest.skip("shared/sources is not beside the repository", allow_module_level=True)


def normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


@pytest.fixture(scope="module")
def linked():
    kb, problems = validate(load(ROOT / "data", root=ROOT))
    assert problems == []
    return link(kb)


def test_every_quote_is_verbatim_in_the_source_that_reports_it(linked):
    texts = {"vox-2024-01-07": normal(VOX.read_text())}
    dossier = normal(DOSSIER.read_text())
    missing = []
    for use in linked.quotes:
        haystack = texts.get(use.citation.source, dossier)
        for fragment in use.quote.text.split("[...]"):
            # A bracketed insertion such as "[Abu Taqwa]" is the source's own.
            if normal(fragment.strip()) not in haystack:
                missing.append(f"{use.entry}: {fragment.strip()!r}")
    assert missing == []
    assert len(linked.quotes) >= 12


def test_every_address_comes_from_the_source_material(linked):
    material = VOX.read_text() + DOSSIER.read_text()
    urls = [s.url for s in linked.kb.of_kind("source") if s.url]
    assert urls, "some sources have addresses"
    assert [u for u in urls if u not in material] == []


def test_headlines_are_as_the_source_material_prints_them(linked):
    material = normal(VOX.read_text() + DOSSIER.read_text())
    headlines = [s.title for s in linked.kb.of_kind("source") if s.title_kind != "description"]
    assert [h for h in headlines if normal(h) not in material] == []


def test_no_scrape_debris_in_data():
    debris = re.compile(r"leadershiphas|conversionsexecuting|remain logged|did not use the site")
    hits = [p for p in (ROOT / "data").rglob("*.yaml") if debris.search(p.read_text())]
    assert hits == []


def test_the_founding_article_people_and_groups_are_all_there(linked):
    names = {e.name for e in linked.kb.entries.values() if hasattr(e, "aliases")}
    names |= {a.name for e in linked.kb.entries.values() for a in getattr(e, "aliases", [])}
    for name in ["Mohammed Shia al-Sudani", "Abu Taqwa", "Pedro Sánchez", "Phillip Smyth",
                 "Qasem Soleimani", "Abu Bakr al-Baghdadi", "Sarhang Hamasaeed", "Rend al-Rahim",
                 "Nouri al-Maliki", "Jennifer Kavanagh", "Muqtada al-Sadr", "Harakat al-Nujaba",
                 "Popular Mobilization Forces", "Coordination Framework", "CENTCOM", "RAND "
                 "Corporation", "Syrian Democratic Forces", "Houthis", "Hamas", "Hezbollah",
                 "Carnegie Endowment for International Peace", "Arab Center", "Idlib",
                 "Red Sea", "Gaza", "US embassy in Baghdad"]:
        assert name in names, name


def test_relative_dates_are_resolved_against_publication(linked):
    dates = {e.id: e.date.words() for e in linked.kb.of_kind("event")}
    assert dates["us-strike-kills-abu-taqwa"] == "4 January 2024"  # "Thursday"
    assert dates["sudani-announces-end-of-coalition-presence"] == "5 January 2024"  # "Friday"
    # Vox says "late October"; Middle East Monitor's page of 28 October says "Friday".
    assert dates["sadr-calls-for-embassy-closure"] == "27 October 2023"
    assert dates["rocket-attacks-on-us-bases"] == "as early as 2019"


def test_disagreements_named_by_the_issue_are_shown(linked):
    about = {(e.id, d.about) for e in linked.kb.entries.values()
             for d in getattr(e, "disputes", [])}
    assert ("abu-taqwa", "Full name and identity") in about
    assert ("global-coalition-to-defeat-isis", "Size of the US or coalition force in Iraq") \
        in about


def test_every_source_is_cited(linked):
    cited = set(linked.backing) | set(linked.relayed)
    relayed_only = {s.relays for s in linked.kb.of_kind("source") if s.relays}
    uncited = [s.id for s in linked.kb.of_kind("source") if s.id not in cited | relayed_only]
    assert uncited == []


def test_data_files_are_paths_with_their_kind(linked):
    assert all(Path(path).parts[0] == "data" for path in linked.kb.paths.values())
