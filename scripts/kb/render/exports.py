"""Open data: the whole knowledge base as JSON, and one CSV row per cited statement.

Both are emitted beside the pages (under downloads/) with their JSON Schemas, so a
reader can check what they download. Values are plain: ids, EDTF dates with their
bounds and precision, and every citation with what it relays.
"""

from __future__ import annotations

import csv
import io
import json
import typing
from typing import Any

from kb.dates import PRECISIONS, FuzzyDate, Qualifier
from kb.link import Cited, Linked, statements
from kb.model import DATE_BASES, ENTITY_KINDS, RELATION_TYPES, Citation, Event
from kb.render.text import page_path, plain
from kb.writing import WELL_FORMED

FOLDER = "downloads"
JSON_PATH = f"{FOLDER}/knowledge-base.json"
CSV_PATH = f"{FOLDER}/statements.csv"
QUALIFIERS = typing.get_args(Qualifier)
JSON_SCHEMA_PATH = f"{FOLDER}/knowledge-base.schema.json"
CSV_SCHEMA_PATH = f"{FOLDER}/statement.schema.json"
# `date` and `precision` are the source's publication date: when the statement was first
# reported. `statement_date` is when the fact itself held, where the data says;
# `quote_said` when the quoted words were said, where the source says. Each date's
# qualifier ('late' October) has a column of its own, as EDTF has no form for it. New
# columns go at the end, so that scripts reading columns by position keep working.
# `value_lang` and `quote_lang` are BCP 47 tags ('ar') of a name or quote in another
# language; `value_transliteration` the Latin form of such a name the source gives.
CSV_COLUMNS = ("entity", "kind", "property", "value", "source", "citing", "date",
               "date_qualifier", "precision", "statement_date", "quote", "speaker",
               "quote_said", "quote_said_qualifier", "statement_date_qualifier",
               "value_lang", "value_transliteration", "quote_lang")


def exports(linked: Linked) -> dict[str, str]:
    """{path: text} of every download and its schema."""
    return {
        JSON_PATH: _dump(knowledge_base(linked)),
        CSV_PATH: statements_csv(linked),
        JSON_SCHEMA_PATH: _dump(KNOWLEDGE_BASE_SCHEMA),
        CSV_SCHEMA_PATH: _dump(STATEMENT_ROW_SCHEMA),
    }


def _dump(value: Any) -> str:
    """Compact JSON: with an indent, Python's json falls back from its C encoder to its
    pure-Python one, which was a third of render at 1,000 entries."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


# ---------------------------------------------------------------------------- JSON


def knowledge_base(linked: Linked) -> dict[str, Any]:
    """Entities, relations and sources, each with its citations."""
    kb = linked.kb
    entities = [_entity(linked, i) for i, k in kb.kinds.items() if k in ENTITY_KINDS]
    relations = [_relation(entry.id, relation)
                 for i, k in kb.kinds.items() if k in ENTITY_KINDS
                 for entry in [kb.entries[i]] for relation in entry.relations]
    sources = [_source(kb.entries[i]) for i, k in kb.kinds.items() if k == "source"]
    return {"entities": entities, "relations": relations, "sources": sources}


def date_value(date: FuzzyDate | None) -> dict[str, Any] | None:
    """A date as EDTF text with what it means: earliest and latest day (null on an
    open or unknown side), precision ('interval' for a span, 'one of a range' for one
    day between two), and the words the site shows."""
    if date is None:
        return None
    earliest, latest = date.earliest, date.latest
    return {"edtf": date.edtf, "qualifier": date.qualifier,
            "earliest": earliest.isoformat() if earliest else None,
            "latest": latest.isoformat() if latest else None,
            "precision": date.precision, "text": date.words()}


def _citations(citations: list[Citation]) -> list[dict[str, Any]]:
    return [{"source": c.source, "citing": c.citing} for c in citations]


def _entity(linked: Linked, entry_id: str) -> dict[str, Any]:
    entity = linked.entry(entry_id)
    kind = linked.kind(entry_id)
    value: dict[str, Any] = {
        "id": entry_id, "kind": kind, "type": getattr(entity, "type", None),
        "name": entity.name, "page": page_path(kind, entry_id).removesuffix(".md") + "/",
        "wikidata": entity.wikidata,
        "aliases": [{"name": a.name, "lang": a.lang, "transliteration": a.transliteration,
                     "citations": _citations(a.cite)} for a in entity.aliases],
        "summary": {"text": plain(linked, entity.summary.text),
                    "citations": _citations(entity.summary.cite)},
        "facts": [{"text": plain(linked, f.text), "date": date_value(f.date),
                   "citations": _citations(f.cite)} for f in entity.facts],
        "disagreements": [
            {"about": d.about, "versions": [{"value": v.value, "note": v.note,
                                             "citations": _citations(v.cite)}
                                            for v in d.versions]}
            for d in entity.disputes],
    }
    if isinstance(entity, Event):
        value["date"] = date_value(entity.date)
        value["places"] = list(entity.places)
        value["participants"] = [{"entity": p.entity, "role": p.role}
                                 for p in entity.participants]
    return value


def _relation(subject: str, relation: Any) -> dict[str, Any]:
    return {"subject": subject, "type": relation.type,
            "label": RELATION_TYPES[relation.type].label, "target": relation.target,
            "role": relation.role, "since": date_value(relation.since),
            "until": date_value(relation.until), "citations": _citations(relation.cite)}


def _source(source: Any) -> dict[str, Any]:
    return {"id": source.id, "title": source.title, "title_kind": source.title_kind,
            "type": source.type, "outlet": source.outlet, "speaker": source.speaker,
            "author": source.author,
            "date": date_value(source.date), "date_basis": source.date_basis,
            "url": source.url, "relays": source.relays,
            "page": f"sources/{source.id}/"}


# ---------------------------------------------------------------------------- CSV


def statements_csv(linked: Linked) -> str:
    """One row per statement and citation, in entry order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry_id, kind in linked.kb.kinds.items():
        if kind == "source":
            continue
        for cited in statements(linked.entry(entry_id)):
            writer.writerow(_row(linked, kind, cited))
    return out.getvalue()


def _row(linked: Linked, kind: str, cited: Cited) -> list[str]:
    citation = cited.citation
    published = linked.entry(citation.source).date
    quote = citation.quote
    return [
        cited.entry, kind, cited.section, plain(linked, cited.text), citation.source,
        citation.citing or "",
        published.edtf if published else "", (published.qualifier or "") if published else "",
        published.precision if published else "", cited.date.edtf if cited.date else "",
        quote.text if quote else "", "; ".join(quote.speaker) if quote else "",
        *_edtf(quote.said if quote else None), _edtf(cited.date)[1],
        cited.lang or "", cited.transliteration or "", (quote.lang or "") if quote else "",
    ]


def _edtf(date: FuzzyDate | None) -> tuple[str, str]:
    """A date as its EDTF text and its qualifier, each '' when there is none."""
    if date is None:
        return "", ""
    return date.edtf, date.qualifier or ""


# ---------------------------------------------------------------------------- schemas

_ID = {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$"}
_CITATIONS = {"type": "array", "minItems": 1, "items": {
    "type": "object", "required": ["source", "citing"], "additionalProperties": False,
    "properties": {"source": _ID, "citing": {"anyOf": [_ID, {"type": "null"}]}}}}
_PRECISION = ("How precise the date is: 'interval' is a span, from one day to another; "
              "'one of a range' is a single day known only to fall between two, or to be "
              "one of several (EDTF [a..b], [..b], [a..], [a, b]); 'several dates' is all "
              "of several (EDTF {a, b}); 'decade', 'century' and 'millennium' are a year "
              "with unknown digits (EDTF 199X, 19XX, 1XXX); 'part of year' a season, "
              "quarter or half.")
_DATE = {"anyOf": [{"type": "null"}, {
    "type": "object", "additionalProperties": False,
    "required": ["edtf", "qualifier", "earliest", "latest", "precision", "text"],
    "properties": {
        "edtf": {"type": "string"}, "qualifier": {"type": ["string", "null"]},
        "earliest": {"type": ["string", "null"], "format": "date",
                     "description": "First day the date can mean; null if not known."},
        "latest": {"type": ["string", "null"], "format": "date",
                   "description": "Last day the date can mean; null if not known."},
        "precision": {"enum": list(PRECISIONS), "description": _PRECISION},
        "text": {"type": "string"}}}]}
_NULLABLE_TEXT = {"type": ["string", "null"]}
_LANG = {"anyOf": [{"type": "null"}, {"type": "string", "pattern": WELL_FORMED}]}

KNOWLEDGE_BASE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Knowledge base export: entities, relations and sources",
    "type": "object", "additionalProperties": False,
    "required": ["entities", "relations", "sources"],
    "properties": {
        "entities": {"type": "array", "items": {
            "type": "object",
            "required": ["id", "kind", "name", "page", "aliases", "summary", "facts",
                         "disagreements"],
            "properties": {
                "id": _ID, "kind": {"enum": list(ENTITY_KINDS)}, "type": _NULLABLE_TEXT,
                "name": {"type": "string", "minLength": 1}, "page": {"type": "string"},
                "wikidata": {"anyOf": [{"type": "null"},
                                       {"type": "string", "pattern": r"^Q[1-9][0-9]*$"}]},
                "aliases": {"type": "array", "items": {
                    "type": "object", "required": ["name", "lang", "transliteration",
                                                   "citations"],
                    "properties": {
                        "name": {"type": "string"},
                        "lang": {**_LANG, "description": "BCP 47 tag of the name's "
                                 "language, for a name in another script; else null."},
                        "transliteration": {**_NULLABLE_TEXT, "description": "The name in "
                                            "Latin letters as the source gives it, for a "
                                            "name with a lang."},
                        "citations": _CITATIONS}}},
                "summary": {"type": "object", "required": ["text", "citations"],
                            "properties": {"text": {"type": "string"},
                                           "citations": _CITATIONS}},
                "facts": {"type": "array", "items": {
                    "type": "object", "required": ["text", "date", "citations"],
                    "properties": {"text": {"type": "string"}, "date": _DATE,
                                   "citations": _CITATIONS}}},
                "disagreements": {"type": "array", "items": {
                    "type": "object", "required": ["about", "versions"],
                    "properties": {"about": {"type": "string"}, "versions": {
                        "type": "array", "minItems": 2, "items": {
                            "type": "object", "required": ["value", "citations"],
                            "properties": {"value": {"type": "string"},
                                           "note": _NULLABLE_TEXT,
                                           "citations": _CITATIONS}}}}}},
                "date": _DATE,
                "places": {"type": "array", "items": _ID},
                "participants": {"type": "array", "items": {
                    "type": "object", "required": ["entity", "role"],
                    "properties": {"entity": _ID, "role": _NULLABLE_TEXT}}},
            }}},
        "relations": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["subject", "type", "label", "target", "role", "since", "until",
                         "citations"],
            "properties": {"subject": _ID, "type": {"enum": list(RELATION_TYPES)},
                           "label": {"type": "string"}, "target": _ID,
                           "role": _NULLABLE_TEXT, "since": _DATE, "until": _DATE,
                           "citations": _CITATIONS}}},
        "sources": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "title", "title_kind", "type", "outlet", "speaker", "author",
                         "date", "date_basis", "url", "relays", "page"],
            "properties": {
                "id": _ID, "title": {"type": "string"},
                "title_kind": {"enum": ["headline", "url slug", "description"]},
                "type": {"type": "string"}, "outlet": {"anyOf": [_ID, {"type": "null"}]},
                "speaker": {"anyOf": [_ID, {"type": "null"}],
                            "description": "Who gave the remarks, interview or statement "
                                           "to the outlet, if the source is such words."},
                "author": _NULLABLE_TEXT, "date": _DATE,
                "date_basis": {"enum": [*DATE_BASES, None]},
                "url": {"anyOf": [{"type": "null"},
                                  {"type": "string", "pattern": "^https?://"}]},
                "relays": {"type": "array", "items": _ID},
                "page": {"type": "string"}}}},
    },
}

STATEMENT_ROW_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "One row of statements.csv: a statement and one of its citations",
    "description": "date and precision are the source's publication date: when the "
                   "statement was first reported; statement_date is when the fact held.",
    "type": "object", "additionalProperties": False, "required": list(CSV_COLUMNS),
    "properties": {
        "entity": _ID,
        "kind": {"enum": [*ENTITY_KINDS, "chapter"]},
        "property": {"enum": ["summary", "name", "fact", "relation", "disagreement",
                              "participant", "story"]},
        "value": {"type": "string", "minLength": 1},
        "source": _ID,
        "citing": {"anyOf": [{"const": ""}, _ID]},
        "date": {"type": "string", "description": "Publication date of the source (EDTF)."},
        "date_qualifier": {"enum": ["", *QUALIFIERS]},
        "precision": {"enum": ["", *PRECISIONS], "description": _PRECISION},
        "statement_date": {"type": "string",
                           "description": "When the fact held or the event happened (EDTF)."},
        "quote": {"type": "string"},
        "speaker": {"type": "string", "pattern": "^([a-z0-9]+(-[a-z0-9]+)*"
                                                 "(; [a-z0-9]+(-[a-z0-9]+)*)*)?$",
                    "description": "Id of who said the quote; ids joined by '; ' for "
                                   "words said jointly."},
        "quote_said": {"type": "string",
                       "description": "When the quoted words were said (EDTF), as precisely "
                                      "as the source says; empty when it does not say, or "
                                      "when the row has no quote."},
        "quote_said_qualifier": {"enum": ["", *QUALIFIERS],
                                 "description": "Part of the month or 'as early as' of "
                                                "quote_said, which EDTF cannot write."},
        "statement_date_qualifier": {"enum": ["", *QUALIFIERS],
                                     "description": "Part of the month or 'as early as' of "
                                                    "statement_date."},
        "value_lang": {"anyOf": [{"const": ""}, {"type": "string", "pattern": WELL_FORMED}],
                       "description": "BCP 47 tag of the value's language, for a name "
                                      "in another script ('ar'); else empty."},
        "value_transliteration": {"type": "string",
                                  "description": "That name in Latin letters, as the "
                                                 "source gives it; else empty."},
        "quote_lang": {"anyOf": [{"const": ""}, {"type": "string", "pattern": WELL_FORMED}],
                       "description": "BCP 47 tag of the quote's language when it is not "
                                      "English ('ar'); else empty."},
    },
}
