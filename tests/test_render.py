"""Rendered Markdown, checked against golden files in tests/golden/.

Run with KB_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change,
then review the diff.
"""

import datetime as dt
import json
import os
import posixpath
import re
from html import escape
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.addresses import PagePath, _relative
from kb.model import Citation
from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render import Site, render
from kb.pipeline.render.citations import Footnotes
from kb.pipeline.render.table import table
from kb.pipeline.render.text import (
    esc,
    in_language,
    isolate_plain,
    literal,
    prose,
    rtl_runs,
    unisolated,
)
from kb.pipeline.validate import validate
from kb.text.titles import nest_quotes
from tests.conftest import MINI, ROOT, linked_tree, read_pages, reading, table_rows
from tests.searching import found, shard
from tests.site import mkdocs_config

GOLDEN = Path(__file__).parent / "golden" / "mini"
GOLDEN_PAGES = [
    "people/ada-example.md",
    "groups/river-party.md",
    "events/vote.md",
    "sources/daily-2024-01-07.md",
    "timeline.md",
    "quotes.md",
    "people/index.md",
    "story.md",
    "disagreements.md",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    kb, problems = validate(load(MINI / "data", root=MINI))
    assert problems == []
    return render(link(kb))


@pytest.fixture(scope="module")
def read(pages) -> dict[str, str]:
    """The pages as tests of their wording read them (`tests.conftest.reading`)."""
    return read_pages(pages)


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_page_matches_golden_file(pages, page):
    golden = GOLDEN / page
    if os.environ.get("KB_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8")


def test_every_entry_has_a_page_and_every_kind_an_index(pages):
    assert len([p for p in pages if p.startswith("people/")]) == 3  # 2 people + index
    for folder in ("people", "groups", "places", "events", "sources"):
        assert f"{folder}/index.md" in pages


def test_the_search_index_finds_pages_by_every_name_and_spelling(pages):
    assert ("Ada Example", "Ada Ekzample") in found(pages, "ekzample")
    # so 'Ikzampel', never given, finds her too
    assert shard(pages, "sounds", "akzmpl")["akzmpl"] == ["ekzample"]
    titled = {json.loads(text)["u"] for name, text in pages.items()
              if name.startswith("kb-search/pages/")}
    assert {"people/", "timeline/", "sources/", "people/ada-example/"} <= titled


def test_generated_pages_stay_out_of_materials_own_index(pages):
    for path, text in pages.items():
        if path.endswith(".md"):
            assert "search:\n  exclude: true\n---" in text.split("\n\n", 1)[0], path


@pytest.fixture(scope="module")
def site_markdown():
    """Python-Markdown configured with the site's own extensions from mkdocs.yml."""
    config = mkdocs_config()
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        name = item if isinstance(item, str) else next(iter(item))
        names.append(name)
        if isinstance(item, dict):
            configs[name] = item[name]
    return markdown.Markdown(extensions=names, extension_configs=configs)


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "*bold* _it_ `code` **strong**",
    "[x](javascript:alert(1))",
    "![x](data:text/html,hi)",
    "a | b | c",
    "# not a heading",
    "- not a list",
    "+ not a list",
    "1. not a list",
    "> not a quote",
    "=== not a heading",
    "price $5 ^ 2 ~ 3 = x",
    "{: #id .class }",
    "[^1] not a footnote",
    "back\\slash",
    "&amp; stays literal",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_data_text_renders_as_the_literal_text(site_markdown, text):
    html = site_markdown.reset().convert(esc(text))
    assert html == f"<p><bdi>{escape(text, quote=False)}</bdi></p>"


def test_line_breaks_in_data_text_cannot_start_new_blocks():
    assert esc("two\n\n# paragraphs") == r"<bdi>two \# paragraphs</bdi>"


def test_adjacent_footnote_markers_are_kept_apart(site_markdown):
    kb, _ = validate(load(MINI / "data", root=MINI))
    notes = Footnotes(link(kb), "people/ada-example.md")
    both = notes.refs([Citation(source="wire-2024-01-05"), Citation(source="daily-2024-01-07")])
    assert both == ('[^1]<sup class="kb-sep">,</sup>[^2]'
                    '<span class="kb-reported" data-reported="2024-01-05"></span>')
    html = site_markdown.reset().convert(f"Text{both}\n\n[^1]: One.\n[^2]: Two.")
    assert re.search(r">1</a></sup><sup class=\"kb-sep\">,</sup><sup[^>]*><a[^>]*>2<", html)


def test_links_in_statement_text_become_links_and_the_rest_stays_literal(site_markdown):
    kb, _ = validate(load(MINI / "data", root=MINI))
    text = "*Vote* in [[riverton]] & [[ada-example|the <minister>]] [[vote]]."
    markdown_text = prose(link(kb), text, "story.md")
    assert markdown_text == (r"<bdi>\*Vote\* in [<bdi>Riverton</bdi>](places/riverton.md) "
                             r"&amp; [<bdi>the &lt;minister&gt;</bdi>](people/ada-example.md) "
                             r"[<bdi>Riverton council vote</bdi>](events/vote.md).</bdi>")
    html = site_markdown.reset().convert(markdown_text)
    assert html.startswith("<p><bdi>*Vote* in <a href=\"places/riverton.md\"><bdi>Riverton"
                           "</bdi></a> &amp; <a href=\"people/ada-example.md\"><bdi>the "
                           "&lt;minister&gt;</bdi></a>")


def test_a_story_chapter_is_a_section_of_the_story_page(read):
    assert "story/01-the-vote.md" not in read and "story/index.md" not in read
    source = read["sources/daily-2024-01-07.md"]
    assert "### [The vote and the resignation](../story.md#01-the-vote)" in source
    assert "- *story overview:* In early January 2024 the [Riverton](../places/riverton.md)" \
        in source


def test_the_disagreements_index_links_each_point_to_its_page(read):
    index = read["disagreements.md"]
    assert "1 point on 1 page." in index
    assert "### [Age](people/ada-example.md#disagreement-age)" in index
    assert "### Age { #disagreement-age }" in read["people/ada-example.md"]


def test_a_source_page_says_how_its_date_is_known(pages):
    wire = pages["sources/wire-2024-01-05.md"]
    assert ("Date", "5 January 2024 (inferred from the text or from another page; not "
            "printed in full)") in table_rows(wire)
    assert "## Statements relayed from this source by another" in wire


def test_entity_pages_list_what_links_here_and_outlets_their_sources(read):
    ada = read["people/ada-example.md"]
    assert "## What links here" in ada
    assert "- [Riverton council vote](../events/vote.md) (event) — in who was involved" in ada
    assert "- [The vote and the resignation](../story.md#01-the-vote) (story chapter) — in " \
        "story" in ada
    daily = read["groups/the-daily.md"]
    assert "## Sources it published" in daily
    assert daily.index("daily-2024-01-07.md") < daily.index("wire-2024-01-05.md")  # newest first


def test_cite_this_page_gives_title_site_latest_change_and_address():
    kb, _ = validate(load(MINI / "data", root=MINI))
    changed = {"data/people/ada-example.yaml": dt.date(2024, 1, 8),
               "data/events/vote.yaml": dt.date(2024, 2, 3),  # names Ada: shows on her page
               "data/places/riverton.yaml": dt.date(2025, 1, 1)}  # not on her page
    site = Site(name="Riverton watch", url="https://example.org/kb/", changed=changed)
    pages = read_pages(render(link(kb), site))
    assert ("“Ada Example”, in *Riverton watch*, last changed 3 February 2024, "
            "<https://example.org/kb/people/ada-example/>.") in pages["people/ada-example.md"]
    assert "## Cite this page" not in render(link(kb))["people/ada-example.md"]


def test_without_a_published_address_the_citation_leaves_room_for_the_readers():
    kb, _ = validate(load(MINI / "data", root=MINI))
    changed = {"data/people/ada-example.yaml": dt.date(2024, 1, 8)}
    page = read_pages(render(link(kb), Site(name="Riverton watch", changed=changed)))
    assert ("“Ada Example”, in *Riverton watch*, last changed 8 January 2024"
            '<span class="kb-cite-address"></span>.') in page["people/ada-example.md"]


@given(st.lists(st.sampled_from(["people", "groups", "a", "b"]), max_size=3),
       st.lists(st.sampled_from(["people", "groups", "a", "b"]), max_size=3),
       st.sampled_from(["x.md", "index.md"]))
def test_links_between_generated_pages_are_what_relpath_gives(here, there, name):
    from_dir, page = "/".join(here), "/".join([*there, name])
    assert _relative(page, from_dir) == posixpath.relpath(page, from_dir or ".")


def test_a_statement_giving_one_version_links_the_disagreement_wherever_shown(data_tree):
    from tests.test_checks import BASE, WITHDRAWAL

    story = ("title: The exit\nsentences:\n  - text: In August 2025 forces left [[base]].\n"
             "    cite: [report]\n    disputed: {entry: withdrawal, about: Timing of the "
             "pull-out}\n")
    root = data_tree({"events/withdrawal.yaml": WITHDRAWAL, "story/01-exit.yaml": story,
                      "places/base.yaml": BASE.format(
                          text="Base that forces began leaving in August 2025.",
                          disputed="  disputed: {entry: withdrawal, about: Timing of the "
                                   "pull-out}\n")})
    kb, problems = validate(load(root / "data", root=root))
    assert [p for p in problems if p.severity == "error"] == []
    pages = read_pages(render(link(kb)))
    link_html = ('<span class="kb-disputed">(sources differ: [see the 2 versions]'
            '({}#disagreement-timing-of-the-pull-out))</span>')
    assert link_html.format("../events/withdrawal.md") in pages["places/base.md"]
    assert link_html.format("withdrawal.md") not in pages["events/index.md"]
    assert link_html.format("../events/withdrawal.md") in pages["places/index.md"]
    assert link_html.format("events/withdrawal.md") in pages["story.md"]
    assert "### Timing of the pull-out { #disagreement-timing-of-the-pull-out }" in \
        pages["events/withdrawal.md"]


def test_a_source_page_links_the_disagreement_of_a_statement_it_backs(data_tree):
    from tests.test_checks import BASE, WITHDRAWAL

    root = data_tree({"events/withdrawal.yaml": WITHDRAWAL, "places/base.yaml": BASE.format(
        text="Base that forces began leaving in August 2025.",
        disputed="  disputed: {entry: withdrawal, about: Timing of the pull-out}\n")})
    kb, problems = validate(load(root / "data", root=root))
    assert [p for p in problems if p.severity == "error"] == []
    page = reading(render(link(kb))["sources/report.md"])
    assert ('Base that forces began leaving in August 2025. <span class="kb-disputed">'
            "(sources differ: [see the 2 versions](../events/withdrawal.md#disagreement-"
            "timing-of-the-pull-out))</span>") in page


# ---------------------------------------------------------------------------- right to left


def test_every_piece_of_data_text_on_an_entity_page_is_isolated():
    """Names, aliases and their notes, quotes and their settings, versions in a
    disagreement, roles, titles: each stands in its own <bdi> (issue 15, item 6)."""
    linked = linked_tree(ROOT)
    page = render(linked)["people/abu-taqwa.md"]
    taqwa = linked.entry("abu-taqwa")
    texts = [taqwa.name, *(a.name for a in taqwa.aliases if not a.lang)]
    texts += [a.note for a in taqwa.aliases]
    texts += [v.value for d in taqwa.disputes for v in d.versions]
    texts += [r.role for r in taqwa.relations]
    quotes = [c.quote for s in taqwa.facts for c in s.cite if c.quote]
    texts += [nest_quotes(q.text) for q in quotes] + [q.context for q in quotes]
    texts += ["Harakat al-Nujaba", "Vox", "Behind Iraq’s call to remove US-led forces"]
    # A run of Arabic letters inside a text in Latin letters is isolated once more, in
    # its own direction (rtl_runs).
    missing = [t for t in texts if t and f"<bdi>{rtl_runs(literal(t))}</bdi>" not in page]
    # A name in another script is isolated in its language and direction (dossier-2's
    # Arabic names of Abu Taqwa, issue 18).
    named = [a for a in taqwa.aliases if a.lang]
    assert len(named) >= 3
    missing += [a.name for a in named if in_language(a.name, a.lang) not in page]
    assert missing == []
    assert page.count("<bdi") == page.count("</bdi>") > 100


def test_isolated_text_renders_in_headings_tables_footnotes_and_links(site_markdown):
    markdown_text = ("### <bdi>His position</bdi> { #disagreement-his-position }\n\n"
                     + table(("Version", "Note"), [("<bdi>a leader</bdi>", "<bdi>x</bdi>")])
                     + "\n"
                     "[<bdi>نص.</bdi>](x.md){: rel=\"noopener\" }[^1]\n\n"
                     "[^1]: <bdi>Vox</bdi>, [“<bdi>Title</bdi>”](y.md).\n")
    html = site_markdown.reset().convert(markdown_text)
    assert '<h3 id="disagreement-his-position"><bdi>His position</bdi>' in html
    assert '<td data-label="Version"><bdi>a leader</bdi></td>' in html
    assert '<a href="x.md" rel="noopener"><bdi>نص.</bdi></a>' in html
    assert "<bdi>Vox</bdi>, <a href=\"y.md\">“<bdi>Title</bdi>”</a>" in html


def test_a_run_of_arabic_inside_latin_text_is_isolated_in_its_direction():
    # The trial of issues 16-18: "Ali Abu Sajjad (علي أبو سجاد)" in a disagreement's
    # version, and Arabic words in source notes, were isolated only as a whole, so the
    # Arabic took its direction from the English around it.
    assert rtl_runs("Ali Abu Sajjad (علي أبو سجاد), an official") == (
        'Ali Abu Sajjad (<bdi dir="rtl">علي أبو سجاد</bdi>), an official')
    assert rtl_runs("علي أبو سجاد") == "علي أبو سجاد"  # one script: isolated as a whole
    assert rtl_runs("Two runs: أبو تقوى and ابو تقوى.") == (
        'Two runs: <bdi dir="rtl">أبو تقوى</bdi> and <bdi dir="rtl">ابو تقوى</bdi>.')
    assert esc("Ali (علي)") == '<bdi>Ali (<bdi dir="rtl">علي</bdi>)</bdi>'


RTL = '<bdi dir="rtl">{}</bdi>'.format


@pytest.mark.parametrize(("text", "expected"), [
    # Persian and Kurdish letters beyond the Arabic alphabet, and the zero-width
    # non-joiner inside a Persian word.
    ("Kataib (کتائب گروه) and", f"Kataib ({RTL('کتائب گروه')}) and"),
    ("Sulaymaniyah (سلێمانی ڕۆژ)", f"Sulaymaniyah ({RTL('سلێمانی ڕۆژ')})"),
    ("Ali (می‌خواهم) x", f"Ali ({RTL('می‌خواهم')}) x"),
    ("Tel Aviv (תל אביב)", f"Tel Aviv ({RTL('תל אביב')})"),
    # Digits of the Arabic script, Arabic-Indic and Persian, inside a run.
    ("Brigade (اللواء ١٢ خاص)", f"Brigade ({RTL('اللواء ١٢ خاص')})"),
    ("year (سال ۱۴۰۲ شمسی)", f"year ({RTL('سال ۱۴۰۲ شمسی')})"),
    # The Arabic comma, question mark and vowel signs inside a run, and ending one.
    ("Said (العراق، بغداد) x", f"Said ({RTL('العراق، بغداد')}) x"),
    ("Asked (من هو؟) x", f"Asked ({RTL('من هو؟')}) x"),
    ("Named (مُحَمَّدٌ) x", f"Named ({RTL('مُحَمَّدٌ')}) x"),
    # Digits, spaces and punctuation between two runs belong to them (the source notes
    # of data/: a header, a channel's name, two datelines), read right to left as one
    # phrase; isolated word by word, their parts showed in English order.
    ("Header: الخميس 04 كانون", f"Header: {RTL('الخميس 04 كانون')}"),
    ("Al Arabiya (العربية/الحدث)", f"Al Arabiya ({RTL('العربية/الحدث')})"),
    ('dateline "شفق نيوز - بغداد"; x', f'dateline "{RTL("شفق نيوز - بغداد")}"; x'),
    ('dateline "بغداد / عراق اوبزيرفر". No', f'dateline "{RTL("بغداد / عراق اوبزيرفر")}". No'),
    ('its header, "الخميس 04 كانون الثاني , 2024" (Thursday',
     f'its header, "{RTL("الخميس 04 كانون الثاني")} , 2024" (Thursday'),
    # ... but not across brackets or quotation marks, which close one phrase and open
    # another, nor across a letter of another script; and digits or punctuation before
    # the first run or after the last stay outside, as they may belong to the English.
    ("Ali (علي) (أبو) x", f"Ali ({RTL('علي')}) ({RTL('أبو')}) x"),
    ('Two "علي" "أبو" x', f'Two "{RTL("علي")}" "{RTL("أبو")}" x'),
    ("Two «علي» «أبو» x", f"Two «{RTL('علي')}» «{RTL('أبو')}» x"),
    ("In 2024, علي wrote", f"In 2024, {RTL('علي')} wrote"),
    # Other scripts written right to left, by their bidi class (Adlam, Hanifi Rohingya),
    # which the table by Unicode block had left out.
    ("Fulani (𞤆𞤵𞤤𞤢𞤪)", f"Fulani ({RTL('𞤆𞤵𞤤𞤢𞤪')})"),
    ("Rohingya (𐴌𐴟𐴇𐴥)", f"Rohingya ({RTL('𐴌𐴟𐴇𐴥')})"),
    # Text in right-to-left letters alone, or beside digits only, is left as it is.
    ("العراق، ١٢ بغداد", "العراق، ١٢ بغداد"),
    ("أبو تقوى 2024", "أبو تقوى 2024"),
    ("Abu Taqwa 2024", "Abu Taqwa 2024"),
])
def test_rtl_runs_by_character(text, expected):
    assert rtl_runs(text) == expected


def test_a_page_title_isolates_right_to_left_words_from_the_sites_mark():
    # A page's title is plain text (the header, the tab): the Arabic words of an address
    # beside the site's English mark are isolated, so that the title reads in the
    # page's direction; words in one direction, or a headline, are left as written.
    pages = render(linked_tree(ROOT))
    arabic = "عاجل من هو ابو تقوى الذي استشهد بقصف مق"
    assert (f'title: "\u2068{arabic}\u2069 (no headline; words of its web address)"'
            in pages["sources/observeriraq-2024-01-04-who-is-abu-taqwa.md"])
    assert ('title: "US strike kills militia leader blamed for Iraq attacks Pentagon says '
            '(no headline; words of its web address)"'
            in pages["sources/devdiscourse-2024-01-05-us-strike.md"])
    assert ('title: "اغتيال الشهيد القائد أبو تقوى"'
            in pages["sources/alkhanadeq-abu-taqwa-assassination.md"])
    assert unisolated(isolate_plain(arabic)) == arabic
    assert unisolated(arabic) == arabic


def test_the_pages_isolate_arabic_runs_in_versions_and_statements():
    linked = linked_tree(ROOT)
    assert ('Ali Abu Sajjad (<bdi dir="rtl">علي أبو سجاد</bdi>)'
            in render(linked)["events/us-strike-kills-abu-taqwa.md"])
    statement = prose(linked, "Its headline names (أبو تقوى) [[abu-taqwa]].",
                      PagePath("events/x.md"))
    assert '(<bdi dir="rtl">أبو تقوى</bdi>)' in statement
