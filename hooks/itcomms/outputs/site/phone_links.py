"""Phone numbers that a phone can dial: each number the content knows, written in a page's text, becomes a ``tel:`` link.

A page filter, after MkDocs has rendered the page. The numbers are the ones the
content names as numbers (the service desk's, each service's support line,
each liaison's and business lead's), so a figure is never taken for a phone
number. Text inside links, code, headings' permalinks, scripts, styles, inline
SVG and form controls stays as it is.
"""

from __future__ import annotations

import html
import re

from itcomms.site import Site

_TAG = re.compile(
    r"<!--.*?-->|<[!?][^>]*>|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)
_LEAVE_ALONE = frozenset(
    {"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "title", "svg", "math", "button", "select"}
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


def known_numbers(site: Site) -> list[str]:
    """Every phone number the content names, longest first (so a longer number is linked whole)."""
    found = {site.settings.contact.phone, site.settings.leader.phone}
    found.update(service.support.phone for service in site.services.values() if service.support)
    for unit in site.units.values():
        found.update({unit.liaison.phone, unit.lead.phone})
    return sorted((number for number in found if number), key=lambda number: (-len(number), number))


def what_it_reads(site: Site) -> str:
    """The numbers it links: all it depends on."""
    return "\n".join(known_numbers(site))


def add_phone_links(site: Site, path: str, page_html: str) -> str:
    """The page with each known phone number in its text made a ``tel:`` link."""
    # One pattern a build, not one a page.
    pattern = site.once("phone_links.pattern", lambda: numbers_pattern(known_numbers(site)))
    if pattern is None:
        return page_html
    # A number in the text between two tags is one in the whole page (a tag's "<" and ">" are no word
    # characters): a page naming none, as most do, is left as it is without reading its tags.
    if pattern.search(page_html) is None:
        return page_html
    return linked_in_text(page_html, pattern)


def numbers_pattern(numbers: list[str]) -> re.Pattern[str] | None:
    """Any of ``numbers`` as written in HTML, not inside a longer number or word; None for no numbers."""
    if not numbers:
        return None
    return re.compile(
        r"(?<![\w+])(?:" + "|".join(re.escape(html.escape(number, quote=False)) for number in numbers) + r")(?!\w)"
    )


def linked_in_text(page_html: str, pattern: re.Pattern[str]) -> str:
    """The page with each match of ``pattern`` in its text (outside links, code and the like) a tel: link."""
    parts: list[str] = []
    leave_alone = 0
    position = 0
    for tag in _TAG.finditer(page_html):
        parts.append(
            _linked(page_html[position : tag.start()], pattern)
            if not leave_alone
            else page_html[position : tag.start()]
        )
        parts.append(tag.group())
        name = (tag.group("name") or "").lower()
        if name in _LEAVE_ALONE and name not in _VOID and not tag.group().endswith("/>"):
            leave_alone = max(0, leave_alone + (-1 if tag.group("close") else 1))
        position = tag.end()
    parts.append(_linked(page_html[position:], pattern) if not leave_alone else page_html[position:])
    return "".join(parts)


def _linked(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda found: f'<a href="tel:{_dialled(found.group())}">{found.group()}</a>', text)


def _dialled(number: str) -> str:
    """The number as a tel: address: digits and a leading plus only."""
    return re.sub(r"[^\d+]", "", html.unescape(number))
