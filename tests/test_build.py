import gc
import weakref

from kb import build as build_module
from kb.build import build, without_cycle_collection
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


def test_the_cycle_collector_pauses_during_builds_and_frees_cycles_every_few(monkeypatch):
    class Node:
        pass

    def cycle() -> weakref.ref:
        node = Node()
        node.itself = node  # freed only by the cycle collector
        return weakref.ref(node)

    monkeypatch.setattr(build_module, "_builds", 0)
    gc.collect()
    dead_cycles = []
    for _ in range(build_module.COLLECT_EVERY - 1):
        with without_cycle_collection():
            assert not gc.isenabled()
            dead_cycles.append(cycle())
        assert gc.isenabled()
    assert all(ref() is not None for ref in dead_cycles)  # frozen, not yet collected
    with without_cycle_collection():
        pass
    assert all(ref() is None for ref in dead_cycles)
