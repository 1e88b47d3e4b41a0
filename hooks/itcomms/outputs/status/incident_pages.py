"""A page per incident at ``/status/incidents/<id>/``: what happened, its timeline, and what IT does about it.

The cause and what IT is doing so it does not happen again sit above the
timeline, never folded away; when they are not written yet the page says so.
The page tells the incident as known at the build's "now".
"""

from __future__ import annotations

from collections.abc import Iterator

from itcomms import addresses
from itcomms.figures.service_status import incident_now
from itcomms.outputs.site.search_words import page_search_words
from itcomms.outputs.status.status_feeds import service_feed, status_feed
from itcomms.outputs.status.status_view import page_context
from itcomms.rendering.feeds import autodiscovery_links
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site


def render(site: Site, templates: Templates) -> Iterator[Output]:
    for incident in site.incidents:
        path = addresses.incident(incident.id)
        feeds = autodiscovery_links(site, status_feed(site))
        for service_id in incident.services:
            feeds += autodiscovery_links(site, service_feed(site, service_id))
        yield templates.page(
            "incident.md.j2",
            path,
            **page_context(),
            feeds=feeds,
            known=incident_now(site, incident),
            search_words=page_search_words(site, incident.title, incident.summary, kind="Incident"),
        )
