"""Which fiscal years an item speaks of: the one rule the annual report and its validation share.

An item belongs to the fiscal year of the day it happened: an accomplishment,
award or talk by its date, an incident by the day it started (in the site's
timezone), a survey by the day it closed, a KPI value and a ticket count by
their period. Maintenance windows, quarterly reviews and newsletters are not
what an annual report tells, so on their own they give a year nothing to
report.
"""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from itcomms.content.models import (
    Accomplishment,
    Award,
    ContentFile,
    Incident,
    Metric,
    SiteSettings,
    Survey,
    Talk,
    TicketSummary,
)
from itcomms.periods import FiscalYear, fiscal_year_of_period


def years_of(item: ContentFile, settings: SiteSettings) -> set[int]:
    """The fiscal years (by the calendar year they start in) ``item`` has something in."""
    start_month = settings.fiscal_year_start
    match item:
        case Accomplishment() | Award() | Talk():
            return {FiscalYear.of(item.date, start_month).year}
        case Incident():
            started = item.start.astimezone(ZoneInfo(settings.timezone)).date()
            return {FiscalYear.of(started, start_month).year}
        case Survey():
            return {FiscalYear.of(item.closed, start_month).year}
        case TicketSummary():
            return _period_years([item.id], start_month)
        case Metric():
            periods = [*item.values, *(key for values in item.by_unit.values() for key in values)]
            return _period_years(periods, start_month)
    return set()


def years_with_content(items: Iterable[ContentFile], settings: SiteSettings) -> set[int]:
    """Every fiscal year at least one of ``items`` has something in."""
    return {year for item in items for year in years_of(item, settings)}


def _period_years(keys: Iterable[str], start_month: int) -> set[int]:
    return {fiscal.year for key in keys if (fiscal := fiscal_year_of_period(key, start_month)) is not None}
