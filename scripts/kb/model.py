"""The data model, defined once: every kind, field and relation type of `data/`.

Validation (pydantic), the JSON Schema for editors and the scaffolding all read
these classes; nothing else declares the shape of the data. `KINDS` declares each kind
of entry whole: its folder, labels, index page, schema.org type, order and search rank.
A field's error message is declared with its type (`Explained`).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar, overload

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from kb.addresses import EntryId
from kb.dates import date as dates
from kb.problems import Problem
from kb.text import characters, writing

if typing.TYPE_CHECKING:
    from kb.checks.refs import Reference

PLACEHOLDER = "TODO"
"""What `kb new` writes where the editor still has to fill something in."""
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
WEB_ADDRESS = r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::[0-9]+)?(?:[/?#][^\s<>\"]*)?$"
"""An http(s) address with a host name; no spaces, no <, > or " that could break markup."""
EDTF_START = r"^(?:[?~%]?-?[0-9X]{4}|Y-?[0-9]|\.\.|/|\[|\{)"
"""How every EDTF date starts (a year, qualified or not, an open interval, one of a set,
or several dates): lets an editor's schema catch '4 January 2024' before `kb validate`
does."""


DATE_TABLE = "dates"
"""The key of a validation context's `kb.dates.date.DateTable` (kb.pipeline.validate passes one per
validation), through which a date written twice is read once."""


def _to_date(value: Any, info: ValidationInfo) -> dates.FuzzyDate:
    if isinstance(value, dates.FuzzyDate):
        return value
    table = info.context.get(DATE_TABLE) if isinstance(info.context, dict) else None
    if isinstance(value, list) and value and all(_scalar(i) for i in value):
        # YAML reads an unquoted [2024-01-01..2024-01-04] as a list, and drops the
        # brackets that make it one day of a range: ask for quotes rather than guess.
        written = f"[{', '.join(str(i) for i in value)}]"
        raise ValueError(f"{written} needs quotes: YAML reads square brackets as a "
                         f"list; write the date as \"{written}\"")
    if isinstance(value, dict) and value and "edtf" not in value \
            and all(_scalar(k) and v is None for k, v in value.items()):
        # And an unquoted {2024-01-04, 2024-01-07} (several dates) as a mapping.
        written = f"{{{', '.join(str(k) for k in value)}}}"
        raise ValueError(f"{written} needs quotes: YAML reads curly brackets as a "
                         f"mapping; write the date as \"{written}\"")
    if isinstance(value, dict):
        unknown = set(value) - {"edtf", "qualifier"}
        if unknown or "edtf" not in value:
            raise ValueError("a date written as a mapping takes 'edtf' and optional "
                             "'qualifier' (early, mid, late, as-early-as)")
        return dates.parse(value["edtf"], value.get("qualifier"), table=table)
    return dates.parse(value, table=table)


def _scalar(value: object) -> bool:
    """Text, or a number YAML read from a bare year."""
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


Date = Annotated[
    dates.FuzzyDate,
    PlainValidator(_to_date),
    WithJsonSchema({
        "description": "A date as precise as the source, written year first (EDTF): a "
                       "day 2024-01-04, a month 2023-10, a year 2019, about a year 2020~, "
                       "a decade with its year not known 199X; a span, "
                       "something that lasted from one day to another: "
                       "2024-01-04/2024-01-07 (2024-01-04/.. still going on); one day "
                       "known only to fall between two, unknown which, in quotes: "
                       "\"[2024-01-01..2024-01-04]\" (\"[..2024-01-04]\" on or before, "
                       "\"[2024-01-01..]\" on or after, \"[2024-01-04, 2024-01-07]\" "
                       "one of those); all of several dates, in quotes: "
                       "\"{2024-01-04, 2024-01-07}\". No time of day. Or {edtf, qualifier} for "
                       "'late October' (qualifier: early, mid, late, as-early-as).",
        "anyOf": [
            {"type": "string", "pattern": EDTF_START},
            {"type": "integer"},
            {"type": "object", "required": ["edtf"], "additionalProperties": False,
             "properties": {"edtf": {"type": ["string", "integer"]},
                            "qualifier": {"enum": ["early", "mid", "late", "as-early-as"]}}},
        ],
    }),
]
Ref = Annotated[EntryId, Field(description="The id of another entry: its file name without .yaml.",
                           json_schema_extra={"pattern": SLUG_PATTERN})]


class _FreeText:
    """Marks a field as free text: words an editor writes or copies from a source."""

    def __repr__(self) -> str:
        return "FREE_TEXT"


class Explained:
    """What an editor is told when a value of a type is wrong, declared with the type as
    Annotated metadata: messages by pydantic's error type ('missing', 'too_short',
    'string_pattern_mismatch'...), `{input}` standing for the value written, e.g.
    `Annotated[list[Cite], Explained(missing="every statement needs a citation")]`;
    `{found}` for the value as the editor wrote it ('nothing', 'a list ([x])').
    kb.pipeline.validate prints the message after the value's place in the file; an error type
    the type does not explain gets the general message of that error type."""

    def __init__(self, **messages: str) -> None:
        self.messages = messages

    def __repr__(self) -> str:
        return f"Explained({self.messages!r})"


def explanation(annotation: Any, metadata: list[Any], error_type: str) -> str | None:
    """The message a field's type (its `annotation` and `metadata`, as in pydantic's
    FieldInfo) gives for an error of `error_type`, looking through Annotated and
    `X | None`; None when it gives none. Raises nothing."""
    for item in metadata:
        if isinstance(item, Explained) and error_type in item.messages:
            return item.messages[error_type]
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return explanation(typing.get_args(annotation)[0], list(annotation.__metadata__),
                           error_type)
    if origin in (typing.Union, types.UnionType):
        for argument in typing.get_args(annotation):
            found = explanation(argument, [], error_type)
            if found is not None:
                return found
    return None


FREE_TEXT = _FreeText()
"""The mark, read by `free_text_paths`: load refuses a free text that YAML would cut
short at ' #' (names, titles, statements, quotes, notes, roles...). Ids, dates,
addresses and the closed choices (`type`) are not free text: a comment may follow them."""
FreeText = Annotated[str, FREE_TEXT]
WebAddress = Annotated[str, Field(pattern=WEB_ADDRESS), Explained(
    string_pattern_mismatch="'{input}' is not a web address; expected http:// or https:// "
                            "and a host name, without spaces, <, > or \"")]
Text = Annotated[FreeText, Field(min_length=1)]
WIKIDATA_ITEM = r"^Q[1-9][0-9]*$"
"""A Wikidata item's id: Q and its number (the data's `wikidata`, the exports' too)."""
WikidataItem = Annotated[str, Field(pattern=WIKIDATA_ITEM), Explained(
    string_pattern_mismatch="'{input}' is not a Wikidata item; expected Q and its number, "
                            "such as Q42")]
ENTITY_LINK = re.compile(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")
"""A link to an entry inside a statement's text: [[abu-taqwa]] shows the entry's name,
[[abu-taqwa|the commander]] shows the words after the bar."""


def _plain_name(value: str) -> str:
    # Names become page titles, which the theme writes into the page unescaped.
    if "<" in value or ">" in value:
        raise ValueError(f"'{value}' contains < or >, which are not allowed in names and "
                         "titles (a browser would read them as HTML)")
    # Names are matched by search, duplicate checks and links: no invisible character.
    return characters.checked(value, name=True)


Name = Annotated[str, Field(min_length=1, json_schema_extra={"pattern": r"^[^<>]*$"}),
                 AfterValidator(_plain_name), FREE_TEXT]


def _language_tag(value: str) -> str:
    problem = writing.tag_problem(value)
    if problem:
        raise ValueError(problem)
    return value


LanguageTag = Annotated[str, Field(json_schema_extra={"pattern": writing.WELL_FORMED}),
                        AfterValidator(_language_tag)]
"""A BCP 47 language tag, valid and canonical ('ar'): see `kb.text.writing`."""


def _in_its_language(text: str, lang: str | None, what: str) -> None:
    """ValueError if `text` and its `lang` do not match (`kb.text.writing.language_problem`)."""
    problem = writing.language_problem(text, lang, what)
    if problem:
        raise ValueError(problem)


def _checked_strings(value: Any, *, name: bool) -> Any:
    """A field's value with each text in it checked and in NFC (`kb.text.characters`)."""
    if isinstance(value, str):
        return characters.checked(value, name=name)
    if isinstance(value, list) and any(isinstance(item, str) for item in value):
        return [characters.checked(item, name=name) if isinstance(item, str) else item
                for item in value]
    return value


@cache
def _is_name(model: type[BaseModel], field: str) -> bool:
    """Whether a field is a `Name` (alone, in a list or optional): the stricter rule
    of names applies to its text."""
    def holds_name(annotation: Any) -> bool:
        if any(getattr(m, "func", None) is _plain_name for m in getattr(
                annotation, "__metadata__", ())):
            return True
        return any(holds_name(arg) for arg in typing.get_args(annotation))

    info = model.model_fields[field]
    return holds_name(info.annotation) or any(
        getattr(m, "func", None) is _plain_name for m in info.metadata)


class Record(BaseModel):
    """Shared settings: unknown fields are errors, values never change after loading,
    and every text holds only characters a reader sees, in NFC (`kb.text.characters`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    misplaced: ClassVar[dict[str, str]] = {
        "date": "A date goes on a fact (under 'facts:'), or, for an event, in its own "
                "'date'.",
    }
    """Fields editors write where a record has none, and where they go: what kb.pipeline.validate
    adds to 'unknown field' when no field of the record has a name close to it."""

    @field_validator("*", mode="before")
    @classmethod
    def _characters(cls, value: Any, info: ValidationInfo) -> Any:
        # Every field of every kind, nested records checking their own: no text
        # escapes the rule by being declared as a plain `str`. Before the field's own
        # validation, which strips white space: Python counts some control characters
        # (\x1c-\x1f, \x85) as white space, and would drop them unseen.
        field = info.field_name
        return _checked_strings(value, name=bool(field) and _is_name(cls, field))


# ---------------------------------------------------------------------------- citations


def _one_or_more(value: Any) -> Any:
    """A single id where a list is expected: the list of that one id."""
    return [value] if isinstance(value, str) else value


class Quote(Record):
    """Words quoted verbatim, with who said them and when."""

    text: Text = Field(description="The words exactly as the source prints them, "
                                   "without quotation marks; mark cuts with [...].")
    speaker: Annotated[list[Ref], BeforeValidator(_one_or_more, json_schema_input_type=(
        Ref | list[Ref])), Field(min_length=1), Explained(
        missing="a quote must say who said it; add 'speaker:' with the id of a person or "
                "group")] = Field(
        description="Id of the person or group who said it (or of a country speaking "
                    "through its government); a list of ids for words said jointly, e.g. "
                    "[iraq, united-states] for a joint statement.")
    said: Date | None = Field(None, description="When it was said, as precisely as the "
                                                "source says; leave out if not given.")
    context: FreeText | None = Field(None, description="Where it was said: 'post on X', "
                                                  "'briefing', 'remarks to Vox'.")
    lang: LanguageTag | None = Field(None, description="The language of the words, as a "
                                     "BCP 47 tag, when it is not English: 'ar' for words "
                                     "quoted in Arabic. Required for words in another "
                                     "script; never give a translation of our own.")

    @model_validator(mode="after")
    def _language(self) -> Quote:
        _in_its_language(self.text, self.lang, "the quote")
        return self


def _citation_shorthand(value: Any) -> Any:
    return {"source": value} if isinstance(value, str) else value


class Citation(Record):
    """Where a statement comes from: a source, what it relays, and any quote."""

    source: Ref = Field(description="Id of the source read (a file in data/sources/).")
    citing: Ref | None = Field(None, description="Id of the source this one relays, e.g. "
                                                 "Vox citing a Reuters report.")
    quote: Quote | None = Field(None, description="A verbatim quote the source reports.")
    note: FreeText | None = Field(None, description="Anything a reader should know about "
                                               "this citation.")


Cite = Annotated[Citation, BeforeValidator(_citation_shorthand,
                                           json_schema_input_type=Ref | Citation), Explained(
    model_type="expected a source id, or a mapping of fields (source: ..., quote: ...), "
               "found {found}")]
Cites = Annotated[
    list[Cite],
    Field(min_length=1, description="One or more citations: a source id, or a mapping "
                                    "with source, citing, quote, note."),
    Explained(
        missing="every statement needs a citation; add 'cite:' with the id of a source in "
                "data/sources/",
        too_short="every statement needs a citation; 'cite:' lists none: give it the id of "
                  "a source in data/sources/"),
]


# ---------------------------------------------------------------------------- relation types


ENTITY_KINDS = ("person", "group", "place", "event")
"""The kinds with a page of their own that relations, participants and [[links]] name."""


@dataclass(frozen=True)
class RelationType:
    """A kind of link, how it reads from each end, and what each end may be."""

    label: str
    """How it reads on the subject's page: 'member of'."""
    inverse: str
    """How it reads on the target's page: 'members'."""
    targets: frozenset[str]
    """Kinds the target may be."""
    subjects: frozenset[str] = frozenset(ENTITY_KINDS)
    """Kinds the entry writing the relation may be."""
    description: str = ""
    """What it means, for the editing guide's field reference."""
    earlier_target: bool = False
    """Whether the target must have happened no later than the subject (both events):
    a response cannot come before what it answers."""


_ACTORS = frozenset({"person", "group", "place"})
_EVENT = frozenset({"event"})
RELATION_TYPES: dict[str, RelationType] = {
    "member_of": RelationType("member of", "members", frozenset({"group"})),
    "leader_of": RelationType("leader of", "led by", frozenset({"group", "place"})),
    "works_for": RelationType("works for", "people", frozenset({"group"})),
    "part_of": RelationType("part of", "parts", frozenset({"group", "place"})),
    "located_in": RelationType("located in", "places here", frozenset({"place"})),
    "backed_by": RelationType("backed by", "backs", _ACTORS),
    "affiliated_with": RelationType("affiliated with", "affiliated", _ACTORS),
    "allied_with": RelationType("allied with", "allies", _ACTORS),
    "opposed_to": RelationType("opposed to", "opposed by", _ACTORS),
    "operates_in": RelationType("operates in", "groups operating here", frozenset({"place"})),
    "studies": RelationType("studies", "studied by", _ACTORS),
    # An event answering an earlier one: a retaliatory strike, a condemnation, a eulogy.
    # Only when a source says so; the timeline alone shows what merely came after.
    "responds_to": RelationType(
        "responds to", "responses", _EVENT, subjects=_EVENT, earlier_target=True,
        description="an event that answers an earlier event, as a source says: strikes "
                    "in retaliation for an attack, a statement condemning a strike"),
}
# The names editors may write, taken from the registry above so the two cannot drift.
# A Literal built at import is beyond a static type checker: to it they are text.
if TYPE_CHECKING:
    RelationTypeName = str
else:
    RelationTypeName = Literal[tuple(RELATION_TYPES)]


# ---------------------------------------------------------------------------- statements


class DisputeRef(Record):
    """A recorded disagreement, by the entry whose page shows it and what it is about."""

    entry: Ref = Field(description="Id of the entry that records the disagreement.")
    about: Text = Field(description="The disagreement's 'about', exactly as written there.")


class Statement(Record):
    """Something a source says, in our own words, with its citations."""

    text: Text = Field(description="The statement in our own words, neutral and attributed. "
                                   "[[id]] links an entry by its name; [[id|words]] links "
                                   "it with other words.")
    cite: Cites
    disputed: DisputeRef | None = Field(
        None, description="The disagreement this statement touches, when it gives one "
                          "source's version of a point sources differ on: the page then "
                          "links the versions.")


class Fact(Statement):
    """A statement among an entry's key facts, which may say when it held."""

    date: Date | None = Field(None, description="When what the fact states happened or "
                                                "held, if a source dates it; shown before "
                                                "the fact. Not the source's date, nor when "
                                                "quoted words were said.")


class Alias(Record):
    """Another name or spelling under which sources give the entry."""

    name: Name = Field(description="The name exactly as the source spells it.")
    lang: LanguageTag | None = Field(None, description="For a name written in another "
                                     "script: its language, as a BCP 47 tag ('ar' for "
                                     "Arabic). Required for such a name.")
    transliteration: Name | None = Field(None, description="For a name with 'lang': its "
                                         "Latin transliteration exactly as the source, or "
                                         "the source material's notes on it, give it (in "
                                         "brackets after the name); never one of our own, "
                                         "never a translation.")
    note: FreeText | None = Field(None, description="Who uses it, e.g. 'nom de guerre'.")
    cite: Cites
    disputed: DisputeRef | None = Field(
        None, description="The disagreement this name is one version of (sources differ "
                          "on the full name): every page showing the name then links the "
                          "versions.")

    @model_validator(mode="after")
    def _language(self) -> Alias:
        _in_its_language(self.name, self.lang, "the alias")
        if self.transliteration is not None:
            if self.lang is None:
                raise ValueError(f"the transliteration '{self.transliteration}' goes with "
                                 "a name in another script and its 'lang'; without one, "
                                 "write the Latin spelling as an alias of its own")
            if writing.other_scripts(self.transliteration):
                raise ValueError(f"the transliteration '{self.transliteration}' is the "
                                 "name in Latin letters, as the source gives it; it holds "
                                 "letters of another script")
        return self


class Relation(Record):
    """A cited link to another entry; its reverse shows on the target's page."""

    type: RelationTypeName = Field(description="What kind of link, read from this entry: "
                                               "'member_of' means this entry is a member of "
                                               "the target.")
    target: Ref = Field(description="Id of the entry at the other end.")
    role: FreeText | None = Field(None, description="The position held, e.g. 'Prime Minister'.")
    since: Date | None = Field(None, description="When the link began, if a source says: "
                                                 "one date, or one day of a range "
                                                 "(\"[2019..2020]\", \"[..2020]\"); no span "
                                                 "and no several dates.")
    until: Date | None = Field(None, description="When the link ended, if a source says: "
                                                 "one date, or one day of a range "
                                                 "(\"[2019..2020]\", \"[2023..]\"); no span "
                                                 "and no several dates.")
    cite: Cites

    @field_validator("since", "until")
    @classmethod
    def _one_end(cls, end: dates.FuzzyDate | None,
                 info: ValidationInfo) -> dates.FuzzyDate | None:
        # since and until are each one end of the link's span, a day: a span of its own
        # ('1964/2008', '../2024', '2024-01-04/..') or several dates ('{1960, 1961}')
        # has no meaning there (the table read "– 1964–2008"). One day of a range, or
        # one of a list ('[2019..2020]', '[..2020]', '[2019, 2020]'), is one day known
        # only so far: it is kept.
        if end is not None and end.shape in ("interval", "multiple"):
            what = ("a span (from one date to another)" if end.shape == "interval"
                    else "several dates (all of them)")
            began = "began" if info.field_name == "since" else "ended"
            raise ValueError(
                f"'{end.edtf}' is {what}, but {info.field_name} is one end of the link: the "
                f"day it {began}. Write one date (2024-01-04, 2024-01, 2024), or, if the "
                f"source gives only bounds, one day of a range in quotes "
                f"(\"[2019..2020]\", \"[..2020]\" on or before, \"[2019..]\" on or after)")
        return end

    @field_validator("until")
    @classmethod
    def _not_before_since(cls, until: dates.FuzzyDate | None,
                          info: ValidationInfo) -> dates.FuzzyDate | None:
        # since and until are the two ends of one span: refused when they run
        # backwards, as `2024/2020` is in a single date (kb.dates.reading.check_order).
        # Only when every day `until` can mean is before every day `since` can: both
        # in 2024 is a link that began and ended that year.
        since = info.data.get("since")
        if since and until and since.earliest and until.latest \
                and since.earliest > until.latest:
            raise ValueError(f"the link runs backwards: it ends ({until.words()}) before it "
                             f"begins (since: {since.words()}); since is when the link "
                             f"began and until when it ended, the earlier first")
        return until


class Version(Record):
    """One source's value in a disagreement."""

    value: Text = Field(description="What these sources say, in their own spelling.")
    cite: Cites
    note: FreeText | None = Field(None, description="Context, e.g. 'later corrected'.")


class Dispute(Record):
    """A point where sources disagree; every version is kept with its sources."""

    about: Text = Field(description="What the sources disagree on, e.g. 'Full name'.")
    versions: list[Version] = Field(min_length=2, description="Each source's value, at "
                                                              "least two; none preferred.")


class Participant(Record):
    """An entry that takes part in an event, and how."""

    entity: Ref = Field(description="Id of the person, group, place or event.")
    role: FreeText | None = Field(None, description="How it took part, e.g. 'killed'.")
    cite: list[Cite] = Field(default_factory=list, description="Citations, when the "
                                                               "summary's do not cover it.")


# ---------------------------------------------------------------------------- entries


class Entry(Record):
    """Fields every person, group, place and event has."""

    id: SkipJsonSchema[EntryId] = Field(EntryId(""), exclude=True)
    """Set from the file name; never written in the file."""
    name: Name = Field(description="The name readers know best, as sources spell it.")
    aliases: list[Alias] = Field(default_factory=list, description="Other names and "
                                 "spellings sources use; search finds the entry by each.")
    wikidata: WikidataItem | None = Field(None, description="The "
                                 "Wikidata item (Q123...) for this entry, only when certain; "
                                 "exported as schema.org sameAs.")
    summary: Statement = Field(description="Who or what this is, in one or two sentences.")
    facts: list[Fact] = Field(default_factory=list, description="Key facts, each in "
                              "our own words with its citations, dated where a source "
                              "dates them.")
    relations: list[Relation] = Field(default_factory=list, description="Links to other "
                                      "entries; each shows on both pages.")
    disputes: list[Dispute] = Field(default_factory=list, description="Points where "
                                    "sources disagree about this entry.")

    @field_validator("name")
    @classmethod
    def _latin_name(cls, value: str) -> str:
        # The site's own language is English: the name it is known by is in Latin
        # letters, and a name in another script is an alias with its language.
        if writing.other_scripts(value):
            raise ValueError(f"'{value}' is not in Latin letters; give the name readers "
                             "of this site know (as a source spells it in Latin letters), "
                             "and this one as an alias with its 'lang' (lang: ar for "
                             "Arabic) and its citation")
        return value


class Person(Entry):
    """A person named in the reporting."""


class Group(Entry):
    """An organisation of any kind."""

    type: Literal[
        "armed group", "government", "government body", "military", "military command",
        "international coalition", "political bloc", "political movement", "think tank",
        "news outlet", "news agency", "blog platform", "state", "international body",
        "joint commission", "parliamentary committee", "military unit",
    ] = Field(description="What kind of group.")


class Place(Entry):
    """A country, province, city, site, airport or body of water."""

    type: Literal["country", "province", "city", "region", "territory", "district",
                  "neighbourhood", "site", "military base", "airport", "building", "street",
                  "body of water"] = Field(
        description="What kind of place: 'province' for a province or governorate "
                    "(Babil Governorate); 'airport' for an airport, also one that holds a "
                    "military base (Baghdad International Airport).")


class Event(Entry):
    """Something that happened at a known time."""

    type: Literal[
        "strike", "attack", "raid", "killing", "announcement", "statement", "meeting",
        "press conference", "briefing", "agreement", "military campaign", "war", "founding",
        "talks", "withdrawal", "call", "campaign of attacks",
    ] = Field(description="What kind of event.")
    date: Date = Field(description="When it happened, no more precise than the sources.")
    places: list[Ref] = Field(default_factory=list, description="Ids of the places "
                              "where it happened.")
    participants: list[Participant] = Field(default_factory=list, description="Who took "
                                            "part, and how.")


DATE_BASES = {
    "printed": "printed on the page, year included",
    "url": "taken from the page's address",
    "republication": "the stamp of the republished copy read here; the original's own "
                     "date is not known",
    "inferred": "inferred from the text or from another page; not printed in full",
}
"""How a source's date is known, and how a reader is told: a dateline without its year
is 'inferred', a republisher's stamp is 'republication', never 'printed'."""
if TYPE_CHECKING:  # as `RelationTypeName`, from the table above
    DateBasis = str
else:
    DateBasis = Literal[tuple(DATE_BASES)]


_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _added_day(value: Any) -> dt.date:
    """The day a source was added to data/: a calendar day written year first, not
    after today. Raises ValueError saying what was expected."""
    expected = ("expected the day this source was added to data/, written year first "
                "as 2026-11-30 (`kb new` writes the day it makes the file)")
    if isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip() if isinstance(value, str | int) else ""
        if not _DAY.match(text):
            raise ValueError(f"'{value}' is not a day; {expected}")
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a day on the calendar; {expected}") from None
    # Read from the clock: a day still to come is a slip of the keyboard (2062 for 2026).
    today = dt.date.today()
    if day > today:
        raise ValueError(f"'{day.isoformat()}' is after today ({today.isoformat()}): a "
                         f"source cannot have been added on a day still to come; {expected}")
    return day


AddedDay = Annotated[dt.date, PlainValidator(_added_day), WithJsonSchema({
    "type": "string", "format": "date", "pattern": _DAY.pattern,
    "description": "The day this source was added to the knowledge base (data/), written "
                   "year first: 2026-11-30. `kb new` writes the day it makes the file. "
                   "The feed dates the source's entry by it, so that a source added now "
                   "reaches subscribers as new whatever its publication date."})]
"""When a source entered the knowledge base: a plain day (no EDTF), never in the future."""


class Source(Record):
    """A publication the knowledge base cites."""

    id: SkipJsonSchema[EntryId] = Field(EntryId(""), exclude=True)
    """Set from the file name; never written in the file."""
    # Before the title, so that the title's check can read it (pydantic validates in
    # the order of the fields) and a missing tag is reported on the title's line.
    lang: LanguageTag | None = Field(None, description="The language the title (a "
                                     "headline or a web address's words) is written in, as "
                                     "a BCP 47 tag ('ar' for Arabic), where it is not "
                                     "English. Required for a title in another script.")
    title: Name = Field(description="The headline; or, per title_kind, a URL slug or a "
                                    "description of an untitled source.")
    title_kind: Literal["headline", "url slug", "description"] = Field(
        "headline", description="What the title is: the printed headline, words from the "
                                "address, or our description of an untitled source.")
    type: Literal["article", "report", "statement", "post", "interview", "remarks",
                  "briefing", "analysis", "transcript"] = Field(
        description="What kind of publication. Words given to an outlet by someone "
                    "outside it are 'remarks', an 'interview' or a 'statement', with "
                    "their 'speaker'.")
    outlet: Ref | None = Field(None, description="Id of the group that published it; for "
                                                 "remarks, an interview or a statement "
                                                 "given to an outlet, that outlet.")
    speaker: Ref | None = Field(None, description="Who made the remarks, gave the interview "
                                                  "or the statement to the outlet: id of a "
                                                  "person or group. Citations then read "
                                                  "'Jennifer Kavanagh, remarks to Vox'.")
    author: FreeText | None = Field(None, description="Byline, as printed.")
    date: Date | None = Field(None, description="Publication date, as precise as known.")
    date_basis: DateBasis | None = Field(
        None, description="How the date is known: " + "; ".join(
            f"'{name}': {words}" for name, words in DATE_BASES.items()) + ".")
    added: AddedDay | None = Field(
        None, description="The day this source was added to the knowledge base (data/), "
                          "written year first: 2026-11-30. `kb new` writes the day it makes "
                          "the file; not the publication date (that is 'date'). The feed "
                          "dates the source's entry by it.")
    url: WebAddress | None = Field(None, description="Address given by the source "
                                                     "material; never guessed.")
    relays: Annotated[list[Ref], BeforeValidator(_one_or_more,
                                                 json_schema_input_type=Ref | list[Ref])] = Field(
        default_factory=list, description="Id of a source this one republishes or "
                                          "relays (a wire copy, a round-up of AP and BBC "
                                          "reporting), or a list of them.")
    note: FreeText | None = Field(None, description="What a reader should know about the "
                                               "source, e.g. how its date is known.")

    @model_validator(mode="after")
    def _language(self) -> Source:
        if self.lang is not None and self.title_kind == "description":
            raise ValueError("'lang' is the language of a headline or of a web address's "
                             "words; a description is in our own words, in English, so "
                             "leave 'lang' out")
        return self

    @field_validator("added")
    @classmethod
    def _added_after_publication(cls, added: dt.date | None,
                                 info: ValidationInfo) -> dt.date | None:
        # Nothing is added before it exists: a day before the first the publication date
        # can mean is a slip (the publication date written as 'added', or a wrong year).
        published = info.data.get("date")
        if added and published and published.earliest and added < published.earliest:
            raise ValueError(f"'{added.isoformat()}' is before the source was published "
                             f"({published.words()}); 'added' is the day this source was "
                             f"added to data/, on or after its publication")
        return added

    @field_validator("title")
    @classmethod
    def _title_language(cls, title: str, info: ValidationInfo) -> str:
        _in_its_language(title, info.data.get("lang"), "the title")
        return title

    @property
    def name(self) -> str:
        return self.title


SPOKEN_TYPES: dict[str, str] = {
    "remarks": "remarks to",
    "interview": "interview with",
    "statement": "statement to",
}
"""Source types that may have a `speaker`: words given to an outlet, and how a citation
names them ('Jennifer Kavanagh, remarks to Vox')."""


class Chapter(Record):
    """One part of the story overview: a heading and sentences in date order."""

    id: SkipJsonSchema[EntryId] = Field(EntryId(""), exclude=True)
    """Set from the file name, which also sets the chapter's place in the story."""
    title: Name = Field(description="The chapter's heading, e.g. 'The strike'.")
    sentences: list[Statement] = Field(min_length=1, description="What happened, in our "
                                       "own words, one statement per sentence; link "
                                       "every entry named with [[id]].")

    @property
    def name(self) -> str:
        return self.title


# ---------------------------------------------------------------------------- review files


GROUNDING_FILE = "grounding.yaml"
"""In data/: the reviewed exceptions of the grounding check (`kb ground`)."""


class Allowance(Record):
    """A claim the grounding check cannot find in the text although the cited source
    supports it, with the reason a reviewer accepted it."""

    entry: Ref = Field(description="Id of the entry (or source, or chapter) stating it.")
    claim: Text = Field(description="The name, number or date exactly as the check "
                                    "quotes it.")
    reason: FreeText = Field(min_length=12, description="Why the cited source supports it: "
                                                    "what it says instead, in a sentence.")


class Allowances(Record):
    """data/grounding.yaml: the grounding check's reviewed allow-list; keep it short."""

    allowed: list[Allowance] = Field(default_factory=list)


# ---------------------------------------------------------------------------- registries


@dataclass(frozen=True)
class Kind:
    """A kind of entry, declared once: where its files and pages are, what its pages
    are called, how they are listed and searched, and what they are to search engines.
    Load, validate, render, the search script and the editors' tools all read it here."""

    name: str
    """What `kb new` and the code call it: 'person'."""
    folder: str
    """Its folder, in data/ and in the site: 'people'."""
    model: type[AnyEntry]
    label: str
    """One entry of the kind, as pages name it: 'Person'."""
    plural: str
    """All of them: 'People', the title of its index page."""
    order: int
    """Where its entries come where entries of several kinds are listed together ('What
    links here', disagreements, the network's filters): people first, sources last."""
    search_rank: float
    """What search adds to the score of a page of this kind, so that of two equal
    matches people, groups and places come before events, and events before sources
    (overrides/js/search.js reads it from the index, kb.pipeline.render.search)."""
    intro: str = ""
    """The introduction of its index page (Markdown; links relative to that page)."""
    schema_org: str | None = None
    """The schema.org type its pages declare in their JSON-LD (kb.pipeline.render.entity);
    None for a kind whose pages declare none."""
    indexed: bool = True
    """Whether the kind has an index page and a page per entry (story chapters are
    all shown on the one story page)."""


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("person", "people", Person, "Person", "People", order=0, search_rank=0.6,
             intro="Everyone named in the reporting this site draws on.",
             schema_org="Person"),
        Kind("group", "groups", Group, "Group", "Groups", order=1, search_rank=0.6,
             intro="Armed groups, governments and their bodies, military commands, "
                   "political blocs, think tanks and news outlets.",
             schema_org="Organization"),
        Kind("place", "places", Place, "Place", "Places", order=2, search_rank=0.6,
             intro="Countries, cities, sites and bodies of water.", schema_org="Place"),
        Kind("event", "events", Event, "Event", "Events", order=3, search_rank=0.3,
             intro="Everything dated, earliest first. The [timeline](../timeline.md) shows "
                   "the same events with their sources.",
             schema_org="Event"),
        Kind("source", "sources", Source, "Source", "Sources", order=5, search_rank=0,
             intro="Every publication the site cites, newest first, with what each one "
                   "backs."),
        Kind("chapter", "story", Chapter, "Story chapter", "Story", order=4, search_rank=0,
             indexed=False),
    )
}
KIND_BY_FOLDER = {kind.folder: kind.name for kind in KINDS.values()}

ANY_INDEX = "*"
"""In a path of `free_text_paths`: any item of a list."""


@functools.cache
def free_text_paths(model: type[BaseModel]) -> frozenset[tuple[str, ...]]:
    """Where a file of this model holds free text (fields marked `FREE_TEXT`), as key
    paths with `ANY_INDEX` for a list item: for a person ('name',),
    ('aliases', '*', 'name'), ('summary', 'cite', '*', 'quote', 'text'), ...

    Read by load, which sees the YAML before the model does and must know which plain
    values are words that a ' #' would cut short. Raises nothing."""
    found: set[tuple[str, ...]] = set()
    for name, info in model.model_fields.items():
        if not info.exclude:
            _free_text_in(info.annotation, info.metadata, (name,), found, (model,))
    return frozenset(found)


def _free_text_in(annotation: Any, metadata: list[Any], path: tuple[str, ...],
                  found: set[tuple[str, ...]], models: tuple[type, ...]) -> None:
    if any(item is FREE_TEXT for item in metadata):
        found.add(path)
        return
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is Annotated:
        _free_text_in(arguments[0], list(annotation.__metadata__), path, found, models)
    elif origin in (typing.Union, types.UnionType):
        for argument in arguments:
            _free_text_in(argument, [], path, found, models)
    elif origin is list:
        _free_text_in(arguments[0], [], (*path, ANY_INDEX), found, models)
    elif (isinstance(annotation, type) and issubclass(annotation, BaseModel)
          and annotation not in models):  # a model inside itself would never end
        for name, field in annotation.model_fields.items():
            if not field.exclude:
                _free_text_in(field.annotation, field.metadata, (*path, name), found,
                              (*models, annotation))



Entity = Person | Group | Place | Event
AnyEntry = Entity | Source | Chapter
"""An entry of any kind: what `KnowledgeBase.entries` holds."""
E = TypeVar("E", bound=Record)


@dataclass(frozen=True)
class Draft:
    """A file still holding placeholders that `kb new` left, which no other file names.
    The live preview sets it aside and shows it on a page of its own, marked as a draft,
    with what is left to do; everywhere else its placeholders are errors (kb.pipeline.validate)."""

    id: EntryId
    kind: str
    path: str
    name: str
    """The name or title as written so far; the id when there is none yet."""
    problems: tuple[Problem, ...]
    """Everything wrong in the file, placeholders first among equals, in line order;
    also what only the whole site shows, such as an id no file has."""
    placeholders: int = 0
    """How many of `problems` are placeholders left to fill in; the others are
    mistakes to fix."""


@dataclass(frozen=True)
class KnowledgeBase:
    """Every valid entry by id; what `validate` hands to `link`."""

    entries: dict[EntryId, AnyEntry]
    kinds: dict[EntryId, str]
    """Kind name of each id."""
    paths: dict[EntryId, str]
    """Data file of each id, for messages."""
    drafts: dict[EntryId, Draft] = field(default_factory=dict)
    """Files set aside as drafts, by id: only ever in the live preview."""
    references: dict[EntryId, tuple[Reference, ...]] = field(default_factory=dict)
    """Every id each entry names, by entry id (`kb.checks.refs.references`): walked once, by
    validate; the checks and link read them here."""
    citations: dict[EntryId, tuple[tuple[tuple[str | int, ...], Citation], ...]] = field(
        default_factory=dict)
    """Every citation in each entry, with its path, by entry id (`kb.checks.refs.citations`):
    walked once, by validate; the checks read them here."""

    @overload
    def entry(self, entry_id: EntryId) -> AnyEntry: ...
    @overload
    def entry(self, entry_id: EntryId, model: type[E]) -> E: ...

    def entry(self, entry_id: EntryId, model: type[E] | None = None) -> AnyEntry | E:
        """The entry with this id; given its model (`kb.entry(i, Event)`), typed as
        that model. Raises KeyError for an unknown id, and TypeError for an entry of
        another model: both faults of the pipeline, not of the data, since validate
        checks every id against the kinds it may name (kb.checks.refs)."""
        found = self.entries[entry_id]
        if model is None:
            return found
        if not isinstance(found, model):
            raise TypeError(f"'{entry_id}' is a {type(found).__name__}, not a "
                            f"{model.__name__}")
        return found

    def entity(self, entry_id: EntryId) -> Entity:
        """The person, group, place or event with this id. Raises KeyError for an
        unknown id, and TypeError for a source or a story chapter (see `entry`)."""
        found = self.entries[entry_id]
        if not isinstance(found, Entry):
            raise TypeError(f"'{entry_id}' is a {type(found).__name__}, not an entity")
        return found

    @overload
    def of_kind(self, kind: type[E]) -> list[E]: ...
    @overload
    def of_kind(self, kind: str) -> list[AnyEntry]: ...

    def of_kind(self, kind: type[E] | str) -> list[E] | list[AnyEntry]:
        """Entries of one kind, in the order they were read (file order): given its
        model (`of_kind(Source)`), typed as that model; given its name
        (`of_kind("source")`), as any entry. Raises nothing: an unknown kind has none."""
        if isinstance(kind, str):
            return [self.entries[i] for i, k in self.kinds.items() if k == kind]
        typed: list[E] = [entry for entry in self.entries.values() if isinstance(entry, kind)]
        return typed
