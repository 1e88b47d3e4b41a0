"""The base of every content model: identity from the file name, and cross-field findings."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr

from itcomms.content.yaml_source import DataPath
from itcomms.problems import Severity

REFERENCE_KEYWORD = "x-itcomms-reference"
"""Where a generated JSON Schema notes the kind of item a value names, until the ids replace it."""


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value names another item; checked once every file is read."""

    kind: str

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        # Marked in the schema, so scripts/schemas can list the ids the content defines (see content/schemas.py).
        return {**handler(core_schema), REFERENCE_KEYWORD: self.kind}


@dataclass(frozen=True)
class DocsFile:
    """Marks a field whose value is the path of a file under ``docs/``; checked once every file is read."""


@dataclass(frozen=True)
class Shape:
    """Marks a field type with how the authoring guide describes its values.

    ``prose`` marks words readers see (titles, summaries, messages), which the
    plain-language checks read; names, codes and addresses are not prose.
    """

    label: str
    prose: bool = False


@dataclass(frozen=True)
class Identity:
    """What a content file's path says about its item: kind, id and any date or period."""

    kind: str
    id: str
    file: str
    date: date | None = None
    unit: str | None = None


class ContentModel(BaseModel):
    """Base of every content model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        coerce_numbers_to_str=True,
        populate_by_name=False,
        allow_inf_nan=False,  # NaN and infinity are never a figure: every number is finite
    )

    def findings(self) -> Iterator[Finding]:
        """Rules that span several fields (an end before its start…), each pointing at a field."""
        return iter(())


class ContentFile(ContentModel):
    """A model that is a whole file; its identity comes from the file's path."""

    _identity: Identity | None = PrivateAttr(default=None)

    def with_identity(self, identity: Identity) -> ContentFile:
        self._identity = identity
        return self

    @property
    def identity(self) -> Identity:
        # Read from pydantic's private store directly: going through its attribute fallback costs 50 times
        # as much, and every id, date and file name of every item is read through here, many times a build.
        identity: Identity | None = (self.__pydantic_private__ or {}).get("_identity")
        if identity is None:
            raise AttributeError(f"{type(self).__name__} was not loaded from a file")
        return identity

    @property
    def id(self) -> str:
        return self.identity.id

    @property
    def source_file(self) -> str:
        return self.identity.file


class PublishedItem(ContentFile):
    """A file of a kind the site publishes (every kind but site.yaml and the glossary): it can be held back as a draft."""

    draft: bool = False
    """Keep it off the site (and out of every figure) until it is ready; a preview build (ITCOMMS_DRAFTS=1) shows it."""


@dataclass(frozen=True)
class Finding:
    """A problem a model finds in itself, pointing at the data path it is about."""

    path: DataPath
    message: str
    severity: Severity = Severity.ERROR
