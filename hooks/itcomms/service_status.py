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
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .assemble import Site
from .models import Impact, Incident, Maintenance


class ServiceState(StrEnum):
    OPERATIONAL = "operational"
    MAINTENANCE = "maintenance"
    DEGRADED = "degraded"
    DOWN = "down"

    @property
    def severity(self) -> int:
        return list(ServiceState).index(self)


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


@dataclass(frozen=True)
class ServiceStatus:
    """One service at the build's "now": its state and what causes it."""

    service_id: str
    state: ServiceState
    incidents: tuple[Incident, ...]
    """Open incidents affecting it, worst first."""
    maintenance: tuple[Maintenance, ...]
    """Maintenance windows in progress on it."""


def current_status(site: Site) -> Mapping[str, ServiceStatus]:
    """Every service's status at ``site.now``, in catalogue order."""
    now = site.now
    statuses = {}
    for service_id in site.services:
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


def outages(site: Site, service_id: str) -> list[Outage]:
    """The service's counted downtime, oldest first, with overlaps merged and planned windows cut out."""
    planned = [
        (window.start, window.end)
        for window in site.maintenance_by_service.get(service_id, ())
        if window.cancelled is None
    ]
    pieces = []
    for incident in site.incidents_by_service.get(service_id, ()):
        weight = _DOWNTIME_WEIGHT[state_of_impact(incident.impact)]
        if weight == 0 or incident.start >= site.now:
            continue
        end = min(incident.end or site.now, site.now)
        for start, stop in _subtract((incident.start, end), planned):
            pieces.append(Outage(start, stop, weight))
    return _merge_at_worst(pieces)


def availability(site: Site, service_id: str, days: int) -> float:
    """Percent of the last ``days`` days the service was available (see the module's rules)."""
    return availability_between(site, service_id, site.now - timedelta(days=days), site.now)


def availability_between(site: Site, service_id: str, period_start: datetime, period_end: datetime) -> float:
    """Percent of ``period_start`` to ``period_end`` the service was available, judged up to "now" only."""
    period_end = min(period_end, site.now)
    if period_end <= period_start:
        return 100.0
    lost = sum(
        (min(outage.end, period_end) - max(outage.start, period_start)).total_seconds() * outage.weight
        for outage in outages(site, service_id)
        if outage.end > period_start and outage.start < period_end
    )
    return 100.0 * (1 - lost / (period_end - period_start).total_seconds())


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
