"""``/status/status.json`` and its JSON Schema: the current status for other intranet pages and chat bots.

Shaped like Atlassian Statuspage's public ``summary.json`` (``page``,
``status``, ``components``, ``incidents``, ``scheduled_maintenances``), so
dashboards and bots that read that format read this one. Service categories
are group components, as in Statuspage. The models below are the one source of
both the document and its schema (``status/status.schema.json``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from itcomms import addresses
from itcomms.content.models import Impact, Incident, Maintenance
from itcomms.figures.service_status import (
    ServiceStatus,
    announced_at,
    current_status,
    impact_rank,
    in_progress,
    incident_now,
    open_incidents,
    upcoming_maintenance,
)
from itcomms.outputs.status.status_live import PageDisplay, display
from itcomms.outputs.status.status_view import maintenance_link, site_host
from itcomms.rendering.outputs import Artefact, Output
from itcomms.rendering.templating import Templates
from itcomms.service_states import ServiceState
from itcomms.site import Site

ComponentStatus = Literal["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"]
Indicator = Literal["none", "minor", "major", "critical", "maintenance"]

_COMPONENT_RANK: tuple[ComponentStatus, ...] = (
    "operational",
    "under_maintenance",
    "degraded_performance",
    "partial_outage",
    "major_outage",
)
_INDICATORS: dict[Impact, Indicator] = {
    Impact.NONE: "none",
    Impact.MINOR: "minor",
    Impact.MAJOR: "major",
    Impact.CRITICAL: "critical",
}
_DESCRIPTIONS: dict[Indicator, str] = {
    "none": "All Systems Operational",
    "maintenance": "Service Under Maintenance",
    "minor": "Minor Service Outage",
    "major": "Partial System Outage",
    "critical": "Major System Outage",
}


class _Model(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True, frozen=True)


class PageInfo(_Model):
    """The status page this document describes."""

    id: str
    """The site's host name."""
    name: str
    """The IT department's name."""
    url: str
    """The status page for people."""
    time_zone: str
    """IANA time zone the department works in."""
    updated_at: datetime
    """When the site was built: the status is as of this moment."""


class OverallStatus(_Model):
    """The worst of everything, in one word."""

    indicator: Indicator
    """none, minor, major or critical (the worst open incident's impact), or maintenance when only maintenance is under way."""
    description: str
    """The indicator in words, as Statuspage words it."""


class Component(_Model):
    """A service, or (with ``group`` true) a category of services."""

    id: str
    """The service's id (its file name), or ``category-<id>`` for a group."""
    name: str
    status: ComponentStatus
    """operational, under_maintenance, degraded_performance (minor incident), partial_outage (major) or major_outage (critical)."""
    created_at: datetime | None
    """Not recorded: always null."""
    updated_at: datetime | None
    """When its state last changed (an incident or maintenance started or ended), or null when nothing is on record."""
    position: int
    """Its place in the catalogue, from 1."""
    description: str | None
    """What the service does, in one sentence."""
    showcase: bool
    start_date: None
    group_id: str | None
    """The category group it belongs to."""
    page_id: str
    group: bool
    """True for a category, which lists its services in ``components``."""
    only_show_if_degraded: bool
    components: list[str] | None = None
    """A group's service ids."""


class IncidentUpdate(_Model):
    """One update posted about an incident or a maintenance window."""

    id: str
    status: str
    """investigating, identified, monitoring or resolved; scheduled for maintenance."""
    body: str
    """The message, as plain text."""
    incident_id: str
    created_at: datetime
    updated_at: datetime
    display_at: datetime


class IncidentSummary(_Model):
    """An incident open now, or an announced maintenance window that is not over."""

    id: str
    """The incident's or window's id (its file name)."""
    name: str
    status: str
    """An incident: its latest update's state (investigating, identified, monitoring). A window: scheduled or in_progress."""
    created_at: datetime
    updated_at: datetime
    monitoring_at: datetime | None
    resolved_at: datetime | None
    impact: str
    """An incident: none, minor, major or critical. A window: maintenance."""
    shortlink: str
    """The page telling the whole story."""
    started_at: datetime
    page_id: str
    incident_updates: list[IncidentUpdate]
    """Newest first."""
    components: list[Component]
    """The services it affects."""


class ScheduledMaintenance(IncidentSummary):
    """An announced maintenance window, in progress or planned."""

    scheduled_for: datetime
    scheduled_until: datetime


class StatusDocument(_Model):
    """The IT department's current status, shaped like Atlassian Statuspage's summary.json."""

    page: PageInfo
    status: OverallStatus
    components: list[Component]
    """Every category (a group) and every service, in catalogue order."""
    incidents: list[IncidentSummary]
    """Incidents open now, worst first."""
    scheduled_maintenances: list[ScheduledMaintenance]
    """Announced windows that are in progress or planned, soonest first; cancelled ones are left out."""
    display: PageDisplay
    """Not in Statuspage's format: the pages' own words for the same status (the banner, states, "as of")."""


def render(site: Site, templates: Templates) -> Iterator[Output]:
    document = status_document(site, templates)
    yield Artefact(addresses.STATUS_JSON, (document.model_dump_json(indent=2) + "\n").encode())
    yield Artefact(addresses.STATUS_JSON_SCHEMA, (json.dumps(schema(site), indent=2) + "\n").encode())


def schema(site: Site) -> dict[str, object]:
    """The document's JSON Schema (2020-12), with its address as ``$id``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site.options.absolute(addresses.STATUS_JSON_SCHEMA),
        **StatusDocument.model_json_schema(),
    }


def status_document(site: Site, templates: Templates) -> StatusDocument:
    page_id = site_host(site)
    statuses = current_status(site)
    components = _components(site, statuses, page_id)
    by_id = {component.id: component for component in components}
    incidents = open_incidents(site)
    worst = max((incident.impact for incident in incidents), key=impact_rank, default=Impact.NONE)
    indicator = _INDICATORS[worst]
    if indicator == "none" and any(status.state is ServiceState.MAINTENANCE for status in statuses.values()):
        indicator = "maintenance"
    windows = [window for window in upcoming_maintenance(site) if window.cancelled is None]
    return StatusDocument(
        page=PageInfo(
            id=page_id,
            name=site.settings.name,
            url=site.options.absolute(addresses.url(addresses.STATUS)),
            time_zone=site.settings.timezone,
            updated_at=site.local_now,
        ),
        status=OverallStatus(indicator=indicator, description=_DESCRIPTIONS[indicator]),
        components=components,
        incidents=[_incident(site, templates, incident, page_id, by_id) for incident in incidents],
        scheduled_maintenances=[_maintenance(site, templates, window, page_id, by_id) for window in windows],
        display=display(site),
    )


def _component_status(status: ServiceStatus) -> ComponentStatus:
    if status.incidents:
        worst = max(status.incidents, key=lambda incident: impact_rank(incident.impact)).impact
        if worst is Impact.CRITICAL:
            return "major_outage"
        if worst is Impact.MAJOR:
            return "partial_outage"
        if worst is Impact.MINOR:
            return "degraded_performance"
    return "under_maintenance" if status.maintenance else "operational"


def _components(site: Site, statuses: Mapping[str, ServiceStatus], page_id: str) -> list[Component]:
    components = []
    position = 0
    for category in site.categories.values():
        # a retired service has no current status, so it is no component
        members = [
            service for service in site.services.values() if service.category == category.id and service.id in statuses
        ]
        if not members:
            continue
        group_id = f"category-{category.id}"
        children = []
        for service in members:
            position += 1
            children.append(
                Component(
                    id=service.id,
                    name=service.name,
                    status=_component_status(statuses[service.id]),
                    created_at=None,
                    updated_at=_last_change(site, service.id),
                    position=position,
                    description=service.summary,
                    showcase=True,
                    start_date=None,
                    group_id=group_id,
                    page_id=page_id,
                    group=False,
                    only_show_if_degraded=False,
                )
            )
        position += 1
        components.append(
            Component(
                id=group_id,
                name=category.name,
                status=max((child.status for child in children), key=_COMPONENT_RANK.index),
                created_at=None,
                updated_at=max((child.updated_at for child in children if child.updated_at), default=None),
                position=position,
                description=category.description,
                showcase=False,
                start_date=None,
                group_id=None,
                page_id=page_id,
                group=True,
                only_show_if_degraded=False,
                components=[child.id for child in children],
            )
        )
        components += children
    return components


def _last_change(site: Site, service_id: str) -> datetime | None:
    moments = [
        moment
        for incident in site.incidents_by_service.get(service_id, ())
        for moment in (incident.start, incident.end)
        if moment is not None and moment <= site.now
    ]
    moments += [
        moment
        for window in site.maintenance_by_service.get(service_id, ())
        if window.cancelled is None
        for moment in (window.start, window.end)
        if moment <= site.now
    ]
    return max(moments).astimezone(site.timezone) if moments else None


def _incident(
    site: Site, templates: Templates, incident: Incident, page_id: str, components: dict[str, Component]
) -> IncidentSummary:
    known = incident_now(site, incident)
    updates = [
        IncidentUpdate(
            id=f"{incident.id}-{number}",
            status=update.state.value,
            body=templates.markdown.plain(update.message),
            incident_id=incident.id,
            created_at=_local(site, update.at),
            updated_at=_local(site, update.at),
            display_at=_local(site, update.at),
        )
        for number, update in enumerate(known.updates, start=1)
    ]
    monitoring = next((update.at for update in known.updates if update.state.value == "monitoring"), None)
    latest = known.latest
    return IncidentSummary(
        id=incident.id,
        name=incident.title,
        status=latest.state.value if latest else "investigating",
        created_at=_local(site, known.updates[0].at if known.updates else incident.start),
        updated_at=_local(site, latest.at if latest else incident.start),
        monitoring_at=_local(site, monitoring) if monitoring else None,
        resolved_at=None,
        impact=incident.impact.value,
        shortlink=site.options.absolute(addresses.url(addresses.incident(incident.id))),
        started_at=_local(site, incident.start),
        page_id=page_id,
        incident_updates=list(reversed(updates)),
        components=[components[service_id] for service_id in incident.services if service_id in components],
    )


def _maintenance(
    site: Site, templates: Templates, window: Maintenance, page_id: str, components: dict[str, Component]
) -> ScheduledMaintenance:
    told = announced_at(site, window)
    posts = [(told, window.message)] + [(revision.at, revision.message) for revision in window.revisions]
    updates = [
        IncidentUpdate(
            id=f"{window.id}-{number}",
            status="scheduled",
            body=templates.markdown.plain(message),
            incident_id=window.id,
            created_at=_local(site, at),
            updated_at=_local(site, at),
            display_at=_local(site, at),
        )
        for number, (at, message) in enumerate(posts, start=1)
    ]
    return ScheduledMaintenance(
        id=window.id,
        name=window.title,
        status="in_progress" if in_progress(window, site.now) else "scheduled",
        created_at=_local(site, told),
        updated_at=_local(site, posts[-1][0]),
        monitoring_at=None,
        resolved_at=None,
        impact="maintenance",
        shortlink=maintenance_link(site, window),
        started_at=_local(site, window.start),
        page_id=page_id,
        incident_updates=list(reversed(updates)),
        components=[components[service_id] for service_id in window.services if service_id in components],
        scheduled_for=_local(site, window.start),
        scheduled_until=_local(site, window.end),
    )


def _local(site: Site, moment: datetime) -> datetime:
    return moment.astimezone(site.timezone)
