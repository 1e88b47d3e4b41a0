"""``/status/maintenance.ics``: planned maintenance as an iCalendar people subscribe to in Outlook.

One event per announced window, with a UID that never changes. Each revision
raises ``SEQUENCE``; a cancelled window stays in the file as
``STATUS:CANCELLED`` with a higher ``SEQUENCE``, so subscribed calendars remove
it. Times carry the site's timezone (a ``VTIMEZONE`` is included). Events are
marked free time, so they never block anyone's diary. Windows that ended more
than a year before "now" are left out, so the file stays small.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, timedelta

from icalendar import Calendar, Event

from itcomms import addresses
from itcomms.content.models import Maintenance
from itcomms.figures.service_status import announced_at, announced_maintenance
from itcomms.outputs.status.status_view import maintenance_link, service_names, site_host
from itcomms.rendering.outputs import Artefact, Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site
from itcomms.words import IMPACT_MEANINGS, IMPACTS, moment_words

KEEP_PAST = timedelta(days=365)


def render(site: Site, templates: Templates) -> Iterator[Output]:
    calendar = Calendar()
    calendar.add("prodid", f"-//{site.settings.name}//Planned maintenance//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{site.settings.name} planned maintenance")
    calendar.add("x-wr-timezone", site.settings.timezone)
    calendar.add("x-wr-caldesc", f"Planned maintenance announced by {site.settings.name}.")
    # Subscribed calendars check back every hour.
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    windows = sorted(
        (window for window in announced_maintenance(site) if window.end > site.now - KEEP_PAST),
        key=lambda window: (window.start, window.id),
    )
    for window in windows:
        calendar.add_component(_event(site, templates, window))
    if windows:
        # Only the years the events need, rather than every transition since 1970.
        calendar.add_missing_timezones(
            first_date=windows[0].start.date() - timedelta(days=366),
            last_date=windows[-1].end.date() + timedelta(days=366),
        )
    yield Artefact(addresses.MAINTENANCE_CALENDAR, calendar.to_ical())


def _event(site: Site, templates: Templates, window: Maintenance) -> Event:
    told = announced_at(site, window)
    # The Site holds only the revisions and cancellation made by now (publishing.py).
    changes = [revision.at for revision in window.revisions]
    cancelled = window.cancelled is not None
    if window.cancelled is not None:
        changes.append(window.cancelled.at)
    link = maintenance_link(site, window)
    event = Event()
    event.add("uid", f"maintenance-{window.id}@{site_host(site)}")
    event.add("sequence", len(changes))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("summary", f"Cancelled: {window.title}" if cancelled else window.title)
    event.add("dtstart", window.start.astimezone(site.timezone))
    event.add("dtend", window.end.astimezone(site.timezone))
    # From content, never the clock: the same content gives the same file (these three are in UTC by the standard).
    modified = max([told, *changes]).astimezone(UTC)
    event.add("dtstamp", modified)
    event.add("created", told.astimezone(UTC))
    event.add("last-modified", modified)
    event.add("description", _description(site, templates, window, cancelled, link))
    event.add("url", link)
    event.add("categories", ["Planned maintenance", *(site.services[service].name for service in window.services)])
    event.add("transp", "TRANSPARENT")
    return event


def _description(site: Site, templates: Templates, window: Maintenance, cancelled: bool, link: str) -> str:
    """Plain text: calendars show descriptions as they are."""
    parts = []
    if cancelled and window.cancelled is not None:
        parts.append(f"CANCELLED: {templates.markdown.plain(window.cancelled.reason)}")
    parts.append(templates.markdown.plain(window.message))
    parts.append(f"Services: {service_names(site, window.services)}")
    parts.append(f"Expected impact: {IMPACTS[window.impact]} ({IMPACT_MEANINGS[window.impact]})")
    parts += [
        f"Changed {moment_words(revision.at, site.timezone)}: {templates.markdown.plain(revision.message)}"
        for revision in window.revisions
    ]
    parts.append(f"Details: {link}")
    return "\n\n".join(parts)
