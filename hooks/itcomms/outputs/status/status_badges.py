"""Status badges for other intranet pages: ``status/badge.svg`` for every service, ``services/<id>/badge.svg`` for one.

A small image, like the build badges of code hosts: a name on the left, the
state on the right in its colour. Drawn from the same status as
``status.json`` (``status_live.display``), so a badge never disagrees with the
page it links to. Accessible as an image (``role="img"`` and a ``<title>``
naming service and state), with white text on colours of at least 4.5:1
contrast, and no font or anything else fetched: the reader's own sans-serif
font draws it. The status and service pages give the HTML to paste
(``badge_snippet.j2``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from itcomms import addresses
from itcomms.outputs.status.status_live import display
from itcomms.rendering.outputs import Artefact, Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site

HEIGHT = 20
FONT_SIZE = 11
PADDING = 6
COLOURS = {
    "label": "#454545",
    "operational": "#1a7336",
    "maintenance": "#0b5cad",
    "degraded": "#8a5300",
    "down": "#b3261e",
}
"""Each with white text at 4.5:1 contrast or more (WCAG AA)."""

# Approximate advance widths at 11 px of a common sans-serif, so the boxes fit their words without any font file.
_NARROW = set("fijlrtI.,:;'!| ()")
_WIDE = set("mwMW@%")


@dataclass(frozen=True)
class Badge:
    name: str
    state: str
    label: str
    """The state in words."""

    @property
    def title(self) -> str:
        return f"{self.name}: {self.label}"


def badges(site: Site) -> dict[str, Badge]:
    """Every badge by its path; its ``title`` is also the text alternative of the ``<img>`` the pages offer."""
    now = display(site)
    found = {addresses.STATUS_BADGE: Badge(site.settings.name, now.overall_state, now.overall_label)}
    for service_id, shown in now.services.items():
        found[addresses.service_badge(service_id)] = Badge(site.services[service_id].name, shown.state, shown.label)
    return found


def render(site: Site, templates: Templates) -> Iterator[Output]:
    template = templates.environment.get_template("status_badge.svg.j2")
    for path, badge in badges(site).items():
        left, right = text_width(badge.name) + 2 * PADDING, text_width(badge.label) + 2 * PADDING
        svg = template.render(
            badge=badge,
            left=left,
            right=right,
            height=HEIGHT,
            font_size=FONT_SIZE,
            colours=COLOURS,
            id=path.replace("/", "-").removesuffix(".svg"),
        )
        yield Artefact(path, svg.encode("utf-8"))


def text_width(text: str) -> int:
    """Roughly how wide ``text`` is at ``FONT_SIZE``, rounded up: never so narrow that words overflow their box."""
    width = 0.0
    for character in text:
        if character in _NARROW:
            width += 3.6
        elif character in _WIDE:
            width += 9.6
        elif character.isupper() or character.isdigit():
            width += 7.4
        else:
            width += 6.4
    return int(width) + 1
