"""What can still be read of a file the model refused, for the checks beyond it.

A file with one wrong value (a tab in its name, a date that is no date) is refused by
the model as a whole, and its entry is left out of the site. Its other values may
still name ids that exist nowhere: an editor should learn of those in the same round
as the wrong value, not after fixing it (issue 15, "every problem at once"). `partial`
reads the file again part by part: every part the model accepts on its own is kept,
each part it refuses is left out (its own problem is reported already), so that
`kb.checks.refs.references` can walk what is left, and nothing is reported twice.
"""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

UNREADABLE: Any = object()
"""A value the model refuses, and that holds no part it would accept."""

T = TypeVar("T")


def partial(model: type[BaseModel], data: Any,
            context: dict[str, Any] | None = None) -> BaseModel | None:
    """The parts of `data` (plain values, as load read them) that `model` accepts, as an
    instance of `model` made without validation (`model_construct`): each field the
    model refuses is read part by part in turn (a list item by item, a mapping field by
    field), and a part it refuses entirely is None in its place (a list item) or left
    out (a field: its default, or None when the field is required). So a list keeps
    its length and every part its place in the file: ('facts', 2, 'cite', 0) still
    names the file's third fact. Field validators of `model` itself (not of its
    fields' types) and its model validators do not run on what is kept: only ids are
    read from it. `context` is pydantic's validation context (the date table).

    Returns None when `data` is not a mapping; a valid `data` is returned validated.
    Raises nothing: every refusal of the model is caught."""
    if not isinstance(data, dict):
        return None
    try:
        return model.model_validate(data, context=context)
    except ValidationError:
        pass
    read: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.exclude:  # set by the pipeline (an entry's id), never read from a file
            continue
        value = UNREADABLE
        if name in data:
            field = Annotated[info.annotation, *info.metadata] if info.metadata \
                else info.annotation
            value = _read(field, data[name], context)
        if value is not UNREADABLE:
            read[name] = value
        elif info.is_required():
            read[name] = None
    return model.model_construct(**read)


def read_field(read: object, name: str, kind: type[T]) -> T | None:
    """The field `name` of `read` (a model instance: a valid one, or what `partial` read
    of a refused file, or of a part of it) as a `kind`, or None: when `read` is no model
    instance (None: nothing could be read), its model has no field `name`, or the field
    holds no `kind`. `read_field(part, "disputes", list)` -> the disagreements read, each
    a `Dispute` or None where the model refused it; None if the field itself was refused.

    Why not the attribute: `partial` makes its result without validation, so a field the
    model refused is None (or a list with None in place) where the model's type says it
    cannot be; reading the attribute would tell the type checker what is not so. Raises
    nothing."""
    if not isinstance(read, BaseModel) or name not in type(read).model_fields:
        return None
    value = read.__dict__.get(name)  # a required field refused is None, an optional absent
    return value if isinstance(value, kind) else None


def _read(annotation: Any, value: Any, context: dict[str, Any] | None) -> Any:
    """`value` validated as `annotation`, or what can be read of it (`partial`), or
    UNREADABLE."""
    if isinstance(value, str):  # as every record's text is read (`kb.model.Record`)
        value = value.strip()
    try:
        adapter: TypeAdapter[Any] = TypeAdapter(annotation)
        return adapter.validate_python(value, context=context)
    except ValidationError:
        pass
    model = _model(annotation)
    if model is not None:
        found = partial(model, value, context)
        return UNREADABLE if found is None else found
    item = _list_item(annotation)
    if item is not None and isinstance(value, list):
        items = [_read(item, element, context) for element in value]
        return [None if found is UNREADABLE else found for found in items]
    return UNREADABLE


def _core(annotation: Any) -> Any:
    """The type inside Annotated[...] and `X | None`."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            others = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(others) != 1:
                return annotation
            annotation = others[0]
        else:
            return annotation


def _model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds one of (a statement, a quote), if any."""
    core = _core(annotation)
    return core if isinstance(core, type) and issubclass(core, BaseModel) else None


def _list_item(annotation: Any) -> Any:
    """The type of a list's items, with what Annotated says of them (a citation's
    shorthand: an id alone for a mapping with its source); None if not a list."""
    core = _core(annotation)
    if typing.get_origin(core) is not list:
        return None
    return typing.get_args(core)[0]
