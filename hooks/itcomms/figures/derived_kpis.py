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
where one is further from the worked-out figure than ``TOLERANCE``. A KPI typed
by hand that says what it ``measures`` is shown as typed and checked the same way.
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
from itcomms.periods import Quarter, month_key, months_after, period_start
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
    return dataclasses.replace(site, metrics=MappingProxyType(metrics))


def disagreements(site: Site, typed: Metric) -> Iterator[Problem]:
    """A warning for each typed value the content answers otherwise: a derived KPI's typed values, and a
    typed KPI's that says what it ``measures``, further than ``TOLERANCE`` from the worked-out figure.

    A monthly KPI measuring ticket counts, which come a quarter at a time, is checked a quarter at a time:
    the quarter's share is a weighted mean of its months' shares, so it lies between the lowest and the
    highest of them, give or take the rounding of what was typed.
    """
    derivation = typed.derived or typed.measures
    typed_keys = [*typed.values, *(key for table in typed.by_unit.values() for key in table)]
    if derivation is None or not (typed.since or typed_keys):
        return
    measured = typed if typed.since else typed.model_copy(update={"since": min(typed_keys)})
    tables: list[tuple[tuple[str, ...], Mapping[str, float]]] = [(("values",), typed.values)]
    tables += [(("by_unit", unit), values) for unit, values in typed.by_unit.items()]
    if derivation is Derivation.TICKETS_WITHIN_TARGET and typed.period is PeriodLength.MONTH:
        worked_out = _derived(site, _by_quarter(site, measured))
        for path, values in tables:
            computed = _worked_out_table(worked_out, path)
            yield from _months_outside_their_quarter(site, typed, path, values, computed)
        return
    worked_out = _derived(site, measured)
    tolerance = TOLERANCE[derivation]
    for path, values in tables:
        computed = _worked_out_table(worked_out, path)
        for key, value in values.items():
            figure = computed.get(key)
            if figure is None or abs(figure - value) <= tolerance:
                continue
            yield _disagreement(
                site,
                typed,
                (*path, key),
                f"is {words.amount(value, typed.unit)}, but the content gives {words.amount(figure, typed.unit)} "
                f"({derivation.value})",
            )


ROUNDING_OF_TYPED = 0.1
"""Percentage points a month's typed share may be off its quarter's range: typed to a tenth, shown floored."""


def _months_outside_their_quarter(
    site: Site, typed: Metric, path: tuple[str, ...], months: Mapping[str, float], quarters: Mapping[str, float]
) -> Iterator[Problem]:
    by_quarter: dict[str, list[tuple[str, float]]] = {}
    for key, value in months.items():
        if (start := period_start(key)) is not None:
            by_quarter.setdefault(Quarter.of(start, site.settings.fiscal_year_start).key, []).append((key, value))
    for quarter, typed_months in by_quarter.items():
        share = quarters.get(quarter)
        if share is None or len(typed_months) < 3:
            continue  # a quarter not yet counted, or not typed whole: nothing it must agree with
        lowest = min(typed_months, key=lambda month: month[1])
        highest = max(typed_months, key=lambda month: month[1])
        nearest = lowest if share < lowest[1] else highest
        if lowest[1] - ROUNDING_OF_TYPED <= share <= highest[1] + ROUNDING_OF_TYPED:
            continue
        yield _disagreement(
            site,
            typed,
            (*path, nearest[0]),
            f"the months of {quarter} are typed between {words.amount(lowest[1], typed.unit)} and "
            f"{words.amount(highest[1], typed.unit)}, but the ticket counts give {words.amount(share, typed.unit)} "
            "for the quarter, which must lie between its months",
        )


def _disagreement(site: Site, typed: Metric, path: tuple[str, ...], text: str) -> Problem:
    position = site.position(typed, path)
    remedy = "remove the typed value" if typed.derived else "correct the typed values"
    return Problem(
        typed.source_file,
        position.line,
        position.column,
        ".".join(path),
        f"{text}; {remedy} or the content",
        Severity.WARNING,
    )


def _worked_out_table(worked_out: Metric, path: tuple[str, ...]) -> Mapping[str, float]:
    return worked_out.values if path == ("values",) else worked_out.by_unit.get(path[1], {})


def _by_quarter(site: Site, metric: Metric) -> Metric:
    """A monthly KPI's periods as the quarters they fall in, so quarterly counts can be worked out for them."""
    start_month = site.settings.fiscal_year_start

    def quarter_of(key: str | None) -> str | None:
        start = period_start(key or "")
        return None if start is None else Quarter.of(start, start_month).key

    return metric.model_copy(
        update={"period": PeriodLength.QUARTER, "since": quarter_of(metric.since), "until": quarter_of(metric.until)}
    )


def _derived(site: Site, metric: Metric) -> Metric:
    periods = list(_periods(site, metric))
    derivation = metric.derived or metric.measures
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
    while (after := months_after(month, 1)) <= today and (metric.until is None or month_key(month) <= metric.until):
        yield month_key(month), _moment(site, month), _moment(site, after)
        month = after


def _moment(site: Site, day: date) -> datetime:
    return datetime.combine(day, time(), site.timezone)


def _floored_tenth(percent: float) -> float:
    """A share to one decimal, floored like every figure the site shows: 89.96 is 89.9, never 90.0."""
    return math.floor(percent * 10 + 1e-9) / 10
