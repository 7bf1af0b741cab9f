import os
import subprocess
import sys
from pathlib import Path

from kb.load import load, parse_yaml


def messages(root: Path) -> list[str]:
    return [str(p) for p in load(root / "data", root=root).problems]


def test_values_keep_their_lines_and_dates_stay_text():
    data, marks, problems = parse_yaml("name: X\ndate: 2024-01-04\nlist:\n  - a\n  - b\n", "f")
    assert problems == []
    assert data == {"name": "X", "date": "2024-01-04", "list": ["a", "b"]}
    assert marks[("date",)] == (2, 1)
    assert marks[("list", 1)] == (5, 5)


def test_syntax_error_names_file_line_and_column(data_tree):
    root = data_tree({"people/x.yaml": "name: [unclosed\nsummary: y\n"})
    [message] = messages(root)
    assert message.startswith("data/people/x.yaml:2:")
    assert "YAML syntax" in message


def test_tab_indentation_gets_a_hint(data_tree):
    root = data_tree({"people/x.yaml": "name: X\nsummary:\n\ttext: y\n"})
    [message] = messages(root)
    assert "data/people/x.yaml:3" in message and "use spaces" in message


def test_duplicate_keys_are_errors_not_silently_dropped(data_tree):
    root = data_tree({"people/x.yaml": "name: X\nname: Y\n"})
    assert messages(root) == [
        "data/people/x.yaml:2:1: duplicate field 'name' (first given on line 1); keep one"]


def test_anchors_and_aliases_are_refused(data_tree):
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    root = data_tree({"people/x.yaml": bomb})
    [message] = messages(root)
    # Located at the anchor: the composed tree no longer knows where it was reused.
    assert message.startswith("data/people/x.yaml:1:4:") and "anchors and aliases" in message


def test_empty_file_and_several_documents(data_tree):
    root = data_tree({"people/empty.yaml": "", "people/two.yaml": "name: A\n---\nname: B\n"})
    assert messages(root) == [
        "data/people/empty.yaml:1:1: file is empty; expected a mapping of fields",
        "data/people/two.yaml:3:1: file holds several YAML documents ('---'); "
        "expected one entity per file",
    ]


def test_non_utf8_file(data_tree, tmp_path):
    root = data_tree({})
    (tmp_path / "data/people").mkdir()
    (tmp_path / "data/people/x.yaml").write_bytes(b"name: Caf\xe9\n")
    [message] = messages(root)
    assert message.startswith("data/people/x.yaml:1: file is not UTF-8 text")


def test_byte_order_mark_is_accepted(data_tree, tmp_path):
    root = data_tree({})
    (tmp_path / "data/places").mkdir()
    (tmp_path / "data/places/x.yaml").write_bytes("\ufeffname: X\n".encode())
    loaded = load(root / "data", root=root)
    assert loaded.problems == []
    [record] = [r for r in loaded.records if r.kind == "place"]
    assert record.data == {"name": "X"}


def test_files_in_the_wrong_place(data_tree):
    root = data_tree({"persons/x.yaml": "name: X\n", "people/y.yml": "name: Y\n"})
    assert messages(root) == [
        "data/people/y.yml: data files end in .yaml (found '.yml')",
        "data/persons/x.yaml: unknown folder 'persons'; expected one of events, groups, "
        "people, places, sources, story. Did you mean 'people'?",
    ]


def test_symlink_out_of_data_is_refused(data_tree, tmp_path):
    root = data_tree({})
    outside = tmp_path / "secret.yaml"
    outside.write_text("name: X\n")
    (tmp_path / "data/people").mkdir()
    (tmp_path / "data/people/x.yaml").symlink_to(outside)
    assert messages(root) == [
        "data/people/x.yaml: symbolic link to a file outside data/; copy the file"]


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def test_hostile_files_each_get_a_message_and_never_hang(data_tree, tmp_path):
    """Everything at once, as an editor's `kb validate` meets it: one message per file,
    exit 1, no traceback. The timeout only guards against a hang; timings are in the
    benchmark, not here."""
    root = data_tree({
        "people/bomb.yaml": BILLION_LAUGHS,
        "people/tabs.yaml": "name: X\nsummary:\n\ttext: y\n",
        "people/empty.yaml": "",
        "people/two.yaml": "name: A\n---\nname: B\n",
        "people/deep.yaml": "name: " + "[" * 50_000,
    })
    people = tmp_path / "data" / "people"
    with (people / "huge.yaml").open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)
    (people / "latin1.yaml").write_bytes(b"name: Caf\xe9\n")
    (people / "loop.yaml").symlink_to(people / "loop.yaml")
    (people / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    os.mkfifo(people / "pipe.yaml")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.yaml").write_text("name: S\n")
    (tmp_path / "data" / "places").symlink_to(outside)

    result = subprocess.run([sys.executable, "-m", "kb.cli", "--root", str(root), "validate"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    expected = {
        "bomb": "anchors and aliases (& and *) are not supported",
        "tabs": "tabs are not allowed for indentation",
        "empty": "file is empty",
        "two": "several YAML documents",
        "deep": "YAML syntax: exceeded maximum nesting depth",
        "huge": "file is 52,428,800 bytes; a data file may be at most 1,000,000 bytes",
        "latin1": "file is not UTF-8 text",
        "loop": "broken symbolic link",
        "dangling": "broken symbolic link",
        "pipe": "not a regular file",
    }
    for name, message in expected.items():
        assert [line for line in lines if line.startswith(f"data/people/{name}.yaml:")
                and message in line], name
    assert "data/places: symbolic link to a folder; the files in it are not read. Make it " \
           "a real folder inside data/" in lines
    assert lines[-1] == f"{len(expected) + 1} errors in data/"
