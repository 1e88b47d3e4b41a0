"""What the site's pages say about the status now, in their own words: for open pages to catch up, and for badges.

``status.json`` carries it under ``display`` (not part of Statuspage's format;
tools written for that format ignore it). ``docs/javascripts/status-live.js``
re-reads the document every minute and redraws the banner, each service's
state and the "as of" time from it, so a page left open shows what the latest
build says; the badges (``status_badges``) draw the same states.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from itcomms.figures.service_status import current_status
from itcomms.outputs.status_banner import context as banner_context
from itcomms.outputs.status_view import overall
from itcomms.site import Site
from itcomms.words import STATES, moment_words


class _Model(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True, frozen=True)


class BannerLine(_Model):
    """One line of the banner, as ``partials/status-banner.html`` draws it."""

    kind: str
    """down, degraded, maintenance or planned."""
    label: str
    title: str
    services: str
    when: str
    url: str
    """Relative to the site's root."""
    anchor: str


class ServiceDisplay(_Model):
    """One service's state."""

    state: str
    """operational, maintenance, degraded or down."""
    label: str
    """The state in words (``words.STATES``): Working normally, Under maintenance, Some problems, Not working."""


class PageDisplay(_Model):
    """Not in Statuspage's format: what the site's pages show, in their words, so an open page can catch up."""

    as_of: str
    """The build's "now" in words: 24 November 2026, 12:00 GMT."""
    overall_state: str
    overall_label: str
    overall_sentence: str
    services: dict[str, ServiceDisplay]
    """By service id."""
    banner: list[BannerLine]
    """Empty when all is well: then no banner is shown."""
    banner_more: int
    """Lines left out of the banner; the status page lists them."""
    status_url: str
    """The status page, relative to the site's root."""


def theme_context(site: Site) -> Mapping[str, Any]:
    """``status_as_of``: when the pages' status was true, in each page's head for the script to compare with."""
    return {"status_as_of": site.local_now.isoformat()}


def display(site: Site) -> PageDisplay:
    statuses = current_status(site)
    headline = overall(statuses)
    banner = banner_context(site)["status_banner"]
    return PageDisplay(
        as_of=moment_words(site.now, site.timezone),
        overall_state=headline.state.value,
        overall_label=STATES[headline.state],
        overall_sentence=headline.sentence,
        services={
            service_id: ServiceDisplay(state=status.state.value, label=STATES[status.state])
            for service_id, status in statuses.items()
        },
        banner=[BannerLine(**vars(item)) for item in banner.items] if banner else [],
        banner_more=banner.more if banner else 0,
        status_url=banner.status_url if banner else "status/",
    )
