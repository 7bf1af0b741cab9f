"""Open data: the whole knowledge base as JSON, and one CSV row per cited statement.

Both are emitted beside the pages (under downloads/) with their JSON Schemas, so a
reader can check what they download. Values are plain: ids, EDTF dates with their
bounds and precision, and every citation with what it relays.
"""

from __future__ import annotations

import csv
import io
import json

from kb.addresses import EntryId, PagePath, address
from kb.dates.date import FuzzyDate
from kb.model import ENTITY_KINDS, RELATION_TYPES, Citation, Entity, Event, Relation, Source
from kb.pipeline.link import Cited, Linked, statements
from kb.pipeline.render.export_model import (
    CSV_COLUMNS,
    KNOWLEDGE_BASE_SCHEMA,
    STATEMENT_ROW_SCHEMA,
    CitationValue,
    DateValue,
    EntityValue,
    KnowledgeBaseExport,
    RelationValue,
    SourceValue,
    StatementRow,
)
from kb.pipeline.render.text import page_path, plain

FOLDER = "downloads"
JSON_PATH = PagePath(f"{FOLDER}/knowledge-base.json")
CSV_PATH = PagePath(f"{FOLDER}/statements.csv")
JSON_SCHEMA_PATH = PagePath(f"{FOLDER}/knowledge-base.schema.json")
CSV_SCHEMA_PATH = PagePath(f"{FOLDER}/statement.schema.json")
# The CSV's columns are the keys of `StatementRow` (kb.pipeline.render.export_model). `date` and
# `precision` are the source's publication date: when the statement was first reported.
# `statement_date` is when the fact itself held, where the data says; `quote_said` when
# the quoted words were said, where the source says. Each date's qualifier ('late'
# October) has a column of its own, as EDTF has no form for it.
__all__ = ["CSV_COLUMNS", "date_value", "exports", "knowledge_base", "statements_csv"]


def exports(linked: Linked) -> dict[PagePath, str]:
    """{path: text} of every download and its schema (generated from the shapes in
    kb.pipeline.render.export_model)."""
    return {
        JSON_PATH: _dump(knowledge_base(linked)),
        CSV_PATH: statements_csv(linked),
        JSON_SCHEMA_PATH: KNOWLEDGE_BASE_SCHEMA,
        CSV_SCHEMA_PATH: STATEMENT_ROW_SCHEMA,
    }


def _dump(value: KnowledgeBaseExport) -> str:
    """Compact JSON: with an indent, Python's json falls back from its C encoder to its
    pure-Python one, which was a third of render at 1,000 entries."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


# ---------------------------------------------------------------------------- JSON


def knowledge_base(linked: Linked) -> KnowledgeBaseExport:
    """Entities, relations and sources, each with its citations."""
    kb = linked.kb
    entities = [_entity(linked, i) for i, k in kb.kinds.items() if k in ENTITY_KINDS]
    relations = [_relation(entry.id, relation)
                 for i, k in kb.kinds.items() if k in ENTITY_KINDS
                 for entry in [kb.entity(i)] for relation in entry.relations]
    sources = [_source(kb.entry(i, Source)) for i, k in kb.kinds.items() if k == "source"]
    return {"entities": entities, "relations": relations, "sources": sources}


def date_value(date: FuzzyDate | None) -> DateValue | None:
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


def _citations(citations: list[Citation]) -> list[CitationValue]:
    return [{"source": c.source, "citing": c.citing} for c in citations]


def _entity(linked: Linked, entry_id: EntryId) -> EntityValue:
    entity: Entity = linked.entity(entry_id)
    kind = linked.kind(entry_id)
    value: EntityValue = {
        "id": entry_id, "kind": kind, "type": getattr(entity, "type", None),
        "name": entity.name, "page": address(page_path(kind, entry_id)),
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


def _relation(subject: EntryId, relation: Relation) -> RelationValue:
    return {"subject": subject, "type": relation.type,
            "label": RELATION_TYPES[relation.type].label, "target": relation.target,
            "role": relation.role, "since": date_value(relation.since),
            "until": date_value(relation.until), "citations": _citations(relation.cite)}


def _source(source: Source) -> SourceValue:
    return {"id": source.id, "title": source.title, "title_kind": source.title_kind,
            "lang": source.lang,
            "type": source.type, "outlet": source.outlet, "speaker": source.speaker,
            "author": source.author,
            "date": date_value(source.date), "date_basis": source.date_basis,
            "url": source.url, "relays": source.relays,
            "page": address(page_path("source", source.id))}


# ---------------------------------------------------------------------------- CSV


def statements_csv(linked: Linked) -> str:
    """One row per statement and citation, in entry order."""
    out = io.StringIO()
    # Every row has every column (StatementRow): no need to look for others.
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for entry_id, kind in linked.kb.kinds.items():
        entry = linked.entry(entry_id)
        if isinstance(entry, Source):
            continue
        writer.writerows(_row(linked, kind, cited) for cited in statements(entry))
    return out.getvalue()


def _row(linked: Linked, kind: str, cited: Cited) -> StatementRow:
    citation = cited.citation
    published = linked.entry(citation.source, Source).date
    quote = citation.quote
    said, said_qualifier = _edtf(quote.said if quote else None)
    return {
        "entity": cited.entry, "kind": kind, "property": cited.section,
        "value": plain(linked, cited.text), "source": citation.source,
        "citing": citation.citing or "",
        "date": published.edtf if published else "",
        "date_qualifier": (published.qualifier or "") if published else "",
        "precision": published.precision if published else "",
        "statement_date": cited.date.edtf if cited.date else "",
        "quote": quote.text if quote else "",
        "speaker": "; ".join(quote.speaker) if quote else "",
        "quote_said": said, "quote_said_qualifier": said_qualifier,
        "statement_date_qualifier": _edtf(cited.date)[1],
        "value_lang": cited.lang or "", "value_transliteration": cited.transliteration or "",
        "quote_lang": (quote.lang or "") if quote else "",
    }


def _edtf(date: FuzzyDate | None) -> tuple[str, str]:
    """A date as its EDTF text and its qualifier, each '' when there is none."""
    if date is None:
        return "", ""
    return date.edtf, date.qualifier or ""
