"""What the status outputs say about incidents and maintenance, judged at the build's "now".

An update posted after "now", or an end still to come, is not told yet: a build
with an earlier "now" tells the story as it stood then. The rules judged at "now" live in
``figures.service_status``; the words in ``words``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from itcomms import addresses
from itcomms.content.models import Impact, Incident, Maintenance, Service
from itcomms.figures.service_status import (
    ServiceStatus,
    announced_maintenance,
    elapsed,
    incident_now,
    started_incidents,
)
from itcomms.periods import months_after
from itcomms.service_states import ServiceState
from itcomms.site import Site
from itcomms.words import duration, month_words

HISTORY_MONTHS = 3
"""Months of history on the status page itself; older months live on the yearly history pages."""


def page_context() -> dict[str, Any]:
    """What every status template is given besides its own data: the anchors its entries link to."""
    return {"maintenance_anchor": maintenance_anchor, "update_anchor": update_anchor}


def site_host(site: Site) -> str:
    """The host the site is served from: it names the site in calendar UIDs and the status document."""
    return addresses.host(site.options.site_url)


def service_names(site: Site, service_ids: Iterable[str]) -> str:
    """Services by name, comma separated: Email, Teams."""
    return ", ".join(site.services[service_id].name for service_id in service_ids)


def update_anchor(number: int) -> str:
    """The anchor of an incident page's update, counted from 1."""
    return f"update-{number}"


def maintenance_anchor(window: Maintenance) -> str:
    return f"maintenance-{window.id}"


def recent_months(site: Site) -> list[tuple[int, int]]:
    """The months the status page itself shows, newest first, ending with the month of "now"."""
    first = site.local_now.date()
    return [(day.year, day.month) for day in (months_after(first, -back) for back in range(HISTORY_MONTHS))]


def maintenance_link(site: Site, window: Maintenance) -> str:
    """The absolute address of the window's own page, for feeds, the calendar and status.json: it never moves."""
    return site.options.absolute(addresses.url(addresses.maintenance(window.id)))


def maintenance_page(site: Site, window: Maintenance) -> str:
    """The page listing the window: the status page while it is ahead or recent, else its year's history."""
    start = window.start.astimezone(site.timezone)
    if window.end > site.now or (start.year, start.month) in recent_months(site):
        return addresses.STATUS
    return addresses.status_history(start.year)


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the history: an incident, or a planned window that is over."""

    kind: Literal["incident", "maintenance"]
    id: str
    title: str
    start: datetime
    end: datetime | None
    """None while an incident is ongoing."""
    impact: Impact
    services: tuple[str, ...]
    outcome: str
    """Ongoing, Resolved, Completed or Cancelled."""
    duration: str
    """In words; empty for a cancelled window."""
    page: str
    """Source path of the page telling the whole story (the incident's or the window's own page)."""
    anchor: str
    """The entry's id on the history page."""

    @property
    def is_marked(self) -> bool:
        """Ongoing or cancelled: the history marks these, and says the rest are over."""
        return self.outcome in ("Ongoing", "Cancelled")


def history(site: Site) -> list[HistoryEntry]:
    """Incidents started and windows over by "now", newest first."""
    entries = [_incident_entry(site, incident) for incident in started_incidents(site)]
    entries += [_window_entry(window) for window in announced_maintenance(site) if window.end <= site.now]
    return sorted(entries, key=lambda entry: (entry.start, entry.kind, entry.id), reverse=True)


def _incident_entry(site: Site, incident: Incident) -> HistoryEntry:
    known = incident_now(site, incident)
    return HistoryEntry(
        kind="incident",
        id=incident.id,
        title=incident.title,
        start=incident.start,
        end=known.end,
        impact=incident.impact,
        services=tuple(incident.services),
        outcome="Ongoing" if known.ongoing else "Resolved",
        duration=duration(known.duration),
        page=addresses.incident(incident.id),
        anchor=f"incident-{incident.id}",
    )


def _window_entry(window: Maintenance) -> HistoryEntry:
    cancelled = window.cancelled is not None
    return HistoryEntry(
        kind="maintenance",
        id=window.id,
        title=window.title,
        start=window.start,
        end=window.end,
        impact=window.impact,
        services=tuple(window.services),
        outcome="Cancelled" if cancelled else "Completed",
        duration="" if cancelled else duration(elapsed(window.start, window.end)),
        page=addresses.maintenance(window.id),
        anchor=maintenance_anchor(window),
    )


@dataclass(frozen=True)
class Month:
    """A month of history, newest entry first."""

    year: int
    month: int
    entries: tuple[HistoryEntry, ...]

    @property
    def title(self) -> str:
        return month_words(date(self.year, self.month, 1))


def history_services(site: Site, months: Iterable[Month]) -> list[Service]:
    """The services ``months`` tell of, in the catalogue's order: the history filter offers only these."""
    told = {service_id for month in months for entry in month.entries for service_id in entry.services}
    return [service for service in site.services.values() if service.id in told]


def by_month(site: Site, entries: Iterable[HistoryEntry], months: Sequence[tuple[int, int]]) -> list[Month]:
    """``entries`` grouped into ``months`` (in the order given), by their start in the site's timezone."""
    grouped: dict[tuple[int, int], list[HistoryEntry]] = {month: [] for month in months}
    for entry in entries:
        start = entry.start.astimezone(site.timezone)
        if (start.year, start.month) in grouped:
            grouped[(start.year, start.month)].append(entry)
    return [Month(year, month, tuple(grouped[(year, month)])) for year, month in months]


@dataclass(frozen=True)
class Overall:
    """The page's headline: the worst state of any service, in words."""

    state: ServiceState
    sentence: str


def overall(statuses: Mapping[str, ServiceStatus]) -> Overall:
    worst = max(
        (status.state for status in statuses.values()),
        key=lambda state: state.severity,
        default=ServiceState.OPERATIONAL,
    )
    sentences = {
        ServiceState.OPERATIONAL: "All services are working normally.",
        ServiceState.MAINTENANCE: "Planned maintenance is under way; everything else is working normally.",
        ServiceState.DEGRADED: "Some services have some problems: slower than usual or partly working.",
        ServiceState.DOWN: "Some services are not working.",
    }
    return Overall(worst, sentences[worst])
