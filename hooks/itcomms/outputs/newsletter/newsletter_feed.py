"""The newsletter feed: one entry per published issue, in RSS 2.0 and Atom, with ids that never change."""

from __future__ import annotations

from collections.abc import Sequence

from itcomms import addresses
from itcomms.figures.newsletter_contents import Issue, newsletter_name
from itcomms.rendering.feeds import Feed, FeedEntry, tag_uri
from itcomms.rendering.templating import Templates
from itcomms.site import Site

FEED_ISSUES = 50
"""How many of the latest issues the feed holds (four years of them)."""


def feed(site: Site, templates: Templates, issues: Sequence[Issue]) -> Feed:
    """The feed of the latest ``issues`` (given latest first), each entry dated the day its issue is dated."""
    content = templates.environment.get_template("newsletter_feed_entry.html.j2")
    entries = [
        FeedEntry(
            # Minted from the month alone: retitling or re-dating an issue never notifies readers again.
            id=tag_uri(site, issue.first_day, f"newsletter/{issue.month}"),
            title=issue.dated_title,
            link=issue.url,
            published=issue.published,
            updated=issue.published,
            summary=issue.summary,
            content_html=content.render(issue=issue),
        )
        for issue in issues[:FEED_ISSUES]
    ]
    return Feed(
        title=newsletter_name(site),
        description=(
            f"A short monthly update from {site.settings.name}: what we delivered, what went wrong and what is coming."
        ),
        page=addresses.NEWSLETTERS,
        rss_path=addresses.NEWSLETTER_FEED_RSS,
        atom_path=addresses.NEWSLETTER_FEED_ATOM,
        entries=entries,
        limit=FEED_ISSUES,
    )
