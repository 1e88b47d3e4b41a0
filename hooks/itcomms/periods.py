"""Years, quarters and months as the business counts them (fiscal when its year does not start in January).

A fiscal year is named after the calendar year it starts in: with a year
starting in April, fiscal 2026 runs from April 2026 to March 2027 and is
labelled "2026/27"; its first quarter, April to June 2026, is ``2026-q1``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = (
    # in English, whatever the machine's locale says (%B would follow it)
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_name(month: int) -> str:
    """March, for 3."""
    return MONTHS[month - 1]


@dataclass(frozen=True, order=True)
class FiscalYear:
    year: int
    start_month: int = 1

    @property
    def start(self) -> date:
        return date(self.year, self.start_month, 1)

    @property
    def end(self) -> date:
        """The first day after the year."""
        return date(self.year + 1, self.start_month, 1)

    @property
    def label(self) -> str:
        if self.start_month == 1:
            return str(self.year)
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    def months(self) -> tuple[date, ...]:
        """The first day of each of its twelve months, in order."""
        return tuple(months_after(self.start, offset) for offset in range(12))

    def quarters(self) -> tuple[Quarter, ...]:
        return tuple(Quarter(self.year, number, self.start_month) for number in range(1, 5))

    @classmethod
    def of(cls, day: date, start_month: int = 1) -> FiscalYear:
        year = day.year if day.month >= start_month else day.year - 1
        return cls(year, start_month)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int
    start_month: int = 1

    @property
    def key(self) -> str:
        """How files and addresses name it: 2026-q1."""
        return f"{self.year}-q{self.number}"

    @property
    def start(self) -> date:
        return months_after(date(self.year, self.start_month, 1), (self.number - 1) * 3)

    @property
    def end(self) -> date:
        """The first day after the quarter."""
        return self.next().start

    def next(self) -> Quarter:
        if self.number == 4:
            return Quarter(self.year + 1, 1, self.start_month)
        return Quarter(self.year, self.number + 1, self.start_month)

    def previous(self) -> Quarter:
        if self.number == 1:
            return Quarter(self.year - 1, 4, self.start_month)
        return Quarter(self.year, self.number - 1, self.start_month)

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    @classmethod
    def of(cls, day: date, start_month: int = 1) -> Quarter:
        fiscal = FiscalYear.of(day, start_month)
        months_in = (day.year - fiscal.year) * 12 + day.month - start_month
        return cls(fiscal.year, months_in // 3 + 1, start_month)

    @classmethod
    def parse(cls, key: str, start_month: int = 1) -> Quarter:
        year, number = key.split("-q")
        return cls(int(year), int(number), start_month)


def months_after(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s (before it, when negative): the one month arithmetic."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_key(day: date) -> str:
    """How files and addresses name a month: 2026-03."""
    return f"{day.year:04d}-{day.month:02d}"


def period_start(key: str, start_month: int = 1) -> date | None:
    """The first day of a KPI or ticket period: a month (2026-03) or a fiscal quarter (2026-q1).

    None for a key that is neither (the models report those).
    """
    if re.fullmatch(r"[0-9]{4}-q[1-4]", key):
        return Quarter.parse(key, start_month).start
    if re.fullmatch(r"[0-9]{4}-(?:0[1-9]|1[0-2])", key):
        return date(int(key[:4]), int(key[5:]), 1)
    return None


def fiscal_year_of_period(key: str, start_month: int = 1) -> FiscalYear | None:
    """The fiscal year a month or quarter key falls in."""
    start = period_start(key, start_month)
    return None if start is None else FiscalYear.of(start, start_month)
