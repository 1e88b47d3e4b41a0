"""The service catalogue (a first listing; the catalogue issue builds cards, pages and the brochure)."""

from __future__ import annotations

from collections.abc import Iterator

from ..assemble import Site
from .outputs import Output
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output]:
    yield templates.page("services.md.j2", "services/index.md")
