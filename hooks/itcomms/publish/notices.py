"""The status items of a feed, as a notification needs them, and which of them are new.

A notice is read back from the Atom feed the build wrote: its id (which never
changes, see ``outputs.status_feeds``), its title, the services and the state
(categories under their own schemes, see ``rendering.feeds.category_scheme``),
the impact, the update's text and the link.
"""

from __future__ import annotations

import html
import time
from collections.abc import Sequence
from dataclasses import dataclass

import feedparser

_SCHEME_SERVICE = ":category/service"
_SCHEME_STATE = ":category/state"


class FeedUnreadable(Exception):
    """The feed is not a feed: never guess which of its items are new."""


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
    published: time.struct_time
    """In UTC, as feedparser reads it: posts go oldest first."""
    site_name: str

    @property
    def services_words(self) -> str:
        return ", ".join(self.services) or "All services"


def read_feed(document: bytes) -> list[Notice]:
    """The items of a status feed (Atom or RSS), oldest first: the order they are posted in."""
    parsed = feedparser.parse(document)
    if parsed.bozo or not parsed.get("version"):
        raise FeedUnreadable(str(parsed.get("bozo_exception") or "not a feed"))
    site_name = str(parsed.feed.get("author_detail", {}).get("name", ""))
    # The feed is newest first; reversed, then sorted (stably) by time, so items of one moment keep their order.
    notices = [_notice(entry, site_name) for entry in reversed(parsed.entries)]
    return sorted(notices, key=lambda notice: notice.published)


def author_email(document: bytes) -> str:
    """The contact address a feed names as its author (emails come from the IT department itself)."""
    return str(feedparser.parse(document).feed.get("author_detail", {}).get("email", ""))


def new_since(built: Sequence[Notice], live: Sequence[Notice] | None) -> list[Notice]:
    """What the built feed holds that the live feed does not, compared by id; nothing when there is no live feed.

    With no live feed (the very first publish) every item would look new, though
    subscribers have no reason to hear the old ones: nothing is new then.
    """
    if live is None:
        return []
    seen = {notice.id for notice in live}
    return [notice for notice in built if notice.id not in seen]


def _notice(entry: feedparser.FeedParserDict, site_name: str) -> Notice:
    services: list[str] = []
    state = ""
    impact = ""
    for tag in entry.get("tags", []):
        scheme, term = str(tag.get("scheme") or ""), str(tag.get("term") or "")
        if scheme.startswith("tag:") and scheme.endswith(_SCHEME_SERVICE):
            services.append(term)
        elif scheme.startswith("tag:") and scheme.endswith(_SCHEME_STATE):
            state = term
        elif term.endswith("impact"):
            impact = term.capitalize()
    # Titles and summaries are plain text escaped for readers that show them as HTML.
    title = html.unescape(str(entry.get("title", "")))
    return Notice(
        id=str(entry.get("id", "")),
        title=title,
        state=state or title.split(":", 1)[0],
        impact=impact,
        services=tuple(services),
        text=html.unescape(str(entry.get("summary", ""))),
        link=str(entry.get("link", "")),
        published=entry.get("published_parsed") or entry.get("updated_parsed") or time.gmtime(0),
        site_name=site_name,
    )
