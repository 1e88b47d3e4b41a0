"""What the catalogue says about each service beyond its own file, worked out once per build.

Its state now, how available it has been against its target, its promises, its recent incidents and coming maintenance: the service pages and the
brochure both show these, from the same ``ServiceFacts``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from itcomms.content.models import Incident, Lifecycle, Maintenance, Service
from itcomms.content.models.service import ResponseTarget
from itcomms.content.models.settings import Audience, ServiceCategory
from itcomms.figures.service_status import ServiceStatus, availability, current_status, in_progress
from itcomms.site import Site

AVAILABILITY_PERIODS = ((30, "Last 30 days"), (90, "Last 90 days"), (365, "Last 12 months"))
"""The windows availability is shown over, on service pages and the status page alike."""
RECENT_INCIDENTS = 5
"""Incidents a service page lists; the status page holds the full history."""
UPCOMING_MAINTENANCE = 3


@dataclass(frozen=True)
class Availability:
    """How available a service was over one period, against its target."""

    period: str
    """In words: "Last 30 days"."""
    percent: float
    """The share of the period it was available."""
    met: bool | None
    """Whether the target was met; None when the service has no target."""


@dataclass(frozen=True)
class Promise:
    """A response target: "we answer urgent requests within 1 hour"."""

    priority: str
    respond_hours: float
    resolve_hours: float | None


@dataclass(frozen=True)
class ServiceFacts:
    """What the catalogue says about a service beyond its own file, at the build's "now"."""

    service: Service
    category: ServiceCategory
    audiences: tuple[Audience, ...]
    audience_filter: tuple[str, ...]
    """The audience ids whose filter shows this service: all of them when it is for everyone."""
    status: ServiceStatus | None
    """None when the service is retired: it has no state worth telling."""
    availability: tuple[Availability, ...]
    target: float | None
    """The availability target, in percent."""
    promises: tuple[Promise, ...]
    incidents: tuple[Incident, ...]
    """The latest few that have started, newest first."""
    maintenance: tuple[Maintenance, ...]
    """Windows in progress or to come, soonest first."""

    @property
    def is_retired(self) -> bool:
        return self.service.lifecycle is Lifecycle.RETIRED


def service_facts(site: Site) -> dict[str, ServiceFacts]:
    """Every service's facts, in catalogue (name) order."""
    statuses = current_status(site)
    everyone = {audience.id for audience in site.settings.audiences if audience.everyone}
    return {
        service.id: ServiceFacts(
            service=service,
            category=site.categories[service.category],
            audiences=tuple(site.audiences[audience_id] for audience_id in service.audience),
            audience_filter=tuple(site.audiences) if everyone & set(service.audience) else tuple(service.audience),
            status=statuses.get(service.id),
            availability=_availability(site, service),
            target=service.service_levels.availability if service.service_levels else None,
            promises=tuple(
                _promise(target) for target in (service.service_levels.response if service.service_levels else [])
            ),
            incidents=tuple(
                incident for incident in site.incidents_by_service.get(service.id, ()) if incident.start <= site.now
            )[:RECENT_INCIDENTS],
            maintenance=tuple(
                sorted(
                    (
                        window
                        for window in site.maintenance_by_service.get(service.id, ())
                        if window.cancelled is None and (window.start > site.now or in_progress(window, site.now))
                    ),
                    key=lambda window: window.start,
                )
            )[:UPCOMING_MAINTENANCE],
        )
        for service in site.services.values()
    }


def _availability(site: Site, service: Service) -> tuple[Availability, ...]:
    if service.lifecycle is Lifecycle.RETIRED:
        return ()
    levels = service.service_levels
    rows = []
    for days, period in AVAILABILITY_PERIODS:
        value = availability(site, service.id, days)
        rows.append(Availability(period, value, None if levels is None else levels.met_by(value)))
    return tuple(rows)


def _promise(target: ResponseTarget) -> Promise:
    resolve = target.resolve_within_hours
    return Promise(target.priority.value, target.respond_within_hours, resolve)


def offered_categories(site: Site) -> list[ServiceCategory]:
    """The categories with a service still offered, in the order site.yaml gives: the catalogue's groups and
    the brochure's chapters."""
    offered = {service.category for service in site.services.values() if service.lifecycle is not Lifecycle.RETIRED}
    return [category for category in site.settings.service_categories if category.id in offered]


def by_category(site: Site, facts: Mapping[str, ServiceFacts]) -> list[tuple[ServiceCategory, list[ServiceFacts]]]:
    """The services still offered, under each category that has any, in the order site.yaml gives."""
    offered = [fact for fact in facts.values() if not fact.is_retired]
    return [
        (category, [fact for fact in offered if fact.category.id == category.id])
        for category in offered_categories(site)
    ]


def retired(facts: Mapping[str, ServiceFacts]) -> list[ServiceFacts]:
    """The services no longer offered, listed apart."""
    return [fact for fact in facts.values() if fact.is_retired]
