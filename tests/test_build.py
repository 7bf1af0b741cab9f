import gc
import weakref

from kb.build import build, paused_collection
from kb.preview import FrozenHeap
from kb.session import Session
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


def _cycle() -> weakref.ref:
    class Node:
        pass

    node = Node()
    node.itself = node  # type: ignore[attr-defined]  # freed only by the cycle collector
    return weakref.ref(node)


def test_a_build_pauses_the_cycle_collector_and_leaves_it_as_it_found_it():
    gc.unfreeze()  # whatever an earlier test left
    with paused_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    build(MINI / "data", root=MINI)
    assert gc.isenabled() and gc.get_freeze_count() == 0  # nothing frozen, nothing kept
    gc.disable()
    try:
        with paused_collection():
            pass
        assert not gc.isenabled()  # left off, as it was
    finally:
        gc.enable()


def test_the_preview_freezes_its_heap_and_frees_cycles_every_few_builds():
    heap = FrozenHeap(collect_every=3)
    gc.collect()
    dead_cycles = []
    try:
        for _ in range(2):
            with paused_collection(), heap.around_build():  # as kb.build.build does
                dead_cycles.append(_cycle())
            assert gc.get_freeze_count() > 0  # what the build left is frozen
        assert all(ref() is not None for ref in dead_cycles)  # frozen, not yet collected
        with paused_collection(), heap.around_build():
            pass
        assert all(ref() is None for ref in dead_cycles)
    finally:
        gc.unfreeze()


def test_only_a_session_with_the_preview_s_tuning_freezes_the_heap():
    gc.unfreeze()
    try:
        build(MINI / "data", root=MINI, session=Session())
        assert gc.get_freeze_count() == 0
        session = Session(heap=FrozenHeap())
        build(MINI / "data", root=MINI, session=session)
        assert gc.get_freeze_count() > 0 and session.heap.builds == 1
    finally:
        gc.unfreeze()
