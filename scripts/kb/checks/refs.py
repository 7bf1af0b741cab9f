"""Every id an entry names: one walker, shared by validation and the checks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from kb.addresses import EntryId
from kb.model import (
    ENTITY_KINDS,
    ENTITY_LINK,
    RELATION_TYPES,
    Alias,
    Citation,
    Event,
    Participant,
    Quote,
    Relation,
    Source,
    Statement,
)
from kb.pipeline.load import Path_

Reference = tuple[Path_, EntryId, frozenset[str], str]
"""Where a reference sits, the id it names, the kinds it may name, and what it is."""

_SOURCE = frozenset({"source"})
_ENTITIES = frozenset(ENTITY_KINDS)
_SPEAKERS = frozenset({"person", "group"})
_QUOTED = frozenset({"person", "group", "place"})
"""Who may be quoted: a person, a group, or a country speaking through its government
(a joint statement of the United States and Iraq)."""


def references(entry: Any) -> Iterator[Reference]:
    """Every id an entry names, with where it sits and the kinds it may name.

    Validate walks each entry once and keeps the result in
    `KnowledgeBase.references`, which the checks and link read. It walks the part of
    a refused file that can be read (`kb.checks.partial`) the same way: there a field
    the model refused is None, or a list item refused is, and names nothing."""
    return _walk(entry, ())


def _walk(value: Any, path: Path_) -> Iterator[Reference]:
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
        return
    if not isinstance(value, BaseModel):
        return
    yield from _own_references(value, path)
    for name in type(value).model_fields:
        yield from _walk(getattr(value, name, None), (*path, name))


_ANY_TARGET = frozenset(kind for rule in RELATION_TYPES.values() for kind in rule.targets)
"""What a relation whose type could not be read may name: its target is then checked
only for being known."""


def _own_references(value: BaseModel, path: Path_) -> Iterator[Reference]:
    # A field read as None names nothing: it is optional and left out, or it belongs to
    # a part of a refused file that could not be read (kb.checks.partial).
    if isinstance(value, Citation):
        if value.source:
            yield (*path, "source"), value.source, _SOURCE, "source"
        if value.citing:
            yield (*path, "citing"), value.citing, _SOURCE, "cited source"
    elif isinstance(value, Quote):
        speakers = value.speaker or []
        for index, speaker in enumerate(speakers):
            at = (*path, "speaker", index) if len(speakers) > 1 else (*path, "speaker")
            if speaker:
                yield at, speaker, _QUOTED, "speaker"
    elif isinstance(value, Relation):
        rule = RELATION_TYPES.get(value.type) if value.type else None
        if value.target:
            if rule is not None:
                yield (*path, "target"), value.target, rule.targets, \
                    f"target of '{value.type}'"
            else:
                yield (*path, "target"), value.target, _ANY_TARGET, "relation target"
    elif isinstance(value, Participant):
        if value.entity:
            yield (*path, "entity"), value.entity, _ENTITIES, "participant"
    elif isinstance(value, Event):
        for index, place in enumerate(value.places or []):
            if place:
                yield (*path, "places", index), place, frozenset({"place"}), "place"
    elif isinstance(value, Statement | Alias):
        disputed = value.disputed
        if disputed and disputed.entry:  # the page links the disagreement and counts its versions
            yield (*path, "disputed", "entry"), disputed.entry, _ENTITIES, \
                "entry recording the disagreement"
        if isinstance(value, Statement) and value.text:
            for match in ENTITY_LINK.finditer(value.text):
                yield (*path, "text"), EntryId(match[1].strip()), _ENTITIES, \
                    "linked entry [[...]]"
    elif isinstance(value, Source):
        if value.outlet:
            yield (*path, "outlet"), value.outlet, frozenset({"group"}), "outlet"
        for index, relayed in enumerate(value.relays or []):
            if relayed:
                yield (*path, "relays", index), relayed, _SOURCE, "relayed source"
        if value.speaker:
            yield (*path, "speaker"), value.speaker, _SPEAKERS, "speaker"


def citations(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Citation]]:
    """Every citation inside an entry (or any part of one), wherever it sits: summary,
    facts, aliases, relations, disagreements, participants, story sentences; each with
    its path in the file, e.g. ('facts', 0, 'cite', 1)."""
    # A stack, not recursion: nested generators cost a frame per list and model, and
    # this walk runs over every entry at every build of the live preview.
    stack: list[tuple[Any, Path_]] = [(value, path)]
    while stack:
        value, path = stack.pop()
        if isinstance(value, Citation):
            yield path, value
        elif isinstance(value, list):
            stack.extend((item, (*path, index))
                         for index, item in reversed(list(enumerate(value))))
        elif isinstance(value, BaseModel):
            fields = [(getattr(value, name), name) for name in type(value).model_fields]
            stack.extend((field, (*path, name)) for field, name in reversed(fields)
                         if isinstance(field, list | BaseModel))  # text and ids hold none
