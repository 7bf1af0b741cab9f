from kb.cli import main
from tests.conftest import MINI


def test_validate_reports_every_problem_and_exits_non_zero(data_tree, capsys):
    root = data_tree({"people/a.yaml": "name: A\n", "people/b.yaml": "nme: B\n"})
    assert main(["--root", str(root), "validate"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "data/people/a.yaml:1:1: missing required field 'summary'",
        "data/people/b.yaml:1:1: missing required field 'name'",
        "data/people/b.yaml:1:1: missing required field 'summary'",
        "data/people/b.yaml:1:1: unknown field 'nme'; expected one of name, aliases, name_ar, "
        "summary, facts, relations, disputes. Did you mean 'name'?",
        "4 errors in data/",
    ]


def test_validate_passes_on_good_data(capsys):
    assert main(["--root", str(MINI), "validate"]) == 0
    assert capsys.readouterr().out == "data/ is valid\n"


def test_build_writes_pages(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["--root", str(MINI), "build", "--out", str(out)]) == 0
    assert (out / "people" / "ada-example.md").is_file()
