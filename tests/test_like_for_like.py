"""Every comparison covers the same span: checked against the raw YAML, on the report page as rendered (no MkDocs)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from itcomms.figures.year_in_review import review
from itcomms.outputs.report import annual_report
from itcomms.outputs.units import business_units
from itcomms.rendering.outputs import Page
from itcomms.rendering.templating import Templates
from itcomms.words import points_change
from support import DEMO_CONTENT, REPO, load_site

NOW = date(2026, 11, 24)  # support.DEMO_NOW


def _load(pattern: str) -> list[tuple[Path, dict[str, Any]]]:
    return [(path, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in sorted(DEMO_CONTENT.glob(pattern))]


def _page_markdown(output_module: Any, path: str) -> str:
    """The Markdown of one page an output module renders from the demo."""
    site = load_site(REPO)
    for output in output_module.render(site, Templates(site)):
        if isinstance(output, Page) and output.path == path:
            return str(output.markdown)
    raise AssertionError(f"no page {path}")


def _report_markdown(year: str) -> str:
    return _page_markdown(annual_report, f"report/{year}/index.md")


def test_a_part_year_is_compared_with_the_same_part_of_the_year_before() -> None:
    site = load_site(REPO)
    year = review(site, site.reports["2026"])
    assert year.previous is not None
    quarters = sorted(path.stem for path, _ in _load("tickets/*/2026-q*.yaml"))
    last_quarter = max(int(key[-1]) for key in quarters)
    tickets_2026 = sum(data["handled"] for _, data in _load("tickets/*/2026-q*.yaml"))
    same_quarters_2025 = sum(
        data["handled"] for path, data in _load("tickets/*/2025-q*.yaml") if int(path.stem[-1]) <= last_quarter
    )
    delivered_2025 = sum(
        1
        for path, _ in _load("accomplishments/2025/*.yaml")
        if date.fromisoformat(path.name[:10]) <= date(2025, 11, 24)
    )

    # equal spans: the same days, the same quarters
    assert (year.figures.until, year.previous.until) == (NOW, date(2025, 11, 24))
    assert year.figures.ticket_quarters == year.previous.ticket_quarters == tuple(range(1, last_quarter + 1))
    assert (year.figures.tickets_handled, year.previous.tickets_handled) == (tickets_2026, same_quarters_2025)
    assert year.previous.delivered == delivered_2025

    page = _report_markdown("2026")
    assert "These figures run to 24 November 2026 (ticket counts to 30 September 2026" in page
    assert f"down from {same_quarters_2025:,} in January to September 2025" in page
    assert f"from {delivered_2025} in 1 January to 24 November 2025" in page
    assert "the whole of 2025" not in page


def test_a_year_with_nothing_before_it_says_so_once() -> None:
    page = _report_markdown("2025")
    assert page.count("There are no figures for 2024 to compare with.") == 1
    assert "no data for 2024" not in page


def _unit_review_markdown(unit: str, quarter: str) -> str:
    return _page_markdown(business_units, f"units/{unit}/{quarter}/index.md")


def test_a_first_quarter_review_says_once_that_there_is_nothing_to_compare_with() -> None:
    page = _unit_review_markdown("finance", "2025-q1")
    assert page.count("There are no figures for Q4 2024 to compare with.") == 1
    assert "no earlier figure" not in page
    assert "Change from" not in page


def test_point_changes_have_one_precision_and_agree_in_number() -> None:
    assert [points_change(value) for value in (2.2, 2.0, 1.0, -0.44, 0.01)] == [
        "+2.2 points",
        "+2.0 points",
        "+1.0 points",
        "−0.4 points",
        "no change",
    ]
    page = _unit_review_markdown("finance", "2026-q3")
    assert re.search(r"[+−][0-9]+ points", page) is None  # never "+2 points" beside "+2.2 points", nor "+1 points"
