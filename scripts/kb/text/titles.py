"""How a source's title reads: headlines in quotation marks, labels from web addresses.

Plain text in, plain text out (the render stage escapes it for Markdown), so that the
checks of `kb validate` and the pages apply the same rules.

- A headline is shown inside one pair of curly double quotes; quotation marks inside
  it become single ones, as English style nests quotes: the headline
  `“Iraq … too volatile for coalition exit”, Talaat argues` reads
  “‘Iraq … too volatile for coalition exit’, Talaat argues”, as English style guides
  nest a quotation within a quotation (the Chicago Manual of Style, for one).
- A page without a headline (`title_kind: url slug`) is labelled with the words of its
  web address and marked as such, never presented as a headline. The words are the
  editor's `title`, which must be the address's own words (`slug_mismatch`); only the
  first letter is capitalised, the one capital that is certain.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from kb.text.wording import opening

NO_HEADLINE = "no headline; words of its web address"
"""The mark that follows a label made from a web address, wherever it is shown."""

_OPENING_CONTEXT = " \t\n([{‘“'—–-/"
"""Characters after which a straight double quote opens a quotation."""


def nest_quotes(text: str) -> str:
    """`text` with its double quotation marks, straight or curly, turned into single
    curly ones, ready to go inside an outer pair of double quotes.

    A straight `"` opens a quotation at the start or after a space or an opening
    bracket or dash, and closes one elsewhere. Single quotes are left as written.
    """
    out: list[str] = []
    for index, char in enumerate(text):
        if char == "“":
            out.append("‘")
        elif char == "”":
            out.append("’")
        elif char == '"':
            opens = index == 0 or text[index - 1] in _OPENING_CONTEXT
            out.append("‘" if opens else "’")
        else:
            out.append(char)
    return "".join(out)


def quoted(text: str) -> str:
    """`text` inside one pair of curly double quotes, its own quotes nested:
    'He says "no"' -> '“He says ‘no’”'."""
    return f"“{nest_quotes(text)}”"


def slug_label(title: str) -> str:
    """The readable label of a title taken from a web address: its words as written,
    the first letter capitalised ('self-defense strike in iraq' -> 'Self-defense strike
    in iraq'). Other capitals are not guessed: 'iraq' may be a name, but the address
    does not say so."""
    return opening(title)


_WORD = re.compile(r"[^\W_]+")
_EXTENSION = re.compile(r"\.(?:php\d?|s?html?|aspx?|jsp|cfm|cgi)$", re.IGNORECASE)
"""A file-type ending of an address's last part ('….php'): how the site serves the page,
not words of its title."""


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


_EDITION = re.compile(r"[a-z]{2}(?:-[a-z]{2})?|amp", re.IGNORECASE)
"""A last part of an address that names a language or a page format ('…/slug/en',
'…/slug/amp'): the words are in the part before it."""


def address_slug(url: str) -> str:
    """The last non-empty part of an address's path, decoded: the words a page's
    address gives it ('…/Article/3632005/self-defense-strike/#:~:text=…' ->
    'self-defense-strike'). A language code or 'amp' after it is passed over
    ('…/888037/iraq-can-disarm-factions/en' -> 'iraq-can-disarm-factions')."""
    parts = [unquote(part) for part in urlsplit(url).path.split("/") if part]
    while len(parts) > 1 and _EDITION.fullmatch(parts[-1]):
        parts.pop()
    return parts[-1] if parts else ""


def _identifier(word: str) -> bool:
    """Whether a word of an address is an outlet's article number or identifier ('2766294',
    'o80602'), which a title may leave out: it holds a digit. Only at the ends of the
    address's words: a number among them ('us-designates-4-…') is a word of the title."""
    return any(char.isdigit() for char in word)


def slug_mismatch(title: str, url: str | None) -> str | None:
    """Why `title` cannot be shown as the words of the address `url`, or None if it can.

    The title's words (letters and digits, any case, punctuation aside) must be the
    words of the address's last path part, in order; numbers the outlet puts before or
    after them (an article number, '2766294-us-strike-…', or an identifier of letters and
    digits, '…-supreme-court-o80602') may be left out, and so may a file-type ending
    ('….php'), but no word may be added, dropped or changed: the label claims to be the
    address's words.
    """
    if not url:
        return ("a title taken from a web address needs the address: add 'url', or set "
                "title_kind to 'description' and describe the source")
    slug = address_slug(url)
    have, want = _words(title), _words(_EXTENSION.sub("", slug))
    for start in range(len(want) - len(have) + 1):
        if want[start:start + len(have)] == have and all(
                _identifier(word) for word in want[:start] + want[start + len(have):]):
            return None
    return (f"title '{title}' is not the words of the web address's last part "
            f"'{slug}'; with title_kind 'url slug' the title must be those words, in "
            "order (change only spaces, hyphens and capitals), or set title_kind to "
            "'description'")
