"""What the content is missing, for the editors: judged from the assembled ``Site``, so it agrees with validation.

Each kind of item has a few things it should have (a service its owner, a
closed outage what we are doing about it); every item gets a check for each,
and each kind a completeness score: the share of its checks that pass.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from itcomms import addresses, words
from itcomms.content.models import Lifecycle, Metric, PeriodLength
from itcomms.periods import Quarter, month_key
from itcomms.site import Site


@dataclass(frozen=True)
class Check:
    """One thing an item should have, and whether it has it."""

    label: str
    passed: bool


@dataclass(frozen=True)
class ItemHealth:
    """One item and its checks."""

    name: str
    file: str | None
    """The file to edit (None for a business unit, which lives in site.yaml)."""
    page: str | None
    """The item's page on the site (its source path, for links), if it has one."""
    checks: tuple[Check, ...]
    note: str = ""
    """Context for the checks, like the period a KPI value is expected for."""

    @property
    def missing(self) -> list[str]:
        return [check.label for check in self.checks if not check.passed]


@dataclass(frozen=True)
class KindHealth:
    """A kind of item: its items' checks and how complete it is."""

    name: str
    checks: tuple[str, ...]
    """The labels of the checks each item gets."""
    items: tuple[ItemHealth, ...]

    @property
    def passed(self) -> int:
        return sum(check.passed for item in self.items for check in item.checks)

    @property
    def total(self) -> int:
        return sum(len(item.checks) for item in self.items)

    @property
    def complete(self) -> int:
        """Items missing nothing."""
        return sum(not item.missing for item in self.items)

    @property
    def score(self) -> int | None:
        """The percentage of checks that pass; None when there is nothing to check."""
        return math.floor(100 * self.passed / self.total) if self.total else None  # never rounded up


@dataclass(frozen=True)
class ContentHealth:
    """Every kind of item that has checks, with its items' checks."""

    quarter: str
    """The current quarter, like 2026-q4: each business unit should have a review in it."""
    services: KindHealth
    units: KindHealth
    kpis: KindHealth
    incidents: KindHealth
    """Closed incidents only: an open one is still being written."""

    @property
    def kinds(self) -> Sequence[KindHealth]:
        return (self.services, self.units, self.kpis, self.incidents)


SERVICE_CHECKS = ("owner", "video", "service-level targets", "cost")
KPI_CHECKS = ("value for the last period", "target")
INCIDENT_CHECKS = ("cause", "prevention")


def content_health(site: Site) -> ContentHealth:
    """Every check on every item of the site, at the build's "now"."""
    today = site.local_now.date()
    quarter = Quarter.of(today, site.settings.fiscal_year_start).key
    unit_checks = (f"review for {quarter}",)
    services = tuple(
        ItemHealth(
            service.name,
            service.source_file,
            addresses.service(service.id),
            _checks(SERVICE_CHECKS, service.owner, service.video, service.service_levels, service.cost),
        )
        for service in site.services.values()
        if service.lifecycle is not Lifecycle.RETIRED
    )
    units = tuple(
        ItemHealth(
            unit.name,
            None,
            addresses.unit(unit.id),
            _checks(unit_checks, site.reviews.get((unit.id, quarter))),
            note=_latest_review(site, unit.id),
        )
        for unit in site.units.values()
    )
    kpis = tuple(
        _kpi_health(metric, last_complete_period(metric, today, site.settings.fiscal_year_start))
        for metric in site.metrics.values()
    )
    incidents = tuple(
        ItemHealth(
            incident.title,
            incident.source_file,
            addresses.incident(incident.id),
            _checks(INCIDENT_CHECKS, incident.cause, incident.prevention),
        )
        for incident in site.incidents
        if incident.is_resolved
    )
    return ContentHealth(
        quarter=quarter,
        services=KindHealth("Services", SERVICE_CHECKS, services),
        units=KindHealth("Business units", unit_checks, units),
        kpis=KindHealth("KPIs", KPI_CHECKS, kpis),
        incidents=KindHealth("Closed incidents", INCIDENT_CHECKS, incidents),
    )


def last_complete_period(metric: Metric, today: date, fiscal_year_start: int) -> str:
    """The latest month (2026-10) or quarter (2026-q3) that is over, as the KPI's values name periods."""
    if metric.period is PeriodLength.QUARTER:
        return Quarter.of(today, fiscal_year_start).previous().key
    return month_key(today.replace(day=1) - timedelta(days=1))


def _checks(labels: tuple[str, ...], *present: object) -> tuple[Check, ...]:
    """One check a label, passed where what it asks for is there (not None)."""
    return tuple(Check(label, found is not None) for label, found in zip(labels, present, strict=True))


def _kpi_health(metric: Metric, period: str) -> ItemHealth:
    value = metric.values.get(period)
    measured = metric.since is None or metric.since <= period
    if value is not None:
        note = f"{words.amount(value, metric.unit)} for {period}"
    else:
        note = f"no value for {period}" if measured else f"measured from {metric.since}"
    expected_value = value if measured else "not expected yet"  # a KPI not measured yet misses nothing
    return ItemHealth(metric.name, metric.source_file, None, _checks(KPI_CHECKS, expected_value, metric.target), note)


def _latest_review(site: Site, unit_id: str) -> str:
    quarters = sorted(quarter for unit, quarter in site.reviews if unit == unit_id)
    return quarters[-1] if quarters else "none yet"
