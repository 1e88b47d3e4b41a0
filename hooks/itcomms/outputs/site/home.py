"""The home page: help first (report a problem, get help, the status now), then what is new and the year in figures."""

from __future__ import annotations

from collections.abc import Iterator

from itcomms.figures.service_status import open_incidents
from itcomms.figures.year_in_review import YearInReview, review
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site
from itcomms.words import month_key_words


def render(site: Site, templates: Templates) -> Iterator[Output]:
    highlights = [item for item in site.accomplishments if item.highlight][:3]
    latest = next((issue for issue in site.newsletters if not issue.draft), None)
    yield templates.page(
        "home.md.j2",
        "index.md",
        highlights=highlights,
        latest_newsletter=latest,
        latest_month=month_key_words(latest.id) if latest else None,
        problems=open_incidents(site),
        year=_year_in_numbers(site),
    )


def _year_in_numbers(site: Site) -> YearInReview | None:
    """The newest report's year that has begun (next year's report may be drafted early)."""
    years = (review(site, report) for report in site.reports.values())
    return next((year for year in years if year.has_begun), None)
