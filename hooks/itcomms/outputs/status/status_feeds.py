"""Status feeds, RSS 2.0 and Atom: every service at ``/status/``, and one service at ``/services/<id>/``.

One item per thing subscribers should hear, each told once:

- each incident update, identified by the incident and the update's place in
  its timeline (``incident/<id>/update/<n>``);
- each maintenance window when it is announced (``maintenance/<id>/announced``,
  dated from its announcement, see ``service_status.announced_at``), each
  revision (``maintenance/<id>/revision/<n>``) and its cancellation
  (``maintenance/<id>/cancelled``).

Ids never depend on wording or on dates, so fixing a typo, moving a window or
correcting an incident's start re-notifies nobody (``notify`` relies on it); an item
appears only once its moment has come at the build's "now". Each feed holds the
latest ``status.feed_items`` items, so it stays small however long the history.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from itcomms import addresses
from itcomms.content.models import Incident, Maintenance
from itcomms.figures.service_status import announced_at, announced_maintenance
from itcomms.outputs.status.status_view import (
    maintenance_link,
    service_names,
    update_anchor,
)
from itcomms.rendering.feeds import Feed, FeedEntry, autodiscovery_links, category_scheme, render_feed, tag_uri
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site
from itcomms.words import IMPACTS, STEPS, span_words

ID_DAY = date(2025, 1, 1)
"""The day in every status id (RFC 4151 wants one): the same for all, since an item's own dates can be corrected."""


def render(site: Site, templates: Templates) -> Iterator[Output]:
    limit = site.settings.status.feed_items
    events = sorted(_events(site), key=lambda event: (event.at, event.id), reverse=True)
    by_service: dict[str, list[_Event]] = {}
    for event in events:
        for service_id in event.services:
            by_service.setdefault(service_id, []).append(event)
    written: dict[str, FeedEntry] = {}

    def entries(chosen: list[_Event]) -> list[FeedEntry]:
        """Only what a feed publishes is written out, and each item once, however many feeds carry it."""
        for event in chosen[:limit]:
            if event.id not in written:
                written[event.id] = _entry(site, templates, event)
        return [written[event.id] for event in chosen[:limit]]

    yield from render_feed(site, status_feed(site, entries(events)), templates.feeds)
    for service_id in site.services:
        yield from render_feed(
            site, service_feed(site, service_id, entries(by_service.get(service_id, []))), templates.feeds
        )


def theme_context(site: Site) -> Mapping[str, Any]:
    """``status_feeds``: the site-wide feed's autodiscovery links, which ``main.html`` puts in every page's head."""
    return {"status_feeds": autodiscovery_links(site, status_feed(site))}


def status_feed(site: Site, entries: Sequence[FeedEntry] = ()) -> Feed:
    """The feed of every service (``entries`` may be left out where only its addresses matter)."""
    return Feed(
        title=f"{site.settings.name} service status",
        description=f"Every incident update and planned maintenance from {site.settings.name}.",
        page=addresses.STATUS,
        rss_path=addresses.STATUS_FEED_RSS,
        atom_path=addresses.STATUS_FEED_ATOM,
        entries=entries,
        limit=site.settings.status.feed_items,
    )


def service_feed(site: Site, service_id: str, entries: Sequence[FeedEntry] = ()) -> Feed:
    """The feed of one service; its page links it with ``feeds.autodiscovery_links(site, service_feed(...))``."""
    name = site.services[service_id].name
    return Feed(
        title=f"{site.settings.name} status: {name}",
        description=f"Incident updates and planned maintenance for {name}.",
        page=addresses.service(service_id),
        rss_path=addresses.service_feed_rss(service_id),
        atom_path=addresses.service_feed_atom(service_id),
        entries=entries,
        limit=site.settings.status.feed_items,
    )


@dataclass(frozen=True)
class _Event:
    """Something subscribers are told, known well enough to sort and choose before it is written out."""

    id: str
    at: datetime
    services: tuple[str, ...]
    item: Incident | Maintenance
    label: str
    message: str
    anchor: str = ""
    """An incident update's place on the incident page."""


def _events(site: Site) -> Iterator[_Event]:
    for incident in site.incidents:
        incident_id, services = incident.id, tuple(dict.fromkeys(incident.services))
        for number, update in enumerate(incident.updates, start=1):  # those posted by now (see publishing.py)
            uri = tag_uri(site, ID_DAY, f"incident/{incident_id}/update/{number}")
            label = STEPS[update.state]
            yield _Event(uri, update.at, services, incident, label, update.message, update_anchor(number))
    for window in announced_maintenance(site):
        window_id, services = window.id, tuple(dict.fromkeys(window.services))
        told = [("announced", "Planned maintenance", announced_at(site, window), window.message)]
        told += [
            (f"revision/{number}", "Maintenance changed", revision.at, revision.message)
            for number, revision in enumerate(window.revisions, start=1)
        ]
        if window.cancelled is not None:
            told.append(("cancelled", "Maintenance cancelled", window.cancelled.at, window.cancelled.reason))
        # Announced by now, and the Site holds only the revisions and cancellation made by now (publishing.py).
        for what, label, at, message in told:
            uri = tag_uri(site, ID_DAY, f"maintenance/{window_id}/{what}")
            yield _Event(uri, at, services, window, label, message)


def _entry(site: Site, templates: Templates, event: _Event) -> FeedEntry:
    item = event.item
    categories = [IMPACTS[item.impact].lower()]
    # Services and the state under their own schemes: readers show them as tags, notify reads them back.
    schemed = [(category_scheme(site, "state"), event.label)]
    schemed += [(category_scheme(site, "service"), site.services[service].name) for service in event.services]
    if isinstance(item, Incident):
        link = site.options.absolute(addresses.url(addresses.incident(item.id))) + f"#{event.anchor}"
        title, when, link_text = f"{event.label}: {item.title}", None, "The whole incident"
    else:
        link, when = maintenance_link(site, item), span_words(item.start, item.end, site.timezone)
        title, link_text = f"{event.label}: {item.title}, {when}", "The planned maintenance"
        categories.append("planned maintenance")
    html = templates.environment.get_template("status_feed_item.html.j2").render(
        label=event.label,
        at=event.at,
        message=event.message,
        services=service_names(site, item.services),
        impact_label=IMPACTS[item.impact],
        when=when,
        link=link,
        link_text=link_text,
    )
    return FeedEntry(
        id=event.id,
        title=title,
        link=link,
        published=event.at,
        updated=event.at,
        # Links keep their address after their words: a reader (and every notification) loses none.
        summary=templates.markdown.plain(event.message, base_url=link),
        content_html=html,
        categories=tuple(categories),
        schemed=tuple(schemed),
    )
