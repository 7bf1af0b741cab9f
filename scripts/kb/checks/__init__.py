"""Checks beyond one file's schema, run by validate and by `kb ground`.

- `cross_file` -- what files valid one by one can still get wrong together;
- `refs` -- every id an entry names, found by one walker;
- `partial` -- what can still be read of a file the model refused, so that its ids
  are checked in the same round as its own problems;
- `grounding` -- each name, number and date a statement states is in a source it
  cites, read from the source material (`material`) through `evidence`, with what a
  sentence claims found by `claims`.
"""
