"""Refuse text that would put raw HTML or a dangerous link on a page, in a feed or in an email.

Text fields are Markdown written by people, so this looks for what Markdown
would turn into markup: HTML tags and comments, and link targets (inline,
reference-style and autolinks). A link may point to a web page, an email
address, a phone number or a page of this site (by an item reference such as
``service:printing``, see site_links.py); any other scheme
(``javascript:``, ``data:``, ``vbscript:``, ``file:``…) is refused, including
when hidden behind HTML entities or whitespace.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SITE_LINK_KINDS = frozenset({"service", "incident", "newsletter", "report", "unit"})
"""Item references a link may use (``service:printing``); rendering turns them into the item's page."""

_TAG = re.compile(r"<(?:!--|[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|/[A-Za-z])")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)>\s]*)")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def unsafe_link_reason(target: str) -> str | None:
    """Why a link target is refused, or ``None`` when it is safe."""
    cleaned = _INVISIBLE.sub("", html.unescape(target))
    scheme = _SCHEME.match(cleaned)
    if scheme is None or scheme.group(1).lower() in SAFE_SCHEMES or scheme.group(1) in SITE_LINK_KINDS:
        return None
    return (
        f"links may only go to http(s), mailto or tel addresses or to pages of this site "
        f"(got a '{scheme.group(1).lower()}:' link)"
    )


def unsafe_markup_reason(text: str) -> str | None:
    """Why a piece of Markdown is refused, or ``None`` when it is safe to publish."""
    for match in _AUTOLINK.finditer(text):
        if reason := unsafe_link_reason(match.group(1)):
            return reason
    without_autolinks = _AUTOLINK.sub("", text)
    if tag := _TAG.search(without_autolinks):
        snippet = without_autolinks[tag.start() : tag.start() + 30].split(">")[0] + ">"
        return f"raw HTML is not allowed (found '{snippet}'); use Markdown instead"
    for pattern in (_INLINE_LINK, _REFERENCE_DEFINITION):
        for match in pattern.finditer(text):
            if reason := unsafe_link_reason(match.group(1)):
                return reason
    return None


def link_targets(text: str) -> Iterator[tuple[int, str]]:
    """Each inline link's or reference definition's target in a piece of Markdown, with its offset."""
    for pattern in (_INLINE_LINK, _REFERENCE_DEFINITION):
        for match in pattern.finditer(text):
            yield match.start(1), match.group(1)
