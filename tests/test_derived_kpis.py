"""Derived KPIs: worked out from the content, equal to the same figure elsewhere on the page, typed values checked."""

from __future__ import annotations

import math
import os
from datetime import datetime, time
from pathlib import Path

import pytest

from itcomms.figures import unit_figures
from itcomms.figures.service_status import availability_between
from itcomms.outputs import business_units
from itcomms.pipeline import check_with_advice
from itcomms.problems import ContentError, Severity
from itcomms.rendering.outputs import Page
from itcomms.rendering.templating import Templates
from support import DEMO_NOW, REPO, environment, load_site, make_project, write_content

TICKETS_KPI = """\
name: Tickets resolved within target
meaning: Out of every 100 tickets, how many we resolved within the time we promised.
unit: '%'
better: higher
target: 90
period: quarter
since: 2025-q1
derived: tickets_within_target
agreed_with: [finance]
"""


def test_the_driver_app_kpi_is_its_availability_as_the_status_page_counts_it() -> None:
    site = load_site(REPO)
    metric = site.metrics["handheld-availability"]
    assert metric.derived is not None and metric.service == "driver-handheld-app"
    assert "2026-10" in metric.values and "2026-11" not in metric.values  # November has not ended
    for key, value in metric.values.items():
        start = datetime.combine(datetime.fromisoformat(f"{key}-01").date(), time(), site.timezone)
        end = start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)
        assert value <= availability_between(site, "driver-handheld-app", start, end) < value + 0.01  # as shown


def test_a_tickets_kpi_equals_the_share_on_the_unit_review_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    write_content(project, {"metrics/tickets-within-target.yaml": TICKETS_KPI})
    site = load_site(project)
    metric = site.metrics["tickets-within-target"]
    summary = site.tickets["finance", "2026-q3"]
    share = 100 * summary.within_target / summary.handled  # 157 of 170: 92.35, shown 92.3, never rounded up
    assert metric.by_unit["finance"]["2026-q3"] == math.floor(share * 10) / 10
    assert "2026-q4" not in metric.values  # the quarter has not ended
    tickets = unit_figures.quarter_tickets(site, "finance", unit_figures.quarter(site, "2026-q3"))
    assert tickets is not None and tickets.total.share is not None
    assert metric.by_unit["finance"]["2026-q3"] == math.floor(tickets.total.share * 10) / 10
    page = next(
        output.markdown
        for output in business_units.render(site, Templates(site))
        if isinstance(output, Page) and output.path == "units/finance/2026-q3/index.md"
    )
    assert f"{metric.by_unit['finance']['2026-q3']:g}" in page


def test_a_typed_value_the_content_contradicts_is_a_warning_naming_both(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    write_content(project, {"metrics/tickets-within-target.yaml": TICKETS_KPI + "values:\n  2026-q3: 70\n"})
    with environment({"ITCOMMS_NOW": DEMO_NOW}):
        warnings = check_with_advice(project, os.environ).problems
    site = load_site(project)
    worked_out = site.metrics["tickets-within-target"].values["2026-q3"]
    assert worked_out != 70  # the site shows the content's figure, not the typed one
    (warning,) = [problem for problem in warnings if problem.file.endswith("tickets-within-target.yaml")]
    assert warning.severity is Severity.WARNING
    assert (warning.field, warning.line) == ("values.2026-q3", 11)
    assert "is 70%," in warning.message and f"gives {worked_out:g}%" in warning.message  # one % style everywhere


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("derived: availability\n", "needs service"),
        ("derived: time_to_restore\nservice: email\n", "only for a derived availability KPI"),
        ("", "needs at least one value"),
    ],
)
def test_a_derived_kpi_says_what_it_needs(tmp_path: Path, extra: str, message: str) -> None:
    project = make_project(tmp_path / "project")
    text = "name: A KPI\nmeaning: Something.\nunit: '%'\nbetter: higher\nsince: 2025-01\n" + extra
    write_content(project, {"metrics/a-kpi.yaml": text})
    with pytest.raises(ContentError) as raised:
        load_site(project)
    assert message in str(raised.value)
