"""The newsletter: the archive, a page per issue, the feed, and each issue's email (see newsletter_email.py)."""

from __future__ import annotations

from collections.abc import Iterator

from itcomms import addresses
from itcomms.figures.newsletter_contents import gather, newsletter_name
from itcomms.outputs.newsletter import newsletter_email, newsletter_feed
from itcomms.outputs.site.search_words import site_page_search
from itcomms.problems import Problem
from itcomms.rendering.feeds import autodiscovery_links, render_feed
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site


def render(site: Site, templates: Templates) -> Iterator[Output | Problem]:
    issues = gather(site, templates.markdown)
    feed = newsletter_feed.feed(site, templates, issues)
    feeds = autodiscovery_links(site, feed)
    yield templates.page(
        "newsletter.md.j2",
        addresses.NEWSLETTERS,
        name=newsletter_name(site),
        description=feed.description,
        issues=issues,
        feeds=feeds,
        **site_page_search("newsletter"),
    )
    yield from render_feed(site, feed, templates.feeds)
    emails = newsletter_email.EmailWriter(site, templates)
    for issue in issues:
        yield templates.page(
            "newsletter_issue.md.j2",
            addresses.newsletter(issue.month),
            issue=issue,
            feeds=feeds,
        )
        yield from emails.render(issue)
