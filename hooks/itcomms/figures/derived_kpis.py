"""KPIs the content can answer, worked out from it (``derived:`` in a metric file) instead of typed by hand.

A derived KPI has one figure per period, from ``since`` to the last period
that has ended at the build's "now" (or ``until``), computed by the same
rules the rest of the site uses, so a KPI can never disagree with the page
beside it:

- ``availability``: the service's availability in the period (``service_status``),
  floored to a hundredth of a percent, as every page shows availability;
- ``time_to_restore``: the mean hours from start to end of the incidents with
  an impact that started in the period and have ended (no value for a period without one);
- ``tickets_within_target``: the percent of the quarter's tickets resolved within
  target, over every unit and per unit (``by_unit``).

Values typed in a derived KPI's file are not shown: ``scripts/validate`` warns
where one is further from the worked-out figure than ``TOLERANCE``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

from itcomms import words
from itcomms.content.models import Derivation, Impact, Metric, PeriodLength
from itcomms.figures.service_status import availability_between
from itcomms.periods import Quarter, month_key, period_start
from itcomms.problems import Problem, Severity
from itcomms.site import Site
from itcomms.words import floored_availability

TOLERANCE: Mapping[Derivation, float] = MappingProxyType(
    {
        Derivation.AVAILABILITY: 0.05,  # percentage points
        Derivation.TIME_TO_RESTORE: 0.5,  # hours
        Derivation.TICKETS_WITHIN_TARGET: 1.0,  # percentage points
    }
)
"""How far a typed value may be from the worked-out one, in the KPI's unit, before ``scripts/validate`` warns."""


def with_derived_kpis(site: Site) -> Site:
    """``site`` with each derived KPI's values worked out from its content (other KPIs as they are)."""
    if not any(metric.derived for metric in site.metrics.values()):
        return site
    metrics = {
        metric_id: metric if metric.derived is None else _derived(site, metric)
        for metric_id, metric in site.metrics.items()
    }
    return dataclasses.replace(site, metrics=MappingProxyType(metrics), derived={})


def disagreements(site: Site, typed: Metric) -> Iterator[Problem]:
    """A warning for each value typed in a derived KPI's file that is further than ``TOLERANCE`` from the content."""
    if typed.derived is None:
        return
    worked_out = _derived(site, typed)
    tolerance = TOLERANCE[typed.derived]
    tables: list[tuple[tuple[str, ...], Mapping[str, float], Mapping[str, float]]] = [
        (("values",), typed.values, worked_out.values)
    ]
    tables += [(("by_unit", unit), values, worked_out.by_unit.get(unit, {})) for unit, values in typed.by_unit.items()]
    for path, values, computed in tables:
        for key, value in values.items():
            figure = computed.get(key)
            if figure is None or abs(figure - value) <= tolerance:
                continue
            position = site.position(typed, (*path, key))
            yield Problem(
                typed.source_file,
                position.line,
                position.column,
                ".".join(str(part) for part in (*path, key)),
                f"is {words.amount(value, typed.unit)}, but the content gives {words.amount(figure, typed.unit)} "
                f"({typed.derived.value}); the site shows {words.number(figure)}. Remove the typed value or correct "
                "the content",
                Severity.WARNING,
            )


def _derived(site: Site, metric: Metric) -> Metric:
    periods = list(_periods(site, metric))
    derivation = metric.derived
    values: dict[str, float] = {}
    by_unit: dict[str, dict[str, float]] = {}
    for key, start, end in periods:
        if derivation is Derivation.AVAILABILITY and metric.service is not None:
            values[key] = floored_availability(availability_between(site, metric.service, start, end))
        elif derivation is Derivation.TIME_TO_RESTORE:
            restored = [
                incident.end - incident.start
                for incident in site.incidents
                if incident.end is not None and incident.impact is not Impact.NONE and start <= incident.start < end
            ]
            if restored:
                values[key] = round(sum(restored, timedelta()).total_seconds() / 3600 / len(restored), 1)
        elif derivation is Derivation.TICKETS_WITHIN_TARGET:
            summaries = {unit: summary for (unit, quarter), summary in site.tickets.items() if quarter == key}
            handled = sum(summary.handled for summary in summaries.values())
            if handled:
                values[key] = _floored_tenth(
                    100 * sum(summary.within_target for summary in summaries.values()) / handled
                )
            for unit, summary in summaries.items():
                if summary.handled:
                    by_unit.setdefault(unit, {})[key] = _floored_tenth(100 * summary.within_target / summary.handled)
    return metric.model_copy(update={"values": values, "by_unit": by_unit})


def _periods(site: Site, metric: Metric) -> Iterator[tuple[str, datetime, datetime]]:
    """Each period from ``since`` that has ended at "now" (up to ``until``): key, first moment, moment after."""
    start_month = site.settings.fiscal_year_start
    first = period_start(metric.since or "", start_month)
    if first is None:
        return
    today = site.local_now.date()
    if metric.period is PeriodLength.QUARTER:
        quarter = Quarter.of(first, start_month)
        while quarter.end <= today and (metric.until is None or quarter.key <= metric.until):
            yield quarter.key, _moment(site, quarter.start), _moment(site, quarter.end)
            quarter = quarter.next()
        return
    month = first
    while (after := _next_month(month)) <= today and (metric.until is None or month_key(month) <= metric.until):
        yield month_key(month), _moment(site, month), _moment(site, after)
        month = after


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _moment(site: Site, day: date) -> datetime:
    return datetime.combine(day, time(), site.timezone)


def _floored_tenth(percent: float) -> float:
    """A share to one decimal, floored like every figure the site shows: 89.96 is 89.9, never 90.0."""
    return math.floor(percent * 10 + 1e-9) / 10
