"""The pipeline, one module per stage, in the order they run:

1. `load` -- every YAML file under `data/` -> plain values with line marks;
2. `validate` -- plain values -> typed entries (`kb.model`), every problem located;
3. `link` -- every reference resolved once, and the reverse indexes;
4. `render/` -- the linked knowledge base -> pages as {path: text}, one emitter per
   kind of page;
5. `write` -- the pages on disk, never a half-written tree.

`build.build` composes them; pure functions pass each stage's value to the next.
`session.Session` holds what a series of builds keeps (the live preview's caches);
`history` reads when each data file last changed, for "Cite this page".
"""
