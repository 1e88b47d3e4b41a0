"""Every field of every content type, described from the models, so the authoring guide never drifts from them.

A field's meaning is its docstring in the model (the same text editors show
from the JSON Schemas); what values it takes comes from its type. Fields of
nested groups are named by their dotted path without list positions
(``updates.at``), as validation messages name them with positions
(``updates.2.at``).
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

import annotated_types
from pydantic.fields import FieldInfo

from itcomms.content.models.base import ContentModel, Ref, Shape

_REFERENCES = {
    "service": "id of a service: its file name in services/, without .yaml",
    "metric": "id of a KPI: its file name in metrics/, without .yaml",
    "newsletter": "month of a newsletter issue, like 2026-03: its file name in newsletters/, without .yaml",
    "unit": "id of a business unit in site.yaml",
    "goal": "id of a strategic goal in site.yaml",
    "audience": "id of an audience in site.yaml",
    "category": "id of a service category in site.yaml",
    "item": "another item, as kind:id, like accomplishment:new-laptops",
}
_PLAIN_TYPES = {bool: "true or false", int: "whole number", float: "number", str: "text"}


@dataclass(frozen=True)
class FieldDoc:
    """One field as the authoring guide lists it."""

    name: str
    """Dotted path inside the file, like ``updates.at``."""
    required: bool
    """Whether the field must be given (inside its group, when the group is given)."""
    values: str
    """What it takes, in words: "date, like 2026-03-14", "one of: none, minor, major, critical"."""
    meaning: str
    """The model's docstring for the field."""
    default: str | None = None
    """What an optional field is when left out, when that is worth saying."""


def field_docs(model: type[ContentModel], prefix: str = "") -> Iterator[FieldDoc]:
    """Every field of ``model`` and of the groups inside it, in the model's order, groups followed by their fields."""
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        values, nested = _describe(info.annotation, info.metadata)
        meaning = " ".join((info.description or "").split())  # one line: the guide shows it in a table row
        yield FieldDoc(path, info.is_required(), values, meaning, _default(info))
        if nested is not None:
            yield from field_docs(nested, f"{path}.")


def _describe(annotation: Any, metadata: Sequence[Any]) -> tuple[str, type[ContentModel] | None]:
    """The words for a type's values, and the group model whose fields come next, if any."""
    for mark in metadata:
        if isinstance(mark, Ref):
            return _REFERENCES[mark.kind], None
    for mark in metadata:
        if isinstance(mark, Shape):
            return mark.label, None
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *marks = get_args(annotation)
        # Field(gt=0) inside Annotated arrives whole; its constraints are what the words need.
        flat = [inner for mark in marks for inner in (mark.metadata if isinstance(mark, FieldInfo) else [mark])]
        return _describe(base, [*flat, *metadata])
    if origin in (Union, types.UnionType):
        (member,) = [member for member in get_args(annotation) if member is not type(None)]
        return _describe(member, metadata)
    if origin is list:
        label, nested = _describe(get_args(annotation)[0], ())
        return ("list; each with the fields below" if nested else f"list; each: {label}"), nested
    if origin is dict:
        key, value = get_args(annotation)
        key_label, _ = _describe(key, ())
        value_label, nested = _describe(value, ())
        return f"pairs of {key_label}: {'the fields below' if nested else value_label}", nested
    if isinstance(annotation, type) and issubclass(annotation, ContentModel):
        return "group of the fields below", annotation
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "one of: " + ", ".join(str(member.value) for member in annotation), None
    return _PLAIN_TYPES.get(annotation, "text") + _bounds(metadata), None


def _bounds(metadata: Sequence[Any]) -> str:
    low = next((mark.ge for mark in metadata if isinstance(mark, annotated_types.Ge)), None)
    above = next((mark.gt for mark in metadata if isinstance(mark, annotated_types.Gt)), None)
    high = next((mark.le for mark in metadata if isinstance(mark, annotated_types.Le)), None)
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f", {low} or more"
    if above is not None:
        return f", more than {above}"
    return ""


def _default(info: FieldInfo) -> str | None:
    default = info.default
    if info.is_required() or default is None or isinstance(default, (list, dict, ContentModel)):
        return None
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, Enum):
        return str(default.value)
    return str(default)
