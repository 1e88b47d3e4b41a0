"""What rendering produces: Markdown pages and other files, both placed at a path of the site; and what a page
filter makes of a page's HTML."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """A Markdown page MkDocs renders with the theme; ``path`` is its source path, like status/index.md."""

    path: str
    markdown: str


@dataclass(frozen=True)
class Artefact:
    """A file published as it is (a feed, a calendar, JSON); ``path`` is where it lands in the site."""

    path: str
    content: bytes


Output = Page | Artefact


@dataclass(frozen=True)
class Rewritten:
    """A page's HTML as a page filter rewrote it."""

    html: str
    parts_read: frozenset[str] = frozenset()
    """The parts of the site, by name, read for this page beyond what the filter reads for every page (the
    glossary terms whose tooltips it shows)."""
