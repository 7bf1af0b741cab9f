"""The `kb` command: the pipeline for editors, without MkDocs.

Domain problems become messages and exit codes here, never tracebacks: exit 1 when
the data has errors, 3 on an internal error (a fault of the pipeline, reported with
the data file it was reading; `KB_DEBUG=1` shows its traceback instead).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from kb import crash
from kb.checks.grounding import DEFAULT_MATERIAL, ground_project, read_allowances
from kb.generator import output_refusal
from kb.model import DATE_BASES, GROUNDING_FILE, KINDS
from kb.pipeline.build import build
from kb.problems import Problem, did_you_mean, errors, format_problems
from kb.text.wording import count
from kb.tools import reference, scaffold
from kb.tools.schema import SCHEMA_FOLDER, stale_schemas, write_schemas

INTERNAL_ERROR = 3
"""Exit code of a command stopped by a fault of the pipeline, not of the data."""
INTERRUPTED = 130
"""Exit code after Ctrl-C, as shells report a process ended by SIGINT."""


def main(argv: list[str] | None = None) -> int:
    """Entry point of `kb`; returns the exit code: 0 done, 1 errors in the data, 2 a
    wrong command line (any value `kb new` refuses too) or missing source material,
    `INTERNAL_ERROR` when the pipeline itself failed, `INTERRUPTED` after Ctrl-C.

    This is the command's edge: any exception is caught here and printed as one line
    naming the data file being read (kb.crash), never as a traceback, unless
    `KB_DEBUG=1` asks for it.
    """
    args = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace, Path], int] = args.run
    try:
        return command(args, args.root.resolve())
    except KeyboardInterrupt:
        print(f"kb {args.command}: interrupted", file=sys.stderr)
        return INTERRUPTED
    except Exception as error:
        if crash.debugging():
            raise
        _report_crash(args, error)
        return INTERNAL_ERROR


def _report_crash(args: argparse.Namespace, error: Exception) -> None:
    """The internal error in the form the command was asked for: JSON and GitHub
    annotations on stdout, where tools read them, and always a line on stderr."""
    form = getattr(args, "format", "text")
    if form == "json":
        print(json.dumps(_as_json([crash.as_problem(error)]), indent=2, ensure_ascii=False))
    elif form == "github":
        print(_as_annotation(crash.as_problem(error)))
    print(f"kb {args.command}: {crash.message(error)}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kb", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder holding data/ (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check data/ and report every problem")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text",
                          help="text for people; json for tools; github for CI annotations")
    validate.set_defaults(run=_validate)

    build_cmd = commands.add_parser("build", help="validate, then write the generated pages")
    build_cmd.add_argument("--out", type=Path, default=None,
                           help="output folder (default: ROOT/generated)")
    build_cmd.set_defaults(run=_build)

    ground = commands.add_parser(
        "ground", help="check each name, number and date against the sources cited",
        description="The grounding check: every name, number and date a statement states "
        "must be in the text of a source it cites, as the source material gives it "
        f"(default {DEFAULT_MATERIAL}). Reviewed exceptions go in data/{GROUNDING_FILE}.")
    ground.add_argument("--sources", type=Path, default=None, metavar="DIR",
                        help=f"the source material (default: ROOT/{DEFAULT_MATERIAL})")
    ground.add_argument("--format", choices=("text", "json", "github"), default="text",
                        help="text for people; json for tools; github for CI annotations")
    ground.set_defaults(run=_ground)

    schema = commands.add_parser(
        "schema", help=f"write the JSON Schemas to {SCHEMA_FOLDER}/ and the field reference "
        f"of {reference.GUIDE.as_posix()}, from the model")
    schema.add_argument("--check", action="store_true",
                        help="only check that the committed schemas and the guide's field "
                        "reference match the model")
    schema.set_defaults(run=_schema)

    new = commands.add_parser("new", help="start a new data file",
                              description="Write a minimal data file to fill in. "
                              'Example: kb new person "Sinan Mahmoud" --cite '
                              'national-2025-10-20-coalition-will-stay-at-ain-al-asad')
    new.add_argument("kind", type=_kind, metavar="KIND",
                     help=f"what to create: {', '.join(KINDS)}")
    new.add_argument("name", help="the name as sources spell it (for a source: its title)")
    new.add_argument("--id", help="file name to use instead of one made from the name")
    new.add_argument("--type", help="the kind of group, place, event or source")
    new.add_argument("--date", help="an event's or source's date, as EDTF: 2024-01-04")
    new.add_argument("--summary", help="one or two sentences in your own words")
    new.add_argument("--cite", action="append", default=[], metavar="SOURCE_ID",
                     help="a source backing the summary (repeat for several)")
    new.add_argument("--outlet", help="for a source: id of the group that published it")
    new.add_argument("--url", help="for a source: its address, http:// or https://")
    new.add_argument("--date-basis", metavar="BASIS",
                     help="for a source: how its date is known: " + "; ".join(
                         f"{name} ({words})" for name, words in DATE_BASES.items()))
    new.add_argument("--force", action="store_true",
                     help="create it even though the name is an existing entry's name or "
                     "alias spelt another way (as search folds spellings) or close to one: "
                     "for another entry with the same name")
    new.set_defaults(run=_new)
    return parser


def _kind(written: str) -> str:
    """A kind of entry as `kb new` takes it, else argparse's error (exit 2) saying
    which there are, with a Did you mean: a folder's name too ('people': 'person')."""
    if written in KINDS:
        return written
    folders = {kind.folder: name for name, kind in KINDS.items()}
    hint = did_you_mean(written, [*KINDS, *folders], instead=folders)
    raise argparse.ArgumentTypeError(f"'{written}' is not a kind of entry; expected one of "
                                     f"{', '.join(KINDS)}.{hint}")


def _validate(args: argparse.Namespace, root: Path) -> int:
    problems = build(root / "data", root=root).problems
    # The allow-list is a data file too; kb ground uses it, but its faults show here.
    problems += read_allowances(root / "data" / GROUNDING_FILE, root)[2]
    return _print(problems, args.format, "data/ is valid")


def _ground(args: argparse.Namespace, root: Path) -> int:
    material = args.sources or root / DEFAULT_MATERIAL
    try:
        problems = ground_project(root, material)
    except FileNotFoundError:
        print(f"kb ground: no source material at {material}; nothing was checked "
              "(pass --sources DIR)", file=sys.stderr)
        return 2
    return _print(problems, args.format,
                  "every name, number and date is in a source it cites")


def _print(problems: list[Problem], form: str, success: str) -> int:
    if form == "json":
        print(json.dumps(_as_json(problems), indent=2, ensure_ascii=False))
        return 1 if errors(problems) else 0
    if form == "github":
        for problem in problems:
            print(_as_annotation(problem))
        return 1 if errors(problems) else 0
    return _report(problems, success)


def _build(args: argparse.Namespace, root: Path) -> int:
    out = args.out or root / "generated"
    refused = output_refusal(out, root / "data")
    if refused:
        print(f"kb build: --out {refused}", file=sys.stderr)
        return 2
    result = build(root / "data", out, root=root)
    for note in result.notes:
        print(f"warning: {note}", file=sys.stderr)
    return _report(result.problems, f"wrote {len(result.pages)} pages to {out}")


def _schema(args: argparse.Namespace, root: Path) -> int:
    folder = root / SCHEMA_FOLDER
    guide = reference.GUIDE.as_posix()
    has_guide = (root / reference.GUIDE).is_file()
    try:
        if args.check:
            stale = [f"{SCHEMA_FOLDER}/{name}" for name in stale_schemas(folder)]
            if has_guide and reference.guide_is_stale(root):
                stale.append(f"{guide} (its field reference)")
            for name in stale:
                print(f"{name}: differs from the model; run `kb schema`", file=sys.stderr)
            return 1 if stale else 0
        changed = write_schemas(folder)
        print(f"{count(len(changed), 'schema file')} updated in {SCHEMA_FOLDER}/")
        if has_guide:
            print(f"field reference in {guide} "
                  + ("updated" if reference.write_guide(root) else "already up to date"))
        else:
            print(f"no {guide} here: field reference not written")
    except reference.GuideError as error:
        print(f"kb schema: {error}", file=sys.stderr)
        return 1
    return 0


def _new(args: argparse.Namespace, root: Path) -> int:
    request = scaffold.Request(args.kind, args.name, id=args.id, type=args.type,
                               date=args.date, summary=args.summary, cite=args.cite,
                               outlet=args.outlet, url=args.url,
                               date_basis=args.date_basis, force=args.force)
    try:
        path = scaffold.create(root / "data", request, root=root)
    except scaffold.ScaffoldError as error:
        for message in error.messages:
            print(f"kb new: {message}", file=sys.stderr)
        return 2
    shown = path.relative_to(root).as_posix()
    print(f"created {shown}")
    remaining = [p for p in build(root / "data", root=root).problems if p.path == shown]
    if remaining:
        print("still to do in this file (kb validate checks it):")
        for problem in remaining:
            print(f"  {problem}")
    return 0


def _report(problems: list[Problem], success: str) -> int:
    if errors(problems):
        print(format_problems(problems), file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    print(success)
    return 0


def _as_json(problems: list[Problem]) -> dict[str, object]:
    return {
        "errors": len(errors(problems)),
        "warnings": len(problems) - len(errors(problems)),
        "problems": [
            {"path": p.path, "line": p.line, "column": p.column, "severity": p.severity,
             "message": p.message}
            for p in problems
        ],
    }


def _as_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command: shows the problem on the file in a pull request."""
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    where = f"file={problem.path}"
    if problem.line:
        where += f",line={problem.line}"
        if problem.column:
            where += f",col={problem.column}"
    return f"::{problem.severity} {where}::{message}"


if __name__ == "__main__":
    sys.exit(main())
