"""A KPI through one fiscal year: every period of the year (the chart's axis) and the values recorded in it,
each judged against the target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from itcomms.content.models import Metric, PeriodLength
from itcomms.periods import FiscalYear, month_key


@dataclass(frozen=True)
class KpiValue:
    period: str
    """As written: 2026-03 or 2026-q1."""
    start: date
    value: float
    met: bool | None
    """None when the KPI has no target."""


@dataclass(frozen=True)
class KpiYear:
    metric: Metric
    periods: tuple[str, ...]
    """Every period of the year, in order, measured or not (the chart's axis)."""
    values: tuple[KpiValue, ...]
    """The values recorded in the year, in period order."""

    @property
    def met(self) -> int:
        return sum(1 for value in self.values if value.met)


def kpi_year(metric: Metric, year: FiscalYear) -> KpiYear:
    if metric.period is PeriodLength.QUARTER:
        periods = [(quarter.key, quarter.start) for quarter in year.quarters()]
    else:
        periods = [(month_key(month), month) for month in year.months()]
    values = tuple(
        KpiValue(key, start, value, metric.meets_target(value))
        for key, start in periods
        if (value := metric.values.get(key)) is not None
    )
    return KpiYear(metric, tuple(key for key, _ in periods), values)
