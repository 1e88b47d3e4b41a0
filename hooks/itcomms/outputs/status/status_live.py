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

from itcomms import addresses
from itcomms.figures.service_status import current_status
from itcomms.outputs.status.status_banner import live_html
from itcomms.outputs.status.status_view import overall
from itcomms.site import Site
from itcomms.words import STATES, moment_words


class _Model(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True, frozen=True)


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
    banner_html: str
    """The banner as every page shows it, from its one template, with links from the site's root; empty when
    all is well: then no banner is shown."""
    status_url: str
    """The status page, relative to the site's root."""


def theme_context(site: Site) -> Mapping[str, Any]:
    """``status_as_of``: when the pages' status was true, in each page's head for the script to compare with."""
    return {"status_as_of": site.local_now.isoformat()}


def display(site: Site) -> PageDisplay:
    statuses = current_status(site)
    headline = overall(statuses)
    return PageDisplay(
        as_of=moment_words(site.now, site.timezone),
        overall_state=headline.state.value,
        overall_label=STATES[headline.state],
        overall_sentence=headline.sentence,
        services={
            service_id: ServiceDisplay(state=status.state.value, label=STATES[status.state])
            for service_id, status in statuses.items()
        },
        banner_html=live_html(site),
        status_url=addresses.url(addresses.STATUS),
    )
