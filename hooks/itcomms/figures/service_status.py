"""How each service is doing at the build's "now", and how available it has been.

The rules, in words (the status page shows them to readers):

- A service is **down** while an open incident of major or critical impact
  affects it, **degraded** while an open incident of minor impact does, and
  **under maintenance** while a planned window on it is in progress. The
  worst of these wins; otherwise it is **operational**. An incident of impact
  "none" is told but does not change the state.
- **Availability** over a period is the share of time the service was not
  down: time down counts fully, time degraded counts half, and time inside a
  planned maintenance window that was announced in advance does not count.
  Where incidents overlap, each moment counts once, at its worst.
- A planned window is **announced** (listed, in the feeds, the calendar and the
  banner) from its ``announce_from`` time; without one, ``status.announce_days``
  (14) days before it starts, or at its first revision when that is earlier. A
  window cancelled before it was announced is never shown. Being announced
  never changes a service's state: only a window in progress does.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from itcomms.content.models import Impact, Incident, IncidentUpdate, Lifecycle, Maintenance, Service
from itcomms.service_states import ServiceState
from itcomms.site import Site

_STATE_OF_IMPACT = {
    Impact.NONE: ServiceState.OPERATIONAL,
    Impact.MINOR: ServiceState.DEGRADED,
    Impact.MAJOR: ServiceState.DOWN,
    Impact.CRITICAL: ServiceState.DOWN,
}
_DOWNTIME_WEIGHT = {ServiceState.OPERATIONAL: 0.0, ServiceState.DEGRADED: 0.5, ServiceState.DOWN: 1.0}


def state_of_impact(impact: Impact) -> ServiceState:
    return _STATE_OF_IMPACT[impact]


def is_open(incident: Incident, now: datetime) -> bool:
    """Started and not yet over at ``now``."""
    return incident.start <= now and (incident.end is None or incident.end > now)


def in_progress(window: Maintenance, now: datetime) -> bool:
    return window.cancelled is None and window.start <= now < window.end


def announced_at(site: Site, window: Maintenance) -> datetime:
    """When people are first told of the window (see the module's rules)."""
    if window.announce_from is not None:
        return window.announce_from
    default = window.start - timedelta(days=site.settings.status.announce_days)
    return min([default, *(revision.at for revision in window.revisions[:1])])


def is_announced(site: Site, window: Maintenance) -> bool:
    """Told to people by ``site.now``; a window cancelled before it was announced never is."""
    told = announced_at(site, window)
    if window.cancelled is not None and window.cancelled.at < told:
        return False
    return told <= site.now


def announced_maintenance(site: Site) -> tuple[Maintenance, ...]:
    """Every window announced by ``site.now``, cancelled ones included, latest start first."""
    return tuple(window for window in site.maintenance if is_announced(site, window))


def upcoming_maintenance(site: Site) -> tuple[Maintenance, ...]:
    """Announced windows not yet over at ``site.now`` (in progress, planned or cancelled), soonest first."""
    return tuple(
        sorted(
            (window for window in announced_maintenance(site) if window.end > site.now),
            key=lambda window: (window.start, window.id),
        )
    )


@dataclass(frozen=True)
class ServiceStatus:
    """One service at the build's "now": its state and what causes it."""

    service_id: str
    state: ServiceState
    incidents: tuple[Incident, ...]
    """Open incidents affecting it, worst first."""
    maintenance: tuple[Maintenance, ...]
    """Maintenance windows in progress on it."""


def in_service(site: Site, service: Service) -> bool:
    """Whether ``service`` is still offered at ``site.now``: not retired, nor past the day a retiring one stops.

    A service out of service has no current status (the status page, status.json and the banner leave it
    out); its incidents stay in the history and in the reports of the years it ran.
    """
    if service.lifecycle is Lifecycle.RETIRED:
        return False
    return not (service.retire_on is not None and service.retire_on <= site.local_now.date())


def current_status(site: Site) -> Mapping[str, ServiceStatus]:
    """Every service still in service (``in_service``), with its status at ``site.now``, in catalogue order."""
    now = site.now
    statuses = {}
    for service_id in (service.id for service in site.services.values() if in_service(site, service)):
        incidents = tuple(
            sorted(
                (incident for incident in site.incidents_by_service.get(service_id, ()) if is_open(incident, now)),
                key=lambda incident: (-state_of_impact(incident.impact).severity, incident.start),
            )
        )
        maintenance = tuple(
            window for window in site.maintenance_by_service.get(service_id, ()) if in_progress(window, now)
        )
        states = [state_of_impact(incident.impact) for incident in incidents]
        states += [ServiceState.MAINTENANCE] * bool(maintenance)
        state = max(states, key=lambda candidate: candidate.severity, default=ServiceState.OPERATIONAL)
        statuses[service_id] = ServiceStatus(service_id, state, incidents, maintenance)
    return statuses


@dataclass(frozen=True)
class Outage:
    """A stretch of time a service counted as (partly) unavailable."""

    start: datetime
    end: datetime
    weight: float
    """1 when down, 0.5 when degraded."""


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time from ``start`` to ``end``: Python subtracts two times of one zone as wall-clock times,
    which is an hour out across a change of the clocks."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def outages(site: Site, service_id: str) -> tuple[Outage, ...]:
    """The service's counted downtime, oldest first, with overlaps merged and planned windows cut out (in UTC)."""
    return site.once(("outages", service_id), lambda: tuple(_outages(site, service_id)))


def _outages(site: Site, service_id: str) -> list[Outage]:
    planned = [
        (window.start.astimezone(UTC), window.end.astimezone(UTC))
        for window in site.maintenance_by_service.get(service_id, ())
        if window.cancelled is None
    ]
    pieces = []
    for incident in site.incidents_by_service.get(service_id, ()):
        weight = _DOWNTIME_WEIGHT[state_of_impact(incident.impact)]
        if weight == 0 or incident.start >= site.now:
            continue
        end = min(incident.end or site.now, site.now)
        for start, stop in _subtract((incident.start.astimezone(UTC), end.astimezone(UTC)), planned):
            pieces.append(Outage(start, stop, weight))
    return _merge_at_worst(pieces)


def availability(site: Site, service_id: str, days: int) -> float:
    """Percent of the last ``days`` days the service was available (see the module's rules)."""
    return availability_between(site, service_id, site.now - timedelta(days=days), site.now)


def availability_between(site: Site, service_id: str, period_start: datetime, period_end: datetime) -> float:
    """Percent of ``period_start`` to ``period_end`` the service was available, judged up to "now" only."""
    period_start, period_end = period_start.astimezone(UTC), min(period_end, site.now).astimezone(UTC)
    if period_end <= period_start:
        return 100.0
    lost = sum(
        (min(outage.end, period_end) - max(outage.start, period_start)).total_seconds() * outage.weight
        for outage in outages(site, service_id)
        if outage.end > period_start and outage.start < period_end
    )
    return 100.0 * (1 - lost / (period_end - period_start).total_seconds())


@dataclass(frozen=True)
class DayRecord:
    """One day of a service, in the site's timezone: how long it was down, degraded or under maintenance."""

    day: date
    down: timedelta
    degraded: timedelta
    maintenance: timedelta

    @property
    def state(self) -> ServiceState:
        """The worst state the service was in that day."""
        if self.down:
            return ServiceState.DOWN
        if self.degraded:
            return ServiceState.DEGRADED
        if self.maintenance:
            return ServiceState.MAINTENANCE
        return ServiceState.OPERATIONAL


def daily_record(site: Site, service_id: str, days: int) -> list[DayRecord]:
    """The last ``days`` days of the service, oldest first, ending with today (counted up to "now")."""
    today = site.local_now.date()
    starts = [_midnight(site, today - timedelta(days=back)) for back in range(days - 1, -2, -1)]
    first, now = starts[0], site.now.astimezone(UTC)
    counted = [outage for outage in outages(site, service_id) if outage.end > first]
    planned = [
        (window.start.astimezone(UTC), min(window.end, site.now).astimezone(UTC))
        for window in site.maintenance_by_service.get(service_id, ())
        if window.cancelled is None and window.start < site.now and window.end > first
    ]
    record = []
    for day_start, day_end in itertools.pairwise(starts):
        day_end = min(day_end, now)
        down = degraded = timedelta()
        for outage in counted:
            overlap = min(outage.end, day_end) - max(outage.start, day_start)
            if overlap > timedelta():
                if outage.weight == 1:
                    down += overlap
                else:
                    degraded += overlap
        in_window = _union((max(start, day_start), min(end, day_end)) for start, end in planned)
        maintenance = sum((end - start for start, end in in_window), timedelta())
        record.append(DayRecord(day_start.astimezone(site.timezone).date(), down, degraded, maintenance))
    return record


def _midnight(site: Site, day: date) -> datetime:
    """The start of a day in the site's timezone, in UTC, so lengths of time come out right (see ``elapsed``)."""
    return datetime.combine(day, time(), tzinfo=site.timezone).astimezone(UTC)


def _union(intervals: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(interval for interval in intervals if interval[1] > interval[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(
    interval: tuple[datetime, datetime], holes: Iterable[tuple[datetime, datetime]]
) -> list[tuple[datetime, datetime]]:
    remaining = [interval]
    for hole_start, hole_end in holes:
        next_remaining = []
        for start, end in remaining:
            if hole_end <= start or hole_start >= end:
                next_remaining.append((start, end))
                continue
            if start < hole_start:
                next_remaining.append((start, hole_start))
            if hole_end < end:
                next_remaining.append((hole_end, end))
        remaining = next_remaining
    return [(start, end) for start, end in remaining if end > start]


def _merge_at_worst(pieces: list[Outage]) -> list[Outage]:
    """Split overlapping outages at every boundary and keep the worst weight of each stretch."""
    boundaries = sorted({moment for piece in pieces for moment in (piece.start, piece.end)})
    merged: list[Outage] = []
    for start, end in itertools.pairwise(boundaries):
        weight = max((piece.weight for piece in pieces if piece.start < end and piece.end > start), default=0.0)
        if weight == 0:
            continue
        if merged and merged[-1].end == start and merged[-1].weight == weight:
            merged[-1] = Outage(merged[-1].start, end, weight)
        else:
            merged.append(Outage(start, end, weight))
    return merged


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
    # What is dated after now was left out when the site was assembled (publishing.Calendar.published_incident).
    end = incident.end
    return IncidentNow(
        incident, tuple(incident.updates), end, max(elapsed(incident.start, end or site.now), timedelta())
    )


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
