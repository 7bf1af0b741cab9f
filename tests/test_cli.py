import json

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
        "wikidata, summary, facts, relations, disputes. Did you mean 'name'?",
        "4 errors in data/",
    ]


def test_validate_passes_on_good_data(capsys):
    assert main(["--root", str(MINI), "validate"]) == 0
    assert capsys.readouterr().out == "data/ is valid\n"


def test_build_writes_pages(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["--root", str(MINI), "build", "--out", str(out)]) == 0
    assert (out / "people" / "ada-example.md").is_file()


def test_validate_json_gives_the_same_problems_for_tools(data_tree, capsys):
    root = data_tree({"people/a.yaml": "name: A\n",
                      "people/b.yaml": "name: B\nsummary: {text: B., cite: [reprot]}\n"})
    assert main(["--root", str(root), "validate", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 2 and report["warnings"] == 0
    assert report["problems"][1] == {
        "path": "data/people/b.yaml", "line": 2, "column": 28, "severity": "error",
        "message": "summary.cite[0].source: unknown source 'reprot'; expected the id of a "
                   "file in data/sources/. Did you mean 'report'?"}


def test_validate_json_reports_warnings_with_exit_zero(data_tree, capsys):
    root = data_tree({})
    assert main(["--root", str(root), "validate", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 0 and report["warnings"] >= 1
    assert {p["severity"] for p in report["problems"]} == {"warning"}


def test_validate_github_annotations(data_tree, capsys):
    root = data_tree({"people/a.yaml": "name: A\n"})
    assert main(["--root", str(root), "validate", "--format", "github"]) == 1
    assert ("::error file=data/people/a.yaml,line=1,col=1::missing required field 'summary'"
            in capsys.readouterr().out.splitlines())
