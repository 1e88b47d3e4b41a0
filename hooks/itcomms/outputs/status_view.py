"""What the status outputs say about incidents and maintenance, judged at the build's "now".

An update posted after "now", or an end still to come, is not told yet: a build
with an earlier "now" tells the story as it stood then. The words for states
and impacts live here so every page, the banner and the feeds use the same.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any, Literal
from urllib.parse import urlsplit

from markupsafe import Markup

from itcomms import addresses
from itcomms.content.models import Impact, Incident, IncidentUpdate, Maintenance, UpdateState
from itcomms.figures.service_status import ServiceState, announced_maintenance, elapsed, is_open
from itcomms.rendering.templating import day_words, href, moment_words
from itcomms.site import Site

HISTORY_MONTHS = 3
"""Months of history on the status page itself; older months live on the yearly history pages."""

STATE_LABELS = {
    ServiceState.OPERATIONAL: "Operational",
    ServiceState.MAINTENANCE: "Under maintenance",
    ServiceState.DEGRADED: "Degraded",
    ServiceState.DOWN: "Down",
}
IMPACT_LABELS = {
    Impact.NONE: "No impact",
    Impact.MINOR: "Minor impact",
    Impact.MAJOR: "Major impact",
    Impact.CRITICAL: "Critical impact",
}
IMPACT_MEANINGS = {
    Impact.NONE: "work could carry on as normal",
    Impact.MINOR: "slower or partly working",
    Impact.MAJOR: "down for many people",
    Impact.CRITICAL: "down for everyone",
}
UPDATE_LABELS = {
    UpdateState.INVESTIGATING: "Investigating",
    UpdateState.IDENTIFIED: "Cause found",
    UpdateState.MONITORING: "Monitoring the fix",
    UpdateState.RESOLVED: "Resolved",
}


WORDS = {"state": STATE_LABELS, "impact": IMPACT_LABELS, "meaning": IMPACT_MEANINGS, "step": UPDATE_LABELS}


def page_context(site: Site, path: str) -> dict[str, Any]:
    """What every status template is given besides its own data: the words, and helpers bound to the page."""
    return {
        "words": WORDS,
        "span": partial(span_words, site),
        "duration": duration_words,
        "url_to": partial(url_to, path),
        "maintenance_anchor": maintenance_anchor,
        "update_anchor": update_anchor,
    }


def url_to(from_path: str, to_path: str) -> Markup:
    """A relative link from one page to another for raw HTML, where MkDocs does not turn ``.md`` links into addresses."""
    source, target = addresses.url(from_path), addresses.url(to_path)
    relative = posixpath.relpath(target or ".", source or ".")
    return href(relative + "/" if target.endswith("/") or not target else relative)


def span_words(site: Site, start: datetime, end: datetime) -> str:
    """A stretch of time in the site's timezone: 28 November 2026, 20:00 to 23:00 GMT."""
    first, last = start.astimezone(site.timezone), end.astimezone(site.timezone)
    if first.date() == last.date() and first.tzname() == last.tzname():
        return f"{day_words(first, site.timezone)}, {first:%H:%M} to {last:%H:%M} {last.tzname()}"
    return f"{moment_words(first, site.timezone)} to {moment_words(last, site.timezone)}"


def site_host(site: Site) -> str:
    """The host the site is served from: it names the site in calendar UIDs and the status document."""
    return urlsplit(site.options.site_url).hostname or "localhost"


def service_names(site: Site, service_ids: Iterable[str]) -> str:
    """Services by name, comma separated: Email, Teams."""
    return ", ".join(site.services[service_id].name for service_id in service_ids)


def duration_words(span: timedelta) -> str:
    """A length of time in words: 45 minutes, 3 hours 20 minutes, 2 days 4 hours."""
    minutes = max(round(span.total_seconds() / 60), 0)
    if minutes == 0:
        return "under a minute"
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [_count(days, "day"), _count(hours, "hour")]
    if not days:
        parts.append(_count(minutes, "minute"))
    return " ".join(part for part in parts if part)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}" if number else ""


@dataclass(frozen=True)
class IncidentNow:
    """An incident as known at "now": the updates posted so far, and its end once it came."""

    incident: Incident
    updates: tuple[IncidentUpdate, ...]
    """Posted by "now", oldest first."""
    end: datetime | None
    """None while it is ongoing at "now"."""
    duration: timedelta
    """Start to end, or to "now" while it is ongoing."""

    @property
    def ongoing(self) -> bool:
        return self.end is None

    @property
    def latest(self) -> IncidentUpdate | None:
        return self.updates[-1] if self.updates else None


def incident_now(site: Site, incident: Incident) -> IncidentNow:
    now = site.now
    end = incident.end if incident.end is not None and incident.end <= now else None
    updates = tuple(update for update in incident.updates if update.at <= now)
    return IncidentNow(incident, updates, end, max(elapsed(incident.start, end or now), timedelta()))


def started_incidents(site: Site) -> tuple[Incident, ...]:
    """Incidents that had started by "now", newest first."""
    return tuple(incident for incident in site.incidents if incident.start <= site.now)


def impact_rank(impact: Impact) -> int:
    """0 for none up to 3 for critical."""
    return list(Impact).index(impact)


def open_incidents(site: Site) -> list[Incident]:
    """Incidents open at "now", worst impact first, then the longest running."""
    found = [incident for incident in started_incidents(site) if is_open(incident, site.now)]
    return sorted(found, key=lambda incident: (-impact_rank(incident.impact), incident.start))


def update_anchor(number: int) -> str:
    """The anchor of an incident page's update, counted from 1."""
    return f"update-{number}"


def maintenance_anchor(window: Maintenance) -> str:
    return f"maintenance-{window.id}"


def recent_months(site: Site) -> list[tuple[int, int]]:
    """The months the status page itself shows, newest first, ending with the month of "now"."""
    year, month = site.local_now.year, site.local_now.month
    months = []
    for _ in range(HISTORY_MONTHS):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


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
        duration=duration_words(known.duration),
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
        duration="" if cancelled else duration_words(elapsed(window.start, window.end)),
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
        return f"{date(self.year, self.month, 1):%B %Y}"


def by_month(site: Site, entries: Iterable[HistoryEntry], months: Sequence[tuple[int, int]]) -> list[Month]:
    """``entries`` grouped into ``months`` (in the order given), by their start in the site's timezone."""
    grouped: dict[tuple[int, int], list[HistoryEntry]] = {month: [] for month in months}
    for entry in entries:
        start = entry.start.astimezone(site.timezone)
        if (start.year, start.month) in grouped:
            grouped[(start.year, start.month)].append(entry)
    return [Month(year, month, tuple(grouped[(year, month)])) for year, month in months]
