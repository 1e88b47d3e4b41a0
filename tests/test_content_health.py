"""The content health page: what the content is missing, judged from the same models validation uses."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import lxml.html
import pytest

from itcomms.content.models import PeriodLength
from itcomms.figures.content_health import content_health, last_complete_period
from itcomms.outputs.authoring import content_health_page
from itcomms.rendering.templating import Templates
from support import DEMO_CONTENT, MINIMAL_CONTENT, load_site, write_content


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINIMAL_CONTENT, tmp_path / "content")
    return tmp_path


def missing(items: object) -> dict[str, list[str]]:
    return {item.name: item.missing for item in items}  # type: ignore[attr-defined]


def test_gaps_in_the_minimal_content(project: Path) -> None:
    health = content_health(load_site(project))
    assert health.quarter == "2026-q4"
    assert missing(health.services.items) == {
        "Chat": ["owner", "video", "service-level targets", "cost"],
        "Email": ["owner", "video", "service-level targets", "cost"],
    }
    assert missing(health.units.items) == {"Sales": ["review for 2026-q4"]}
    assert health.units.items[0].note == "2026-q1"
    assert missing(health.kpis.items) == {"Satisfaction": ["value for the last period"]}
    assert health.kpis.items[0].note == "no value for 2026-10"
    assert missing(health.incidents.items) == {"Email delays": ["cause", "prevention"]}
    assert [(kind.name, kind.passed, kind.total, kind.score) for kind in health.kinds] == [
        ("Services", 0, 8, 0),
        ("Business units", 0, 1, 0),
        ("KPIs", 1, 2, 50),
        ("Closed incidents", 0, 2, 0),
    ]


def test_filling_the_gaps_shows(project: Path) -> None:
    email = project / "content/services/email.yaml"
    email.write_text(
        email.read_text(encoding="utf-8") + "owner:\n  team: Mail team\n  email: mail@example.com\ncost: Free.\n",
        encoding="utf-8",
    )
    chat = project / "content/services/chat.yaml"
    chat.write_text(chat.read_text(encoding="utf-8") + "lifecycle: retired\n", encoding="utf-8")
    metric = project / "content/metrics/satisfaction.yaml"
    metric.write_text(metric.read_text(encoding="utf-8") + "  2026-10: 4.4\n", encoding="utf-8")
    incident = project / "content/incidents/2026/2026-03-14-email-delays.yaml"
    incident.write_text(
        incident.read_text(encoding="utf-8") + "cause: A full disk.\nprevention: We now watch the disk.\n",
        encoding="utf-8",
    )
    write_content(project, {"units/sales/2026-q4.yaml": "met_on: 2026-11-20\n"})

    health = content_health(load_site(project))
    assert missing(health.services.items) == {"Email": ["video", "service-level targets"]}  # retired chat left out
    assert missing(health.units.items) == {"Sales": []}
    assert missing(health.kpis.items) == {"Satisfaction": []}
    assert health.kpis.items[0].note == "4.4 points for 2026-10"
    assert missing(health.incidents.items) == {"Email delays": []}
    assert [kind.score for kind in health.kinds] == [50, 100, 100, 100]
    assert [kind.complete for kind in health.kinds] == [0, 1, 1, 1]


def test_a_kpi_is_not_expected_before_it_is_first_measured(project: Path) -> None:
    metric = project / "content/metrics/satisfaction.yaml"
    text = metric.read_text(encoding="utf-8").replace("since: 2026-01", "since: 2026-11")
    metric.write_text(text.replace("  2026-01: 4.1\n  2026-02: 3.9\n", "  2026-11: 4.1\n"), encoding="utf-8")
    (kpi,) = content_health(load_site(project)).kpis.items
    assert kpi.missing == []
    assert kpi.note == "measured from 2026-11"


@pytest.mark.parametrize(
    ("period", "today", "fiscal_start", "expected"),
    [
        ("month", date(2026, 11, 24), 1, "2026-10"),
        ("month", date(2027, 1, 5), 1, "2026-12"),
        ("quarter", date(2026, 11, 24), 1, "2026-q3"),
        ("quarter", date(2026, 11, 24), 4, "2026-q2"),
        ("quarter", date(2027, 2, 1), 4, "2026-q3"),
    ],
)
def test_last_complete_period(period: str, today: date, fiscal_start: int, expected: str) -> None:
    metric = (
        load_site(MINIMAL_CONTENT.parent).metrics["satisfaction"].model_copy(update={"period": PeriodLength(period)})
    )
    assert last_complete_period(metric, today, fiscal_start) == expected


def test_the_page_lists_a_bounded_number_of_incidents(project: Path) -> None:
    incident = (project / "content/incidents/2026/2026-03-14-email-delays.yaml").read_text(encoding="utf-8")
    write_content(
        project,
        {
            f"incidents/2026/2026-03-14-email-delays-{number}.yaml": incident.replace(
                "title: Email delays", f"title: Email delays {number}"
            )
            for number in range(1, 31)
        },
    )
    site = load_site(project)
    (page,) = content_health_page.render(site, Templates(site))
    shown = [line for line in page.markdown.splitlines() if line.startswith("| [Email delays")]
    assert len(shown) == content_health_page.INCIDENTS_SHOWN
    assert "And 6 older closed incidents." in page.markdown


def test_the_built_page_says_every_state_in_words(demo_site: Path) -> None:
    health = content_health(load_site(DEMO_CONTENT.parent))
    document = lxml.html.parse(str(demo_site / "authoring/health/index.html")).getroot()
    tables = document.xpath("//article//table")
    assert len(tables) == 5
    for table in tables:
        assert table.xpath(".//thead//th")
    scores = {
        row.xpath("td")[0].text_content(): row.xpath("td")[4].text_content() for row in tables[0].xpath(".//tbody/tr")
    }
    assert scores == {kind.name: f"{kind.score}%" for kind in health.kinds}
    services = tables[1].xpath(".//tbody/tr")
    assert len(services) == len(health.services.items)
    for row, item in zip(services, health.services.items, strict=True):
        states = [cell.text_content().strip() for cell in row.xpath("td")[1:5]]
        assert states == ["missing" if label in item.missing else "yes" for label in health.services.checks]
