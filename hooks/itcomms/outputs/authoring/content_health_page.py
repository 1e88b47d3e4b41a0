"""The content health page at /authoring/health/: what the content is missing, for the editors."""

from __future__ import annotations

from collections.abc import Iterator

from itcomms import addresses
from itcomms.figures.content_health import content_health
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site

INCIDENTS_SHOWN = 25
"""Closed incidents with gaps listed on the page, newest first: the history grows, the page must not."""


def render(site: Site, templates: Templates) -> Iterator[Output]:
    health = content_health(site)
    gaps = [item for item in health.incidents.items if item.missing]
    yield templates.page(
        "content_health.md.j2",
        addresses.CONTENT_HEALTH,
        health=health,
        incident_gaps=gaps[:INCIDENTS_SHOWN],
        older_incident_gaps=max(0, len(gaps) - INCIDENTS_SHOWN),
    )
