"""The glossary: every term IT uses, in plain words, A to Z."""

from __future__ import annotations

from collections.abc import Iterator

from ..assemble import Site
from .outputs import Output
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output]:
    terms = sorted(site.glossary.terms, key=lambda term: term.term.casefold())
    yield templates.page("glossary.md.j2", "glossary/index.md", terms=terms)
