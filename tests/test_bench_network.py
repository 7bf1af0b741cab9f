"""The network drawings' comparison (kb.bench.network, issue 17 item 3): its counting
of labels, its reading of the network page, and the vendored graph libraries it draws
with. Its timings are never asserted (see `make bench`)."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from pathlib import Path

import pytest

from kb.bench.network import (
    VENDOR,
    BenchError,
    Labels,
    count_labels,
    measure,
    network_of,
    parse_network,
    report,
    vendored,
)
from kb.bench.synthetic import write_tree
from tests.conftest import MINI, ROOT, linked_tree
from tests.site import mkdocs_config

FRAME = (0.0, 0.0, 200.0, 100.0)


def test_two_labels_known_to_overlap_count_once_and_two_known_not_to_count_none():
    crossing = [(10.0, 10.0, 60.0, 24.0), (50.0, 20.0, 110.0, 34.0)]  # share 10 × 4 px
    apart = [(10.0, 50.0, 60.0, 64.0), (70.0, 50.0, 120.0, 64.0)]
    assert count_labels(crossing, FRAME) == Labels(shown=2, overlapping=1, cut=0)
    assert count_labels(apart, FRAME) == Labels(shown=2, overlapping=0, cut=0)
    assert count_labels(crossing + apart, FRAME) == Labels(shown=4, overlapping=1, cut=0)


def test_labels_side_by_side_or_one_above_the_other_do_not_overlap():
    """Touching edges, or sharing less than the browser's rounding (0.5 px), is no
    overlap; sharing a pixel in both directions is."""
    beside = [(0.0, 0.0, 50.0, 14.0), (50.0, 0.0, 90.0, 14.0)]
    stacked = [(0.0, 20.0, 50.0, 34.0), (10.0, 34.0, 60.0, 48.0)]
    rounding = [(0.0, 60.0, 50.0, 74.0), (49.6, 60.0, 90.0, 74.0)]
    one_pixel = [(0.0, 80.0, 50.0, 94.0), (49.0, 93.0, 90.0, 100.0)]
    for boxes, expected in ((beside, 0), (stacked, 0), (rounding, 0), (one_pixel, 1)):
        assert count_labels(boxes, FRAME).overlapping == expected, boxes


def test_overlaps_are_counted_in_pairs():
    same_spot = [(10.0, 10.0, 60.0, 24.0)] * 3
    assert count_labels(same_spot, FRAME) == Labels(shown=3, overlapping=3, cut=0)


def test_a_label_passing_any_edge_of_the_drawing_is_cut():
    inside = (0.0, 0.0, 200.0, 100.0)  # exactly the frame
    passing = [(-5.0, 40.0, 30.0, 54.0), (180.0, 40.0, 230.0, 54.0),
               (80.0, -3.0, 120.0, 11.0), (80.0, 92.0, 120.0, 106.0)]
    assert count_labels([inside], FRAME).cut == 0
    assert count_labels([(-0.4, 0.0, 50.0, 14.0)], FRAME).cut == 0  # rounding
    for box in passing:
        assert count_labels([box], FRAME) == Labels(shown=1, overlapping=0, cut=1), box


def test_a_box_read_wrong_is_refused():
    with pytest.raises(ValueError, match=r"not a box .*\(60\.0, 10\.0, 10\.0, 24\.0\)"):
        count_labels([(60.0, 10.0, 10.0, 24.0)], FRAME)


def test_the_network_page_is_read_as_rendered():
    """Every entry the page draws, with its name (without the isolation marks around
    it), kind, number of links and place; every link drawn."""
    linked = linked_tree(MINI)
    network = network_of(MINI)
    ids = {node.id for node in network.nodes}
    assert ids == {i for i in linked.kb.entries if linked.edges_of.get(i)}
    assert {node.id: node.name for node in network.nodes}["ada-example"] == "Ada Example"
    assert {node.id: node.kind for node in network.nodes}["riverton"] == "place"
    assert sorted(network.edges) == sorted((e.source, e.target) for e in linked.edges)
    for node in network.nodes:
        assert node.degree == sum(node.id in edge for edge in network.edges)
        assert 0 <= node.x <= 1000 and 0 <= node.y <= 1000
    assert network.html.startswith('<form class="kb-network-controls"')
    assert '<div class="kb-network-detail"' in network.html


def test_a_network_page_of_another_shape_is_named():
    with pytest.raises(BenchError, match="the network page has no drawing and detail"):
        parse_network('<form class="kb-network-controls"></form>')


def test_data_with_errors_is_refused_naming_the_file(data_tree):
    root = data_tree({"people/ada.yaml": "name: Ada\nsummary: 3\n"})
    with pytest.raises(BenchError, match=r"people/ada\.yaml:\d+"):
        network_of(root)


def _manifest() -> dict:
    return json.loads((VENDOR / "manifest.json").read_text("utf-8"))


def test_the_vendored_graph_libraries_are_the_npm_packages_recorded():
    """Each file is the one the manifest records, from the packages the README's
    comparison names with the same integrity; nothing else lies there."""
    manifest = _manifest()
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    listed = {"manifest.json", "README.md"}
    assert [(p["name"], p["version"]) for p in manifest["packages"]] == [
        ("sigma", "4.0.4"), ("graphology", "0.26.0")]
    for package in manifest["packages"]:
        assert package["integrity"].startswith("sha512-")
        assert package["integrity"] in readme, package["name"]
        assert f"{package['name']} {package['version']}" in readme.replace(".js", "")
        for entry in package["files"]:
            digest = hashlib.sha256((VENDOR / entry["file"]).read_bytes()).hexdigest()
            assert digest == entry["sha256"], entry["file"]
            listed.add(entry["file"])
    assert {p.name for p in VENDOR.iterdir()} == listed
    assert set(vendored()) == {"sigma.min.js", "graphology.umd.min.js"}


def test_a_vendored_file_changed_is_refused_by_the_benchmark(tmp_path):
    copy = shutil.copytree(VENDOR, tmp_path / "vendor")
    script = copy / "sigma.min.js"
    script.write_bytes(script.read_bytes() + b"\n")
    with pytest.raises(BenchError, match=r"sigma\.min\.js is not the file of sigma@4\.0\.4"):
        vendored(copy)
    script.unlink()
    with pytest.raises(BenchError, match=r"sigma\.min\.js is missing"):
        vendored(copy)


def test_the_graph_libraries_are_never_part_of_the_site():
    """bench/vendor/ is outside what MkDocs copies: the pages and the theme."""
    config = mkdocs_config()
    served = [ROOT / config.get("docs_dir", "docs"), ROOT / config["theme"]["custom_dir"]]
    for folder in served:
        assert not VENDOR.resolve().is_relative_to(folder.resolve()), folder


@pytest.mark.browser
def test_both_drawings_are_measured_on_a_small_synthetic_network():
    """The whole chain in a browser: the own drawing places its names without overlap or
    cut; sigma.js shows names too (its settings and styles were read: by default it
    shows none at this size); bytes and times are read."""
    from kb.bench.network import chromium
    from tests.needs import browser_path

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_tree(work / "tree", 40)
        network = network_of(work / "tree")
        with chromium(browser_path()) as browser:
            drawn = measure(network, browser, work, "40", 1, vendored())
    own, sigma = drawn["own"], drawn["sigma"]
    assert own.labels.shown > 0 and own.labels.overlapping == 0 and own.labels.cut == 0
    assert sigma.labels.shown > 0
    assert own.first_draw_s > 0 and sigma.first_draw_s > 0
    assert sigma.script_bytes > 10 * own.script_bytes
    table = report({"40": (network, drawn)}, 1, (1.0, 2.0))
    assert f"      40 {len(network.nodes):>6} {len(network.edges):>6}  own SVG" in table
    assert "sigma 4.0.4 and graphology 0.26.0" in table
