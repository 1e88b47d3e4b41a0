"""How the site words its figures: numbers, money, percentages, durations, days and months, states and impacts.

Every page, feed, email and calendar says a thing the same way because this is
the only place that says it. The words are English whatever the machine's
locale (``%B`` would follow it), and a figure is never rounded up into looking
better than it was.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, tzinfo

from itcomms.content.models import Impact, UpdateState
from itcomms.periods import FiscalYear, Quarter, month_name, months_after
from itcomms.service_states import ServiceState

STATES = {
    ServiceState.OPERATIONAL: "Working normally",
    ServiceState.MAINTENANCE: "Under maintenance",
    ServiceState.DEGRADED: "Some problems",
    ServiceState.DOWN: "Not working",
}
"""A service's state, one name each, on every page, in the banner, the catalogue and the feeds."""

IMPACTS = {
    Impact.NONE: "No impact",
    Impact.MINOR: "Minor impact",
    Impact.MAJOR: "Major impact",
    Impact.CRITICAL: "Critical impact",
}
IMPACT_MEANINGS = {
    Impact.NONE: "work could carry on as normal",
    Impact.MINOR: "slower or partly working",
    Impact.MAJOR: "down for many people",
    Impact.CRITICAL: "down for everyone",
}
STEPS = {
    UpdateState.INVESTIGATING: "Investigating",
    UpdateState.IDENTIFIED: "Cause found",
    UpdateState.MONITORING: "Monitoring the fix",
    UpdateState.RESOLVED: "Resolved",
}
"""An incident update's state, as its timeline names it."""

CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
MINUS = "−"
"""The minus sign, which screen readers say as "minus" (a hyphen they skip)."""


# Calendar


def month_words(value: date) -> str:
    """The month a day falls in: March 2026."""
    return f"{month_name(value.month)} {value.year}"


def month_key_words(key: str) -> str:
    """A month key as people read it: 2026-03 is March 2026."""
    return f"{month_name(int(key[5:7]))} {key[:4]}"


def short_month(key: str, with_year: bool = True) -> str:
    """A month key as a chart's axis or a dense table names it: 2026-03 is Mar 2026 (or Mar)."""
    name = month_name(int(key[5:7]))[:3]
    return f"{name} {key[:4]}" if with_year else name


def short_month_of(value: date) -> str:
    """The month a day falls in, as a chart's axis names it: Oct 2025."""
    return f"{month_name(value.month)[:3]} {value.year}"


def quarter_words(period: Quarter, fiscal_year_start: int) -> str:
    """How people say a quarter: "Q3 2026", or "Q1 2026/27" when the fiscal year starts later than January."""
    return f"Q{period.number} {FiscalYear(period.year, fiscal_year_start).label}"


def quarter_months(period: Quarter) -> str:
    """The months a quarter spans: July to September 2026."""
    return months_words(period.start, date.fromordinal(period.end.toordinal() - 1))


def period_words(key: str, fiscal_year_start: int = 1) -> str:
    """A KPI's period as a dense table names it: Mar 2026 for a month key (2026-03), Q3 2026 for a quarter key."""
    if len(key) == 7 and key[4] == "-" and key[5:].isdigit():
        return short_month(key)
    return quarter_words(Quarter.parse(key, fiscal_year_start), fiscal_year_start)


def months_words(first: date, last: date) -> str:
    """The months from ``first`` to ``last``: July to September 2026, November 2026 to January 2027."""
    start = month_name(first.month) if first.year == last.year else month_words(first)
    return f"{start} to {month_words(last)}"


def days_words(first: date, last: date) -> str:
    """The days from ``first`` to ``last``: 1 January to 24 November 2026, 1 April 2025 to 24 February 2026."""
    start = f"{first.day} {month_name(first.month)}" if first.year == last.year else f"{first.day} {month_words(first)}"
    return f"{start} to {last.day} {month_words(last)}"


def period_span_words(key: str, start: date, quarterly: bool) -> str:
    """A KPI period as a table row names it: March 2026, or Q1 (January to March 2026)."""
    if not quarterly:
        return month_words(start)
    last = months_after(start, 2)
    return f"{key[5:].upper()} ({months_words(start, last)})"


def day_words(value: date | datetime, timezone: tzinfo) -> str:
    """A date as people read it: 14 March 2026 (a time is first put in ``timezone``)."""
    if isinstance(value, datetime):
        value = value.astimezone(timezone)
    return f"{value.day} {month_words(value)}"


def moment_words(value: datetime, timezone: tzinfo) -> str:
    """A time in ``timezone``, with the zone named: 14 March 2026, 09:30 GMT."""
    local = value.astimezone(timezone)
    return f"{day_words(local, timezone)}, {local:%H:%M} {local.tzname()}"


def span_words(start: datetime, end: datetime, timezone: tzinfo) -> str:
    """A stretch of time in ``timezone``: 28 November 2026, 20:00 to 23:00 GMT."""
    first, last = start.astimezone(timezone), end.astimezone(timezone)
    if first.date() == last.date() and first.tzname() == last.tzname():
        return f"{day_words(first, timezone)}, {first:%H:%M} to {last:%H:%M} {last.tzname()}"
    return f"{moment_words(first, timezone)} to {moment_words(last, timezone)}"


# Numbers


def count_words(number: int, noun: str) -> str:
    """1 day, 3 days; empty for none (a part a longer phrase leaves out)."""
    return f"{number:,} {noun}{'s' if number != 1 else ''}" if number else ""


def number(value: float | None, missing: str = "not recorded") -> str:
    """18,500 or 4.05: thousands separated, at most two decimals, none invented."""
    if value is None:
        return missing
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def amount(value: float, unit: str) -> str:
    """A value with its unit: 70%, 4 hours."""
    return f"{number(value)}{'' if unit == '%' else ' '}{unit}"


def money(value: float, currency: str) -> str:
    """£18,500, or EUR 18,500 for a currency without a symbol here: whole units."""
    shown = f"{round(value):,}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{shown}" if symbol else f"{currency} {shown}"


def percent(value: float | None, missing: str = "not known") -> str:
    """A share: 92%, 4.5% (at most two decimals, floored: a figure is never shown better than it was)."""
    return missing if value is None else f"{number(math.floor(value * 100 + 1e-9) / 100)}%"


def share_percent(value: float | None) -> str:
    """A share of a count as a whole percentage, floored: 5,303 of 5,855 (90.57%) is 90%, never 91%."""
    return "not known" if value is None else f"{math.floor(value + 1e-9):.0f}%"


def share(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a whole percentage: 92%."""
    return share_percent(100 * part / whole) if whole else "no data"


def floored_availability(value: float) -> float:
    """Availability as every page shows it: floored to two decimals, so it never looks better than it was."""
    return math.floor(value * 100 + 1e-9) / 100


def availability(value: float) -> str:
    """Availability in words (``floored_availability``): 99.90%, 100%."""
    if value >= 100:
        return "100%"
    return f"{floored_availability(value):.2f}%"


def score(value: float | None) -> str:
    """A survey score as surveys report them, with one decimal or two: 4.0, 3.85."""
    if value is None:
        return "no answers"
    return f"{value:.1f}" if round(value, 1) == value else f"{value:.2f}"


def change(value: float | None, unit: str = "") -> str:
    """A change in signs a screen reader says well: +3, −2.5 points, no change."""
    if value is None:
        return "no earlier figure"
    if round(value, 1) == 0:
        return "no change"
    sign = "+" if value > 0 else MINUS
    shown = f"{abs(value):.0f}" if unit == "" else f"{abs(value):.1f}".removesuffix(".0")
    return f"{sign}{shown}{unit}"


def points_change(value: float | None) -> str:
    """A change in percentage points, always to one decimal so figures side by side read alike: +2.0 points, −0.4 points."""
    if value is None:
        return "no earlier figure"
    if round(value, 1) == 0:
        return "no change"
    sign = "+" if value > 0 else MINUS
    return f"{sign}{abs(value):.1f} points"


# Time spans


def duration(span: timedelta) -> str:
    """How long something lasted: 45 minutes, 3 hours 20 minutes, 2 days 4 hours."""
    minutes = max(round(span.total_seconds() / 60), 0)
    if minutes == 0:
        return "under a minute"
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [count_words(days, "day"), count_words(hours, "hour")]
    if not days:
        parts.append(count_words(minutes, "minute"))
    return " ".join(part for part in parts if part)


def hours_words(hours: float | None) -> str:
    """A promised or typical time: 15 minutes, 1 hour, 2.5 hours, 5 days (whole days from 48 hours)."""
    if hours is None:
        return "not recorded"
    if hours < 1:
        return count_words(round(hours * 60), "minute") or "under a minute"
    if hours >= 48:
        days = hours / 24
        return f"{number(round(days, 1))} day{'s' if days != 1 else ''}"
    return f"{number(round(hours, 1))} hour{'s' if hours != 1 else ''}"


class Words:
    """The wording above bound to one site's timezone, currency and fiscal year: what templates call as ``words``."""

    def __init__(self, timezone: tzinfo, currency: str, fiscal_year_start: int) -> None:
        self.timezone = timezone
        self.currency = currency
        self.fiscal_year_start = fiscal_year_start

    number = staticmethod(number)
    amount = staticmethod(amount)
    percent = staticmethod(percent)
    share = staticmethod(share)
    share_percent = staticmethod(share_percent)
    availability = staticmethod(availability)
    score = staticmethod(score)
    change = staticmethod(change)
    points_change = staticmethod(points_change)
    duration = staticmethod(duration)
    hours = staticmethod(hours_words)
    month = staticmethod(month_words)
    month_key = staticmethod(month_key_words)
    month_name = staticmethod(month_name)
    period_span = staticmethod(period_span_words)
    months = staticmethod(months_words)
    days = staticmethod(days_words)

    def money(self, value: float) -> str:
        return money(value, self.currency)

    def day(self, value: date | datetime) -> str:
        return day_words(value, self.timezone)

    def moment(self, value: datetime) -> str:
        return moment_words(value, self.timezone)

    def span(self, start: datetime, end: datetime) -> str:
        return span_words(start, end, self.timezone)

    def quarter(self, period: Quarter) -> str:
        return quarter_words(period, self.fiscal_year_start)

    def period(self, key: str) -> str:
        return period_words(key, self.fiscal_year_start)

    @staticmethod
    def state(state: ServiceState) -> str:
        return STATES[state]

    @staticmethod
    def impact(impact: Impact) -> str:
        return IMPACTS[impact]

    @staticmethod
    def meaning(impact: Impact) -> str:
        return IMPACT_MEANINGS[impact]

    @staticmethod
    def step(state: UpdateState) -> str:
        return STEPS[state]
