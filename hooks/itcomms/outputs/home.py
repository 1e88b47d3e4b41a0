"""The home page: what IT is, what is new, the year in a few figures, where to go next."""

from __future__ import annotations

from collections.abc import Iterator

from itcomms.figures.year_in_review import YearInReview, review
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates
from itcomms.site import Site


def render(site: Site, templates: Templates) -> Iterator[Output]:
    highlights = [item for item in site.accomplishments if item.highlight][:3]
    latest = next((issue for issue in site.newsletters if not issue.draft), None)
    yield templates.page(
        "home.md.j2",
        "index.md",
        highlights=highlights,
        latest_newsletter=latest,
        year=_year_in_numbers(site),
    )


def _year_in_numbers(site: Site) -> YearInReview | None:
    """The newest report's year that has begun (next year's report may be drafted early)."""
    years = (review(site, report) for report in site.reports.values())
    return next((year for year in years if year.has_begun), None)
