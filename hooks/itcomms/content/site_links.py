"""Links from an author's text to pages of this site, written one documented way and checked.

A page of the site is linked by an item reference or by its address from the site's root:

- ``[the printing service](service:printing)``, ``incident:email-delays``,
  ``newsletter:2026-10``, ``report:2026``, ``unit:sales``;
- ``[current status](/status/)``, ``/services/printing/#how-to-ask``: the address
  as it shows after the site's own address, starting with ``/``.

Either form is made right wherever the text is shown: relative to the page on the
site, absolute in feeds and emails. A relative link (``../../status/``) or a link to a
Markdown file (``services/finance-system.md``) would point somewhere else on each page
the text appears on, so validation refuses it and says what to write instead; so it
does for a link to a page that does not exist.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from itcomms import addresses
from itcomms.content.text_safety import SAFE_SCHEMES, SITE_LINK_KINDS, link_targets
from itcomms.content.yaml_source import DataPath, Position
from itcomms.problems import Problem

if TYPE_CHECKING:  # only its type: markdown_html, which the models use, needs this module
    from itcomms.content.loaded import LoadedItem

LINKED_KINDS: Mapping[str, Callable[[str], str]] = {
    "service": addresses.service,
    "incident": addresses.incident,
    "newsletter": addresses.newsletter,
    "report": addresses.report,
    "unit": addresses.unit,
}
"""Kinds of item with a page of their own, and where that page is (a source path, like services/email/index.md)."""
assert set(LINKED_KINDS) == SITE_LINK_KINDS

PAGES = (
    addresses.HOME,
    addresses.STATUS,
    addresses.SERVICES,
    addresses.BROCHURE,
    addresses.REPORTS,
    addresses.NEWSLETTERS,
    addresses.UNITS,
    addresses.GLOSSARY,
    addresses.AUTHORING,
    addresses.CONTENT_HEALTH,
)
FILES = (
    addresses.STATUS_FEED_RSS,
    addresses.STATUS_FEED_ATOM,
    addresses.MAINTENANCE_CALENDAR,
    addresses.STATUS_JSON,
    addresses.BROCHURE_PDF,
    addresses.NEWSLETTER_FEED_RSS,
    addresses.NEWSLETTER_FEED_ATOM,
)

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_WRITE_IT = "write a page of this site as its address from the site's root (like /status/) or as an item reference"


@dataclass(frozen=True)
class SiteLink:
    """A link to a page of this site: an item (``kind``, ``target`` its id) or an address (``kind`` None)."""

    kind: str | None
    target: str
    """The item's id, or the address without its leading slash (``status/``)."""
    fragment: str = ""
    """``#section`` or empty."""

    @property
    def written(self) -> str:
        return f"{self.kind}:{self.target}" if self.kind else f"/{self.target}"


def parse(target: str) -> SiteLink | None:
    """The page of this site a link target names the documented way, or None when it is not written so (a web
    address, mailto:, tel:, an anchor on the same page, or a relative path that validation refuses)."""
    page, _, fragment = target.partition("#")
    fragment = f"#{fragment}" if fragment else ""
    scheme = _SCHEME.match(page)
    if scheme is not None:
        kind = scheme.group(1)
        if kind in LINKED_KINDS:
            return SiteLink(kind, page[len(kind) + 1 :], fragment)
        return None
    if page.startswith("/") and not page.startswith("//"):
        return SiteLink(None, page.lstrip("/"), fragment)
    return None


def address(link: SiteLink) -> str:
    """Where the page is published, from the site's root (``services/printing/``), fragment included."""
    if link.kind is not None:
        return addresses.url(LINKED_KINDS[link.kind](link.target)) + link.fragment
    return link.target + link.fragment


def known_addresses(ids: Mapping[str, Iterable[str]], reviews: Iterable[tuple[str, str]]) -> set[str]:
    """Every address of the site a link may name: the fixed pages and files, and each item's own page."""
    known = {addresses.url(page) for page in PAGES} | set(FILES)
    for kind, make in LINKED_KINDS.items():
        known.update(addresses.url(make(identifier)) for identifier in ids.get(kind, ()))
        if kind == "service":
            for identifier in ids.get(kind, ()):
                known.update({addresses.service_feed_rss(identifier), addresses.service_feed_atom(identifier)})
        if kind == "report":
            known.update(addresses.report_pdf(identifier) for identifier in ids.get(kind, ()))
    known.update(addresses.url(addresses.unit_review(unit, quarter)) for unit, quarter in reviews)
    return known


@dataclass(frozen=True)
class LinkRules:
    """What the content defines that links may name."""

    ids: Mapping[str, set[str]]
    """By kind, the ids a published item may name (no drafts)."""
    addresses: set[str]
    closest: Callable[[str, list[str]], str]
    """The "did you mean" hint (error_messages.closest)."""


def check_links(items: Iterable[LoadedItem], rules: LinkRules) -> Iterator[Problem]:
    """Every link to this site in every text, checked; each problem at the link in the file."""
    for loaded in items:
        for prose in loaded.marks.prose:
            if "](" not in prose.text and "]:" not in prose.text:
                continue
            for offset, target in link_targets(prose.text):
                message = _problem_with(target, rules)
                if message is not None:
                    where = _position(loaded, prose.path, prose.text, offset, target)
                    dotted = ".".join(str(part) for part in prose.path)
                    yield Problem(loaded.identity.file, where.line, where.column, dotted, message)


def _problem_with(target: str, rules: LinkRules) -> str | None:
    if not target or target.startswith("#"):
        return None
    scheme = _SCHEME.match(target)
    if scheme is not None and scheme.group(1).lower() in SAFE_SCHEMES:
        return None
    link = parse(target)
    if link is None:
        if scheme is not None:
            return None  # another scheme: text_safety refuses it, with its own message
        return _relative(target, rules)
    if link.kind is not None:
        if link.target in rules.ids.get(link.kind, set()):
            return None
        hint = rules.closest(link.target, sorted(rules.ids.get(link.kind, set())))
        return f"the link '{target}' names no published {link.kind} '{link.target}'; {hint}"
    if link.target in rules.addresses or f"{link.target}/" in rules.addresses:
        return (
            None
            if link.target in rules.addresses
            else f"the link '{target}' lacks its final '/': write /{link.target}/"
        )
    within = next(
        (
            known
            for known in sorted(rules.addresses, key=len, reverse=True)
            if known and link.target.endswith(f"/{known}")
        ),
        None,
    )
    if within is not None:
        return f"the link '{target}' includes the site's own address; addresses start after it: write /{within}"
    hint = rules.closest(f"/{link.target}", sorted(f"/{known}" for known in rules.addresses))
    return f"the link '{target}' goes to no page of this site; {hint}"


def _relative(target: str, rules: LinkRules) -> str:
    """A relative link or a Markdown file: refused, with the address it most likely means."""
    page, _, fragment = target.partition("#")
    parts = [part for part in posixpath.normpath(page).split("/") if part not in ("", ".", "..")]
    path = "/".join(parts)
    guess = addresses.url(path if path.endswith(".md") else f"{path}/index.md" if path else addresses.HOME)
    suggestion = ""
    if guess in rules.addresses:
        suggestion = f": /{guess}{'#' + fragment if fragment else ''}"
        item = next(
            (
                f"{kind}:{identifier}"
                for kind, make in LINKED_KINDS.items()
                for identifier in rules.ids.get(kind, set())
                if addresses.url(make(identifier)) == guess
            ),
            None,
        )
        if item is not None:
            suggestion += f" or {item}"
    kind = "a Markdown file" if page.endswith(".md") else "a relative link"
    return (
        f"the link '{target}' is {kind}, which points elsewhere on each page, feed and email the text shows in; "
        f"{_WRITE_IT}{suggestion}"
    )


def _position(loaded: LoadedItem, path: DataPath, value: str, offset: int, target: str) -> Position:
    """Where the link target at ``offset`` in the value is in the file, found by counting earlier copies."""
    start = loaded.source.locate(path)
    text = loaded.text
    lines = text.split("\n")
    if not 0 < start.line <= len(lines):
        return start
    position = sum(len(line) + 1 for line in lines[: start.line - 1]) + start.column - 1
    for _ in range(value.count(target, 0, offset) + 1):
        found = text.find(target, position)
        if found < 0:
            return start
        position = found + 1
    found = position - 1
    return Position(text.count("\n", 0, found) + 1, found - text.rfind("\n", 0, found))
