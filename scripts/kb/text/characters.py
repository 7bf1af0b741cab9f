"""Which characters data text may hold: a reader sees everything the file says.

The rules, checked on every text of every file as the model reads it (`kb.model`):

- **Control characters** (Unicode category Cc) other than tab and line feed are refused
  everywhere: a page cannot show them, and the null character broke rendering. A YAML
  file cannot hold them raw; double quotes make them from escapes ("\\x00", "\\0",
  "\\a", "\\e", "\\r"...).
- **Lone surrogates** (Cs) are refused everywhere: they are halves of a character, and
  no page can be written with one ("\\ud800" in double quotes makes one).
- **Invisible characters** (format characters, category Cf, such as the zero-width
  space, the byte order mark, the soft hyphen and the right-to-left mark, and the other
  default-ignorable code points of Unicode's DerivedCoreProperties.txt, such as the
  Hangul fillers and the variation selectors) are refused in names, aliases, titles and
  ids (file names): those are matched by search, duplicate checks and links, and a
  character nobody sees makes a name that looks the same another one (a zero-width space
  in a person's name hid the person from search). Refused, not removed: the file would
  otherwise keep a name that differs from the one shown, and the editor would never
  learn it; the message shows where the character is, which no editor can see.
  In other text (summaries, facts, quotes, notes) they are refused too, except the
  zero-width joiner and non-joiner and the variation selectors after a character outside
  ASCII: they shape what a reader sees in Persian or Indic spelling and in emoji.
  Prepended concatenation marks (U+0600-U+0605, U+06DD END OF AYAH...) are category Cf
  but visible, and stay.
- **Line breaks** (line feed, U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR) are
  refused in names, aliases and titles, which are one line: pages run the words
  together and the page's title keeps the break ("Bagh dad"). Double quotes make them
  from "\\n", "\\L" and "\\P", a block (| or >) from a line's end. Other text may hold
  line breaks (a `>-` block folds them); the loader refuses raw U+2028 and U+2029 in
  any file (kb.pipeline.load), as YAML reads them as line ends where no editor shows one.
- **Spaces other than the plain one** (tab, no-break space U+00A0, ideographic space
  U+3000, the typographic spaces U+2000-U+200A...) are refused inside names, aliases,
  titles and ids: they look like a space, or like nothing, but search, duplicate checks
  and links do not match them as one. The message names them (`<U+00A0>`); a plain
  space is the fix. Other text may hold them.
- **Separators and noncharacters**: U+2028 LINE SEPARATOR and U+2029 PARAGRAPH
  SEPARATOR are refused in every text, not only in names: pages do not show them as a
  line break (a role read "a leader<U+2028>(per ...)"), and a line feed (`\\n`, or a
  block) is how a text that may hold lines breaks one. Noncharacters (U+FDD0-U+FDEF,
  and the last two code points of every plane: U+FFFE, U+FFFF ... U+10FFFF) are
  refused everywhere: Unicode keeps them for programs' own use, never for text.
- **Unicode normalisation**: every text is read in Normalization Form C (composed
  characters: 'e' followed by a combining acute accent becomes 'é'). Two texts that are
  canonically equivalent look the same to a reader, by Unicode's definition; NFC makes
  them the same text for search, duplicate checks and grounding. The file is not
  changed, and nothing is reported: no character a reader sees is added, dropped or
  altered (W3C's Character Model recommends NFC for text on the web for this reason).
"""

from __future__ import annotations

import re
import unicodedata

from kb.text.wording import count

INVISIBLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFFB), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
"""Invisible characters, as ranges of code points: the format characters (category Cf)
but for the prepended concatenation marks (U+0600-U+0605, U+06DD END OF AYAH, U+070F,
U+0890-U+0891, U+08E2, U+110BD, U+110CD: format characters that are seen), and the
other default-ignorable code points (Default_Ignorable_Code_Point in Unicode 15.1's
DerivedCoreProperties.txt: shown as nothing when a font has no glyph for them).
Written out, as Python's `unicodedata` knows categories but not that property; a test
checks it against `unicodedata`'s Cf."""

SHAPING = frozenset([0x200C, 0x200D, *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])
"""Invisible characters that shape the visible one before them: the zero-width
non-joiner (Persian spelling), the zero-width joiner (Indic scripts, emoji) and the
variation selectors (emoji, CJK). Accepted in free text after a character outside
ASCII, or a digit, # or * (keycap emoji)."""

_REFUSED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
    + "".join(f"{chr(low)}-{chr(high)}" for low, high in INVISIBLE) + "]")
"""Every character some text may not hold: controls but tab and line feed, surrogates,
invisible characters. Finds where they are, once some text is known to hold one."""
_REFUSED_SET = frozenset(chr(point) for low, high in (
    (0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF), *INVISIBLE)
    for point in range(low, high + 1))
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
"""Unicode's 66 noncharacters, as a regular expression class's contents."""
_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
"""White space a name may not hold inside it: every Unicode space but U+0020 (line
breaks apart, which have their own rule)."""
_EVERYWHERE = re.compile(f"[\u2028\u2029{_NONCHARACTERS}]")
"""Refused in every text besides `_REFUSED`: line and paragraph separators, noncharacters."""
_IN_NAMES = re.compile(f"[{_SPACES}]")
"""Refused inside a name besides `_REFUSED` and `_LINE_BREAKS`."""
_UNSEEN = re.compile(f"[{_SPACES}\u2028\u2029{_NONCHARACTERS}]")
"""What `visible` names besides `_REFUSED`: characters a message would show as a plain
space, or as nothing."""
_ASCII_REFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAKS = re.compile("[\n\u2028\u2029]")
"""Line breaks that a one-line field (a name, an alias, a title) may not hold; the
other line ends (\\r, \\x85, \\v, \\f) are control characters, refused everywhere."""
"""Quick answers for the common case, text holding none (a search through the large
class above took 15 µs for a sentence, and doubled the time validation takes)."""

_CONTROL_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE",
    0xFEFF: "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)",
}
"""Names of the control characters an editor may meet (Unicode gives them aliases
only, which `unicodedata.name` does not return), and the byte order mark's usual name."""

_KEYCAPS = frozenset("0123456789#*")
"""ASCII characters a variation selector turns into an emoji: 1️⃣, #️⃣."""
_CONTEXT = 30
"""Characters shown on each side of a refused one in a long text."""


def is_invisible(char: str) -> bool:
    """Whether a character is drawn as nothing (see `INVISIBLE`)."""
    point = ord(char)
    return any(low <= point <= high for low, high in INVISIBLE)


def describe(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE': a character as an editor can look it up."""
    point = ord(char)
    name = _CONTROL_NAMES.get(point) or unicodedata.name(char, "")
    return f"U+{point:04X}" + (f" {name}" if name else "")


def visible(text: str) -> str:
    """`text` with every control, surrogate, invisible character, noncharacter, line
    or paragraph separator and space other than U+0020 (tab, no-break space...)
    written as <U+XXXX>, so that a message can show what no editor can see, or would
    take for a plain space."""
    return _UNSEEN.sub(lambda match: f"<U+{ord(match[0]):04X}>",
                       _REFUSED.sub(lambda match: f"<U+{ord(match[0]):04X}>", text))


def _why(char: str, before: str, *, name: bool) -> tuple[str, str] | None:
    """What `char`, one of `_REFUSED` (or, in a name, of `_LINE_BREAKS`), is and how to
    fix it, where it cannot stand in a text after the character `before` ('' at the
    start); None where it can."""
    point = ord(char)
    if 0xFDD0 <= point <= 0xFDEF or point & 0xFFFE == 0xFFFE:
        return ("a noncharacter, which Unicode keeps for programs' own use and no page "
                "should hold", "in double quotes, YAML makes one from an escape such as "
                "\\uFFFF or \\U0010FFFF: remove it")
    if char in "\u2028\u2029" and not name:
        return ("a line or paragraph separator, which pages do not show as a line break",
                "replace it with a space, or, where the text may hold lines, break the "
                "line (\\n in double quotes; after | or >, the end of a line)")
    if _IN_NAMES.match(char):
        return ("a space other than the plain one, which search, duplicate checks and "
                "links do not match as a space", "replace it with a plain space")
    if _LINE_BREAKS.match(char):
        return ("a line break, which a name or title cannot hold (pages would run the "
                "words together)", "write it on one line (in double quotes, YAML makes "
                "one from \\n, \\L or \\P; after | or >, from the end of a line)")
    category = unicodedata.category(char)
    if category == "Cc":
        return ("a control character, which a page cannot show",
                "in double quotes, YAML makes one from an escape such as \\x00, \\0, "
                "\\a or \\e: remove it")
    if category == "Cs":
        return ("a lone surrogate, half of a character, which no page can hold",
                "in double quotes, YAML makes one from an escape such as \\ud800: write "
                "the character itself")
    if not name and ord(char) in SHAPING and before and (
            not before.isascii() or before in _KEYCAPS):
        return None
    if name:
        return ("an invisible character", "delete it: readers cannot see it, and search, "
                "duplicate checks and links would not match the name as it looks")
    return ("an invisible character", "delete it: readers cannot see it, and it changes "
            "how the text is matched against its sources and found")


def problem(text: str, *, name: bool = False, fix: str | None = None) -> str | None:
    """What is wrong with the characters of `text`, as a message, or None if nothing.

    `name`: the stricter rule of names, aliases, titles and ids (no invisible
    character at all). The message quotes the text around the first refused character
    with it shown as <U+XXXX>, says which it is and how many others follow, then how to
    fix it (`fix`, if given, says that instead).
    """
    # Inside a name only, as for line breaks: white space at its ends is stripped.
    breaks = [match for pattern in (_LINE_BREAKS, _IN_NAMES) for match in pattern.finditer(text)
              if text[:match.start()].strip() and text[match.end():].strip()] if name else []
    if text.isascii():
        if not breaks and not _ASCII_REFUSED.search(text):
            return None
    elif not breaks and _REFUSED_SET.isdisjoint(text) and not _EVERYWHERE.search(text):
        return None
    # A name's separators are among its breaks (refused inside it, stripped at its ends).
    everywhere = [match for match in _EVERYWHERE.finditer(text)
                  if not (name and match[0] in "\u2028\u2029")]
    matches = sorted({match.start(): match for match in (
        *_REFUSED.finditer(text), *everywhere, *breaks)}.values(),
        key=lambda match: match.start())
    found = [(match.start(), why) for match in matches
             if (why := _why(match[0], text[match.start() - 1:match.start()], name=name))]
    if not found:
        return None
    index, (what, advice) = found[0]
    start, end = max(0, index - _CONTEXT), min(len(text), index + _CONTEXT + 1)
    shown = ("…" if start else "") + visible(text[start:end]) + ("…" if end < len(text) else "")
    if breaks:  # a name's line breaks, shown where they are
        shown = _LINE_BREAKS.sub(lambda match: f"<U+{ord(match[0]):04X}>", shown)
    more = len(found) - 1
    others = f" (and {count(more, 'more character')} refused after it)" if more else ""
    return f"'{shown}' holds {describe(text[index])}{others}, {what}; {fix or advice}"


def without_refused(text: str) -> str:
    """`text` without the invisible, control and surrogate characters and noncharacters
    `problem` refuses in a name: what a file name, say, was meant to be."""
    return _EVERYWHERE.sub("", _REFUSED.sub("", text))


def checked(text: str, *, name: bool = False) -> str:
    """`text` in Normalization Form C; ValueError with `problem`'s message if any of its
    characters is refused. A pydantic validator (see kb.model)."""
    message = problem(text, name=name)
    if message:
        raise ValueError(message)
    return unicodedata.normalize("NFC", text)
