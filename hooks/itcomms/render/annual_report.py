"""The reports section (a first listing; the annual report issue builds the real reports)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import addresses
from ..assemble import Site
from .outputs import Output
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output]:
    yield templates.page("report.md.j2", addresses.REPORTS)
    for year, report in site.reports.items():
        yield templates.page("stub.md.j2", addresses.report(year), title=report.title or f"{year}", summary=None)
