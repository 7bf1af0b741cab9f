"""The `kb` command: the pipeline for editors, without MkDocs.

Domain problems become messages and exit codes here, never tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kb.build import build
from kb.problems import format_problems


def main(argv: list[str] | None = None) -> int:
    """Entry point of `kb`; returns the exit code."""
    parser = argparse.ArgumentParser(prog="kb", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder holding data/ (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check data/ and report every problem")
    build_cmd = commands.add_parser("build", help="validate, then write the generated pages")
    build_cmd.add_argument("--out", type=Path, default=None,
                           help="output folder (default: ROOT/generated)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "validate":
        return _report(build(root / "data", root=root).problems, "data/ is valid")
    out = args.out or root / "generated"
    result = build(root / "data", out, root=root)
    return _report(result.problems, f"wrote {len(result.pages)} pages to {out}")


def _report(problems: list, success: str) -> int:
    if any(p.severity == "error" for p in problems):
        print(format_problems(problems), file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    print(success)
    return 0


if __name__ == "__main__":
    sys.exit(main())
