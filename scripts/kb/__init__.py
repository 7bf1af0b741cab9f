"""The knowledge base: YAML files in `data/` -> cross-linked Markdown pages.

Where things are (README, "Architecture", tells the same with a picture):

- `pipeline/` -- the five stages, one module each, in the order they run:
  `load` -> `validate` -> `link` -> `render/` -> `write`; `build` composes them and
  `session` is what a series of builds (the live preview) keeps between them.
- `model.py` -- the data model, defined once: every kind, field and relation type;
  `addresses.py` -- ids, page paths and links as distinct types.
- `problems.py`, `crash.py` -- located problems, and the edge where an unexpected
  exception becomes one (never a traceback).
- `generator.py` -- what the pages need from the site generator (MkDocs today).
- `checks/` -- checks beyond one file's schema: across files, and each statement
  against the sources it cites (grounding).
- `dates/` -- EDTF dates: reading, precision, hints for dates written otherwise, words.
- `text/` -- characters, scripts and language tags, spelling folds, titles, counts.
- `tools/` -- the editors' tools: the `kb` command, `kb new`, the JSON Schemas and
  the editing guide's reference, the live preview's last good pages.
- `bench/` -- `make bench`: synthetic data, the stages timed, the site in a browser,
  the network drawn two ways.

Nothing here imports MkDocs: the MkDocs hook (`scripts/mkdocs_hook.py`) and the `kb`
command are thin callers. The site's own scripts and styles are in `overrides/`.
"""
