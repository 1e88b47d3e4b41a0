"""The status items of the built feed, as a notification needs them (which are news: ``record.py``).

A notice is read back from the Atom feed the build wrote: its id, its
title, the services and the state (categories under their own schemes, see
``rendering.feeds.category_scheme``), the impact, the update's text and the
link. The feed is read with lxml, which the build already uses, never
resolving entities or fetching anything it names.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

_ATOM = "{http://www.w3.org/2005/Atom}"
_SCHEME_SERVICE = ":category/service"
_SCHEME_STATE = ":category/state"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class FeedUnreadable(Exception):
    """The document is not an Atom feed: never guess which of its items are new."""


@dataclass(frozen=True)
class Notice:
    """One status update to post."""

    id: str
    title: str
    state: str
    """In plain words: Investigating, Cause found, Resolved, Planned maintenance, Maintenance changed..."""
    impact: str
    services: tuple[str, ...]
    text: str
    link: str
    published: datetime
    site_name: str

    @property
    def services_words(self) -> str:
        return ", ".join(self.services) or "All services"


def _root(document: bytes) -> etree._Element:
    try:
        root = etree.fromstring(document, parser=_PARSER)
    except etree.XMLSyntaxError as problem:
        raise FeedUnreadable(str(problem)) from None
    if root.tag != f"{_ATOM}feed":
        raise FeedUnreadable(f"the document is a {etree.QName(root).localname}, not an Atom feed")
    return root


def _text(element: etree._Element, name: str) -> str:
    found = element.find(f"{_ATOM}{name}")
    value = "".join(found.itertext()) if found is not None else ""
    # Titles and summaries are plain text escaped for readers that show them as HTML (type="html").
    return html.unescape(value) if found is not None and found.get("type") == "html" else value


def read_feed(document: bytes) -> list[Notice]:
    """The items of an Atom status feed, oldest first: the order they are posted in."""
    root = _root(document)
    author = root.find(f"{_ATOM}author")
    site_name = _text(author, "name") if author is not None else ""
    # The feed is newest first; reversed, then sorted (stably) by time, so items of one moment keep their order.
    notices = [_notice(entry, site_name) for entry in reversed(root.findall(f"{_ATOM}entry"))]
    return sorted(notices, key=lambda notice: notice.published)


def newest_moment(document: bytes) -> datetime:
    """The feed's ``updated`` time: its newest item's (the build's "now" when it has none). Whatever the feed
    holds then is what a new record, or a channel added, starts after."""
    root = _root(document)
    moment = _text(root, "updated").strip()
    try:
        built = datetime.fromisoformat(moment)
    except ValueError:
        raise FeedUnreadable(f"the feed's updated time {moment!r} is not a time") from None
    return built if built.tzinfo else built.replace(tzinfo=UTC)


def author_email(document: bytes) -> str:
    """The contact address a feed names as its author (emails come from the IT department itself)."""
    author = _root(document).find(f"{_ATOM}author")
    return _text(author, "email").strip() if author is not None else ""


def item_key(feed_id: str) -> str:
    """What names the item in a tag URI, without the authority and its day (``tag:host,day:incident/x/update/2``):
    a change of host or of the id's day changes nothing it is known by."""
    if feed_id.startswith("tag:") and feed_id.count(":") >= 2:
        return feed_id.split(":", 2)[2]
    return feed_id


def _notice(entry: etree._Element, site_name: str) -> Notice:
    services: list[str] = []
    state = ""
    impact = ""
    for tag in entry.findall(f"{_ATOM}category"):
        scheme, term = tag.get("scheme") or "", tag.get("term") or ""
        if scheme.startswith("tag:") and scheme.endswith(_SCHEME_SERVICE):
            services.append(term)
        elif scheme.startswith("tag:") and scheme.endswith(_SCHEME_STATE):
            state = term
        elif not scheme and term.endswith("impact"):
            impact = term.capitalize()
    title = _text(entry, "title")
    entry_id = _text(entry, "id").strip()
    if not entry_id:
        raise FeedUnreadable("an entry has no id")
    link = next(
        (
            found.get("href", "")
            for found in entry.findall(f"{_ATOM}link")
            if found.get("rel", "alternate") == "alternate"
        ),
        "",
    )
    moment = _text(entry, "published").strip() or _text(entry, "updated").strip()
    try:
        published = datetime.fromisoformat(moment) if moment else datetime.min.replace(tzinfo=UTC)
    except ValueError:
        raise FeedUnreadable(f"{entry_id}: {moment!r} is not a time") from None
    return Notice(
        id=entry_id,
        title=title,
        state=state or title.split(":", 1)[0],
        impact=impact,
        services=tuple(services),
        text=_text(entry, "summary"),
        link=link,
        published=published if published.tzinfo else published.replace(tzinfo=UTC),
        site_name=site_name,
    )
