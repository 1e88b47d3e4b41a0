"""The newsletter archive (a first listing; the newsletter issue builds issues, feed and email)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import addresses
from ..assemble import Site
from .outputs import Output
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output]:
    published = [issue for issue in site.newsletters if not issue.draft or site.options.drafts]
    yield templates.page("newsletter.md.j2", addresses.NEWSLETTERS, issues=published)
    for issue in published:
        yield templates.page("stub.md.j2", addresses.newsletter(issue.id), title=issue.title or issue.id, summary=None)
