"""Walk a validated item: its nested models (for their own rules), every reference it makes, every file it
names under docs/, and its prose."""

from __future__ import annotations

import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from .models.base import ContentModel, DocsFile, Ref, Shape
from .yaml_source import DataPath


@dataclass(frozen=True)
class Reference:
    """A value that names another item, for example a service id in an incident."""

    path: DataPath
    kind: str
    target: str
    is_key: bool = False


@dataclass(frozen=True)
class FileReference:
    """A value that names a file under ``docs/``, for example a video's captions."""

    path: DataPath
    target: str


@dataclass(frozen=True)
class Prose:
    """A value readers see as words (a title, a summary, a message), as opposed to a name or a code."""

    path: DataPath
    text: str


def nested_models(model: ContentModel, path: DataPath = ()) -> Iterator[tuple[DataPath, ContentModel]]:
    """The model itself and every model inside it, each with its data path."""
    for found in _walk(type(model), (), model, path, is_key=False):
        if isinstance(found, tuple):
            yield found


def references(model: ContentModel) -> Iterator[Reference]:
    """Every value in the model marked as naming another item."""
    for found in _walk(type(model), (), model, (), is_key=False):
        if isinstance(found, Reference):
            yield found


def docs_files(model: ContentModel) -> Iterator[FileReference]:
    """Every value in the model marked as the path of a file under ``docs/``."""
    for found in _walk(type(model), (), model, (), is_key=False):
        if isinstance(found, FileReference):
            yield found


def prose(model: ContentModel) -> Iterator[Prose]:
    """Every value in the model marked as prose, in field order (mapping keys excepted)."""
    for found in _walk(type(model), (), model, (), is_key=False):
        if isinstance(found, Prose):
            yield found


def _walk(
    annotation: Any, metadata: Sequence[Any], value: Any, path: DataPath, *, is_key: bool
) -> Iterator[Reference | FileReference | Prose | tuple[DataPath, ContentModel]]:
    for mark in metadata:
        if isinstance(mark, Ref) and isinstance(value, str):
            yield Reference(path, mark.kind, value, is_key)
        elif isinstance(mark, DocsFile) and isinstance(value, str):
            yield FileReference(path, value)
        elif isinstance(mark, Shape) and mark.prose and isinstance(value, str) and not is_key:
            yield Prose(path, value)
    if value is None:
        return
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *marks = get_args(annotation)
        yield from _walk(base, marks, value, path, is_key=is_key)
    elif origin in (Union, types.UnionType):
        for member in get_args(annotation):
            if member is not type(None):
                yield from _walk(member, (), value, path, is_key=is_key)
    elif origin is list and isinstance(value, list):
        (item_type,) = get_args(annotation)
        for index, item in enumerate(value):
            yield from _walk(item_type, (), item, (*path, index), is_key=False)
    elif origin is dict and isinstance(value, dict):
        key_type, value_type = get_args(annotation)
        for key, item in value.items():
            yield from _walk(key_type, (), key, (*path, key), is_key=True)
            yield from _walk(value_type, (), item, (*path, key), is_key=False)
    elif isinstance(value, ContentModel) and isinstance(annotation, type) and isinstance(value, annotation):
        yield path, value
        for name, field in type(value).model_fields.items():
            yield from _walk(field.annotation, field.metadata, getattr(value, name), (*path, name), is_key=False)
