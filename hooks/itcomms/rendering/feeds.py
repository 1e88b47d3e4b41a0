"""RSS 2.0 and Atom 1.0 feeds with feedgen, the same bytes for the same content.

Callers give entries newest first with stable ids; this module keeps the
order (feedgen prepends by default, which would reverse it), dates every feed
from its newest entry rather than the clock, and links each format to itself.

Readers show RSS titles and descriptions as HTML, so every plain-text value is
escaped here; in Atom the same values are marked ``type="html"`` so readers
decode them back to the author's text. A title can never become markup.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib.metadata import version

from feedgen.feed import FeedGenerator
from lxml import etree

from itcomms import addresses
from itcomms.rendering.kept import KeptFiles
from itcomms.rendering.outputs import Artefact
from itcomms.site import Site

_ATOM = "http://www.w3.org/2005/Atom"


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
    schemed: tuple[tuple[str, str], ...] = ()
    """(scheme, term): categories a program can pick out by their scheme (a service, a state), see ``category_scheme``."""


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
    return f"tag:{addresses.host(site.options.site_url)},{minted.isoformat()}:{specific}"


def category_scheme(site: Site, name: str) -> str:
    """The scheme of one kind of category (``service``, ``state``): a tag URI that never changes."""
    return f"tag:{addresses.host(site.options.site_url)},2025:category/{name}"


def render_feed(site: Site, feed: Feed, kept: KeptFiles) -> tuple[Artefact, Artefact]:
    """The feed as RSS 2.0 and as Atom 1.0; ``kept`` holds feeds written before, by what they hold."""
    entries = list(feed.entries)[: feed.limit]
    key = _digest(site, feed, entries)
    rss, atom = kept.read(key, ".xml"), kept.read(key, ".atom")
    # Only a whole document is published: a kept file cut short (a full disk, a damaged cache) is written again.
    if rss is None or atom is None or not rss.rstrip().endswith(b"</rss>") or not atom.rstrip().endswith(b"</feed>"):
        page_url = site.options.absolute(addresses.url(feed.page))
        rss_url, atom_url = site.options.absolute(feed.rss_path), site.options.absolute(feed.atom_path)
        rss = _generator(site, feed, entries, page_url, rss_url, "application/rss+xml").rss_str(pretty=True)
        atom = _atom_text_as_html(
            _generator(site, feed, entries, page_url, atom_url, "application/atom+xml").atom_str(pretty=True)
        )
        kept.write(key, ".xml", rss)
        kept.write(key, ".atom", atom)
    return Artefact(feed.rss_path, rss), Artefact(feed.atom_path, atom)


_FEEDGEN = version("feedgen")
"""The feedgen this process writes with (read once: reading it costs milliseconds)."""


def _digest(site: Site, feed: Feed, entries: list[FeedEntry]) -> str:
    """Everything a feed's two files are made of."""
    settings = site.settings
    made_of = (
        _FEEDGEN,
        site.options.site_url,
        settings.name,
        settings.contact.email,
        None if entries else site.now,  # an empty feed is dated from the build
        feed.title,
        feed.description,
        feed.page,
        feed.rss_path,
        feed.atom_path,
        tuple(entries),
    )
    return hashlib.sha256(repr(made_of).encode()).hexdigest()[:32]


def _text(value: str) -> str:
    """Plain text as it must appear where readers expect HTML."""
    return html.escape(value, quote=False)


def _atom_text_as_html(document: bytes) -> bytes:
    """Mark Atom's text constructs as HTML (feedgen cannot), so readers decode what ``_text`` escaped."""
    root = etree.fromstring(document)
    for name in ("title", "subtitle", "summary"):
        for element in root.iter(f"{{{_ATOM}}}{name}"):
            element.set("type", "html")
    return bytes(etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8"))


def _generator(
    site: Site, feed: Feed, entries: list[FeedEntry], page_url: str, self_url: str, media_type: str
) -> FeedGenerator:
    settings = site.settings
    newest = max((entry.updated for entry in entries), default=None)
    generator = FeedGenerator()
    generator.id(self_url)
    generator.title(_text(feed.title))
    generator.subtitle(_text(feed.description))
    generator.description(_text(feed.description))
    generator.link(href=self_url, rel="self", type=media_type)
    # Last: feedgen makes the last link the RSS channel's <link>, which must be the page, not the feed.
    generator.link(href=page_url, rel="alternate", type="text/html")
    generator.author(name=_text(settings.name), email=settings.contact.email)
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
        item.title(_text(entry.title))
        item.link(href=entry.link, rel="alternate", type="text/html")
        item.published(entry.published)
        item.updated(entry.updated)
        item.summary(_text(entry.summary), type="html")
        item.content(entry.content_html, type="html")
        for category in entry.categories:
            # RSS shows the label as element text, read as HTML; Atom keeps both as plain attributes.
            label = _text(category) if media_type == "application/rss+xml" else category
            item.category(term=category, label=label)
        for scheme, term in entry.schemed:
            label = _text(term) if media_type == "application/rss+xml" else term
            item.category(term=term, scheme=scheme, label=label)
    return generator


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
