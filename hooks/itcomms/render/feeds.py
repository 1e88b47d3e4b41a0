"""RSS 2.0 and Atom 1.0 feeds with feedgen, the same bytes for the same content.

Callers give entries newest first with stable ids; this module keeps the
order (feedgen prepends by default, which would reverse it), dates every feed
from its newest entry rather than the clock, and links each format to itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from .. import addresses
from ..assemble import Site
from .outputs import Artefact

_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed."""

    id: str
    """Stable forever: readers notify again when it changes (see ``tag_uri``)."""
    title: str
    link: str
    """Absolute address of the page that tells the whole story."""
    published: datetime
    updated: datetime
    summary: str
    """Plain text, one or two sentences."""
    content_html: str
    """Sanitised HTML."""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feed:
    """A feed in both formats: where it is published and what it holds."""

    title: str
    description: str
    page: str
    """Source path of the HTML page the feed follows, like status/index.md."""
    rss_path: str
    atom_path: str
    entries: Sequence[FeedEntry]
    """Newest first; cut to ``limit``."""
    limit: int = 50


def tag_uri(site: Site, minted: date, specific: str) -> str:
    """A stable id (RFC 4151): the site's host, the day the thing first existed, and a path naming it."""
    host = urlsplit(site.options.site_url).hostname or "localhost"
    return f"tag:{host},{minted.isoformat()}:{specific}"


def render_feed(site: Site, feed: Feed) -> tuple[Artefact, Artefact]:
    """The feed as RSS 2.0 and as Atom 1.0."""
    entries = list(feed.entries)[: feed.limit]
    page_url = site.options.absolute(addresses.url(feed.page))
    rss = _generator(site, feed, entries, page_url, site.options.absolute(feed.rss_path), "application/rss+xml")
    atom = _generator(site, feed, entries, page_url, site.options.absolute(feed.atom_path), "application/atom+xml")
    return (
        Artefact(feed.rss_path, rss.rss_str(pretty=True)),
        Artefact(feed.atom_path, atom.atom_str(pretty=True)),
    )


def _generator(
    site: Site, feed: Feed, entries: list[FeedEntry], page_url: str, self_url: str, media_type: str
) -> FeedGenerator:
    settings = site.settings
    newest = max((entry.updated for entry in entries), default=None)
    generator = FeedGenerator()
    generator.id(self_url)
    generator.title(_plain(feed.title))
    generator.subtitle(_plain(feed.description))
    generator.description(_plain(feed.description))
    generator.link(href=page_url, rel="alternate", type="text/html")
    generator.link(href=self_url, rel="self", type=media_type)
    generator.author(name=_plain(settings.name), email=settings.contact.email)
    generator.language("en")
    generator.generator("itcomms")
    # From content, never the clock: an unchanged feed stays byte-identical.
    stamp = newest or site.now
    generator.updated(stamp)
    generator.lastBuildDate(stamp)
    for entry in entries:
        item = generator.add_entry(order="append")
        item.id(entry.id)
        item.guid(entry.id, permalink=False)
        item.title(_plain(entry.title))
        item.link(href=entry.link, rel="alternate", type="text/html")
        item.published(entry.published)
        item.updated(entry.updated)
        item.summary(_plain(entry.summary))
        item.content(entry.content_html, type="html")
        for category in entry.categories:
            item.category(term=category, label=_plain(category))
    return generator


def _plain(text: str) -> str:
    """Plain text that stays text in readers that show it as HTML (many do with RSS titles): a "<" that would
    open a tag there is followed by an invisible zero-width non-joiner, so it reads the same and is never markup."""
    return _TAG_START.sub("<\u200c", text)


def autodiscovery_links(site: Site, feed: Feed) -> list[dict[str, str]]:
    """What a page's ``<head>`` needs so browsers and readers find the feed: href, type and title."""
    return [
        {"href": site.options.absolute(feed.rss_path), "type": "application/rss+xml", "title": f"{feed.title} (RSS)"},
        {
            "href": site.options.absolute(feed.atom_path),
            "type": "application/atom+xml",
            "title": f"{feed.title} (Atom)",
        },
    ]
