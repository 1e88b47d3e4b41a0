"""The service catalogue: the index of cards with its filters, a page per service, and the brochure."""

from __future__ import annotations

from collections.abc import Iterator

from itcomms import addresses
from itcomms.figures.service_facts import by_category, retired, service_facts
from itcomms.outputs.catalogue import service_brochure
from itcomms.outputs.site.search_words import service_search_words, site_page_search
from itcomms.outputs.status import status_badges
from itcomms.outputs.status.status_feeds import service_feed
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
        search_words={service_id: service_search_words(site, fact.service) for service_id, fact in facts.items()},
        **site_page_search("services"),
    )
    titles = {path: badge.title for path, badge in status_badges.badges(site).items()}
    for fact in facts.values():
        yield templates.page(
            "service.md.j2",
            addresses.service(fact.service.id),
            facts=fact,
            badge_title=titles.get(addresses.service_badge(fact.service.id), fact.service.name),
            feeds=autodiscovery_links(site, service_feed(site, fact.service.id)),
            search_words=service_search_words(site, fact.service),
        )
    yield from service_brochure.pages(site, templates, facts)
