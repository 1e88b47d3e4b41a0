"""What IT did for one business unit, worked out from the ``Site``: the figures its pages show.

The rules, in words (the pages say them to readers):

- A unit **uses** a service when the service lists the unit in its
  ``business_units``, or lists none (everyone uses it), and the service is
  not retired.
- An incident **touched** a unit when it affected a service the unit uses and
  was under way at some moment of the period looked at.
- A quarter is the business's quarter (fiscal when the year does not start in
  January); a unit has a quarterly review page for every quarter with a review
  file or a ticket summary, even one that has not started at the build's
  "now" (the page says so): a build with an earlier "now", such as a
  reproducible build of old content, must still succeed.
- The **change from last quarter** compares with the quarter before, when its
  ticket summary exists; the share within target changes in percentage points.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from itcomms.content.models import (
    Accomplishment,
    Incident,
    Lifecycle,
    Metric,
    PeriodLength,
    Service,
    TicketSummary,
)
from itcomms.content.models.units import PriorityCount
from itcomms.periods import FiscalYear, Quarter, month_key, months_after
from itcomms.site import Site

RECENT_INCIDENT_DAYS = 90
"""The unit page lists incidents of this many days before the build's "now"."""


def quarter(site: Site, key: str) -> Quarter:
    """The quarter a key like 2026-q1 names, in the site's fiscal calendar."""
    return Quarter.parse(key, site.settings.fiscal_year_start)


def moment(site: Site, day: date) -> datetime:
    """Midnight at the start of ``day`` in the site's timezone."""
    return datetime.combine(day, time(), tzinfo=site.timezone)


def services_used(site: Site, unit_id: str) -> tuple[Service, ...]:
    """The services a unit uses, in catalogue order: those made for it first, then those for everyone."""
    running = [service for service in site.services.values() if service.lifecycle is not Lifecycle.RETIRED]
    own = [service for service in running if unit_id in service.business_units]
    shared = [service for service in running if not service.business_units]
    return (*own, *shared)


def incidents_touching(site: Site, unit_id: str, start: datetime, end: datetime) -> tuple[Incident, ...]:
    """Incidents under way at some moment in [start, end) that affected a service the unit uses; newest first."""
    return tuple(
        incident
        for incident in _incidents_of_unit(site, unit_id)
        if incident.start < end and (incident.end is None or incident.end >= start)
    )


def _incidents_of_unit(site: Site, unit_id: str) -> tuple[Incident, ...]:
    """Every incident that affected a service the unit uses, newest first; worked out once per build, as each of
    the unit's quarters asks."""

    def touching() -> tuple[Incident, ...]:
        used = {service.id for service in services_used(site, unit_id)}
        return tuple(
            incident for incident in site.incidents if any(service_id in used for service_id in incident.services)
        )

    return site.once(("incidents of unit", unit_id), touching)


def recent_incidents(site: Site, unit_id: str) -> tuple[Incident, ...]:
    """Incidents of the last ``RECENT_INCIDENT_DAYS`` days that touched the unit."""
    return incidents_touching(site, unit_id, site.now - timedelta(days=RECENT_INCIDENT_DAYS), site.now)


def accomplishments_for(site: Site, unit_id: str, start: date, end: date) -> tuple[Accomplishment, ...]:
    """What IT delivered for the unit from ``start`` up to (not including) ``end``; newest first."""
    served = site.once(
        ("accomplishments for unit", unit_id),
        lambda: tuple(item for item in site.accomplishments if unit_id in item.business_units),
    )
    return tuple(item for item in served if start <= item.date < end)


def current_fiscal_year(site: Site) -> FiscalYear:
    return FiscalYear.of(site.local_now.date(), site.settings.fiscal_year_start)


def review_quarters(site: Site, unit_id: str) -> tuple[Quarter, ...]:
    """Every quarter the unit has a review page for (a review file or a ticket summary), oldest first."""
    keys = {key for unit, key in (*site.reviews, *site.tickets) if unit == unit_id}
    return tuple(sorted(quarter(site, key) for key in keys))


@dataclass(frozen=True)
class TicketLine:
    """One row of a ticket table: this quarter's figures beside last quarter's."""

    label: str
    handled: int
    within_target: int | None
    previous_handled: int | None = None
    previous_within_target: int | None = None
    median_hours: float | None = None

    @property
    def share(self) -> float | None:
        """Percent resolved within target."""
        return _share(self.handled, self.within_target)

    @property
    def previous_share(self) -> float | None:
        if self.previous_handled is None:
            return None
        return _share(self.previous_handled, self.previous_within_target)

    @property
    def handled_change(self) -> int | None:
        return None if self.previous_handled is None else self.handled - self.previous_handled

    @property
    def share_change(self) -> float | None:
        """Change of the share within target, in percentage points."""
        share, previous = self.share, self.previous_share
        return None if share is None or previous is None else share - previous


def _share(handled: int, within: int | None) -> float | None:
    return None if within is None or handled == 0 else 100 * within / handled


@dataclass(frozen=True)
class QuarterTickets:
    """A unit's tickets in one quarter, by priority, category and type, each with last quarter's."""

    quarter: Quarter
    summary: TicketSummary
    has_previous: bool
    total: TicketLine
    by_priority: tuple[TicketLine, ...]
    by_category: tuple[TicketLine, ...]
    by_type: tuple[TicketLine, ...]

    @property
    def has_times(self) -> bool:
        """Whether the summary says how long tickets took (imported ones do)."""
        return any(line.median_hours is not None for line in (self.total, *self.by_priority))

    @property
    def has_category_targets(self) -> bool:
        return bool(self.summary.by_category_within_target)


def quarter_tickets(site: Site, unit_id: str, period: Quarter) -> QuarterTickets | None:
    """The unit's tickets in ``period`` beside the quarter before; None without a ticket summary."""
    summary = site.tickets.get((unit_id, period.key))
    if summary is None:
        return None
    previous = site.tickets.get((unit_id, period.previous().key))
    total = TicketLine(
        "All tickets and requests",
        summary.handled,
        summary.within_target,
        previous.handled if previous else None,
        previous.within_target if previous else None,
        summary.median_hours_to_resolve,
    )
    empty: Mapping[str, PriorityCount] = {}
    previous_priority = previous.by_priority if previous else empty
    by_priority = tuple(
        TicketLine(
            name,
            count.handled,
            count.within_target,
            previous_priority[name].handled if name in previous_priority else _none_or_zero(previous),
            previous_priority[name].within_target if name in previous_priority else _none_or_zero(previous),
            count.median_hours_to_resolve,
        )
        for name, count in summary.by_priority.items()
    )
    by_category = tuple(
        TicketLine(
            name,
            count,
            summary.by_category_within_target.get(name),
            _previous_count(previous, "by_category", name),
            previous.by_category_within_target.get(name) if previous else None,
        )
        for name, count in summary.by_category.items()
    )
    by_type = tuple(
        TicketLine(name, count, None, _previous_count(previous, "by_type", name))
        for name, count in summary.by_type.items()
    )
    return QuarterTickets(period, summary, previous is not None, total, by_priority, by_category, by_type)


def _none_or_zero(previous: TicketSummary | None) -> int | None:
    """Last quarter's count of a row it did not have: zero when it was broken down that way, else unknown."""
    return 0 if previous is not None and previous.by_priority else None


def _previous_count(previous: TicketSummary | None, field: str, name: str) -> int | None:
    if previous is None:
        return None
    table: Mapping[str, int] = getattr(previous, field)
    if not table:
        return None
    return table.get(name, 0)


@dataclass(frozen=True)
class KpiValue:
    period: str
    value: float | None
    """The unit's value in the period; None when none was recorded."""
    everyone: float | None
    """The value across the whole company."""
    met: bool | None
    """Whether the unit's value met the target; None without a target or a value."""


@dataclass(frozen=True)
class AgreedKpi:
    """A KPI the unit agreed as a measure of IT's service to it, with its values for the unit."""

    metric: Metric
    values: tuple[KpiValue, ...]


def agreed_kpis(site: Site, unit_id: str, period: Quarter | None = None) -> tuple[AgreedKpi, ...]:
    """The KPIs agreed with the unit, with its values in ``period`` (None: the latest period with a value)."""
    found = []
    for metric in site.metrics.values():
        if unit_id not in metric.agreed_with:
            continue
        own = metric.by_unit.get(unit_id, {})
        if period is None:
            recorded = sorted(own) or sorted(metric.values)
            chosen: tuple[str, ...] = (recorded[-1],) if recorded else ()
        else:
            chosen = kpi_periods(metric.period, period)
        found.append(AgreedKpi(metric, tuple(_kpi_value(metric, key, own.get(key)) for key in chosen)))
    return tuple(found)


def _kpi_value(metric: Metric, period: str, value: float | None) -> KpiValue:
    return KpiValue(period, value, metric.values.get(period), metric.meets_target(value))


def kpi_periods(metric_period: PeriodLength, period: Quarter) -> tuple[str, ...]:
    """How a KPI recorded every month or quarter names the periods of ``period``."""
    if metric_period is PeriodLength.QUARTER:
        return (period.key,)
    months = []
    day = period.start
    while day < period.end:
        months.append(month_key(day))
        day = months_after(day, 1)
    return tuple(months)
