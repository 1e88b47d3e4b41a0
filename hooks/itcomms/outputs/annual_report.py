"""The annual reports: an index of every year, a print-ready page per year, and each year's PDF.

The figures come from ``year_in_review``; this module only puts them into
words, tables and charts. The PDF is made from the built page once MkDocs has
written it (an ``AFTER_BUILD`` step), so the page and the PDF never differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from itcomms import addresses
from itcomms.content.models import Impact, PeriodLength
from itcomms.figures.year_in_review import KpiYear, YearInReview, review
from itcomms.problems import Problem
from itcomms.rendering.charts import Chart, Series
from itcomms.rendering.outputs import Output
from itcomms.rendering.pdf import html_to_pdf, turned_off
from itcomms.rendering.templating import Templates
from itcomms.site import Site

_CURRENCY_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}
_IMPACT_NAMES = {
    Impact.CRITICAL: "Critical",
    Impact.MAJOR: "Major",
    Impact.MINOR: "Minor",
    Impact.NONE: "No effect",
}


def render(site: Site, templates: Templates) -> Iterator[Output]:
    reviews = [review(site, report) for report in site.reports.values()]
    words = Words(site)
    yield templates.page("reports.md.j2", addresses.REPORTS, reviews=reviews, words=words)
    for year in reviews:
        yield templates.page(
            "annual-report.md.j2",
            addresses.report(year.report.id),
            review=year,
            words=words,
            charts=_charts(year),
            questions=_questions(year),
        )


def make_pdfs(site: Site, site_dir: Path) -> Iterator[Problem | str]:
    """Each year's PDF, from its built page (an ``AFTER_BUILD`` step)."""
    if not site.options.pdf:
        yield turned_off(*(addresses.report_pdf(year) for year in site.reports))
        return
    for year in site.reports:
        page = PurePosixPath(addresses.report(year)).with_suffix(".html")
        html_to_pdf(site_dir / page, site_dir / addresses.report_pdf(year), site_dir, site.options.site_url)


class Words:
    """How the report writes numbers, money, times and periods; the templates call it."""

    def __init__(self, site: Site) -> None:
        self.site = site

    def number(self, value: float) -> str:
        """18,500 or 4.05: thousands separated, no invented decimals."""
        return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"

    def score(self, value: float) -> str:
        """A score with at least one decimal, as surveys report them: 4.0, 3.85."""
        return f"{value:.1f}" if round(value, 1) == value else self.number(value)

    def money(self, value: float) -> str:
        currency = self.site.settings.currency
        shown = f"{round(value):,}"
        symbol = _CURRENCY_SYMBOLS.get(currency)
        return f"{symbol}{shown}" if symbol else f"{currency} {shown}"

    def amount(self, value: float, unit: str) -> str:
        """A value with its unit: 70%, 4 hours."""
        return f"{self.number(value)}{'' if unit == '%' else ' '}{unit}"

    def percent(self, value: float) -> str:
        return f"{value:g}%"

    def duration(self, value: timedelta) -> str:
        """2 h 40 min; 3 days 4 h."""
        minutes = round(value.total_seconds() / 60)
        days, minutes = divmod(minutes, 24 * 60)
        hours, minutes = divmod(minutes, 60)
        parts = [f"{days} day{'s' if days != 1 else ''}"] if days else []
        parts += [f"{hours} h"] if hours else []
        parts += [f"{minutes} min"] if minutes and not days else []
        return " ".join(parts) or "under a minute"

    def impact(self, impact: Impact) -> str:
        return _IMPACT_NAMES[impact]

    def period(self, kpi: KpiYear, key: str, start: date) -> str:
        """A KPI period as a table row names it: March 2026, or Q1 (January to March 2026)."""
        if kpi.metric.period is PeriodLength.QUARTER:
            last = date(start.year + (start.month + 1) // 12, (start.month + 1) % 12 + 1, 1)
            return f"{key[5:].upper()} ({start:%B} to {last:%B %Y})"
        return f"{start:%B %Y}"

    def share(self, part: int, whole: int) -> str:
        return f"{round(100 * part / whole)}%" if whole else "no data"


def _charts(year: YearInReview) -> dict[str, Any]:
    return {
        "incidents": _incidents_chart(year),
        "surveys": _survey_chart(year) if year.survey_history else None,
        "kpis": {kpi.metric.id: _kpi_chart(year, kpi) for kpi in year.kpis if kpi.values},
    }


def _kpi_chart(year: YearInReview, kpi: KpiYear) -> Chart:
    metric = kpi.metric
    by_period = {value.period: value.value for value in kpi.values}
    quarterly = metric.period is PeriodLength.QUARTER
    labels = tuple(key[5:].upper() if quarterly else _month_label(key) for key in kpi.periods)
    target = (
        f", against a target of {metric.target:g} ({metric.better.value} is better)"
        if metric.target is not None
        else ""
    )
    return Chart(
        key=f"kpi-{metric.id}",
        title=f"{metric.name}, {year.year.label}",
        description=f"{metric.name} ({metric.unit}) for each {metric.period.value} of {year.year.label}{target}. "
        "The table below gives every value.",
        categories=labels,
        series=(Series(year.year.label, tuple(by_period.get(key) for key in kpi.periods)),),
        unit=metric.unit,
        target=metric.target,
    )


def _month_label(key: str) -> str:
    return f"{date(int(key[:4]), int(key[5:]), 1):%b}"


def _incidents_chart(year: YearInReview) -> Chart:
    years = [figures for figures in (year.previous, year.figures) if figures is not None]
    return Chart(
        key="incidents-by-impact",
        title=f"Incidents by impact, {' and '.join(figures.year.label for figures in years)}",
        description="How many incidents of each impact we had"
        + (" this year and the year before." if year.previous else " this year.")
        + " The table below gives the numbers.",
        categories=tuple(_IMPACT_NAMES[impact] for impact in year.figures.incidents_by_impact),
        series=tuple(
            Series(figures.year.label, tuple(float(count) for count in figures.incidents_by_impact.values()))
            for figures in years
        ),
        unit="incidents",
        kind="bar",
        legend="above",
    )


def _survey_chart(year: YearInReview) -> Chart:
    surveys = year.survey_history
    questions = _questions(year)
    return Chart(
        key="survey-scores",
        title="Survey scores over time",
        description=f"Average score for each question in our last {len(surveys)} surveys. "
        "The table below gives every score.",
        categories=tuple(question_id.replace("-", " ").capitalize() for question_id in questions),
        series=tuple(
            Series(f"{survey.closed:%B %Y}", tuple(survey.scores.get(question_id) for question_id in questions))
            for survey in surveys
        ),
        unit="average score",
        kind="bar",
        legend="above",
    )


def _questions(year: YearInReview) -> dict[str, str]:
    """Every question of the surveys compared, by id, worded as in the latest survey that asked it."""
    questions: dict[str, str] = {}
    for survey in year.survey_history:
        questions.update({question.id: question.text for question in survey.questions})
    return questions
