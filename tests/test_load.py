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
        "people, places, sources. Did you mean 'people'?",
    ]


def test_symlink_out_of_data_is_refused(data_tree, tmp_path):
    root = data_tree({})
    outside = tmp_path / "secret.yaml"
    outside.write_text("name: X\n")
    (tmp_path / "data/people").mkdir()
    (tmp_path / "data/people/x.yaml").symlink_to(outside)
    assert messages(root) == [
        "data/people/x.yaml: symbolic link to a file outside data/; copy the file"]
