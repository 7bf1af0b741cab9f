"""Rules for text, shared by every stage.

- `characters` -- which characters data text may hold, and how they are shown;
- `writing` -- which script a text is written in, and the language tags that say so;
- `spelling` -- spelling keys, so search finds a name however it is transliterated;
- `titles` -- how a source's title reads;
- `wording` -- how a count, a list and a suggestion read in a sentence.
"""
