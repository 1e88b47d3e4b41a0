"""The business units section (a first listing; the business units issue builds unit pages and reviews)."""

from __future__ import annotations

from collections.abc import Iterator

from ..assemble import Site
from .outputs import Output
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output]:
    yield templates.page("units.md.j2", "units/index.md")
