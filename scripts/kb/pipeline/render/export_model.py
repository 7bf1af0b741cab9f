"""The shape of the downloads, declared once: typed dicts that kb.pipeline.render.exports builds
(a type checker holds it to them) and from which pydantic generates the JSON Schemas
published beside them, as kb.tools.schema does for the data files. Nothing else restates it.

`KnowledgeBaseExport` is downloads/knowledge-base.json; `StatementRow`, one row of
downloads/statements.csv, whose columns are its keys, in their order.
"""

from __future__ import annotations

import json
import typing
from typing import TYPE_CHECKING, Annotated, Any, Literal, NotRequired

from pydantic import ConfigDict, Field, TypeAdapter, WithJsonSchema, with_config
from typing_extensions import TypedDict  # pydantic reads typing's only from Python 3.12

from kb.addresses import EntryId, Href
from kb.dates.date import PRECISIONS, Qualifier
from kb.model import DATE_BASES, ENTITY_KINDS, RELATION_TYPES, SLUG_PATTERN, WIKIDATA_ITEM
from kb.pipeline.link import Section
from kb.text.writing import WELL_FORMED

DIALECT = "https://json-schema.org/draft/2020-12/schema"
QUALIFIERS: tuple[str, ...] = typing.get_args(Qualifier)
# Literals built from the tables that define their values, at import: a static type
# checker cannot read them, and sees the text they are.
if TYPE_CHECKING:
    Precision = str
    EntityKind = str
    StatementKind = str
    RelationTypeName = str
    DateBasis = str
    QualifierOrNone = str
else:
    Precision = Literal[PRECISIONS]
    EntityKind = Literal[ENTITY_KINDS]
    StatementKind = Literal[(*ENTITY_KINDS, "chapter")]
    RelationTypeName = Literal[tuple(RELATION_TYPES)]
    DateBasis = Literal[tuple(DATE_BASES)]
    QualifierOrNone = Literal[("", *QUALIFIERS)]

Id = Annotated[EntryId, Field(pattern=SLUG_PATTERN)]
"""An entry's id, as in the data: lower-case letters, digits and single hyphens."""
Lang = Annotated[str, Field(pattern=WELL_FORMED)]
"""A BCP 47 language tag, well formed ('ar', 'ar-IQ')."""
IsoDay = Annotated[str, WithJsonSchema({"type": "string", "format": "date"})]
PRECISION = ("How precise the date is: 'interval' is a span, from one day to another; "
             "'one of a range' is a single day known only to fall between two, or to be "
             "one of several (EDTF [a..b], [..b], [a..], [a, b]); 'several dates' is all "
             "of several (EDTF {a, b}); 'decade', 'century' and 'millennium' are a year "
             "with unknown digits (EDTF 199X, 19XX, 1XXX); 'part of year' a season, "
             "quarter or half.")
_CLOSED = ConfigDict(extra="forbid")


# ---------------------------------------------------------------------------- JSON


@with_config(_CLOSED)
class DateValue(TypedDict):
    """A date as EDTF text with what it means."""

    edtf: str
    qualifier: Qualifier | None
    earliest: Annotated[IsoDay | None, Field(
        description="First day the date can mean; null if not known.")]
    latest: Annotated[IsoDay | None, Field(
        description="Last day the date can mean; null if not known.")]
    precision: Annotated[Precision, Field(description=PRECISION)]
    text: Annotated[str, Field(description="The date as the site words it.")]


@with_config(_CLOSED)
class CitationValue(TypedDict):
    """A source read, and the source it relays, if any."""

    source: Id
    citing: Id | None


Citations = Annotated[list[CitationValue], Field(min_length=1)]


@with_config(_CLOSED)
class AliasValue(TypedDict):
    name: str
    lang: Annotated[Lang | None, Field(
        description="BCP 47 tag of the name's language, for a name in another script; "
                    "else null.")]
    transliteration: Annotated[str | None, Field(
        description="The name in Latin letters as the source gives it, for a name with a "
                    "lang.")]
    citations: Citations


@with_config(_CLOSED)
class SummaryValue(TypedDict):
    text: str
    citations: Citations


@with_config(_CLOSED)
class FactValue(TypedDict):
    text: str
    date: DateValue | None
    citations: Citations


@with_config(_CLOSED)
class VersionValue(TypedDict):
    value: str
    note: str | None
    citations: Citations


@with_config(_CLOSED)
class DisagreementValue(TypedDict):
    about: str
    versions: Annotated[list[VersionValue], Field(min_length=2)]


@with_config(_CLOSED)
class ParticipantValue(TypedDict):
    entity: Id
    role: str | None


@with_config(_CLOSED)
class EntityValue(TypedDict):
    """A person, group, place or event; events also have a date, places and
    participants."""

    id: Id
    kind: EntityKind
    type: str | None
    name: Annotated[str, Field(min_length=1)]
    page: Href
    wikidata: Annotated[str, Field(pattern=WIKIDATA_ITEM)] | None
    aliases: list[AliasValue]
    summary: SummaryValue
    facts: list[FactValue]
    disagreements: list[DisagreementValue]
    date: NotRequired[DateValue | None]
    places: NotRequired[list[Id]]
    participants: NotRequired[list[ParticipantValue]]


@with_config(_CLOSED)
class RelationValue(TypedDict):
    subject: Id
    type: RelationTypeName
    label: str
    target: Id
    role: str | None
    since: DateValue | None
    until: DateValue | None
    citations: Citations


@with_config(_CLOSED)
class SourceValue(TypedDict):
    id: Id
    title: str
    title_kind: Literal["headline", "url slug", "description"]
    lang: Annotated[Lang | None, Field(
        description="BCP 47 tag of the title's language, where it is not English.")]
    type: str
    outlet: Id | None
    speaker: Annotated[Id | None, Field(
        description="Who gave the remarks, interview or statement to the outlet, if the "
                    "source is such words.")]
    author: str | None
    date: DateValue | None
    date_basis: DateBasis | None
    url: Annotated[str, Field(pattern="^https?://")] | None
    relays: list[Id]
    page: Href


@with_config(_CLOSED)
class KnowledgeBaseExport(TypedDict):
    """Knowledge base export: entities, relations and sources."""

    entities: list[EntityValue]
    relations: list[RelationValue]
    sources: list[SourceValue]


# ---------------------------------------------------------------------------- CSV

Empty = Literal[""]
"""A column left empty."""


@with_config(_CLOSED)
class StatementRow(TypedDict):
    """One row of statements.csv: a statement and one of its citations. date and
    precision are the source's publication date: when the statement was first
    reported; statement_date is when the fact held."""

    # New columns go at the end, so that scripts reading columns by position keep
    # working: the order of the keys is the order of the columns.
    entity: Id
    kind: StatementKind
    property: Section
    value: Annotated[str, Field(min_length=1)]
    source: Id
    citing: Empty | Id
    date: Annotated[str, Field(description="Publication date of the source (EDTF).")]
    date_qualifier: QualifierOrNone
    precision: Annotated[Empty | Precision, Field(description=PRECISION)]
    statement_date: Annotated[str, Field(
        description="When the fact held or the event happened (EDTF).")]
    quote: str
    speaker: Annotated[str, Field(
        pattern="^([a-z0-9]+(-[a-z0-9]+)*(; [a-z0-9]+(-[a-z0-9]+)*)*)?$",
        description="Id of who said the quote; ids joined by '; ' for words said jointly.")]
    quote_said: Annotated[str, Field(
        description="When the quoted words were said (EDTF), as precisely as the source "
                    "says; empty when it does not say, or when the row has no quote.")]
    quote_said_qualifier: Annotated[QualifierOrNone, Field(
        description="Part of the month or 'as early as' of quote_said, which EDTF cannot "
                    "write.")]
    statement_date_qualifier: Annotated[QualifierOrNone, Field(
        description="Part of the month or 'as early as' of statement_date.")]
    value_lang: Annotated[Empty | Lang, Field(
        description="BCP 47 tag of the value's language, for a name in another script "
                    "('ar'); else empty.")]
    value_transliteration: Annotated[str, Field(
        description="That name in Latin letters, as the source gives it; else empty.")]
    quote_lang: Annotated[Empty | Lang, Field(
        description="BCP 47 tag of the quote's language when it is not English ('ar'); "
                    "else empty.")]


CSV_COLUMNS: tuple[str, ...] = tuple(StatementRow.__annotations__)
"""The columns of statements.csv, in order: the keys of `StatementRow`."""


def json_schema(shape: Any, title: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a typed dict above, as pydantic generates it
    from the declaration, with `title`. Raises pydantic's PydanticUserError for a type
    it cannot describe: a fault of this module, found by the tests."""
    schema = _one_line(TypeAdapter(shape).json_schema(mode="serialization"))
    return {"$schema": DIALECT, **schema, "title": title}


def _one_line(value: Any) -> Any:
    """The schema with each description on one line: a docstring's line breaks are
    where its source was wrapped, not breaks for a reader."""
    if isinstance(value, dict):
        return {key: " ".join(item.split()) if key == "description" and isinstance(item, str)
                else _one_line(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_one_line(item) for item in value]
    return value


def schema_text(shape: Any, title: str) -> str:
    """`json_schema` as compact JSON, as it is published."""
    return json.dumps(json_schema(shape, title), ensure_ascii=False,
                      separators=(",", ":")) + "\n"


KNOWLEDGE_BASE_SCHEMA = schema_text(
    KnowledgeBaseExport, "Knowledge base export: entities, relations and sources")
"""downloads/knowledge-base.schema.json, made once, when the module is first read."""
STATEMENT_ROW_SCHEMA = schema_text(
    StatementRow, "One row of statements.csv: a statement and one of its citations")
"""downloads/statement.schema.json."""
