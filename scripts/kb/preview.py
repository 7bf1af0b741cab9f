"""What the live preview shows while data/ has errors: the last good pages, under a
banner listing every problem, so an editor never faces a blank or frozen page.

Generator-neutral: any site generator's serve mode can call these two functions.
"""

from __future__ import annotations

import html
from pathlib import Path

from kb.problems import Problem, errors
from kb.wording import count
from kb.write import MARKER

BANNER_CLASS = "kb-problems"


def last_good_pages(out_dir: Path) -> list[str]:
    """The pages and files of the last successful build, still on disk (a failed build
    never touches them), as paths relative to `out_dir`."""
    if not out_dir.is_dir():
        return []
    return sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*")
                  if p.is_file() and p != out_dir / MARKER)


def banner_html(problems: list[Problem]) -> str:
    """An alert listing every problem, as text: messages quote the editor's data."""
    title = (f"data/ has {count(len(errors(problems)), 'error')}: this preview shows the "
             "last version that built. Fix the files and save; the page reloads by itself.")
    items = "".join(
        f"<li><code>{html.escape(p.where)}</code> {html.escape(p.message)}</li>"
        for p in sorted(problems) if p.severity == "error")
    return (f'<div class="admonition failure {BANNER_CLASS}" role="alert">'
            f'<p class="admonition-title">{html.escape(title)}</p><ul>{items}</ul></div>')
