"""Open data: the whole knowledge base as JSON, and one CSV row per cited statement.

Both are emitted beside the pages (under downloads/) with their JSON Schemas, so a
reader can check what they download. Values are plain: ids, EDTF dates with their
bounds and precision, and every citation with what it relays.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from functools import partial

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
from kb.pipeline.render.memo import RenderMemo, entry_part
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


def exports(linked: Linked, memo: RenderMemo | None = None) -> dict[PagePath, str]:
    """{path: text} of every download and its schema (generated from the shapes in
    kb.pipeline.render.export_model).

    Both downloads are written entry by entry, each entry's part alone (its JSON
    records, its CSV rows), so that the live preview's `memo` (kb.pipeline.render.memo)
    makes again only the parts of entries whose page shows a change: an entry's part
    shows its own file and the names and dates of what it links and cites, all in its
    page's `page_inputs`; a source's JSON record shows the source alone."""
    parts = _Parts(memo)
    return {
        JSON_PATH: _knowledge_base_json(linked, parts),
        CSV_PATH: _statements_csv(linked, parts),
        JSON_SCHEMA_PATH: KNOWLEDGE_BASE_SCHEMA,
        CSV_SCHEMA_PATH: STATEMENT_ROW_SCHEMA,
    }


class _Parts:
    """Each entry's part of the downloads: from the memo where what it shows is
    unchanged, else made now (`kb.pipeline.render.memo.entry_part`)."""

    def __init__(self, memo: RenderMemo | None) -> None:
        self.memo = memo

    def part(self, name: str, entry_id: EntryId, make: Callable[[], str],
             inputs: object = None) -> str:
        return entry_part(self.memo, name, entry_id, make, inputs)


def _knowledge_base_json(linked: Linked, parts: _Parts) -> str:
    """`knowledge_base` as compact JSON, joined from each entry's records, byte for
    byte what `json.dumps` writes of the whole, compact."""
    kb = linked.kb
    entities, relations, sources = [], [], []
    for entry_id, kind in kb.kinds.items():
        if kind in ENTITY_KINDS:
            entities.append(parts.part("json-entity", entry_id,
                                       partial(_entity_json, linked, entry_id)))
            related = parts.part("json-relations", entry_id,
                                 partial(_relations_json, linked, entry_id))
            if related:
                relations.append(related)
        elif kind == "source":
            source = kb.entry(entry_id, Source)
            sources.append(parts.part("json-source", entry_id, partial(_source_json, source),
                                      inputs=source))
    return (f'{{"entities":[{",".join(entities)}],"relations":[{",".join(relations)}],'
            f'"sources":[{",".join(sources)}]}}\n')


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _entity_json(linked: Linked, entry_id: EntryId) -> str:
    return _json(_entity(linked, entry_id))


def _relations_json(linked: Linked, entry_id: EntryId) -> str:
    """An entity's relations, as the records of the JSON's list, comma-separated."""
    return ",".join(_json(_relation(entry_id, r)) for r in linked.entity(entry_id).relations)


def _source_json(source: Source) -> str:
    return _json(_source(source))


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
    return _statements_csv(linked, _Parts(None))


def _statements_csv(linked: Linked, parts: _Parts) -> str:
    out = [_csv_rows(None)]  # the header
    for entry_id, kind in linked.kb.kinds.items():
        if kind != "source":
            out.append(parts.part("csv", entry_id, partial(_entry_rows, linked, kind, entry_id)))
    return "".join(out)


def _entry_rows(linked: Linked, kind: str, entry_id: EntryId) -> str:
    """The CSV lines of an entry's statements."""
    entry = linked.entry(entry_id)
    assert not isinstance(entry, Source), "a source states nothing"
    return _csv_rows(_row(linked, kind, cited) for cited in statements(entry))


def _csv_rows(rows: Iterable[StatementRow] | None) -> str:
    """CSV lines of `rows`; the header line when None. Each row is a line of its own,
    so rows written apart join into the whole file."""
    out = io.StringIO()
    # Every row has every column (StatementRow): no need to look for others.
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    if rows is None:
        writer.writeheader()
    else:
        writer.writerows(rows)
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
