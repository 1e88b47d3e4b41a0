"""Derived KPIs: worked out from the content, equal to the same figure elsewhere on the page, typed values checked."""

from __future__ import annotations

import math
import os
from datetime import datetime, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itcomms.content.models import Derivation
from itcomms.figures import unit_figures
from itcomms.figures.derived_kpis import disagreements
from itcomms.figures.service_status import availability_between
from itcomms.outputs.units import business_units
from itcomms.pipeline import check_with_advice
from itcomms.problems import ContentError, Problem, Severity
from itcomms.rendering.outputs import Page
from itcomms.rendering.templating import Templates
from itcomms.site import Site
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


def typed_monthly_kpi(months: dict[str, float]) -> str:
    """Finance's typed monthly share of tickets on time, which the quarterly counts can check."""
    lines = "".join(f"    {month}: {value}\n" for month, value in months.items())
    return (
        "name: Requests on time\nmeaning: How many we sorted out in time.\nunit: '%'\nbetter: higher\n"
        "target: 90\nmeasures: tickets_within_target\nvalues:\n  2026-07: 90\nby_unit:\n  finance:\n" + lines
    )


def measured_warnings(tmp_path: Path, kpi: str) -> list[Problem]:
    project = make_project(tmp_path / "project")
    write_content(project, {"metrics/requests-on-time.yaml": kpi})
    with environment({"ITCOMMS_NOW": DEMO_NOW}):
        problems = check_with_advice(project, os.environ).problems
    return [problem for problem in problems if problem.file.endswith("requests-on-time.yaml")]


def test_a_monthly_kpi_the_quarter_counts_contradict_is_a_warning_at_the_month(tmp_path: Path) -> None:
    # Finance resolved 157 of 170 tickets on time in 2026-q3 (92.3%); months typed 94.1, 94.5 and 95 cannot
    # average to it, whatever the number of tickets in each month
    (warning,) = measured_warnings(tmp_path, typed_monthly_kpi({"2026-07": 94.1, "2026-08": 94.5, "2026-09": 95}))
    assert warning.severity is Severity.WARNING
    assert (warning.field, warning.line) == ("by_unit.finance.2026-07", 11)  # the month nearest the counts
    assert "between 94.1% and 95%" in warning.message and "give 92.3%" in warning.message


@pytest.fixture(scope="module")
def demo_site() -> Site:
    return load_site(REPO)


@settings(max_examples=200, deadline=None)
@given(months=st.lists(st.integers(min_value=850, max_value=990), min_size=3, max_size=3))
def test_a_monthly_kpi_is_warned_about_exactly_when_no_weighting_of_its_months_gives_the_quarter(
    demo_site: Site, months: list[int]
) -> None:
    values = dict(zip(("2026-07", "2026-08", "2026-09"), (tenths / 10 for tenths in months), strict=True))
    typed = demo_site.metrics["customer-satisfaction"].model_copy(
        update={"measures": Derivation.TICKETS_WITHIN_TARGET, "unit": "%", "values": {}, "by_unit": {"finance": values}}
    )
    warnings = list(disagreements(demo_site, typed))
    shown_share = 92.3  # finance's 157 of 170 in 2026-q3, floored to a tenth
    possible = min(values.values()) - 0.1 <= shown_share <= max(values.values()) + 0.1
    assert bool(warnings) is not possible


def test_a_measured_kpi_is_shown_as_typed_and_checked_like_a_derived_one(tmp_path: Path) -> None:
    kpi = TICKETS_KPI.replace("derived:", "measures:") + "values:\n  2026-q2: 90.1\n  2026-q3: 70\n"
    warnings = measured_warnings(tmp_path, kpi.replace("tickets-within-target", "requests-on-time"))
    (warning,) = [warning for warning in warnings if warning.field == "values.2026-q3"]
    assert "is 70%," in warning.message
    site = load_site(tmp_path / "project")
    assert site.metrics["requests-on-time"].values == {"2026-q2": 90.1, "2026-q3": 70}


def test_every_demo_kpi_the_tickets_can_answer_is_worked_out_from_them() -> None:
    site = load_site(REPO)
    metric = site.metrics["requests-on-time"]
    assert metric.derived is not None and metric.values and metric.by_unit["finance"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("derived: availability\n", "needs service"),
        ("derived: time_to_restore\nservice: email\n", "only for an availability KPI"),
        ("measures: availability\nvalues:\n  2025-01: 99\n", "needs service"),
        ("derived: time_to_restore\nmeasures: time_to_restore\n", "a derived KPI already says what it measures"),
        ("derived: tickets_within_target\n", "measures: tickets_within_target instead"),
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
