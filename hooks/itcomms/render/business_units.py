"""The business units section (a first listing; the business units issue builds unit pages and reviews)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import addresses
from ..assemble import Site
from .outputs import Output
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output]:
    yield templates.page("units.md.j2", addresses.UNITS)
    for unit in site.units.values():
        yield templates.page("stub.md.j2", addresses.unit(unit.id), title=unit.name, summary=unit.description)
    for unit_id, quarter in sorted({*site.reviews, *site.tickets}):
        title = f"{site.units[unit_id].name}: {quarter}"
        yield templates.page("stub.md.j2", addresses.unit_review(unit_id, quarter), title=title, summary=None)
