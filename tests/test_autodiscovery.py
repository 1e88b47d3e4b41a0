"""Every built page names the site-wide status feed in its head; a service's pages name its own feed too."""

from __future__ import annotations

from pathlib import Path

import lxml.html

BASE = "https://intranet.larkspur.example/it/"


def feed_links(page: Path) -> list[tuple[str, str]]:
    document = lxml.html.parse(str(page)).getroot()
    return [
        (link.get("type", ""), link.get("href", ""))
        for link in document.xpath("//head/link")
        if "alternate" in link.get("rel", "").split() and "feed" in link.get("rel", "").split()
    ]


def test_every_page_names_the_status_feed_once(demo_site: Path) -> None:
    pages = sorted(demo_site.rglob("index.html"))
    assert len(pages) > 100
    for page in pages:
        links = feed_links(page)
        assert links.count(("application/rss+xml", BASE + "status/feed.xml")) == 1, page
        assert links.count(("application/atom+xml", BASE + "status/feed.atom")) == 1, page
        assert len(links) == len(set(links)), page


def test_service_and_newsletter_pages_add_their_own_feeds(demo_site: Path) -> None:
    service = feed_links(demo_site / "services/email/index.html")
    assert service[0] == ("application/rss+xml", BASE + "services/email/feed.xml")  # its own feed first
    assert ("application/rss+xml", BASE + "services/email/feed.xml") in service
    assert ("application/atom+xml", BASE + "services/email/feed.atom") in service
    for page in ("index.html", "report/index.html", "units/finance/index.html", "glossary/index.html"):
        assert len(feed_links(demo_site / page)) == 2, page  # the site-wide feed, in both formats
    assert ("application/atom+xml", BASE + "newsletter/feed.atom") in feed_links(demo_site / "newsletter/index.html")
