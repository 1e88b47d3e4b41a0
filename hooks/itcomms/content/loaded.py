"""What reading the content gives: the items that fit their models, the files that did not, every problem.

Its own module, so that the checks ``validate`` runs (cross_checks, plain_language, site_links) and the
modules that use their results take these types from below them, not from ``validate`` itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from itcomms.content.models import ContentFile, Identity
from itcomms.content.references import Marks
from itcomms.content.yaml_source import SourceMap
from itcomms.problems import Problem


@dataclass(frozen=True)
class LoadedItem:
    """A content file that passed its own checks: its identity, model and source positions."""

    identity: Identity
    item: ContentFile
    source: SourceMap
    text: str
    """The file's text, so a warning can point at a word inside a value."""
    marks: Marks
    """Its models, references, files and prose, found in one walk."""


@dataclass(frozen=True)
class PartlyRead:
    """A content file that did not fit its model: what it names is still checked, as it was written."""

    identity: Identity
    source: SourceMap
    marks: Marks
    draft: bool


@dataclass
class ContentCheck:
    """Every item that could be read and every problem found, in file order."""

    items: list[LoadedItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    identities: list[Identity] = field(default_factory=list)
    """Every file whose path names an item, readable or not: other files may refer to them."""
    partly_read: list[PartlyRead] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(problem.is_error for problem in self.problems)

    def of_kind(self, kind: str) -> list[LoadedItem]:
        return [loaded for loaded in self.items if loaded.identity.kind == kind]
