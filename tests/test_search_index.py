"""The full-text search index (kb.pipeline.render.search) and the statements' anchors it leads
to (kb.pipeline.render.anchors): what is found, in which field, and where on its page."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render import render, search
from kb.pipeline.render.search import (
    FOLDER,
    NAME,
    PAGE_NUMBERS,
    PER_PAGE,
    TEXT,
    TITLE,
    deletions,
    page_numbers,
)
from kb.pipeline.validate import validate
from kb.text.spelling import search_key, words
from tests.conftest import ROOT, linked_tree
from tests.searching import found, page_of, shard

PERSON = """\
name: Ada Example
type: x
aliases:
  - name: Ada Ekzample
    cite: [report]
summary:
  text: Former minister who resigned after a vote.
  cite: [report]
facts:
  - text: She said the vote left her no choice.
    cite:
      - source: report
        quote: {text: an unwarranted humiliation, speaker: ada}
  - text: She had led the party since 2019.
    cite: [report]
disputes:
  - about: Votes against her
    versions:
      - value: fifty-two
        cite: [report]
      - value: fifty-three
        cite: [report]
"""
CHAPTER = """\
title: The vote
sentences:
  - text: The council voted against [[ada]] in January.
    cite: [report]
"""


@pytest.fixture
def files(data_tree):
    root = data_tree({"people/ada.yaml": PERSON.replace("type: x\n", ""),
                      "story/01-the-vote.yaml": CHAPTER})
    kb, problems = validate(load(root / "data", root=root))
    assert [p for p in problems if p.severity == "error"] == []
    return render(link(kb))


def documents(files: dict[str, str], word: str) -> dict[str, list]:
    """{document: [field, kind, length, name?]} of the documents holding `word`."""
    words = shard(files, "words", word)
    return {doc: words["d"][doc] for doc in words["t"].get(word, {})}


def test_every_statement_quote_and_title_is_found_where_it_stands(files):
    ada = "people/ada.md"
    assert found(files, "resigned") == [("Ada Example", "Former minister who resigned after a "
                                         "vote.")]
    assert found(files, "choice") == [("Ada Example", "She said the vote left her no choice.")]
    assert found(files, "humiliation") == [("Ada Example", "“an unwarranted humiliation”")]
    assert found(files, "fifty") == [("Ada Example", "fifty-two"), ("Ada Example", "fifty-three")]
    assert found(files, "council") == [("The story so far", "The council voted against Ada "
                                        "Example in January.")]
    assert ("A report", "A report") in found(files, "report")  # a source's title
    # Each leads to an anchor that its page has, once.
    page = files[ada]
    for doc in [*documents(files, "resigned"), *documents(files, "choice"),
                *documents(files, "humiliation"), *documents(files, "fifty")]:
        anchor = page_of(files, doc)["d"][int(doc) % PER_PAGE][0]
        assert page.count(f'id="{anchor}"') == 1, anchor
    assert page_of(files, next(iter(documents(files, "humiliation"))))["d"][
        int(next(iter(documents(files, "humiliation")))) % PER_PAGE][0] == \
        "fact-she-said-the-vote-left-her"
    story = next(iter(documents(files, "council")))
    anchor = page_of(files, story)["d"][int(story) % PER_PAGE][0]
    assert anchor == "01-the-vote-the-council-voted-against-ada-example" and \
        files["story.md"].count(f'id="{anchor}"') == 1


def test_names_titles_and_text_are_kept_apart_in_rank(files):
    assert {d[0] for d in documents(files, "ekzample").values()} == {NAME}  # an alias
    assert [d[3] for d in documents(files, "ekzample").values()] == ["Ada Ekzample"]
    assert {d[0] for d in documents(files, "minister").values()} == {TEXT}
    assert TITLE in {d[0] for d in documents(files, "vote").values()}  # the chapter


def test_an_entrys_type_is_found_with_its_name():
    files = render(linked_tree(ROOT))
    docs = documents(files, "base")
    assert [d[3] for d in docs.values() if d[0] == NAME and d[3] == "Ain al-Asad"] == [
        "Ain al-Asad"]


def test_short_and_common_words_are_not_keys_but_stay_in_the_text_shown(files):
    keys = {key for path, text in files.items() if path.startswith(f"{FOLDER}/words/")
            for key in json.loads(text)["t"]}
    assert not {"the", "she", "her", "after", "no", "al"} & keys
    assert {"choice", "resigned", "minister", "2019"} <= keys


def test_british_and_american_endings_and_vowel_pairs_are_one_key(data_tree):
    person = PERSON.replace("type: x\n", "").replace(
        "She had led the party since 2019.", "She joined the organisation in Ayn Zayd.")
    root = data_tree({"people/ada.yaml": person})
    kb, _ = validate(load(root / "data", root=root))
    files = render(link(kb))
    for one, other in (("organisation", "organization"), ("Ayn", "Ain"), ("Zayd", "Zaid")):
        assert found(files, one) == found(files, other) != [], one


def test_an_edit_to_one_statement_rewrites_only_the_files_of_its_words(data_tree):
    root = data_tree({"people/ada.yaml": PERSON.replace("type: x\n", "")})
    kb, _ = validate(load(root / "data", root=root))
    before = render(link(kb))
    edited = PERSON.replace("type: x\n", "").replace("no choice", "no option")
    (root / "data" / "people" / "ada.yaml").write_text(edited, "utf-8")
    kb, _ = validate(load(root / "data", root=root))
    after = render(link(kb))
    changed = {path for path in after if path.startswith(FOLDER)
               and before.get(path) != after[path]}
    changed |= {path for path in before if path.startswith(FOLDER) and path not in after}
    number = int(next(iter(documents(after, "option")))) // PER_PAGE
    assert {p for p in changed if p.startswith(f"{FOLDER}/words/")} == {
        f"{FOLDER}/words/cho.json", f"{FOLDER}/words/opt.json"}
    assert {p for p in changed if p.startswith(f"{FOLDER}/pages/")} == {
        f"{FOLDER}/pages/{number}.json"}
    assert all(p.startswith((f"{FOLDER}/sounds/", f"{FOLDER}/near/"))
               for p in changed - {f"{FOLDER}/words/cho.json", f"{FOLDER}/words/opt.json",
                                   f"{FOLDER}/pages/{number}.json", f"{FOLDER}/folding.json"})


def _index_changes(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """Files of the index that differ between two renders, or are in one only."""
    return {path for path in before.keys() | after.keys() if path.startswith(FOLDER)
            and before.get(path) != after.get(path)}


@pytest.mark.parametrize("kind", ["people", "sources", "events"])
def test_a_page_added_or_removed_changes_only_its_own_files_of_the_index(data_tree, kind):
    """A page's number comes from its path, not its place among the others: adding or
    removing one leaves every other page's fragment as it was, and changes only the
    shards of its own words (with the index's figures in folding.json)."""
    added = {"people": "name: Aaron Added\nsummary:\n  text: A member of the council.\n"
                       "  cite: [report]\n",
             "sources": "title: Aaron added a report\ntype: article\ndate: 2024-01-06\n",
             "events": "name: Aaron added an event\ntype: talks\ndate: 2024-01-06\n"
                       "summary:\n  text: Talks were held.\n  cite: [report]\n"}[kind]
    root = data_tree({"people/ada.yaml": PERSON.replace("type: x\n", "")})
    kb, _ = validate(load(root / "data", root=root))
    before = render(link(kb))
    new = root / "data" / kind / "aaa-added.yaml"  # sorts first: before the fix, every
    new.parent.mkdir(exist_ok=True)                # page after it changed number
    new.write_text(added, "utf-8")
    kb, problems = validate(load(root / "data", root=root))
    assert [p for p in problems if p.severity == "error"] == []
    after = render(link(kb))
    own = f"{kind}/aaa-added.md"
    [fragment] = [path for path in after if path.startswith(f"{FOLDER}/pages/")
                  and json.loads(after[path])["u"] == own.removesuffix(".md") + "/"]
    own_words = {search_key(word)[:3] for unit in json.loads(after[fragment])["d"]
                 for word in words(unit[1]) if len(word) >= 3}
    for changes in (_index_changes(before, after), _index_changes(after, before)):
        fragments = {path for path in changes if path.startswith(f"{FOLDER}/pages/")}
        assert fragments == {fragment}
        shards = {path.rsplit("/", 1)[1].removesuffix(".json") for path in changes
                  if path.startswith(f"{FOLDER}/words/")}
        assert shards and shards <= own_words
    new.unlink()
    kb, _ = validate(load(root / "data", root=root))
    assert render(link(kb)) == before  # removed: the index is as it was


def test_page_numbers_come_from_the_path_alone():
    paths = [f"people/person-{n}.md" for n in range(2000)]
    numbers = page_numbers(paths)
    assert len(set(numbers.values())) == len(paths)
    assert all(0 <= number < PAGE_NUMBERS for number in numbers.values())
    assert page_numbers(reversed(paths)) == numbers  # the order given does not matter
    # Known values: the same in every process and on every machine (BLAKE2b, not hash()).
    assert page_numbers(["people/abu-taqwa.md", "index.md"]) == {
        "index.md": int.from_bytes(hashlib.blake2b(b"index.md", digest_size=4).digest(),
                                   "big") % PAGE_NUMBERS,
        "people/abu-taqwa.md": int.from_bytes(hashlib.blake2b(
            b"people/abu-taqwa.md", digest_size=4).digest(), "big") % PAGE_NUMBERS}
    fewer = page_numbers(paths[:1000] + paths[1001:])  # one gone: no other moves
    assert all(fewer[path] == numbers[path] for path in fewer)


def test_paths_sharing_a_number_take_the_next_free_ones_in_path_order(monkeypatch):
    hashed = {"b.md": 7, "a.md": 7, "c.md": 8, "z.md": PAGE_NUMBERS - 1,
              "y.md": PAGE_NUMBERS - 1}
    monkeypatch.setattr(search, "_hashed", hashed.__getitem__)
    expected = {"a.md": 7, "b.md": 8, "c.md": 9, "y.md": PAGE_NUMBERS - 1, "z.md": 0}
    assert page_numbers(hashed) == expected  # wrapping round at the end
    assert page_numbers(sorted(hashed, reverse=True)) == expected
    assert page_numbers(["c.md", "b.md"]) == {"b.md": 7, "c.md": 8}


def test_more_pages_than_numbers_is_an_error(monkeypatch):
    monkeypatch.setattr(search, "PAGE_NUMBERS", 2)
    with pytest.raises(ValueError, match="3 pages to index, more than the 2 numbers"):
        page_numbers(["a.md", "b.md", "c.md"])


def test_a_typo_among_the_first_letters_is_found_through_the_near_shards(files):
    # 'Xkzample' (a wrong first letter), 'Kzample' (one missing), 'Eekzample' (one added):
    # each shares a deletion of its first four letters with 'ekzample', whose shard the
    # near file names.
    for typed in ("xkzample", "kzample", "eekzample", "ekxample"):
        keys = deletions(typed[:4]) | {typed[:3]}
        shards = set()
        for key in keys:
            shards |= set(shard(files, "near", key[:2]).get(key, []))
        assert "ekz" in shards, typed
    assert deletions("unwa") == {"nwa", "uwa", "una", "unw"}


def test_every_anchor_of_the_index_is_on_its_page():
    linked = linked_tree(ROOT)
    files = render(linked)
    fragments = [json.loads(text) for path, text in files.items()
                 if path.startswith(f"{FOLDER}/pages/")]
    pages = {re.sub(r"(index)?$", "", path.removesuffix(".md")) + "/": text
             for path, text in files.items() if path.endswith(".md")}
    pages["story/"] = files["story.md"]
    checked = 0
    for fragment in fragments:
        page = pages.get(fragment["u"]) or pages.get(fragment["u"].rstrip("/") + "/")
        for anchor, _ in fragment["d"]:
            if anchor:
                assert f'id="{anchor}"' in page or f"{{ #{anchor} }}" in page, (
                    fragment["u"], anchor)
                checked += 1
    assert checked > 500
    # Rocket Battalion, on Abu Taqwa's page: a fact and a version of a disagreement.
    assert [text[:60] for _, text in found(files, "battalion")] == [
        "Asharq Al-Awsat says he led Harakat al-Nujaba's \"Rocket Batt",
        "head of Nujaba's \"Rocket Battalion\", commander of the PMF's "]


def test_the_vendored_libraries_are_the_npm_packages_recorded():
    vendor = ROOT / "overrides" / "js" / "vendor"
    record = (vendor / "README.md").read_text("utf-8")
    for name in ("minisearch.js", "wink-porter2-stemmer.js"):
        digest = hashlib.sha256((vendor / name).read_bytes()).hexdigest()
        assert re.search(rf"`{re.escape(name)}`.*`{digest}`", record), name
        assert (vendor / name.replace(".js", ".LICENSE.txt")).is_file()


def test_a_name_in_arabic_script_is_found_by_both_spellings_and_anchored_once(data_tree):
    """An Arabic alias is a name document twice, in its script and in its
    transliteration, and its anchor is made of the transliteration where there is one,
    else of the name in its own letters (the Arabic alone once made 'name', shared by
    every such alias)."""
    arabic = ("  - name: أبو تقوى\n    lang: ar\n    transliteration: Abu Taqwa\n"
              "    cite: [report]\n  - name: السعيدي\n    lang: ar\n    cite: [report]\n")
    root = data_tree({"people/ada.yaml": PERSON.replace(
        "type: x\n", "").replace("aliases:\n", "aliases:\n" + arabic)})
    kb, problems = validate(load(root / "data", root=root))
    assert [p for p in problems if p.severity == "error"] == []
    files = render(link(kb))
    assert found(files, "تقوى") == [("Ada Example", "أبو تقوى")]
    assert found(files, "Taqwa") == [("Ada Example", "Abu Taqwa")]
    page = files["people/ada.md"]
    for name in ("تقوى", "Taqwa", "السعيدي"):
        [doc] = documents(files, search_key(words(name)[0]))
        anchor = page_of(files, doc)["d"][int(doc) % PER_PAGE][0]
        assert page.count(f'id="{anchor}"') == 1, anchor
        assert anchor in ("name-ar-abu-taqwa", "name-ar-السعيدي"), anchor
