"""Walk a validated item: its nested models (for their own rules), every reference it makes, every file it
names under docs/, and its prose. A file that does not fit its model is walked as written (``marks_as_written``),
so its references are still checked in the same run as its other problems."""

from __future__ import annotations

import functools
import types
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Union, cast, get_args, get_origin

from itcomms.content.models.base import ContentModel, DocsFile, Ref, Shape
from itcomms.content.yaml_source import DataPath


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


@dataclass(frozen=True)
class Marks:
    """What one walk of an item finds: its models (itself included), references, files under docs/ and prose."""

    models: tuple[tuple[DataPath, ContentModel], ...]
    references: tuple[Reference, ...]
    files: tuple[FileReference, ...]
    prose: tuple[Prose, ...]


def marks(model: ContentModel) -> Marks:
    """Walk the model once; every check that reads marks shares the result."""
    found = list(_walk(type(model), (), model, (), is_key=False))
    return Marks(
        models=tuple(each for each in found if isinstance(each, tuple)),
        references=tuple(each for each in found if isinstance(each, Reference)),
        files=tuple(each for each in found if isinstance(each, FileReference)),
        prose=tuple(each for each in found if isinstance(each, Prose)),
    )


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
    origin, parts = _parts(annotation)
    if origin is Annotated:
        base, *base_marks = parts
        yield from _walk(base, base_marks, value, path, is_key=is_key)
    elif origin is Union:
        for member in parts:
            yield from _walk(member, (), value, path, is_key=is_key)
    elif origin is list and isinstance(value, list):
        (item_type,) = parts
        for index, item in enumerate(value):
            yield from _walk(item_type, (), item, (*path, index), is_key=False)
    elif origin is dict and isinstance(value, dict):
        key_type, value_type = parts
        for key, item in value.items():
            yield from _walk(key_type, (), key, (*path, key), is_key=True)
            yield from _walk(value_type, (), item, (*path, key), is_key=False)
    elif isinstance(value, ContentModel) and isinstance(annotation, type) and isinstance(value, annotation):
        yield path, value
        for name, field_annotation, metadata in _fields_worth_walking(type(value)):
            yield from _walk(field_annotation, metadata, getattr(value, name), (*path, name), is_key=False)
    elif isinstance(value, dict) and isinstance(annotation, type) and issubclass(annotation, ContentModel):
        # As written, for a file that did not validate: the same fields, looked up by name.
        for name, field_annotation, metadata in _fields_worth_walking(annotation):
            if name in value:
                yield from _walk(field_annotation, metadata, value[name], (*path, name), is_key=False)


def marks_as_written(model: type[ContentModel], data: Any) -> Marks:
    """The references and files a file's data names, read against its model's fields, for a file that does not
    fit its model: its unknown service is reported in the same run as its wrong impact."""
    found = list(_walk(model, (), data, (), is_key=False))
    return Marks(
        models=(),
        references=tuple(each for each in found if isinstance(each, Reference)),
        files=tuple(each for each in found if isinstance(each, FileReference)),
        prose=(),
    )


@functools.cache
def _parts(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """What a type is made of, as far as the walk cares; ``typing.get_args`` is slow enough to matter when
    asked again for every value."""
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *marks = get_args(annotation)
        return Annotated, (base, *(mark for mark in marks if _is_mark(mark)))
    if origin in (Union, types.UnionType):
        return Union, tuple(member for member in get_args(annotation) if _may_hold_marks(member))
    if origin in (list, dict) and _may_hold_marks(annotation):
        return origin, get_args(annotation)
    return None, ()


@functools.cache
def _fields_worth_walking(model: type[ContentModel]) -> tuple[tuple[str, Any, tuple[Any, ...]], ...]:
    """The fields that can hold a mark or a model: most fields are plain values, and a walk of every item of
    ten years of content spent most of its time visiting them."""
    return tuple(
        (name, field.annotation, tuple(field.metadata))
        for name, field in model.model_fields.items()
        if any(_is_mark(mark) for mark in field.metadata) or _may_hold_marks(cast(Hashable, field.annotation))
    )


def _is_mark(metadata: Any) -> bool:
    return isinstance(metadata, (Ref, DocsFile)) or (isinstance(metadata, Shape) and metadata.prose)


@functools.cache
def _may_hold_marks(annotation: Any) -> bool:
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *marks = get_args(annotation)
        return any(_is_mark(mark) for mark in marks) or _may_hold_marks(base)
    if origin in (Union, types.UnionType, list, dict):
        return any(_may_hold_marks(member) for member in get_args(annotation))
    # A model ends the question without looking inside, so models that contain themselves do not loop.
    return isinstance(annotation, type) and issubclass(annotation, ContentModel)
