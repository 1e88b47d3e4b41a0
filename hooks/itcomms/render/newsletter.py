"""The newsletter: the archive, a page per issue, the feed, and each issue's email (see newsletter_email.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .. import addresses
from ..assemble import Site
from ..charts import Chart, Series
from ..newsletter_contents import Issue, KpiTrend, gather, month_label, newsletter_name
from ..problems import Problem
from . import newsletter_email, newsletter_feed
from .feeds import autodiscovery_links, render_feed
from .outputs import Output
from .templating import Templates


def render(site: Site, templates: Templates) -> Iterator[Output | Problem]:
    issues = gather(site, templates.markdown)
    feed = newsletter_feed.feed(site, templates, issues)
    feeds = autodiscovery_links(site, feed)
    yield templates.page(
        "newsletter.md.j2",
        addresses.NEWSLETTERS,
        name=newsletter_name(site),
        description=feed.description,
        issues=issues,
        feeds=feeds,
    )
    yield from render_feed(site, feed)
    emails = newsletter_email.EmailWriter(site, templates)
    for issue in issues:
        yield templates.page(
            "newsletter_issue.md.j2",
            addresses.newsletter(issue.month),
            issue=issue,
            description=issue.summary,
            feeds=feeds,
            kpi_chart=_kpi_chart(issue.kpi) if issue.kpi else None,
            month_label=month_label,
        )
        yield from emails.render(issue)


def _kpi_chart(kpi: KpiTrend) -> Chart:
    metric = kpi.metric
    categories = tuple(
        f"{date.fromisoformat(f'{reading.period}-01'):%b %Y}" if metric.period == "month" else reading.label
        for reading in kpi.readings
    )
    return Chart(
        key="kpi",
        title=f"{metric.name}, {kpi.readings[0].label} to {kpi.latest.label}",
        description=(
            f"A line of the KPI's value in {metric.unit} for each period"
            + (f", against a dashed line at the target of {metric.target:g}." if metric.target is not None else ".")
            + " The table below gives the same numbers."
        ),
        categories=categories,
        series=(Series(metric.name, tuple(reading.value for reading in kpi.readings)),),
        unit=metric.unit,
        target=metric.target,
    )


__all__ = ["Issue", "render"]
