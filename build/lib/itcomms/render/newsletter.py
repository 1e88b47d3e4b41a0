"""The newsletter archive (a first listing; the newsletter issue builds issues, feed and email)."""

from __future__ import annotations

from collections.abc import Iterator

from ..assemble import Site
from .outputs import Output
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output]:
    published = [issue for issue in site.newsletters if not issue.draft]
    yield templates.page("newsletter.md.j2", "newsletter/index.md", issues=published)
