"""The service catalogue: the index of cards with its filters, a page per service, and the brochure."""

from __future__ import annotations

from collections.abc import Iterator

from itcomms import addresses
from itcomms.content.models import Service
from itcomms.figures.service_facts import by_category, retired, service_facts
from itcomms.outputs import service_brochure
from itcomms.outputs.status_feeds import service_feed
from itcomms.rendering.feeds import autodiscovery_links
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site


def render(site: Site, templates: Templates) -> Iterator[Output]:
    facts = service_facts(site)
    groups = by_category(site, facts)
    yield templates.page(
        "services.md.j2",
        addresses.SERVICES,
        groups=groups,
        offered=sum(len(cards) for _, cards in groups),
        retired=retired(facts),
    )
    for fact in facts.values():
        yield templates.page(
            "service.md.j2", addresses.service(fact.service.id), facts=fact, feeds=_feeds(site, fact.service)
        )
    yield service_brochure.page(site, templates, facts)


def _feeds(site: Site, service: Service) -> list[dict[str, str]]:
    """The service's own status feeds, for autodiscovery in the page's head and to copy from the page.

    Absolute addresses: they are what a subscriber pastes into a feed reader.
    """
    return autodiscovery_links(site, service_feed(site, service.id))
