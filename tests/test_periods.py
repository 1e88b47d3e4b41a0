"""The one month arithmetic (``periods.months_after``) that quarters, fiscal years, KPIs and newsletters share."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from itcomms.periods import FiscalYear, Quarter, months_after

DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))


@given(day=DAYS, months=st.integers(min_value=-240, max_value=240))
def test_months_after_is_the_first_of_a_month_that_many_months_on_and_goes_back(day: date, months: int) -> None:
    later = months_after(day, months)
    assert later.day == 1
    assert (later.year - day.year) * 12 + later.month - day.month == months
    assert months_after(later, -months) == day.replace(day=1)


@given(day=DAYS)
def test_the_month_after_starts_the_day_after_the_months_last_day(day: date) -> None:
    following = months_after(day, 1)
    assert (following - timedelta(days=1)).month == day.month


@given(day=DAYS, start_month=st.integers(min_value=1, max_value=12))
def test_quarters_and_fiscal_years_are_made_of_whole_months_in_order(day: date, start_month: int) -> None:
    year = FiscalYear.of(day, start_month)
    months = year.months()
    assert months[0] == year.start and months_after(months[-1], 1) == year.end
    assert [quarter.start for quarter in year.quarters()] == list(months[::3])
    assert Quarter.of(day, start_month).contains(day)
