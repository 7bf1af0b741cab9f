from kb.build import build
from tests.conftest import MINI


def test_build_renders_every_page_kind():
    result = build(MINI / "data", root=MINI)
    assert result.ok
    assert {"people/ada-example.md", "groups/river-party.md", "events/vote.md",
            "sources/daily-2024-01-07.md", "people/index.md", "timeline.md",
            "quotes.md"} <= set(result.pages)


def test_output_is_deterministic():
    first = build(MINI / "data", root=MINI).pages
    second = build(MINI / "data", root=MINI).pages
    assert first == second


def test_bad_data_writes_nothing_and_keeps_previous_output(data_tree, tmp_path):
    out = tmp_path / "generated"
    good = build(MINI / "data", out, root=MINI)
    assert good.ok and (out / "people/ada-example.md").exists()
    before = (out / "people/ada-example.md").read_text()
    root = data_tree({"people/x.yaml": "name: X\n"})
    bad = build(root / "data", out, root=root)
    assert not bad.ok and bad.pages == {}
    assert (out / "people/ada-example.md").read_text() == before
