"""The status banner on every page: what is wrong or planned, which services, since when, and a link.

A theme partial, ``partials/status-banner.html``, made from the data
(``templates/status_banner.html.j2``): ``docs/overrides/main.html`` includes it
in Material's announce block (printable pages leave that block empty). The
MkDocs hook serves it from memory; other engines find it in the generated
source tree.
It shows while an incident makes a service down or degraded, while planned
maintenance is in progress, and during the ``status.banner_days`` (7) days
before a window starts. When all is well there is no banner at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from markupsafe import Markup, escape

from itcomms import addresses
from itcomms.figures.service_status import (
    in_progress,
    open_incidents,
    state_of_impact,
    upcoming_maintenance,
)
from itcomms.outputs.status.status_view import maintenance_anchor, service_names
from itcomms.rendering.templating import TEMPLATE_DIRS, environment
from itcomms.service_states import ServiceState
from itcomms.site import Site
from itcomms.words import STATES, moment_words, span_words

MAX_ITEMS = 4
"""More than this and the banner sends people to the status page for the rest."""

PARTIAL = "partials/status-banner.html"


@dataclass(frozen=True)
class BannerItem:
    kind: str
    """down, degraded, maintenance or planned: also the style it is drawn in."""
    label: str
    title: str
    services: str
    when: str
    url: str
    """Address relative to the site root, for the theme's ``url`` filter."""
    anchor: str = ""


@dataclass(frozen=True)
class Banner:
    items: tuple[BannerItem, ...]
    more: int
    """Items left out; the status page lists them."""
    as_of: str
    status_url: str


def context(site: Site) -> Mapping[str, Any]:
    """``status_banner``: the banner, or None when all is well."""
    items = _items(site)
    if not items:
        return {"status_banner": None}
    banner = Banner(
        items=tuple(items[:MAX_ITEMS]),
        more=max(len(items) - MAX_ITEMS, 0),
        as_of=moment_words(site.now, site.timezone),
        status_url=addresses.url(addresses.STATUS),
    )
    return {"status_banner": banner}


def partials(site: Site) -> Mapping[str, str]:
    """The banner as the theme partial ``partials/status-banner.html``: empty when all is well."""
    return {PARTIAL: _render(site, _engine_url)}


def live_html(site: Site) -> str:
    """The same banner for ``status.json``, its links addresses from the site's root; empty when all is well."""
    return _render(site, escape)


def _render(site: Site, address: Callable[[str], Markup]) -> str:
    templates = environment(TEMPLATE_DIRS, "theme", site.options.cache_dir)
    templates.filters["address"] = address
    return templates.get_template("status_banner.html.j2").render(banner=context(site)["status_banner"])


def _engine_url(address: str) -> Markup:
    """The engine's own ``url`` filter applied to a site address, so the link is relative to each page.

    Site addresses are made by ``addresses`` from slugs: a JSON string is a Jinja string literal for them.
    """
    return Markup("{{ " + json.dumps(address) + " | url }}")


def _items(site: Site) -> list[BannerItem]:
    items = []
    for incident in open_incidents(site):
        state = state_of_impact(incident.impact)
        if state is ServiceState.OPERATIONAL:
            continue  # told on the status page, but nothing to warn about
        items.append(
            BannerItem(
                kind=state.value,
                label=STATES[state],
                title=incident.title,
                services=service_names(site, incident.services),
                when=f"since {moment_words(incident.start, site.timezone)}",
                url=addresses.url(addresses.incident(incident.id)),
            )
        )
    horizon = site.now + timedelta(days=site.settings.status.banner_days)
    for window in upcoming_maintenance(site):
        if window.cancelled is not None or window.start > horizon:
            continue
        running = in_progress(window, site.now)
        items.append(
            BannerItem(
                kind="maintenance" if running else "planned",
                label=STATES[ServiceState.MAINTENANCE] if running else "Planned maintenance",
                title=window.title,
                services=service_names(site, window.services),
                when=(
                    f"until {moment_words(window.end, site.timezone)}"
                    if running
                    else span_words(window.start, window.end, site.timezone)
                ),
                url=addresses.url(addresses.STATUS),
                anchor=maintenance_anchor(window),
            )
        )
    return items
