"""The editors' tools, on top of the pipeline.

- `cli` -- the `kb` command (validate, ground, build, new, schema);
- `scaffold` -- `kb new`: a correct, minimal data file to start from;
- `schema` -- JSON Schemas for editors' tools, generated from the data model;
- `reference` -- the editing guide's field reference, generated likewise;
- `preview` -- what the live preview needs beyond a build (the last good pages).
"""
