"""Property tests: whatever an editor writes, the pipeline answers with problems or
pages, never with a crash; and whatever it accepts, it renders."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.pipeline.link import link
from kb.pipeline.load import load
from kb.pipeline.render import render
from kb.pipeline.validate import validate
from kb.problems import errors

SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
IDS = ["ada", "bo", "party", "town", "vote", "report", "wire", "Bad Id", ""]
DATES = ["2024-01-05", "2024-01", "2023", "2024-13-40", "2020~", "2024-01-04/2024-01-07",
         "yesterday", {"edtf": "2023-10", "qualifier": "late"},
         {"edtf": "2019", "qualifier": "as-early-as"}, {"edtf": "2023", "qualifier": "late"}, 2019]

def mostly(good: st.SearchStrategy, bad: st.SearchStrategy) -> st.SearchStrategy:
    """Valid values four times in five, so accepted data is reached, not only errors."""
    return st.one_of(good, good, good, good, bad)


text = st.text(min_size=0, max_size=40)
words = mostly(st.sampled_from(["A vote.", "Leader & *chair* [1]", "Al-Qa'im", "نوري"]), text)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    text, st.sampled_from(IDS))
anything = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)), max_leaves=20)
ref = st.sampled_from(IDS)
date = mostly(st.sampled_from(["2024-01-05", "2024-01", "2023", "2020~",
                               {"edtf": "2023-10", "qualifier": "late"}]), st.sampled_from(DATES))
source_ref = mostly(st.sampled_from(["report", "wire"]), ref)
quote = st.fixed_dictionaries({"text": words, "speaker": mostly(st.just("ada"), ref)},
                              optional={"said": date, "context": words})
citation = mostly(source_ref, st.fixed_dictionaries(
    {"source": source_ref}, optional={"citing": source_ref, "quote": quote, "note": words}))
cites = mostly(st.lists(citation, min_size=1, max_size=3), st.lists(citation, max_size=1))
statement = st.fixed_dictionaries({"text": words, "cite": cites})
fact = st.fixed_dictionaries({"text": words, "cite": cites}, optional={"date": date})
optional = {
    "aliases": st.lists(st.fixed_dictionaries({"name": words, "cite": cites}, optional={
        "lang": st.sampled_from(["ar", "AR", "arabic", "ar-IQ"]), "transliteration": words}),
        max_size=1),
    "facts": st.lists(fact, max_size=3),
    "relations": st.lists(st.fixed_dictionaries({
        "type": st.sampled_from(["member_of", "backed_by", "opposed_to", "x"]),
        "target": mostly(st.just("party"), ref), "cite": cites},
        optional={"role": words, "since": date}), max_size=1),
    "disputes": st.lists(st.fixed_dictionaries({"about": words, "versions": st.lists(
        st.fixed_dictionaries({"value": words, "cite": cites}), min_size=1, max_size=3)}),
        max_size=1),
}


def entity(entry_id: str, extra: dict, more: dict | None = None) -> st.SearchStrategy:
    # Names differ per file unless generated text says otherwise: shared names are errors.
    name = mostly(st.just(entry_id.title()), text)
    return st.fixed_dictionaries({"name": name, "summary": statement, **extra},
                                 optional={**optional, **(more or {})})


def strategy(folder: str, entry_id: str) -> st.SearchStrategy:
    if folder == "people":
        return entity(entry_id, {})
    if folder == "groups":
        return entity(entry_id, {"type": mostly(st.just("armed group"), text)})
    if folder == "places":
        return entity(entry_id, {"type": st.just("city")})
    if folder == "events":
        return entity(entry_id, {"type": st.sampled_from(["meeting", "strike"]), "date": date},
                      {"places": st.lists(mostly(st.just("town"), ref), max_size=2),
                       "participants": st.lists(st.fixed_dictionaries(
                           {"entity": mostly(st.just("ada"), ref)},
                           optional={"role": words, "cite": cites}), max_size=2)})
    return st.fixed_dictionaries(
        {"title": mostly(st.just(entry_id.title()), text), "type": st.just("article")},
        optional={"date": st.sampled_from(["2024-01-07", "2024", "2025-06"]),
                  "url": st.sampled_from(["https://example.org/a", "javascript:alert(1)"]),
                  "title_kind": st.sampled_from(["headline", "description", "url slug"])})


FILES = {"people": ["ada", "bo"], "groups": ["party"], "places": ["town"],
         "events": ["vote"], "sources": ["report", "wire"]}


def write_tree(root: Path, files: dict[str, object]) -> None:
    for relative, value in files.items():
        path = root / "data" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(value, allow_unicode=True), "utf-8")


def run_pipeline(files: dict[str, object]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_tree(root, files)
        kb, problems = validate(load(root / "data", root=root))
        for problem in problems:
            assert problem.path.startswith("data") and problem.message
        if not errors(problems):
            pages = render(link(kb))
            for entry_id, kind in kb.kinds.items():
                assert any(path.endswith(f"/{entry_id}.md") for path in pages), (entry_id, kind)


@SETTINGS
@given(st.dictionaries(st.sampled_from([f"{f}/{i}.yaml" for f, ids in FILES.items()
                                        for i in ids]), anything, max_size=4))
def test_arbitrary_yaml_never_crashes(files):
    run_pipeline(files)


@st.composite
def knowledge_bases(draw) -> dict[str, object]:
    return {f"{folder}/{entry_id}.yaml": draw(strategy(folder, entry_id))
            for folder, ids in FILES.items() for entry_id in ids}


@SETTINGS
@given(knowledge_bases())
def test_model_shaped_data_is_refused_clearly_or_rendered(files):
    run_pipeline(files)


def test_the_generator_reaches_accepted_data():
    """Guard against a strategy that never produces valid data (a test that cannot fail)."""
    accepted = []

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow],
              database=None)
    @given(knowledge_bases())
    def count(files):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            write_tree(root, files)
            accepted.append(not errors(validate(load(root / "data", root=root))[1]))

    count()
    assert any(accepted)
