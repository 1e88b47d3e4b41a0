"""The home page: what IT is, what is new, where to go next."""

from __future__ import annotations

from collections.abc import Iterator

from ..assemble import Site
from .outputs import Output
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output]:
    highlights = [item for item in site.accomplishments if item.highlight][:3]
    latest = next((issue for issue in site.newsletters if not issue.draft), None)
    yield templates.page("home.md.j2", "index.md", highlights=highlights, latest_newsletter=latest)
