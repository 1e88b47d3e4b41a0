"""Status feeds, RSS 2.0 and Atom: every service at ``/status/``, and one service at ``/services/<id>/``.

One item per thing subscribers should hear, each told once:

- each incident update, identified by the incident and the update's place in
  its timeline (``incident/<id>/update/<n>``);
- each maintenance window when it is announced (``maintenance/<id>/announced``,
  dated from its announcement, see ``service_status.announced_at``), each
  revision (``maintenance/<id>/revision/<n>``) and its cancellation
  (``maintenance/<id>/cancelled``).

Ids never depend on wording, so fixing a typo re-notifies nobody; an item
appears only once its moment has come at the build's "now". Each feed holds the
latest ``status.feed_items`` items, so it stays small however long the history.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .. import addresses
from ..assemble import Site
from ..models import Impact, Incident, Maintenance
from ..service_status import announced_at, announced_maintenance
from .feeds import Feed, FeedEntry, render_feed, tag_uri
from .outputs import Output
from .status_view import (
    IMPACT_LABELS,
    UPDATE_LABELS,
    maintenance_link,
    service_names,
    span_words,
    update_anchor,
)
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output]:
    items = sorted(_items(site, templates), key=lambda item: (item.entry.published, item.entry.id), reverse=True)
    yield from render_feed(site, status_feed(site, [item.entry for item in items]))
    for service in site.services.values():
        entries = [item.entry for item in items if service.id in item.services]
        yield from render_feed(site, service_feed(site, service.id, entries))


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
class _Item:
    entry: FeedEntry
    services: tuple[str, ...]


def _items(site: Site, templates: Templates) -> Iterator[_Item]:
    for incident in site.incidents:
        for number, update in enumerate(incident.updates, start=1):
            if update.at <= site.now:
                yield _update_item(site, templates, incident, number)
    for window in announced_maintenance(site):
        told = announced_at(site, window)
        yield _window_item(site, templates, window, "announced", "Planned maintenance", told, window.message)
        for number, revision in enumerate(window.revisions, start=1):
            if revision.at <= site.now:
                yield _window_item(
                    site, templates, window, f"revision/{number}", "Maintenance changed", revision.at, revision.message
                )
        if window.cancelled is not None and window.cancelled.at <= site.now:
            cancelled = window.cancelled
            yield _window_item(
                site, templates, window, "cancelled", "Maintenance cancelled", cancelled.at, cancelled.reason
            )


def _update_item(site: Site, templates: Templates, incident: Incident, number: int) -> _Item:
    update = incident.updates[number - 1]
    label = UPDATE_LABELS[update.state]
    link = site.options.absolute(addresses.url(addresses.incident(incident.id))) + f"#{update_anchor(number)}"
    html = templates.environment.get_template("status_feed_item.html.j2").render(
        label=label,
        at=update.at,
        message=update.message,
        services=service_names(site, incident.services),
        impact_label=IMPACT_LABELS[incident.impact],
        when=None,
        link=link,
        link_text="The whole incident",
    )
    entry = FeedEntry(
        id=tag_uri(site, _minted(incident), f"incident/{incident.id}/update/{number}"),
        title=f"{label}: {incident.title}",
        link=link,
        published=update.at,
        updated=update.at,
        summary=templates.markdown.plain(update.message),
        content_html=html,
        categories=_categories(site, incident.services, incident.impact),
    )
    return _Item(entry, tuple(incident.services))


def _window_item(
    site: Site, templates: Templates, window: Maintenance, what: str, label: str, at: datetime, message: str
) -> _Item:
    link = maintenance_link(site, window)
    when = span_words(site, window.start, window.end)
    html = templates.environment.get_template("status_feed_item.html.j2").render(
        label=label,
        at=at,
        message=message,
        services=service_names(site, window.services),
        impact_label=IMPACT_LABELS[window.impact],
        when=when,
        link=link,
        link_text="Planned maintenance on the status page",
    )
    entry = FeedEntry(
        id=tag_uri(site, _minted(window), f"maintenance/{window.id}/{what}"),
        title=f"{label}: {window.title}, {when}",
        link=link,
        published=at,
        updated=at,
        summary=templates.markdown.plain(message),
        content_html=html,
        categories=(*_categories(site, window.services, window.impact), "planned maintenance"),
    )
    return _Item(entry, tuple(window.services))


def _minted(item: Incident | Maintenance) -> date:
    """The day in an item's ids: the date its file name carries, so ids stay put when the text changes."""
    return item.identity.date or item.start.date()


def _categories(site: Site, service_ids: Sequence[str], impact: Impact) -> tuple[str, ...]:
    return (IMPACT_LABELS[impact].lower(), *(site.services[service_id].name for service_id in service_ids))
