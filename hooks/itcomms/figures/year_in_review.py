"""The numbers of one fiscal year, for its annual report: computed from the ``Site``, with no presentation.

Every figure follows a rule a reader can check against the content:

- **Things delivered**: the accomplishments dated in the year.
- **Money and hours saved**: the sums of those accomplishments' savings.
- **Tickets and requests handled**: every business unit's ticket counts for
  the year's quarters, added up; none recorded is "no data", not zero.
- **Availability**: for each service with an availability target, the share
  of the year it was available (the rules of ``service_status``), judged up
  to the build's "now" and kept to a thousandth of a percent, as shown; a
  service met its target when that figure is at least the target.
- **Satisfaction**: the score of the first question of the latest survey
  closed in the year (the first question is the overall one).
- **Mean time to restore**: the average time from start to end of the year's
  resolved incidents that had an impact.
- **Worst incidents**: the year's incidents that had an impact, the worst
  impact first, then the longest.

The year before is given for comparison only when it has content of its own
(``year_content``); otherwise the comparison is "no data", never a zero.

Comparisons are like for like: while a year runs, each figure of the year
before covers the same part of it (1 January to 24 November against 1 January
to 24 November), and ticket counts, which come a quarter at a time, cover the
same quarters (January to September against January to September). Each
figure says the span it covers (``YearFigures.until``, ``tickets_until``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from itcomms.content.models import (
    Accomplishment,
    Award,
    ContentFile,
    Impact,
    Incident,
    Report,
    Service,
    StrategicGoal,
    Survey,
    Talk,
)
from itcomms.content.models.service import meets_availability_target
from itcomms.content.models.survey import Action, Question, Quote
from itcomms.content.year_content import years_of
from itcomms.figures.kpi_year import KpiYear, kpi_year
from itcomms.figures.service_status import availability_between
from itcomms.periods import FiscalYear
from itcomms.site import Site
from itcomms.words import floored_availability

WORST_INCIDENTS = 3
"""How many of the year's worst incidents the report names."""
SURVEY_HISTORY = 4
"""How many surveys, up to the year's end, the scores over time compare."""

Item = TypeVar("Item", bound=ContentFile)

_IMPACTS_WORST_FIRST = (Impact.CRITICAL, Impact.MAJOR, Impact.MINOR, Impact.NONE)


@dataclass(frozen=True)
class SurveyScore:
    """A survey's headline: the score of its first question."""

    survey: Survey
    question: Question
    score: float


@dataclass(frozen=True)
class YearFigures:
    """The headline numbers of one year: what the report compares with the year before."""

    year: FiscalYear
    until: date
    """The last day counted: accomplishments, incidents, surveys and availability up to and including it."""
    delivered: int
    money_saved: float
    hours_saved: float
    tickets_handled: int | None
    """None when no ticket counts were recorded for the year."""
    tickets_within_target: int | None
    ticket_quarters: tuple[int, ...]
    """The numbers (1 to 4) of the quarters whose ticket counts were added up."""
    services_met_target: int | None
    """None when the year had not begun at the build's "now"."""
    services_with_target: int
    satisfaction: SurveyScore | None
    incidents_by_impact: Mapping[Impact, int]
    """Worst impact first; every impact present, zero when there were none."""
    mean_time_to_restore: timedelta | None

    @property
    def incidents(self) -> int:
        return sum(self.incidents_by_impact.values())

    @property
    def is_whole_year(self) -> bool:
        return self.until >= self.year.end - timedelta(days=1)

    @property
    def tickets_from(self) -> date | None:
        """The first day of the first quarter counted; None without ticket counts."""
        return self.year.quarters()[self.ticket_quarters[0] - 1].start if self.ticket_quarters else None

    @property
    def tickets_until(self) -> date | None:
        """The last day of the last quarter counted: ticket counts stop there, whatever the other figures do."""
        return (
            self.year.quarters()[self.ticket_quarters[-1] - 1].end - timedelta(days=1) if self.ticket_quarters else None
        )

    @property
    def tickets_whole_year(self) -> bool:
        return self.ticket_quarters == (1, 2, 3, 4)


@dataclass(frozen=True)
class ServiceAvailability:
    service: Service
    target: float
    achieved: float
    """Percent, unrounded: judged against the target as it is, and shown floored (``words.availability``)."""
    previous: float | None
    """The same for the year before, when it has content."""

    @property
    def met(self) -> bool:
        return meets_availability_target(self.achieved, self.target)

    @property
    def shortfall(self) -> float:
        """Percentage points below the target (zero when met), from the figure as shown, so that the reader's own
        subtraction agrees: 99.87% against 99.9% is short by 0.03, though unrounded it was 0.0201."""
        return 0.0 if self.met else max(round(self.target - floored_availability(self.achieved), 2), 0.01)


@dataclass(frozen=True)
class IncidentOfTheYear:
    incident: Incident
    duration: timedelta
    """Start to end, or to the build's "now" while it is still open."""


@dataclass(frozen=True)
class GoalWork:
    goal: StrategicGoal
    accomplishments: tuple[Accomplishment, ...]
    """Highlights first, then in date order; empty when nothing advanced the goal."""


@dataclass(frozen=True)
class YearInReview:
    """Everything the annual report of one year says, before it is put into words."""

    report: Report
    year: FiscalYear
    has_begun: bool
    """Whether the year had begun at the build's "now"."""
    covered_until: date
    """The last day the figures cover: the build's "now" while the year runs, else the year's last day."""
    figures: YearFigures
    previous: YearFigures | None
    """The year before, when it has content."""
    goals: tuple[GoalWork, ...]
    """In the order site.yaml gives them."""
    savings: tuple[Accomplishment, ...]
    """The year's accomplishments that saved money or time, in date order."""
    awards: tuple[Award, ...]
    talks: tuple[Talk, ...]
    availability: tuple[ServiceAvailability, ...]
    """Missed targets first, then by service name."""
    worst_incidents: tuple[IncidentOfTheYear, ...]
    open_incidents: int
    """The year's incidents still open at the build's "now"."""
    surveys: tuple[Survey, ...]
    """Closed in the year, oldest first."""
    survey_history: tuple[Survey, ...]
    """The latest surveys closed by the year's end, oldest first (at most ``SURVEY_HISTORY``)."""
    kpis: tuple[KpiYear, ...]
    """Every KPI, in name order; a KPI not measured in the year has no values."""

    @property
    def is_complete(self) -> bool:
        return self.has_begun and self.covered_until >= self.year.end - timedelta(days=1)

    @property
    def next_year(self) -> FiscalYear:
        return FiscalYear(self.year.year + 1, self.year.start_month)

    @property
    def missed_availability(self) -> tuple[ServiceAvailability, ...]:
        return tuple(entry for entry in self.availability if not entry.met)

    @property
    def actions(self) -> tuple[Action, ...]:
        """You said, we did: the actions of the year's surveys."""
        return tuple(action for survey in self.surveys for action in survey.actions)

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(quote for survey in self.surveys for quote in survey.quotes)


def fiscal_year(site: Site, report: Report) -> FiscalYear:
    """The fiscal year a report file (named for the year it starts in) covers."""
    return FiscalYear(int(report.id), site.settings.fiscal_year_start)


def review(site: Site, report: Report) -> YearInReview:
    """The year ``report`` covers, in figures; worked out once per build (the report and the home page ask)."""
    return site.once(("year in review", report.id), lambda: _review(site, report))


def _review(site: Site, report: Report) -> YearInReview:
    year = fiscal_year(site, report)
    previous_year = FiscalYear(year.year - 1, year.start_month)
    has_previous = any(previous_year.year in _years(site, item) for item in _reported_items(site))
    last_day = year.end - timedelta(days=1)
    covered_until = min(last_day, site.local_now.date()) if _has_begun(site, year) else last_day
    same_day_before = _a_year_before(covered_until)
    availability = _availability(site, year, covered_until, (previous_year, same_day_before) if has_previous else None)
    accomplishments = _in_year(site, site.accomplishments, year)
    surveys = _in_year(site, site.surveys, year)
    incidents = _in_year(site, site.incidents, year)
    figures = _figures(site, year, covered_until)
    return YearInReview(
        report=report,
        year=year,
        has_begun=_has_begun(site, year),
        covered_until=covered_until,
        figures=figures,
        # the same part of the year before, and the same quarters' tickets: like for like
        previous=_figures(site, previous_year, same_day_before, figures.ticket_quarters) if has_previous else None,
        goals=_by_goal(site, report, accomplishments),
        savings=tuple(sorted((item for item in accomplishments if item.savings), key=_by_date)),
        awards=tuple(sorted(_in_year(site, site.awards, year), key=_by_date)),
        talks=tuple(sorted(_in_year(site, site.talks, year), key=_by_date)),
        availability=availability,
        worst_incidents=_worst(site, incidents),
        open_incidents=sum(1 for incident in incidents if incident.end is None),
        surveys=tuple(sorted(surveys, key=lambda survey: survey.closed)),
        # site.surveys is latest first
        survey_history=tuple(
            reversed([survey for survey in site.surveys if survey.closed <= last_day][:SURVEY_HISTORY])
        ),
        kpis=tuple(kpi_year(metric, year) for metric in site.metrics.values()),
    )


def _a_year_before(day: date) -> date:
    """The same day a year earlier (28 February for the 29th)."""
    return (
        day.replace(year=day.year - 1, day=min(day.day, 28))
        if (day.month, day.day) == (2, 29)
        else day.replace(year=day.year - 1)
    )


def _figures(site: Site, year: FiscalYear, until: date, quarters: tuple[int, ...] | None = None) -> YearFigures:
    """The year's figures up to ``until``; ticket counts of ``quarters`` only (by default every quarter recorded)."""
    accomplishments = [item for item in _in_year(site, site.accomplishments, year) if item.date <= until]
    summaries = _in_year(site, site.tickets.values(), year)
    recorded = sorted({int(summary.id[-1]) for summary in summaries})
    counted = tuple(recorded if quarters is None else [number for number in quarters if number in recorded])
    if quarters is not None and tuple(quarters) != counted:
        counted = ()  # the year before lacks some of the same quarters: no like-for-like ticket figure
    tickets = [summary for summary in summaries if int(summary.id[-1]) in counted]
    availability = _availability(site, year, until, None)
    incidents = [item for item in _in_year(site, site.incidents, year) if _local_day(site, item.start) <= until]
    surveys = sorted(
        (survey for survey in _in_year(site, site.surveys, year) if survey.closed <= until),
        key=lambda survey: (survey.closed, survey.id),
    )
    restored = [incident.end - incident.start for incident in incidents if incident.end and _had_impact(incident)]
    return YearFigures(
        year=year,
        until=until,
        delivered=len(accomplishments),
        money_saved=sum(item.savings.money or 0 for item in accomplishments if item.savings),
        hours_saved=sum(item.savings.hours or 0 for item in accomplishments if item.savings),
        tickets_handled=sum(summary.handled for summary in tickets) if tickets else None,
        tickets_within_target=sum(summary.within_target for summary in tickets) if tickets else None,
        ticket_quarters=counted if tickets else (),
        services_met_target=sum(1 for entry in availability if entry.met) if _has_begun(site, year) else None,
        services_with_target=len(availability),
        satisfaction=_headline_score(surveys[-1]) if surveys else None,
        incidents_by_impact={
            impact: sum(1 for incident in incidents if incident.impact is impact) for impact in _IMPACTS_WORST_FIRST
        },
        mean_time_to_restore=sum(restored, timedelta()) / len(restored) if restored else None,
    )


def _availability(
    site: Site, year: FiscalYear, until: date, previous: tuple[FiscalYear, date] | None
) -> tuple[ServiceAvailability, ...]:
    """Each service's availability in ``year`` up to ``until``; with ``previous``, the year before up to its day."""
    entries = []
    for service in site.services.values():
        if service.service_levels is None or (service.retire_on is not None and service.retire_on <= year.start):
            continue  # a service switched off before the year began is not in its report
        entries.append(
            ServiceAvailability(
                service=service,
                target=service.service_levels.availability,
                achieved=_available(site, service, year, until),
                previous=_available(site, service, *previous) if previous else None,
            )
        )
    return tuple(sorted(entries, key=lambda entry: (entry.met, entry.service.name.casefold())))


def _available(site: Site, service: Service, year: FiscalYear, until: date) -> float:
    start, end = _moment(site, year.start), _moment(site, min(year.end, until + timedelta(days=1)))
    return availability_between(site, service.id, start, end)


def _local_day(site: Site, moment: datetime) -> date:
    return moment.astimezone(site.timezone).date()


def _moment(site: Site, day: date) -> datetime:
    return datetime.combine(day, time(), site.timezone)


def _has_begun(site: Site, year: FiscalYear) -> bool:
    return site.now > _moment(site, year.start)


def _had_impact(incident: Incident) -> bool:
    return incident.impact is not Impact.NONE


def _worst(site: Site, incidents: list[Incident]) -> tuple[IncidentOfTheYear, ...]:
    ranked = [
        IncidentOfTheYear(incident, (incident.end or max(site.now, incident.start)) - incident.start)
        for incident in incidents
        if _had_impact(incident)
    ]
    ranked.sort(
        key=lambda entry: (_IMPACTS_WORST_FIRST.index(entry.incident.impact), -entry.duration, entry.incident.id)
    )
    return tuple(ranked[:WORST_INCIDENTS])


def _headline_score(survey: Survey) -> SurveyScore | None:
    question = survey.questions[0]
    score = survey.scores.get(question.id)
    return None if score is None else SurveyScore(survey, question, score)


def _by_goal(site: Site, report: Report, accomplishments: list[Accomplishment]) -> tuple[GoalWork, ...]:
    picked = {reference.partition(":")[2] for reference in report.highlights if reference.startswith("accomplishment:")}

    def order(item: Accomplishment) -> tuple[bool, date, str]:
        return (not (item.highlight or item.id in picked), item.date, item.id)

    return tuple(
        GoalWork(goal, tuple(sorted((item for item in accomplishments if goal.id in item.goals), key=order)))
        for goal in site.settings.strategic_goals
    )


def _in_year(site: Site, items: Iterable[Item], year: FiscalYear) -> list[Item]:
    return [item for item in items if year.year in _years(site, item)]


def _years(site: Site, item: ContentFile) -> set[int]:
    """``years_of``, once per item per build: every year's report asks it of every item."""
    return site.once(("years", item.source_file), lambda: years_of(item, site.settings))


def _by_date(item: Accomplishment | Award | Talk) -> tuple[date, str]:
    return (item.date, item.id)


def _reported_items(site: Site) -> list[ContentFile]:
    return [
        *site.accomplishments,
        *site.awards,
        *site.talks,
        *site.incidents,
        *site.surveys,
        *site.metrics.values(),
        *site.tickets.values(),
    ]
