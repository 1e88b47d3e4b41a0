"""``content/metrics/<id>.yaml``: a KPI with its target and its values per period."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum

from .base import ContentFile, Finding
from .fields import MONTH_PATTERN, QUARTER_PATTERN, Line, Text, UnitId


class Better(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class PeriodLength(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


_PERIOD_FORMAT = {
    PeriodLength.MONTH: (re.compile(MONTH_PATTERN), "a month like 2026-03"),
    PeriodLength.QUARTER: (re.compile(QUARTER_PATTERN), "a quarter like 2026-q1"),
}


class Metric(ContentFile):
    """A key performance indicator: what it measures, its target and how it went."""

    name: Line
    """The KPI's name, for example "Requests resolved on time"."""
    meaning: Text
    """What the number tells a reader, in plain words."""
    unit: Line
    """The unit of the values, for example %, hours or points."""
    better: Better
    """Whether a higher or a lower value is better."""
    target: float | None = None
    """The value IT aims for, in the same unit."""
    period: PeriodLength = PeriodLength.MONTH
    """How often a value is recorded: month or quarter."""
    since: Line | None = None
    """The first period the KPI is measured in (a month like 2025-01 or a quarter like 2025-q1)."""
    values: dict[str, float]
    """One value per period, for example 2026-03: 94.5."""
    by_unit: dict[UnitId, dict[str, float]] = {}
    """Values per business unit and period, when the KPI is tracked per unit."""
    agreed_with: list[UnitId] = []
    """Business units that agreed this KPI as a measure of IT's service to them."""

    def findings(self) -> Iterator[Finding]:
        pattern, example = _PERIOD_FORMAT[self.period]
        if self.since is not None and not pattern.match(self.since):
            yield Finding(("since",), f"must be {example}")
        tables = [(("values",), self.values)] + [(("by_unit", unit), values) for unit, values in self.by_unit.items()]
        for path, table in tables:
            for key in table:
                if not pattern.match(key):
                    yield Finding((*path, key), f"'{key}' must be {example}, since period is {self.period.value}")
                elif self.since is not None and pattern.match(self.since) and key < self.since:
                    yield Finding((*path, key), f"is before the KPI was first measured ({self.since})")
