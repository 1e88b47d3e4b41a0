"""The service catalogue (a first listing; the catalogue issue builds cards, pages and the brochure)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import addresses
from ..assemble import Site
from .outputs import Output
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output]:
    yield templates.page("services.md.j2", addresses.SERVICES)
    yield templates.page("stub.md.j2", addresses.BROCHURE, title="Service brochure", summary=None)
    for service in site.services.values():
        yield templates.page("stub.md.j2", addresses.service(service.id), title=service.name, summary=service.summary)
