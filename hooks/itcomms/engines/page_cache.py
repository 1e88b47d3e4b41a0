"""What the engine made of each page's Markdown, kept between builds so an unchanged page is not converted again.

Converting pages from Markdown is most of what the engine spends on our site,
and most pages are the same from one build to the next (a preview after one
edit, a rebuild in CI with its cache kept). A page is kept under a key made of
everything its conversion depends on: its Markdown, its path, the engine and
its Markdown settings, and the list of every file of the site (links between
pages are resolved against it, so a page added or removed converts every page
again). The page as the page filters left it (the glossary's tooltips, phone
links) is kept apart, under its converted HTML and what the filters read for
every page (where each term matches), while what they read for this page (the
meanings of the terms it explains) says the same: a glossary meaning edit
filters again only the pages that explain the term, and converts none. What is
kept is all the engine learns from converting a page: its HTML, its table of
contents, its title, the anchors it has, the anchors it links to on other
pages, and the warnings the conversion gave, which are given again each time
the page comes from here, so a strict build fails every time, not once.

The store is a folder of small JSON files (``rendering.kept``); entries no
build asked for are removed when the build ends, so it holds one site's pages,
not their history.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from itcomms.outputs import FilteredPage
from itcomms.rendering.kept import KeptFiles


@dataclass(frozen=True)
class ConvertedPage:
    """A page as the engine converted it."""

    html: str
    """As the engine converted it, before the page filters."""
    toc: list[dict[str, Any]]
    """The table of contents as the Markdown ``toc`` extension gives it: level, id, name, children."""
    title: str | None
    """The title the engine found in the page (its first heading), if any."""
    anchors: list[str]
    """Every id on the page another page may link to."""
    links_to_anchors: dict[str, dict[str, str]]
    """Anchors this page links to on other pages, by their source path: anchor → the link as written."""
    warnings: list[tuple[int, str]] = field(default_factory=list)
    """Log level and message of each warning the conversion gave."""


class PageCache:
    """Converted pages in ``folder``, for one engine and one set of Markdown settings (``settings``).

    ``file_paths`` lists the site's files; ``filters_read`` is what the page filters read for
    every page. Both are part of every key, not of the folder, so that when they change the
    entries they replace are forgotten at the end of the build. ``parts_now`` tells what the
    parts of the site a page's filters read for it (a term's meaning) say now: a page kept
    filtered is taken while they say what they said when it was filtered.
    """

    def __init__(
        self,
        folder: Path,
        settings: str,
        file_paths: Iterable[str],
        filters_read: str,
        parts_now: Callable[[Sequence[Sequence[str]]], str | None],
    ) -> None:
        self._kept = KeptFiles(folder / hashlib.sha256(settings.encode()).hexdigest()[:16])
        self._site_wide = hashlib.sha256("\n".join(sorted(file_paths)).encode()).hexdigest()
        self._filters_read = hashlib.sha256(filters_read.encode()).hexdigest()
        self._parts_now = parts_now
        self.filtered_again = 0
        """How many pages this build filtered, not finding them kept filtered."""

    def key(self, path: str, markdown: str) -> str:
        """The key of one page's conversion."""
        return hashlib.sha256(f"{self._site_wide}\n{path}\n{markdown}".encode()).hexdigest()

    def get(self, key: str) -> ConvertedPage | None:
        kept = self._kept.read(key, ".json")
        if kept is None:
            return None
        try:
            found = json.loads(kept)
            page = ConvertedPage(**{**found, "warnings": [(level, message) for level, message in found["warnings"]]})
        except (ValueError, TypeError, KeyError):
            return None  # not an entry, or one of another shape: converted again, and written anew
        return page if _well_formed(page) else None

    def put(self, key: str, page: ConvertedPage) -> None:
        self._kept.write(key, ".json", json.dumps(asdict(page), ensure_ascii=False).encode("utf-8"))

    def filtered(self, path: str, html: str, rewrite: Callable[[str, str], FilteredPage]) -> str:
        """``rewrite(path, html)``, the page filters' work, as kept for this HTML and what the filters read for
        every page, while the parts of the site they read for this page (``parts_now``) say the same."""
        key = hashlib.sha256(f"{self._filters_read}\n{path}\n{html}".encode()).hexdigest()
        kept = _filtered(_text(self._kept.read(key, ".filtered")))
        if kept is not None and self._said(kept.parts_read) == kept.said:
            return kept.html
        page = rewrite(path, html)
        self.filtered_again += 1
        entry = {"html": page.html, "parts_read": page.parts_read, "said": self._said(page.parts_read)}
        self._kept.write(key, ".filtered", _stored(json.dumps(entry, ensure_ascii=False)))
        return page.html

    def _said(self, parts_read: Sequence[Sequence[str]]) -> str | None:
        now = self._parts_now(parts_read)
        return None if now is None else hashlib.sha256(now.encode()).hexdigest()

    def themed(self, key: str) -> str | None:
        """A page as the theme made it, kept under ``key`` (everything the theme read for it)."""
        return _text(self._kept.read(key, ".page.html"))

    def keep_themed(self, key: str, page: str) -> None:
        self._kept.write(key, ".page.html", _stored(page))

    def secret(self) -> str:
        """A random word kept with the pages and never published: what is made with it (the marks of a themed
        page's shell) no page's words or settings can hold. A new one when none can be kept."""
        kept = self._kept.read("secret", ".txt")
        if kept is not None and re.fullmatch(rb"[0-9a-f]{32}", kept):
            return kept.decode()
        word = secrets.token_hex(16)
        self._kept.write("secret", ".txt", word.encode())
        return word

    def forget_unused(self) -> None:
        """Remove every entry this build did not ask for: pages since changed or removed."""
        self._kept.forget_unused()


@dataclass(frozen=True)
class _KeptFiltered:
    html: str
    parts_read: list[list[str]]
    said: str


def _filtered(text: str | None) -> _KeptFiltered | None:
    """A page kept filtered; a damaged or other-shaped entry is a miss."""
    if text is None:
        return None
    try:
        found = json.loads(text)
        kept = _KeptFiltered(found["html"], found["parts_read"], found["said"])
    except (ValueError, TypeError, KeyError):
        return None
    shaped = isinstance(kept.html, str) and isinstance(kept.parts_read, list) and isinstance(kept.said, str)
    parts = shaped and all(
        isinstance(names, list) and all(isinstance(name, str) for name in names) for names in kept.parts_read
    )
    return kept if parts else None


def _stored(text: str) -> bytes:
    """A page's text as kept: after the digest of its text, so that a damaged entry is known (an HTML page
    has no shape to check, and a cut one would be published as it is)."""
    content = text.encode("utf-8")
    return hashlib.sha256(content).hexdigest().encode() + b"\n" + content


def _text(kept: bytes | None) -> str | None:
    """A kept page's text; a damaged one is a miss, made again."""
    if kept is None:
        return None
    digest, _, content = kept.partition(b"\n")
    if hashlib.sha256(content).hexdigest().encode() != digest:
        return None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _well_formed(page: ConvertedPage) -> bool:
    """Every field of the type the engine will be handed: a damaged entry is a miss, never a broken page."""

    def toc(items: object) -> bool:
        return isinstance(items, list) and all(
            isinstance(item, dict)
            and isinstance(item.get("level"), int)
            and isinstance(item.get("id"), str)
            and isinstance(item.get("name"), str)
            and toc(item.get("children"))
            for item in items
        )

    return (
        isinstance(page.html, str)
        and toc(page.toc)
        and (page.title is None or isinstance(page.title, str))
        and isinstance(page.anchors, list)
        and all(isinstance(anchor, str) for anchor in page.anchors)
        and isinstance(page.links_to_anchors, dict)
        and all(
            isinstance(links, dict) and all(isinstance(value, str) for value in links.values())
            for links in page.links_to_anchors.values()
        )
        and all(isinstance(level, int) and isinstance(message, str) for level, message in page.warnings)
    )
