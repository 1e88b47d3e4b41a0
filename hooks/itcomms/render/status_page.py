"""The status section (a first listing; the status issue builds the real page, feeds and calendar)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import addresses
from ..assemble import Site
from .outputs import Output
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output]:
    yield templates.page("status.md.j2", addresses.STATUS)
    for incident in site.incidents:
        yield templates.page(
            "stub.md.j2", addresses.incident(incident.id), title=incident.title, summary=incident.summary
        )
