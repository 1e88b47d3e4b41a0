"""The glossary: every term IT uses, in plain words, A to Z, each with an anchor to link to."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from itcomms import addresses
from itcomms.content.models import GlossaryTerm
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site


@dataclass(frozen=True)
class _Entry:
    term: GlossaryTerm
    anchor: str
    """Like term-wi-fi, so a page can link straight to a definition."""


def render(site: Site, templates: Templates) -> Iterator[Output]:
    entries: list[_Entry] = []
    for term in sorted(site.glossary.terms, key=lambda term: term.term.casefold()):
        anchor = "term-" + (re.sub(r"[^a-z0-9]+", "-", term.term.lower()).strip("-") or "x")
        while any(entry.anchor == anchor for entry in entries):
            anchor += "-"
        entries.append(_Entry(term, anchor))
    yield templates.page("glossary.md.j2", addresses.GLOSSARY, entries=entries)
