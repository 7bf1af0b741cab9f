"""Names and quotes in another script (issue 18, item 2): the model's `lang` and
`transliteration`, their checks, and what pages, search and exports make of them."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote as quote_url

import pytest

from kb.model import Person
from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render import render
from kb.pipeline.render.search import search_index
from kb.pipeline.validate import validate
from kb.text import writing
from kb.text.spelling import name_key, words
from kb.text.writing import language_name, language_problem, scripts, tag_problem
from tests.conftest import ROOT, linked_tree
from tests.searching import found

PERSON = """\
name: Abu Taqwa
summary:
  text: A commander.
  cite: [report]
"""


def person(aliases: str = "", facts: str = "") -> str:
    return PERSON + (f"aliases:\n{aliases}" if aliases else "") + (
        f"facts:\n{facts}" if facts else "")


def problems(root) -> list[str]:
    _, found = validate(load(root / "data", root=root))
    return [str(p) for p in found if p.severity == "error"]


def alias(name: str, **fields: str) -> str:
    more = "".join(f"    {key}: {value}\n" for key, value in fields.items())
    return f"  - name: {name}\n{more}    cite: [report]\n"


def quote(text: str, **fields: str) -> str:
    more = "".join(f"          {key}: {value}\n" for key, value in fields.items())
    return ("  - text: He mourned him.\n    cite:\n      - source: report\n        quote:\n"
            f"          text: {text}\n          speaker: abu-taqwa\n{more}")


# ---------------------------------------------------------------------------- the model


def test_an_arabic_alias_with_its_tag_and_transliteration_is_valid(data_tree):
    root = data_tree({"people/abu-taqwa.yaml": person(alias(
        "أبو تقوى السعيدي", lang="ar", transliteration="Abu Taqwa al-Saeedi"))})
    kb, found = validate(load(root / "data", root=root))
    assert [p for p in found if p.severity == "error"] == []
    [entry] = kb.entries["abu-taqwa"].aliases
    assert (entry.lang, entry.transliteration) == ("ar", "Abu Taqwa al-Saeedi")


@pytest.mark.parametrize(("name", "start"), [
    ("أحمد كناني", "'أحمد كناني' is written in Arabic script; add 'lang: ar'"),
    ("طالب السعيدي \"أبو تقوى\"", "'طالب السعيدي \"أبو تقوى\"' is written in Arabic script"),
    ("Abu Taqwa (أبو تقوى)", "'Abu Taqwa (أبو تقوى)' is written in Arabic script"),
    ("ابو تقوى", "'ابو تقوى' is written in Arabic script"),  # Persian letters too
])
def test_an_alias_in_arabic_script_without_lang_is_refused_at_its_line(data_tree, name, start):
    root = data_tree({"people/abu-taqwa.yaml": person(
        alias("Mushtaq al-Jawari") + alias(f"'{name}'" if '"' in name else name))})
    assert problems(root) == [
        f"data/people/abu-taqwa.yaml:8:5: aliases[1]: the alias {start.split(';')[0]}; add "
        "'lang: ar' (or the tag of its language, such as fa for Persian), so that pages "
        "show it right to left in its language"]


def test_another_script_without_lang_asks_for_its_tag(data_tree):
    root = data_tree({"people/abu-taqwa.yaml": person(alias("Αμπού Τακουά"))})
    assert problems(root) == [
        "data/people/abu-taqwa.yaml:6:5: aliases[0]: the alias 'Αμπού Τακουά' holds letters "
        "of another script than Latin; add 'lang:' with the BCP 47 tag of its language (such "
        "as he for Hebrew, ru for Russian)"]


def test_a_quote_in_arabic_without_lang_is_refused_at_the_quote(data_tree):
    root = data_tree({"people/abu-taqwa.yaml": person(facts=quote(
        "سأحبس دمع عيني لأبقي نار الفقد والألم ملتهبة في قلبي"))})
    [message] = problems(root)
    assert message.startswith("data/people/abu-taqwa.yaml:9:9: facts[0].cite[0].quote: the "
                              "quote 'سأحبس دمع عيني")
    assert "is written in Arabic script; add 'lang: ar'" in message


@pytest.mark.parametrize(("tag", "message"), [
    ("arabic", "'arabic' is not a BCP 47 language tag ('ar' for arabic?)"),
    ("Arabic", "'Arabic' is not a BCP 47 language tag ('ar' for Arabic?)"),
    ("ar_IQ", "'ar_IQ' is not a BCP 47 language tag (write 'ar-IQ', with hyphens)"),
    ("xx", "'xx' is not a BCP 47 language tag;"),
    ("ar-", "'ar-' is not a BCP 47 language tag;"),
    ("a", "'a' is not a BCP 47 language tag;"),
    ("AR", "write the language tag 'AR' as 'ar', its canonical form"),
    ("ar-Arab", "write the language tag 'ar-Arab' as 'ar', its canonical form"),
])
def test_a_tag_that_is_not_bcp_47_is_refused(data_tree, tag, message):
    for text in (person(alias("أبو تقوى", lang=tag)),
                 person(facts=quote("أبو تقوى", lang=tag))):
        [found] = problems(data_tree({"people/abu-taqwa.yaml": text}))
        assert message in found and found.startswith("data/people/abu-taqwa.yaml:"), found
        assert ".lang: " in found


@pytest.mark.parametrize("tag", ["ar", "ar-IQ", "fa", "ckb", "ku-Arab"])
def test_registered_tags_of_arabic_script_are_accepted(tag):
    assert tag_problem(tag) is None
    assert language_problem("أبو تقوى", tag, "the alias") is None


@pytest.mark.parametrize(("text", "field"), [
    ("Abu Taqwa al-Saeedi", "alias"), ("Abu Taqwa", "quote"),
])
def test_lang_ar_on_text_without_arabic_letters_is_refused(data_tree, text, field):
    body = person(alias(text, lang="ar")) if field == "alias" else person(
        facts=quote(text, lang="ar"))
    [found] = problems(data_tree({"people/abu-taqwa.yaml": body}))
    assert (f"the {field} '{text}' has 'lang: ar', but no letter of Arabic script; the tag "
            "is for text written in that script") in found


def test_lang_of_another_script_needs_its_letters():
    assert "no letter of Hebrew script" in language_problem("Abu Taqwa", "he", "the alias")
    assert language_problem("Abu Taqwa", "en", "the alias") is None  # Latin: nothing to see
    assert language_problem("Abu Taqwa", "fr", "the alias") is None


def test_a_transliteration_without_lang_is_refused(data_tree):
    root = data_tree({"people/abu-taqwa.yaml": person(alias(
        "Abu Taqwa al-Saeedi", transliteration="Abu Taqwa al-Saidi"))})
    assert problems(root) == [
        "data/people/abu-taqwa.yaml:6:5: aliases[0]: the transliteration 'Abu Taqwa al-Saidi' "
        "goes with a name in another script and its 'lang'; without one, write the Latin "
        "spelling as an alias of its own"]


def test_a_transliteration_in_arabic_script_is_refused(data_tree):
    root = data_tree({"people/abu-taqwa.yaml": person(alias(
        "أبو تقوى", lang="ar", transliteration="أبو تقوى"))})
    [found] = problems(root)
    assert "the transliteration 'أبو تقوى' is the name in Latin letters" in found


def test_an_entry_name_in_arabic_script_is_refused(data_tree):
    root = data_tree({"people/abu-taqwa.yaml": PERSON.replace("Abu Taqwa", "أبو تقوى")})
    assert problems(root) == [
        "data/people/abu-taqwa.yaml:1:1: name: 'أبو تقوى' is not in Latin letters; give the "
        "name readers of this site know (as a source spells it in Latin letters), and this "
        "one as an alias with its 'lang' (lang: ar for Arabic) and its citation"]


def test_name_ar_is_gone(data_tree):
    [found] = problems(data_tree({"people/abu-taqwa.yaml": PERSON + "name_ar: أبو تقوى\n"}))
    assert found.startswith("data/people/abu-taqwa.yaml:5:1: unknown field 'name_ar'")


def test_scripts_of_letters():
    assert scripts("Kataʼib Hezbollah") == {"Latn"}  # ʼ is a modifier letter, no script
    assert scripts("أبو تقوى (Abu Taqwa)") == {"Arab", "Latn"}
    assert scripts("ـ 12 ، .") == set()  # tatweel, digits, Arabic comma: no letters
    assert language_name("ar") == "Arabic" and language_name("ar-IQ") == "Arabic"
    assert language_name("fa") == "Persian"
    assert language_name("zu") == "Zulu"  # the last language of the registry
    assert language_name("qqq-x") == "qqq-x"  # none: the tag itself


def test_a_render_reads_each_language_name_once(monkeypatch):
    """The registry is read once per language a render names (kb.pipeline.render.text's memo),
    not once per alias or quote, and kept nowhere else."""
    asked: list[str] = []

    def counted(tag: str) -> str:
        asked.append(tag)
        return language_name(tag)

    monkeypatch.setattr("kb.text.writing.language_name", counted)
    linked = linked_tree(ROOT)
    tagged = [alias for entity in linked.kb.of_kind(Person) for alias in entity.aliases
              if alias.lang == "ar"]
    assert len(tagged) > 3
    first = render(linked)
    assert asked == ["ar"]
    assert render(linked) == first and asked == ["ar", "ar"]  # a new render reads it again


# ---------------------------------------------------------------------------- pages


ARABIC_NAME = alias("أبو تقوى السعيدي", lang="ar", transliteration="Abu Taqwa al-Saeedi")
ARABIC_QUOTE = quote("سأحبس دمع عيني.", lang="ar")


@pytest.fixture
def pages(data_tree) -> dict[str, str]:
    root = data_tree({"people/abu-taqwa.yaml": person(ARABIC_NAME + alias("al-Jawari"),
                                                      ARABIC_QUOTE)})
    kb, found = validate(load(root / "data", root=root))
    assert [p for p in found if p.severity == "error"] == []
    return render(link(kb))


def test_the_arabic_name_stands_under_the_heading_in_its_direction(pages):
    page = pages["people/abu-taqwa.md"]
    heading = page.index("# <bdi>Abu Taqwa</bdi>")
    names = ('<li markdown>**Arabic:** <bdi lang="ar" dir="rtl">أبو تقوى السعيدي</bdi> '
             '(<bdi>Abu Taqwa al-Saeedi</bdi>)[^1]')
    assert heading < page.index(names) < page.index('<span class="kb-kind">')
    assert ('- <span class="kb-anchor" id="name-ar-abu-taqwa-al-saeedi"></span>'
            '<bdi lang="ar" dir="rtl">أبو تقوى السعيدي</bdi> (Arabic; in Latin letters, '
            '<bdi>Abu Taqwa al-Saeedi</bdi>)[^1]') in page
    # A Latin alias is not repeated under the heading.
    assert page.split("\n---\n", 1)[1].count("al-Jawari") == 1  # json-ld aside


def test_a_quote_in_arabic_is_marked_up_in_arabic_and_named(pages):
    words = '“<bdi lang="ar" dir="rtl">سأحبس دمع عيني.</bdi>” (Arabic) — '
    assert words in pages["people/abu-taqwa.md"]
    assert words in pages["quotes.md"]
    assert '“<bdi lang="ar" dir="rtl">سأحبس دمع عيني.</bdi>” (Arabic)' in \
        pages["sources/report.md"]


def test_the_source_page_lists_the_arabic_name_in_its_direction(pages):
    assert ('- *name:* <bdi lang="ar" dir="rtl">أبو تقوى السعيدي</bdi> '
            '(<bdi>Abu Taqwa al-Saeedi</bdi>)') in pages["sources/report.md"]


def test_exports_carry_the_language(pages):
    data = json.loads(pages["downloads/knowledge-base.json"])
    [entity] = [e for e in data["entities"] if e["id"] == "abu-taqwa"]
    assert entity["aliases"][0] == {"name": "أبو تقوى السعيدي", "lang": "ar",
                                    "transliteration": "Abu Taqwa al-Saeedi",
                                    "citations": [{"source": "report", "citing": None}]}
    assert entity["aliases"][1]["lang"] is None
    rows = list(csv.DictReader(io.StringIO(pages["downloads/statements.csv"])))
    [name] = [r for r in rows if r["value"] == "أبو تقوى السعيدي"]
    assert (name["value_lang"], name["value_transliteration"]) == ("ar", "Abu Taqwa al-Saeedi")
    [said] = [r for r in rows if r["quote"]]
    assert said["quote_lang"] == "ar" and said["value_lang"] == ""
    assert all(r["quote_lang"] == "" for r in rows if not r["quote"])


def test_json_ld_gives_the_arabic_name_with_its_language(pages):
    front = pages["people/abu-taqwa.md"].split("\n---\n", 1)[0]
    ld = json.loads(json.loads(front.split("json_ld: ", 1)[1].split("\n", 1)[0]))
    assert ld["alternateName"] == [{"@value": "أبو تقوى السعيدي", "@language": "ar"},
                                   "Abu Taqwa al-Saeedi", "al-Jawari"]


# ---------------------------------------------------------------------------- search


@pytest.mark.parametrize(("written", "typed"), [
    ("أبو تقوى", "ابو تقوي"),        # alef with hamza, alef maqsura
    ("إبراهيم", "ابراهيم"),          # alef with hamza below
    ("آمر", "امر"),                  # alef with madda
    ("ٱلله", "الله"),                # alef wasla
    ("مؤتمر", "موتمر"),              # waw with hamza
    ("رئيس", "رييس"),                # ya with hamza
    ("حركة", "حركه"),                # ta marbuta
    ("أَبُو تَقْوَى", "ابو تقوي"),     # tashkeel
    ("السعـــيدي", "السعيدي"),        # tatweel
    ("کتائب", "كتايب"),              # Persian kaf
    ("علی", "علي"),                  # Persian ya
])
def test_arabic_spellings_fold_alike(written, typed):
    assert words(written) == words(typed)
    assert name_key(written) == name_key(typed)


def test_different_arabic_words_stay_apart():
    assert words("كناني") != words("كنانة") and words("نايف") != words("نائل")


def test_search_finds_an_arabic_alias_in_arabic_and_by_its_transliteration(data_tree):
    root = data_tree({"people/abu-taqwa.yaml": person(ARABIC_NAME)})
    kb, _ = validate(load(root / "data", root=root))
    index = search_index(link(kb), render(link(kb)))
    for word in ("أبو", "ابو", "السعيدي"):  # the alias, its alef with or without hamza
        assert found(index, word) == [("Abu Taqwa", "أبو تقوى السعيدي")], word
    assert found(index, "Saeedi") == [("Abu Taqwa", "Abu Taqwa al-Saeedi")]


# ---------------------------------------------------------------------------- source titles

ARABIC_TITLE = "اغتيال الشهيد القائد أبو تقوى"


def arabic_source(*lines: str) -> str:
    return "\n".join([f"title: {ARABIC_TITLE}", *lines,
                      "type: article", "outlet: outlet", "date: 2024-01-04", ""])


def test_a_source_title_in_arabic_needs_its_tag_on_the_titles_line(data_tree):
    root = data_tree({"sources/khanadeq.yaml": arabic_source()})
    [found] = problems(root)
    assert found.startswith(f"data/sources/khanadeq.yaml:1:1: title: the title "
                            f"'{ARABIC_TITLE}' is written in Arabic script; add 'lang: ar'")


@pytest.mark.parametrize(("lines", "message"), [
    (("lang: ar", "title_kind: description"), "a description is in our own words"),
    (("lang: fr",), "is written in Arabic script"),
])
def test_a_source_titles_tag_must_fit_it(data_tree, lines, message):
    root = data_tree({"sources/khanadeq.yaml": arabic_source(*lines)})
    [found] = problems(root)
    assert message in found


@pytest.mark.parametrize("kind", ["headline", "url slug"])
def test_an_arabic_title_shows_right_to_left_in_arabic_wherever_it_is(data_tree, kind):
    """Its page's heading, its details, the sources' index and every citation of it,
    and the exports (issue 18: Arabic in source titles had no language)."""
    root = data_tree({
        "sources/khanadeq.yaml": arabic_source(
            "lang: ar", f"title_kind: {kind}",
            "url: https://example.org/" + quote_url(ARABIC_TITLE.replace(" ", "-"))),
        "people/abu-taqwa.yaml": PERSON.replace("[report]", "[khanadeq]")})
    kb, found = validate(load(root / "data", root=root))
    assert [p for p in found if p.severity == "error"] == []
    pages = render(link(kb))
    shown = f'<bdi lang="ar" dir="rtl">{ARABIC_TITLE}</bdi>'
    page = pages["sources/khanadeq.md"]
    assert page.split("\n# ", 1)[1].startswith(shown)
    assert page.count(shown) >= 2  # the heading and the details' title
    assert shown in pages["sources/index.md"]
    assert shown in pages["people/abu-taqwa.md"]  # its footnote
    if kind == "headline":
        assert f"“{shown}” (Arabic)" in pages["people/abu-taqwa.md"]
    [source] = [s for s in json.loads(pages["downloads/knowledge-base.json"])["sources"]
                if s["id"] == "khanadeq"]
    assert source["lang"] == "ar"


# A letter of each script RIGHT_TO_LEFT names, for a tag's direction.
_LETTER_OF = {"Arab": "ب", "Hebr": "ש", "Syrc": "ܐ", "Thaa": "ދ", "Nkoo": "ߊ",
              "Adlm": "𞤀", "Rohg": "𐴀"}


def test_a_character_is_right_to_left_by_its_bidi_class_or_its_scripts_name():
    # The scripts a tag may name as written right to left are those whose letters are,
    # by Unicode's own property: the tags' table and the characters' rule agree.
    assert set(_LETTER_OF) == writing.RIGHT_TO_LEFT
    for code, letter in _LETTER_OF.items():
        assert writing.right_to_left(letter), code
    # Persian and Kurdish letters, Arabic-Indic digits: bidi class AL or AN.
    assert all(writing.right_to_left(c) for c in "پژگکیێڵۆڕ٠١٢")
    # Weak or neutral in bidi, but of the Arabic or Hebrew script by name: the Arabic
    # comma, Persian digits, a fatha, a Hebrew point.
    assert all(writing.right_to_left(c) for c in "،۱۴\u064e\u05b0")
    # Latin letters, digits and punctuation common to all scripts, spaces, Cyrillic.
    assert not any(writing.right_to_left(c) for c in "aé1,.-/ \u00a0ж\u0301")
