"""Checks beyond one file's schema, run by validate and by `kb ground`.

- `cross_file` -- what files valid one by one can still get wrong together;
- `refs` -- every id an entry names, found by one walker;
- `grounding` -- each name, number and date a statement states is in a source it
  cites, read from the source material (`material`) through `evidence`, with what a
  sentence claims found by `claims`.
"""
