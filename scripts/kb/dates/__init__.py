"""Dates as the data writes them (EDTF) and as readers read them.

- `date` -- a date with its precision: EDTF text plus the qualifiers EDTF has no form for;
- `reading` -- what an EDTF text says, and the earliest and latest day it can mean;
- `hints` -- what a date written in other words probably means ("did you mean ...?");
- `words` -- a date in a reader's words ('4 January 2024', 'second half of 2023').
"""
