"""``content/metrics/<id>.yaml``: a KPI with its target and its values per period."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from itcomms.content.models.base import Finding, PublishedItem
from itcomms.content.models.fields import (
    LARGEST_NUMBER,
    MONTH_PATTERN,
    QUARTER_PATTERN,
    Figure,
    Line,
    ServiceId,
    Text,
    UnitId,
    year_problem,
)


class Better(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Derivation(StrEnum):
    """What a derived KPI is worked out from, instead of typed values."""

    AVAILABILITY = "availability"
    """A service's availability (``service``), as the status page counts it, per period."""
    TIME_TO_RESTORE = "time_to_restore"
    """The mean hours from start to end of the period's resolved incidents that had an impact."""
    TICKETS_WITHIN_TARGET = "tickets_within_target"
    """The percent of tickets resolved within target, from the ticket counts (quarterly), per unit too."""


class PeriodLength(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


_PERIOD_FORMAT = {
    PeriodLength.MONTH: (re.compile(MONTH_PATTERN), "a month like 2026-03"),
    PeriodLength.QUARTER: (re.compile(QUARTER_PATTERN), "a quarter like 2026-q1"),
}


_NUMBER_AND_UNIT = re.compile(r"\s*([-+]?[0-9]+(?:\.[0-9]+)?)\s*(.*?)\s*")


def _same_unit(written: str, unit: str) -> bool:
    # "4 hour" for a KPI in hours, "95 %" for one in %: the same unit, written naturally
    return written.casefold().removesuffix("s") == unit.strip().casefold().removesuffix("s")


def _number_in_kpi_unit(value: Any, info: ValidationInfo) -> Any:
    """A target written with its unit ("4 hours") must be in the KPI's unit; the number is kept."""
    if not isinstance(value, str) or (match := _NUMBER_AND_UNIT.fullmatch(value)) is None:
        return value  # a number, or text that is not one: the number check says what is wrong
    number, written = match.groups()
    unit = info.data.get("unit")
    if written and isinstance(unit, str) and not _same_unit(written, unit):
        raise PydanticCustomError(
            "target_unit",
            "is in {written}, but the KPI's values are in {unit}; give the target in {unit}",
            {"written": written, "unit": unit},
        )
    return number


Target = Annotated[
    float,
    Field(ge=-LARGEST_NUMBER, le=LARGEST_NUMBER),
    BeforeValidator(_number_in_kpi_unit),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^[-+]?[0-9]+(\.[0-9]+)?\s*\S"}]}),
]
"""A number in the KPI's unit, optionally followed by the unit: ``4`` or ``4 hours``."""


class Metric(PublishedItem):
    """A key performance indicator: what it measures, its target and how it went."""

    name: Line
    """The KPI's name, for example "Requests resolved on time"."""
    meaning: Text
    """What the number tells a reader, in plain words."""
    unit: Line
    """The unit of the values, for example %, hours or points."""
    better: Better
    """Whether a higher or a lower value is better."""
    target: Target | None = None
    """The value IT aims for, in the KPI's unit: a number (4), or the number and the unit (4 hours)."""
    period: PeriodLength = PeriodLength.MONTH
    """How often a value is recorded: month or quarter."""
    since: Line | None = None
    """The first period the KPI is measured in (a month like 2025-01 or a quarter like 2025-q1)."""
    until: Line | None = None
    """The last period it was measured in, once it is no longer measured; leave out while it is."""
    values: dict[str, Figure] = {}
    """One value per period, for example 2026-03: 94.5; each period once, from since to until (when given).

    Periods after the build's "now" are not refused, so the same file checks the same way on any day.
    Leave out for a derived KPI: values typed there are only compared with the content (scripts/validate)."""
    derived: Derivation | None = None
    """Work the values out from the content instead: availability (with service), time_to_restore or
    tickets_within_target (with period: quarter)."""
    measures: Derivation | None = None
    """What typed values measure, when the content can answer it too (availability with service,
    time_to_restore, tickets_within_target): the values are shown as typed, and scripts/validate warns
    where they disagree with the content. Prefer derived: where the KPI's period allows it."""
    service: ServiceId | None = None
    """The service whose availability a derived (or measured) availability KPI follows."""
    by_unit: dict[UnitId, dict[str, Figure]] = {}
    """Values per business unit and period, when the KPI is tracked per unit."""
    agreed_with: list[UnitId] = []
    """Business units that agreed this KPI as a measure of IT's service to them."""

    def meets_target(self, value: float | None) -> bool | None:
        """Whether ``value`` meets the target, judged the way ``better`` says; None without a target or a value."""
        if value is None or self.target is None:
            return None
        return value >= self.target if self.better is Better.HIGHER else value <= self.target

    def findings(self) -> Iterator[Finding]:
        yield from self._derivation_findings()
        pattern, example = _PERIOD_FORMAT[self.period]
        since, until = self.since, self.until
        for field, bound in (("since", since), ("until", until)):
            if bound is not None and not pattern.match(bound):
                yield Finding((field,), f"must be {example}")
            elif bound is not None and (problem := year_problem(int(bound[:4]))):
                yield Finding((field,), problem)
        since = since if since is not None and pattern.match(since) else None
        until = until if until is not None and pattern.match(until) else None
        if since is not None and until is not None and until < since:
            yield Finding(("until",), f"is before since ({since})")
        tables = [(("values",), self.values)] + [(("by_unit", unit), values) for unit, values in self.by_unit.items()]
        for path, table in tables:
            for key in table:
                if not pattern.match(key):
                    yield Finding((*path, key), f"'{key}' must be {example}, since period is {self.period.value}")
                elif problem := year_problem(int(key[:4])):
                    yield Finding((*path, key), problem)
                elif since is not None and key < since:
                    yield Finding((*path, key), f"is before the KPI was first measured ({since})")
                elif until is not None and key > until:
                    yield Finding((*path, key), f"is after the KPI was last measured ({until})")

    def _derivation_findings(self) -> Iterator[Finding]:
        answered = self.derived or self.measures
        if self.derived is not None and self.measures is not None:
            yield Finding(("measures",), "is only for typed values; a derived KPI already says what it measures")
        if self.derived is None and not self.values:
            yield Finding(("values",), "needs at least one value, or derived: to work them out from the content")
        if answered is not Derivation.AVAILABILITY and self.service is not None:
            yield Finding(("service",), "is only for an availability KPI (derived: availability)")
        if answered is Derivation.AVAILABILITY and self.service is None:
            field = "derived" if self.derived else "measures"
            yield Finding((field,), "an availability KPI needs service: the id of the service it follows")
        if self.derived is None:
            return
        if self.since is None:
            yield Finding(("derived",), "a derived KPI needs since: the first period to work out")
        if self.derived is Derivation.TICKETS_WITHIN_TARGET and self.period is not PeriodLength.QUARTER:
            yield Finding(
                ("period",),
                "must be quarter: ticket counts are recorded a quarter at a time "
                "(a monthly KPI typed by hand can say measures: tickets_within_target instead)",
            )
