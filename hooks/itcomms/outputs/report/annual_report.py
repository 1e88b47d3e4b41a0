"""The annual reports: an index of every year, a print-ready page per year, and each year's PDF; a year whose
lists the report shortens (``report_lists``) also gets a page with every item, in full.

The figures come from ``year_in_review``; this module only puts them into
words, tables and charts. The PDF is made from the built page once MkDocs has
written it (an ``AFTER_BUILD`` step), so the page and the PDF never differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from itcomms import addresses
from itcomms.content.models import PeriodLength
from itcomms.figures.kpi_year import KpiYear
from itcomms.figures.report_lists import report_lists
from itcomms.figures.year_in_review import YearInReview, review
from itcomms.outputs.site.search_words import site_page_search
from itcomms.problems import Problem
from itcomms.rendering.charts import Chart, Series
from itcomms.rendering.outputs import Output
from itcomms.rendering.pdf import html_to_pdf, turned_off
from itcomms.rendering.templating import Templates
from itcomms.site import Site
from itcomms.words import IMPACTS, month_words, short_month


def render(site: Site, templates: Templates) -> Iterator[Output]:
    reviews = [review(site, report) for report in site.reports.values()]
    yield templates.page("reports.md.j2", addresses.REPORTS, reviews=reviews, **site_page_search("reports"))
    for year in reviews:
        lists = report_lists(year)
        yield templates.page(
            "annual-report.md.j2",
            addresses.report(year.report.id),
            review=year,
            report_lists=lists,
            charts=_charts(year),
            questions=_questions(year),
        )
        if lists.shortened:
            yield templates.page("annual-report-in-full.md.j2", addresses.report_in_full(year.report.id), review=year)


def make_pdfs(site: Site, site_dir: Path) -> Iterator[Problem | str]:
    """Each year's PDF, from its built page (an ``AFTER_BUILD`` step)."""
    if not site.options.pdf:
        yield turned_off(*(addresses.report_pdf(year) for year in site.reports))
        return
    for year in site.reports:
        page = PurePosixPath(addresses.report(year)).with_suffix(".html")
        html_to_pdf(site_dir / page, site_dir / addresses.report_pdf(year), site_dir, site.options.site_url)


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
    labels = tuple(key[5:].upper() if quarterly else short_month(key, with_year=False) for key in kpi.periods)
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


def _incidents_chart(year: YearInReview) -> Chart:
    years = [figures for figures in (year.previous, year.figures) if figures is not None]
    return Chart(
        key="incidents-by-impact",
        title=f"Incidents by impact, {' and '.join(figures.year.label for figures in years)}",
        description="How many incidents of each impact we had"
        + (" this year and the year before." if year.previous else " this year.")
        + " The table below gives the numbers.",
        categories=tuple(IMPACTS[impact] for impact in year.figures.incidents_by_impact),
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
            Series(month_words(survey.closed), tuple(survey.scores.get(question_id) for question_id in questions))
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
