"""A page per planned maintenance window at ``/status/maintenance/<id>/``, from its announcement on.

The status page lists a window while it is ahead and the history page of its
year once it is over, so an anchor on either would move (or vanish when the
window is moved to another year). Feeds, the calendar and ``status.json`` link
this page instead: its address carries only the window's id, so it keeps
existing whatever happens to the window's dates.
"""

from __future__ import annotations

from collections.abc import Iterator

from itcomms import addresses
from itcomms.figures.service_status import announced_maintenance, in_progress
from itcomms.outputs.status.status_feeds import service_feed, status_feed
from itcomms.outputs.status.status_view import maintenance_anchor, maintenance_page, page_context
from itcomms.rendering.feeds import autodiscovery_links
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site


def render(site: Site, templates: Templates) -> Iterator[Output]:
    for window in announced_maintenance(site):
        path = addresses.maintenance(window.id)
        feeds = autodiscovery_links(site, status_feed(site))
        for service_id in dict.fromkeys(window.services):
            feeds += autodiscovery_links(site, service_feed(site, service_id))
        yield templates.page(
            "maintenance.md.j2",
            path,
            **page_context(),
            feeds=feeds,
            window=window,
            running=in_progress(window, site.now),
            over=window.end <= site.now,
            # the Site holds only the revisions and cancellation made by now (publishing.py)
            revisions=window.revisions,
            cancelled=window.cancelled,
            listed_on=maintenance_page(site, window),
            listed_anchor=maintenance_anchor(window),
        )
