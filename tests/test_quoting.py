"""Quotes shown where their statements are, and citations that read rightly (issue 14,
items 3 and 4), on the real data and on tests/fixtures/quoted, whose every file puts a
quote or a citation where one can sit: a summary, a name, a fact, a relation, a
disagreement, a participant, a story sentence; remarks given to an outlet, an outlet
citing its own report, a headline holding quotation marks, a page without headline."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from pydantic import TypeAdapter

from kb.checks.refs import citations
from kb.model import Citation, Date
from kb.pipeline.link import Linked, QuoteUse, link
from kb.pipeline.load import load
from kb.pipeline.render import render
from kb.pipeline.render.citations import Footnotes, speakers
from kb.pipeline.render.site import Site
from kb.pipeline.render.text import opens_with_date, page_path, quoted_text
from kb.pipeline.validate import validate
from kb.text.titles import NO_HEADLINE, quoted, slug_label, slug_mismatch
from tests.conftest import ROOT, linked_tree, read_pages, reading, table_rows
from tests.searching import found

QUOTED = ROOT / "tests" / "fixtures" / "quoted"


@pytest.fixture(scope="module")
def fixture() -> tuple[Linked, dict[str, str]]:
    linked = linked_tree(QUOTED)
    return linked, read_pages(render(linked))


@pytest.fixture(scope="module")
def real() -> tuple[Linked, dict[str, str]]:
    linked = linked_tree(ROOT)
    return linked, read_pages(render(linked))


@pytest.fixture(scope="module", params=["fixture", "real"])
def site(request) -> tuple[Linked, dict[str, str]]:
    return request.getfixturevalue(request.param)


def markdown_pages(pages: dict[str, str]) -> dict[str, str]:
    return {path: text for path, text in pages.items() if path.endswith(".md")}


# ---------------------------------------------------------------------------- item 3


def statement_pages(linked: Linked, pages: dict[str, str], use: QuoteUse) -> list[str]:
    """Every page that shows the statement a quote belongs to."""
    kind = linked.kind(use.entry)
    shown = [page_path(kind, use.entry).partition("#")[0]]
    if use.section == "disagreement":
        shown.append("disagreements.md")
    if kind == "event" and use.section == "summary":
        anchor = f"{{ #{use.entry} }}"
        shown += [p for p, text in pages.items()
                  if p.startswith("timeline") and anchor in text]
    return shown


def quote_words(linked: Linked, use: QuoteUse, page: str) -> str:
    """The start of a quote's line: its words and who said them, linked from `page`."""
    return reading(f"{quoted_text(use.quote.text, use.quote.lang)} — "
                   f"{speakers(linked, use.quote, page)}")


def test_every_quote_shows_on_every_page_that_shows_its_statement(site):
    linked, pages = site
    missing = [f"{page}: {use.quote.text[:40]}" for use in linked.quotes
               for page in statement_pages(linked, pages, use)
               if quote_words(linked, use, page) not in pages[page]]
    assert missing == []
    sections = {use.section for use in linked.quotes}
    assert "summary" in sections


def test_the_fixture_has_a_quote_on_every_kind_of_statement(fixture):
    linked, _ = fixture
    assert {use.section for use in linked.quotes} == {
        "summary", "name", "fact", "relation", "disagreement", "participant", "story"}


def test_the_quotes_the_issue_names_show_on_their_events(real):
    _, pages = real
    assert ("“The Iraqi Armed Forces hold the Global Coalition Forces responsible"
            in pages["events/armed-forces-blame-coalition-for-strike.md"])
    assert "“the conclusion of the Coalition's military mission" in \
        pages["events/coalition-mission-end-announced.md"]


def test_a_quote_shows_once_per_page(site):
    # The fixture's Ada gives the same words, from the same report, for her summary and
    # a fact: they show under the summary only.
    _, pages = site
    twice = {}
    for path, text in markdown_pages(pages).items():
        lines = Counter(line.strip() for line in text.splitlines()
                        if line.lstrip().startswith("> “"))
        twice.update({f"{path}: {line[:50]}": n for line, n in lines.items() if n > 1})
    assert twice == {}


def test_a_quote_under_a_table_says_which_row_it_supports(fixture):
    _, pages = fixture
    ada = pages["people/ada-example.md"]
    assert ("> “I have chaired this council for ten years” — [Ada Example](ada-example.md), "
            "5 January 2024[^3]") in ada
    assert "> *For:* leader of [Town Council](../groups/town-council.md)" in ada
    assert "> *For the version:* 2 million" in ada
    vote = pages["events/bridge-vote.md"]
    assert "> *For:* [Ada Example](../people/ada-example.md) (cast the deciding vote)" in vote


FIXTURE_ORDER = [  # said; then the reporting source's date; then file and statement order
    "The vote will be held tomorrow",  # 4 January, reported 6 January
    "They call me the Bridge Lady, and I do not mind",  # 4 January, reported 7 January
    "The plan is rejected",  # 5 January, reported 5 January; events/ before people/
    "My vote decides it, and it is no",  # the same, a participant after the summary
    "I have chaired this council for ten years",  # 5 January, reported 6 January
    "I will not sign a bridge deal that we cannot pay for",  # reported 7 January
    "I will not sign a bridge deal that we cannot pay for",  # the same, on a fact
    "It could have gone either way",  # the same day and report: people/bo after ada
    "The bridge is dead",  # 6 January
    "We were told nothing in advance",  # not dated: last, in file order
    'The bridge would cost "two million, at least"',
]


def test_quotes_run_in_the_order_said_then_reported_then_as_in_the_data(fixture):
    linked, pages = fixture
    assert [use.quote.text for use in linked.quotes] == FIXTURE_ORDER
    page = pages["quotes.md"]
    positions = [page.index(reading(quoted_text(text))) for text in dict.fromkeys(FIXTURE_ORDER)]
    assert positions == sorted(positions)
    assert page.index("## Date not given") < page.index("“We were told nothing")
    bo = pages["people/bo-sample.md"].split("## Quotes", 1)[1]
    assert bo.index("The vote will be held tomorrow") < bo.index("We were told nothing")


def test_quotes_of_the_real_data_are_in_the_order_they_were_said(real):
    linked, _ = real
    keys = []
    for use in linked.quotes:
        published = linked.entry(use.citation.source).date
        keys.append((use.quote.said is None, use.quote.said.order if use.quote.said else (),
                     published is None, published.order if published else ()))
    assert keys == sorted(keys)


# ---------------------------------------------------------------------------- item 4


def test_remarks_read_as_remarks_and_say_where_they_were_read(fixture):
    linked, pages = fixture
    bo = pages["people/bo-sample.md"]
    assert ("[^2]: Bo Sample, [remarks to The Paper](../sources/bo-remarks-to-the-paper.md), "
            "in The Paper, [“Mayor says ‘no deal’ as council rejects bridge”]"
            "(../sources/paper-2024-01-07.md), 7 January 2024.") in bo
    assert ("[^3]: Bo Sample, [remarks to The Paper](../sources/bo-remarks-to-the-paper.md), "
            "in Aggregator, [“Bridge vote was close, says councillor”]"
            "(../sources/aggregator-2024-01-08.md), 8 January 2024.") in bo
    notes = Footnotes(linked, "people/bo-sample.md")
    in_paper = Citation(source="paper-2024-01-07", citing="bo-remarks-to-the-paper")
    elsewhere = Citation(source="aggregator-2024-01-08", citing="bo-remarks-to-the-paper")
    assert reading(notes.named([in_paper], dated=True)).startswith(
        "Bo Sample, remarks to The Paper, 7 January 2024[^1]")
    assert reading(notes.named([elsewhere])).startswith(
        "Bo Sample, remarks to The Paper, in Aggregator[^2]")


def test_kavanagh_s_remarks_read_as_hers(real):
    linked, pages = real
    page = pages["events/us-strike-kills-abu-taqwa.md"]
    assert ("Jennifer Kavanagh, [remarks to Vox](../sources/kavanagh-remarks-to-vox.md), in "
            "Vox, [“Behind Iraq’s call to remove US-led forces”](../sources/vox-2024-01-07.md), "
            "7 January 2024.") in page
    notes = Footnotes(linked, "events/x.md")
    cite = Citation(source="vox-2024-01-07", citing="kavanagh-remarks-to-vox")
    assert reading(notes.named([cite], dated=True)).startswith(
        "Jennifer Kavanagh, remarks to Vox, 7 January 2024[^1]")
    everything = "".join(markdown_pages(pages).values())
    assert "citing Vox" not in everything
    assert "citing [\\[Jennifer Kavanagh's remarks" not in everything


def every_citation(linked: Linked) -> list[Citation]:
    return [c for entry_id, kind in linked.kb.kinds.items() if kind != "source"
            for _, c in citations(linked.entry(entry_id))]


def test_no_citation_names_an_outlet_twice(site):
    linked, _ = site
    repeated = []
    for citation in every_citation(linked):
        notes = Footnotes(linked, "people/x.md")
        short = notes.named([citation], dated=True).split("[^")[0]
        notes.refs([citation])
        note = notes.section().splitlines()[-1]
        read = linked.entry(citation.source)
        if not read.outlet or read.speaker:
            continue
        outlet = linked.entry(read.outlet).name
        if short.count(outlet) > 1:
            repeated.append(short)
        if re.search(rf"\b{re.escape(outlet)}, \[\\\[{re.escape(outlet)}\b", note):
            repeated.append(note)
        if re.search(rf"{re.escape(outlet)}\b.*citing {re.escape(outlet)}\b", note):
            repeated.append(note)
    assert repeated == []


def test_an_outlet_citing_its_own_report_says_so(fixture):
    _, pages = fixture
    ada = pages["people/ada-example.md"]
    assert "The Paper, 7 January 2024, citing its own “‘Too early’, Ada argues on the bridge " \
        "vote”[^6]" in ada
    assert ("7 January 2024, citing its own [“‘Too early’, Ada argues on the bridge vote”]"
            "(../sources/paper-2024-01-06.md), 6 January 2024.") in ada
    # A description that opens with its outlet's name is not preceded by it.
    assert ("citing [\\[Wire Agency report on the cost of the bridge\\]]"
            "(../sources/wire-2024-01-05.md), 5 January 2024.") in ada


@pytest.mark.parametrize(("title", "shown"), [
    ("“Iraq and entire region too volatile for coalition exit”, Talaat argues",
     "“‘Iraq and entire region too volatile for coalition exit’, Talaat argues”"),
    ('Mayor says "no deal" as council rejects bridge',
     "“Mayor says ‘no deal’ as council rejects bridge”"),
    ('"Too early", she says', "“‘Too early’, she says”"),
    ("Iraqi government condemns 'irresponsible' strike",
     "“Iraqi government condemns 'irresponsible' strike”"),
    ("No quotes", "“No quotes”"),
])
def test_a_headline_is_quoted_once_its_own_quotes_nested(title, shown):
    assert quoted(title) == shown


def test_no_page_shows_doubled_quotation_marks(site):
    _, pages = site
    doubled = re.compile(r"““|””|“\"|\"”")
    assert [p for p, text in markdown_pages(pages).items() if doubled.search(text)] == []


def test_headlines_with_quotes_read_rightly_everywhere(real):
    linked, pages = real
    talaat = "“‘Iraq and entire region too volatile for coalition exit’, Talaat argues”"
    assert talaat in pages["sources/index.md"]
    assert ("Title", talaat) in table_rows(
        pages["sources/kurdistan24-2024-09-28-talaat-interview.md"])
    assert f"Kurdistan24, [{talaat}]" in pages["people/abdulkhaliq-talaat.md"]
    cited = read_pages(render(linked, Site(name="Watch")))
    assert f"{talaat}, in *Watch*" in \
        cited["sources/kurdistan24-2024-09-28-talaat-interview.md"]
    # The page's own title is the headline as printed: no outer quotes to nest in.
    assert cited["sources/kurdistan24-2024-09-28-talaat-interview.md"].count(
        "# “Iraq and entire region too volatile for coalition exit”, Talaat argues\n") == 1


def test_a_page_without_headline_is_labelled_with_its_address_words(fixture):
    _, pages = fixture
    label = ("[Council rejects bridge plan](../sources/paper-slug.md) "
             "(no headline; words of its web address)")
    assert f"The Paper, {label}, 5 January 2024." in pages["events/bridge-vote.md"]
    page = pages["sources/paper-slug.md"]
    assert 'title: "Council rejects bridge plan (no headline; words of its web address)"' \
        in page
    assert "# Council rejects bridge plan\n" in page
    assert "The label above is made of the words of its web address" in page
    assert ("Title", "Council rejects bridge plan (no headline; words of its web address)") \
        in table_rows(page)
    assert [row[2:4] for row in table_rows(pages["sources/index.md"])
            if "paper-slug" in row[2]] == [
        ("[Council rejects bridge plan](paper-slug.md) (no headline; words of its web "
         "address)", "article")]


def test_no_page_calls_a_source_untitled(site):
    _, pages = site
    assert [p for p, text in pages.items() if "untitled; URL slug" in text] == []


def test_the_real_slug_titles_read_as_labels(real):
    _, pages = real
    page = pages["sources/dod-self-defense-strike.md"]
    assert "# Self-defense strike in Iraq kills terrorist leader\n" in page
    assert ("US Department of Defense, [Self-defense strike in Iraq kills terrorist leader]"
            "(../sources/dod-self-defense-strike.md) (no headline; words of its web address), "
            "4 January 2024.") in pages["events/us-strike-kills-abu-taqwa.md"]


@pytest.mark.parametrize(("title", "url", "ok"), [
    ("self-defense strike in iraq kills terrorist leader",
     "https://www.defense.gov/News/Article/3632005/self-defense-strike-in-iraq-kills-terrorist"
     "-leader/#:~:text=U.S.", True),
    ("us strike kills militia leader", "https://x.org/article/2766294-us-strike-kills-militia-"
     "leader", True),
    ("Iraq US to resume talks on Feb 11", "https://x.org/2024/02/08/Iraq-US-to-resume-talks-"
     "on-Feb-11", True),
    ("“Iraq too volatile”, Talaat argues",
     "https://x.org/story/1/%E2%80%9CIraq-too-volatile%E2%80%9D,-Talaat-argues", True),
    ("US strike kills militia leader in Baghdad", "https://x.org/us-strike-kills-militia-leader",
     False),  # a word the address does not have
    ("strike kills militia leader", "https://x.org/us-strike-kills-militia-leader", False),
    ("us strike kills militia leader", None, False),
    # A file-type ending and an identifier of letters and digits are not title words
    # (dossier-2, S42, S56 and S47).
    ("US designates 4 Iran backed Iraqi militias as foreign terrorist organizations",
     "https://www.longwarjournal.org/archives/2025/09/us-designates-4-iran-backed-iraqi-"
     "militias-as-foreign-terrorist-organizations.php?utm_source=rss&utm_campaign=us", True),
    ("militias join the war", "https://x.org/2026/03/militias-join-the-war.html", True),
    ("iraq elections result ratified supreme court",
     "https://www.newsday.com/news/nation/iraq-elections-result-ratified-supreme-court-o80602",
     True),
    # A language code or 'amp' after the words is not their last part (dossier-2, S45).
    ("Iraq can disarm factions only when the US withdraws PM tells Reuters",
     "https://www.lbcgroup.tv/news/middleeastnews/888037/iraq-can-disarm-factions-only-"
     "when-the-us-withdraws-pm-tells-reuters/en", True),
    ("militias join the war", "https://x.org/militias-join-the-war/amp/", True),
    ("militias join the war", "https://x.org/militias-join-the-war/pt-br", True),
    ("en", "https://x.org/en", True),  # an address of that part alone keeps it
    # ...but a number among the words stays one, and a word is never taken for an ending.
    ("US designates Iran backed militias", "https://x.org/us-designates-4-iran-backed-militias",
     False),
    ("militias join the war", "https://x.org/militias-join-the-war-php", False),
    ("militias join the war php", "https://x.org/militias-join-the-war.php", False),
])
def test_a_slug_title_must_be_the_address_words(title, url, ok):
    assert (slug_mismatch(title, url) is None) == ok


def test_slug_label_capitalises_only_the_first_letter():
    assert slug_label("who is the islamic resistance in iraq") == \
        "Who is the islamic resistance in iraq"


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize(("text", "date", "opens"), [
    ("On 26 November 2025 he told the council", "2025-11-26", True),
    ("26 November 2025: the council met", "2025-11-26", True),
    ("On Thursday 4 January 2024 the Islamic State said", "2024-01-04", True),
    ("On Thursday, 4 January 2024, it said", "2024-01-04", True),
    ("In late October 2023, al-Sadr called", {"edtf": "2023-10", "qualifier": "late"}, True),
    ("As recently as August 2023, Iraq and the US", "2023-08", True),
    ("By 2019 the group had", "2019", True),
    ("In January 2024 the talks began", "2024-01", True),
    ("4–7 January 2024 saw talks", "2024-01-04/2024-01-07", True),
    # The same day written otherwise: "26 November 2025: On 26 November he…" says it twice.
    ("On 26 November he told the council", "2025-11-26", True),
    ("On January 5, 2024, Iraq said", "2024-01-05", True),
    ("From 4 to 7 January 2024 they met", "2024-01-04/2024-01-07", True),
    # Another day, or a wider time than the date: the prefix says what the text does not.
    ("On 27 November he told the council", "2025-11-26", False),
    ("In January he told the council", "2024-01-05", False),
    ("The council met on 26 November", "2025-11-26", False),
    ("CENTCOM reported in 2022 that", "2022", False),
    ("In 20190 cases", "2019", False),
    ("In October 2023, al-Sadr called", {"edtf": "2023-10", "qualifier": "late"}, False),
])
def test_a_statement_opening_with_its_date(text, date, opens):
    assert opens_with_date(text, TypeAdapter(Date).validate_python(date)) == opens


def test_a_fact_opening_with_its_date_is_not_prefixed_with_it(fixture, real):
    _, pages = fixture
    ada = pages["people/ada-example.md"]
    assert "- On 26 November 2025 she told the council" in ada
    assert "26 November 2025:**" not in ada
    assert "- **5 January 2024:** She spoke against the plan" in ada
    _, real_pages = real
    kerman = real_pages["events/kerman-bombings.md"]
    assert "- On Thursday 4 January 2024 the Islamic State said" in kerman


def test_search_shows_a_label_with_its_mark_but_finds_it_by_its_words(fixture):
    _, pages = fixture
    label = "Council rejects bridge plan"
    assert (label, label) in found(pages, "bridge")
    assert label not in {title for title, _ in found(pages, "headline") + found(pages, "address")}
    # The mark is kept apart, for search.js to show outside the title's isolation.
    [page] = [json.loads(text) for path, text in pages.items()
              if path.startswith("kb-search/pages/") and f'"t":"{label}"' in text]
    assert page["m"] == NO_HEADLINE


def test_the_quotes_of_one_statement_run_in_the_order_they_were_said(data_tree):
    person = """\
        name: Ada
        summary:
          text: A person.
          cite:
            - source: report
              quote: {text: Said last, speaker: ada, said: 2024-01-06}
            - source: report
              quote: {text: Said first, speaker: ada, said: 2024-01-02}
            - source: report
              quote: {text: Said when not known, speaker: ada}
        """
    root = data_tree({"people/ada.yaml": person})
    kb, problems = validate(load(root / "data", root=root))
    assert [p for p in problems if p.severity == "error"] == []
    page = render(link(kb))["people/ada.md"]
    assert page.index("Said first") < page.index("Said last") < page.index("Said when not")


def test_a_quote_said_on_an_unknown_day_is_listed_at_its_end_and_says_so(data_tree):
    """Issue 18, item 2: quotes are ordered as the timeline is. Words said "in January
    2024" are listed after those said on 5 January, with a note that they may have been
    said before some listed above them; on the quotes page and on the speaker's."""
    def fact(text: str, said: str) -> str:
        return (f"  - text: She spoke.\n    cite:\n      - source: report\n        quote:\n"
                f"          text: {text}\n          speaker: ada\n          said: {said}\n")
    root = data_tree({
        "people/ada.yaml": "name: Ada\nsummary: {text: A person., cite: [report]}\n",
        "people/bo.yaml": "name: Bo\nsummary: {text: A person., cite: [report]}\nfacts:\n"
                          + fact("in the month", "2024-01") + fact("on the day", "2024-01-05")
                          + fact("earlier", "2023-12-30")})
    kb, problems = validate(load(root / "data", root=root))
    assert not [p for p in problems if p.severity == "error"], problems
    pages = read_pages(render(link(kb)))
    note = ("*Day not known: listed at the last day the words can have been said, so they "
            "may have been said before some of the quotes listed above them.*")
    for page in (pages["quotes.md"], pages["people/ada.md"]):
        assert page.index("“earlier”") < page.index("“on the day”") < page.index(
            "“in the month”"), page
        month = page.split("“in the month”")[1]
        assert note in month.split("“")[0]
        assert note not in page.split("“in the month”")[0]
