"""The business units section: the listing with survey results, a "your IT" page per unit, its quarterly reviews.

The figures come from ``unit_figures`` and ``survey_results``; this module
only picks what each page shows, draws the charts and names the pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from itcomms import addresses
from itcomms.content.models import BusinessUnit, UnitReview
from itcomms.figures import survey_results, unit_figures
from itcomms.figures.survey_results import ScoreHistory
from itcomms.outputs.site.search_words import site_page_search
from itcomms.periods import Quarter
from itcomms.rendering.charts import Chart, Series
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site
from itcomms.words import quarter_months, quarter_words, short_month_of

QUARTERS_SHOWN = 8
"""Quarters in a unit page's ticket table and chart; older reviews are listed as links only."""


def render(site: Site, templates: Templates) -> Iterator[Output]:
    yield templates.page("units.md.j2", addresses.UNITS, **_index(site), **site_page_search("units"))
    for unit in site.units.values():
        quarters = unit_figures.review_quarters(site, unit.id)
        yield templates.page("unit.md.j2", addresses.unit(unit.id), **_unit_page(site, unit, quarters))
        for index, period in enumerate(quarters):
            context = _review_page(site, unit, period)
            context["earlier"] = quarters[index - 1] if index > 0 else None
            context["later"] = quarters[index + 1] if index + 1 < len(quarters) else None
            yield templates.page("unit_review.md.j2", addresses.unit_review(unit.id, period.key), **context)


def _index(site: Site) -> dict[str, Any]:
    units = []
    for unit in site.units.values():
        quarters = unit_figures.review_quarters(site, unit.id)
        tickets = next(
            (found for period in reversed(quarters) if (found := unit_figures.quarter_tickets(site, unit.id, period))),
            None,
        )
        units.append(
            {
                "unit": unit,
                "latest": quarters[-1] if quarters else None,
                "tickets": tickets,
                "tickets_label": quarter_words(tickets.quarter, site.settings.fiscal_year_start) if tickets else "",
            }
        )
    questions = survey_results.question_history(site)
    by_unit = survey_results.unit_history(site)
    headline = survey_results.headline_question(site)
    return {
        "units": units,
        "latest_survey": site.surveys[0] if site.surveys else None,
        "questions": questions,
        "questions_chart": _score_chart(
            "surveys-by-question",
            "Average score per question, every survey",
            "Average score of each survey question across everyone who answered, survey by survey.",
            questions,
        ),
        "headline": headline,
        "by_unit": by_unit,
        "by_unit_chart": _score_chart(
            "surveys-by-unit",
            "Headline question: average score per business unit",
            "Average score for the headline question in each business unit and across everyone, survey by survey.",
            by_unit,
        ),
        "quotes": survey_results.quotes(site),
        "actions": survey_results.actions(site),
    }


@dataclass(frozen=True)
class _QuarterRow:
    quarter: Quarter
    label: str
    tickets: unit_figures.QuarterTickets | None
    review: UnitReview | None


def _unit_page(site: Site, unit: BusinessUnit, quarters: tuple[Quarter, ...]) -> dict[str, Any]:
    fiscal_year = unit_figures.current_fiscal_year(site)
    services = unit_figures.services_used(site, unit.id)
    shown = quarters[-QUARTERS_SHOWN:]
    ticket_rows = [
        _QuarterRow(
            period,
            quarter_words(period, site.settings.fiscal_year_start),
            unit_figures.quarter_tickets(site, unit.id, period),
            site.reviews.get((unit.id, period.key)),
        )
        for period in shown
    ]
    with_tickets = [(row.label, row.tickets) for row in ticket_rows if row.tickets is not None]
    scores = survey_results.question_history(site, unit.id)
    return {
        "unit": unit,
        "fiscal_year": fiscal_year,
        "own_services": [service for service in services if service.business_units],
        "shared_services": [service for service in services if not service.business_units],
        "accomplishments": unit_figures.accomplishments_for(
            site, unit.id, fiscal_year.start, min(fiscal_year.end, site.local_now.date() + timedelta(days=1))
        ),
        "recent_days": unit_figures.RECENT_INCIDENT_DAYS,
        "incidents": unit_figures.recent_incidents(site, unit.id),
        "ticket_rows": ticket_rows,
        "tickets_chart": Chart(
            key=f"tickets-{unit.id}",
            title="Tickets and requests by quarter",
            description="Tickets and requests IT closed for this business unit each quarter, and how many were resolved "
            "within their target time.",
            categories=tuple(label for label, _ in with_tickets),
            series=(
                Series("Handled", tuple(float(tickets.total.handled) for _, tickets in with_tickets)),
                Series("Within target", tuple(float(tickets.total.within_target or 0) for _, tickets in with_tickets)),
            ),
            unit="tickets and requests",
            kind="bar",
        )
        if with_tickets
        else None,
        "earlier_quarters": quarters[: max(len(quarters) - QUARTERS_SHOWN, 0)],
        "scores": scores,
        "scores_chart": _score_chart(
            f"surveys-{unit.id}",
            "Survey scores by question",
            "Average score of each survey question among the people of this business unit who answered, "
            "survey by survey.",
            scores,
        ),
        "quotes": survey_results.quotes(site, unit.id),
        "actions": survey_results.actions(site, unit.id),
        "kpis": unit_figures.agreed_kpis(site, unit.id),
    }


def _review_page(site: Site, unit: BusinessUnit, period: Quarter) -> dict[str, Any]:
    start, end = unit_figures.moment(site, period.start), unit_figures.moment(site, period.end)
    return {
        "unit": unit,
        "quarter": period,
        "label": quarter_words(period, site.settings.fiscal_year_start),
        "months": quarter_months(period),
        "review": site.reviews.get((unit.id, period.key)),
        "tickets": unit_figures.quarter_tickets(site, unit.id, period),
        "previous_label": quarter_words(period.previous(), site.settings.fiscal_year_start),
        "accomplishments": unit_figures.accomplishments_for(site, unit.id, period.start, period.end),
        "incidents": unit_figures.incidents_touching(site, unit.id, start, end),
        "kpis": unit_figures.agreed_kpis(site, unit.id, period),
        "in_progress": period.contains(site.local_now.date()),
        "not_started": period.start > site.local_now.date(),
    }


def _score_chart(key: str, title: str, description: str, history: ScoreHistory) -> Chart | None:
    """Scores over time; like every chart here it holds no author's text, only ids, dates and numbers."""
    if not history.surveys:
        return None
    return Chart(
        key=key,
        title=title,
        description=description,
        categories=tuple(short_month_of(survey.closed) for survey in history.surveys),
        series=tuple(Series(row.short, row.scores) for row in history.rows),
        unit=f"average score (out of {history.scale})",
    )
