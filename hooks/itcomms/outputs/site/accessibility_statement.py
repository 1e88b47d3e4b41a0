"""The accessibility statement: the standard the site meets, how it is checked, and how to report a barrier.

Public sector sites publish one; an intranet owes its staff the same. The
footer links to it from every page (``docs/overrides/partials/copyright.html``).
"""

from __future__ import annotations

from collections.abc import Iterator

from itcomms import addresses
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site


def render(site: Site, templates: Templates) -> Iterator[Output]:
    yield templates.page("accessibility.md.j2", addresses.ACCESSIBILITY)
