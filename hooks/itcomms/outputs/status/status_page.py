"""``/status/``: every service's state and availability, what is happening, what is planned, recent history.

The page holds the last few months of history (``status_view.HISTORY_MONTHS``);
each year's history has a page of its own, so the status page stays small
however long the record grows. Both kinds of page carry a service filter that
works in the browser without a request (``docs/javascripts/status.js``); without
JavaScript everything is shown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby

from itcomms import addresses
from itcomms.content.models import Service
from itcomms.content.models.settings import ServiceCategory
from itcomms.figures.service_facts import AVAILABILITY_PERIODS
from itcomms.figures.service_status import (
    DayRecord,
    ServiceStatus,
    availability,
    current_status,
    daily_record,
    in_progress,
    incident_now,
    open_incidents,
    upcoming_maintenance,
)
from itcomms.outputs.site.search_words import site_page_search
from itcomms.outputs.status import status_badges
from itcomms.outputs.status.status_feeds import status_feed
from itcomms.outputs.status.status_view import (
    HISTORY_MONTHS,
    by_month,
    history,
    history_services,
    overall,
    page_context,
    recent_months,
)
from itcomms.rendering.feeds import autodiscovery_links
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.service_states import ServiceState
from itcomms.site import Site
from itcomms.words import availability as availability_words
from itcomms.words import day_words, duration, percent

BAR_DAYS = 90


def render(site: Site, templates: Templates) -> Iterator[Output]:
    entries = history(site)
    feeds = autodiscovery_links(site, status_feed(site))
    years = sorted({entry.start.astimezone(site.timezone).year for entry in entries}, reverse=True)
    ahead = upcoming_maintenance(site)
    statuses = current_status(site)
    recent = by_month(site, entries, recent_months(site))
    yield templates.page(
        "status.md.j2",
        addresses.STATUS,
        **page_context(),
        badge_title=status_badges.badges(site)[addresses.STATUS_BADGE].title,
        feeds=feeds,
        **site_page_search("status"),
        states=ServiceState,
        overall=overall(statuses),
        incidents=[incident_now(site, incident) for incident in open_incidents(site)],
        in_progress=[window for window in ahead if in_progress(window, site.now)],
        # Every other window not yet over, a cancelled one included even once its start has passed (cancelled
        # while it ran): each window's page links to its place here until it ends (status_view.maintenance_page).
        upcoming=[window for window in ahead if not in_progress(window, site.now)],
        categories=_categories(site, statuses),
        months=recent,
        history_months=HISTORY_MONTHS,
        months_services=history_services(site, recent),
        years=years,
    )
    for year in years:
        last_month = site.local_now.month if year == site.local_now.year else 12
        path = addresses.status_history(year)
        months = by_month(site, entries, [(year, month) for month in range(last_month, 0, -1)])
        yield templates.page(
            "status_history.md.j2",
            path,
            **page_context(),
            feeds=feeds,
            year=year,
            months=months,
            months_services=history_services(site, months),
            years=years,
        )


@dataclass(frozen=True)
class Figure:
    """Availability over the last ``days`` days, in words and against the target."""

    days: int
    percent: str
    below_target: bool


@dataclass(frozen=True)
class Segment:
    """A stretch of the day-by-day bar: a run of days in the same state."""

    state: ServiceState
    days: int


@dataclass(frozen=True)
class ServiceRow:
    service: Service
    state: ServiceState
    figures: tuple[Figure, ...]
    target: str | None
    bar: tuple[Segment, ...]
    bar_label: str
    """The bar in words: its accessible name, and what pointing at it shows."""

    @property
    def is_quiet(self) -> bool:
        """Nothing to show day by day: working normally, no problem in the last ``BAR_DAYS`` days, no figure
        below target."""
        states = {self.state, *(segment.state for segment in self.bar)}
        return states == {ServiceState.OPERATIONAL} and not self.missed

    @property
    def missed(self) -> str:
        """The periods the service fell short of its target, in words; empty when it met it."""
        below = [f"{figure.percent} of the last {figure.days} days" for figure in self.figures if figure.below_target]
        return " and ".join(filter(None, [", ".join(below[:-1]), *below[-1:]]))


@dataclass(frozen=True)
class CategoryRows:
    """A category's services: those with something to show day by day get a row of the table,
    the quiet ones one line each, so a page of hundreds of services stays light."""

    category: ServiceCategory
    rows: tuple[ServiceRow, ...]
    quiet: tuple[ServiceRow, ...]


def _categories(site: Site, statuses: Mapping[str, ServiceStatus]) -> list[CategoryRows]:
    rows: dict[str, list[ServiceRow]] = {category_id: [] for category_id in site.categories}
    for service in site.services.values():
        if service.id in statuses:  # a retired service has no current status
            rows[service.category].append(_row(site, service, statuses[service.id].state))
    return [
        CategoryRows(
            category,
            rows=tuple(row for row in rows[category.id] if not row.is_quiet),
            quiet=tuple(row for row in rows[category.id] if row.is_quiet),
        )
        for category in site.categories.values()
        if rows[category.id]
    ]


def _row(site: Site, service: Service, state: ServiceState) -> ServiceRow:
    levels = service.service_levels
    figures = []
    for days, _ in AVAILABILITY_PERIODS:
        value = availability(site, service.id, days)
        figures.append(Figure(days, availability_words(value), levels is not None and not levels.met_by(value)))
    record = daily_record(site, service.id, BAR_DAYS)
    return ServiceRow(
        service=service,
        state=state,
        figures=tuple(figures),
        target=percent(levels.availability) if levels is not None else None,
        bar=tuple(_segments(record)),
        bar_label=_bar_label(site, record),
    )


def _segments(record: list[DayRecord]) -> Iterator[Segment]:
    for state, days in groupby(record, key=lambda day: day.state):
        yield Segment(state, len(list(days)))


def _day_problems(day: DayRecord) -> str:
    parts = [
        f"{words} for {duration(length)}"
        for words, length in (("down", day.down), ("degraded", day.degraded), ("planned maintenance", day.maintenance))
        if length
    ]
    return ", ".join(parts)


def _bar_label(site: Site, record: list[DayRecord]) -> str:
    """Each day with a problem and what it was: the days without are the rest of the bar."""
    problems = [
        f"{day_words(day.day, site.timezone)}: {_day_problems(day)}."
        for day in record
        if day.state is not ServiceState.OPERATIONAL
    ]
    return " ".join(problems) or f"No problems in these {len(record)} days."
