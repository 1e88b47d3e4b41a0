"""Service state at "now" and availability over time, on small hand-made histories."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from itcomms.figures.service_status import availability, availability_between, current_status, outages
from itcomms.service_states import ServiceState
from support import load_site, minimal_project, write_content


def incident(name: str, start: str, end: str | None, impact: str, services: str = "[email]") -> dict[str, str]:
    day = start[:10]
    updates = f"  - at: {start}\n    state: investigating\n    message: Looking.\n"
    if end:
        updates += f"  - at: {end}\n    state: resolved\n    message: Fixed.\n"
    return {
        f"incidents/{day[:4]}/{day}-{name}.yaml": (
            f"title: {name}\nservices: {services}\nimpact: {impact}\nstart: {start}\n"
            + (f"end: {end}\n" if end else "")
            + f"summary: Something happened.\nupdates:\n{updates}"
        )
    }


def window(name: str, start: str, end: str, cancelled: bool = False) -> dict[str, str]:
    text = f"title: {name}\nservices: [email]\nstart: {start}\nend: {end}\nimpact: major\nmessage: Work.\n"
    if cancelled:
        text += f"cancelled:\n  at: {start[:10]} 08:00\n  reason: Not needed.\n"
    return {f"maintenance/{start[:10]}-{name}.yaml": text}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return minimal_project(tmp_path)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({}, ServiceState.OPERATIONAL),
        (incident("outage", "2026-11-24 10:00", None, "major"), ServiceState.DOWN),
        (incident("outage", "2026-11-24 10:00", None, "critical"), ServiceState.DOWN),
        (incident("slow", "2026-11-24 10:00", None, "minor"), ServiceState.DEGRADED),
        (incident("notice", "2026-11-24 10:00", None, "none"), ServiceState.OPERATIONAL),
        (incident("over", "2026-11-24 10:00", "2026-11-24 11:00", "major"), ServiceState.OPERATIONAL),
        (incident("later", "2026-11-24 13:00", None, "major"), ServiceState.OPERATIONAL),
        (window("upgrade", "2026-11-24 11:00", "2026-11-24 13:00"), ServiceState.MAINTENANCE),
        (window("upgrade", "2026-11-24 11:00", "2026-11-24 13:00", cancelled=True), ServiceState.OPERATIONAL),
        (
            {
                **window("upgrade", "2026-11-24 11:00", "2026-11-24 13:00"),
                **incident("slow", "2026-11-24 10:00", None, "minor"),
            },
            ServiceState.DEGRADED,
        ),
    ],
)
def test_state_at_now(project: Path, files: dict[str, str], expected: ServiceState) -> None:
    write_content(project, files)
    status = current_status(load_site(project, now="2026-11-24T12:00:00"))
    assert status["email"].state is expected
    assert status["chat"].state is ServiceState.OPERATIONAL


def test_down_counts_fully_and_degraded_half(project: Path) -> None:
    write_content(project, incident("outage", "2026-11-20 10:00", "2026-11-20 13:00", "major"))
    write_content(project, incident("slow", "2026-11-21 10:00", "2026-11-21 14:00", "minor"))
    site = load_site(project, now="2026-11-24T12:00:00")
    lost_hours = 3 + 4 * 0.5
    assert availability(site, "email", 30) == pytest.approx(100 * (1 - lost_hours / (30 * 24)))
    assert availability(site, "chat", 30) == 100.0


def test_overlapping_incidents_count_once_at_their_worst(project: Path) -> None:
    write_content(project, incident("outage", "2026-11-20 10:00", "2026-11-20 12:00", "major"))
    write_content(project, incident("slow", "2026-11-20 11:00", "2026-11-20 14:00", "minor", "[email, chat]"))
    site = load_site(project, now="2026-11-24T12:00:00")
    november = [(o.start.hour, o.end.hour, o.weight) for o in outages(site, "email") if o.start.month == 11]
    assert november == [(10, 12, 1.0), (12, 14, 0.5)]
    assert availability(site, "email", 30) == pytest.approx(100 * (1 - 3 / (30 * 24)))


def test_planned_window_does_not_count_but_overrun_does(project: Path) -> None:
    write_content(project, window("upgrade", "2026-11-20 20:00", "2026-11-20 22:00"))
    write_content(project, incident("overrun", "2026-11-20 20:00", "2026-11-20 23:00", "major"))
    site = load_site(project, now="2026-11-24T12:00:00")
    assert availability(site, "email", 30) == pytest.approx(100 * (1 - 1 / (30 * 24)))


def test_open_incident_counts_until_now_and_old_ones_fall_out(project: Path) -> None:
    write_content(project, incident("outage", "2026-11-24 10:00", None, "major"))
    write_content(project, incident("ancient", "2026-01-05 10:00", "2026-01-05 20:00", "major"))
    site = load_site(project, now="2026-11-24T12:00:00")
    assert availability(site, "email", 30) == pytest.approx(100 * (1 - 2 / (30 * 24)))
    fixture_incident = 2 * 0.5  # the minimal content's two-hour minor incident in March
    assert availability(site, "email", 365) == pytest.approx(100 * (1 - (12 + fixture_incident) / (365 * 24)))


def test_availability_of_a_period_still_running_counts_up_to_now(tmp_path: Path) -> None:
    site = load_site(minimal_project(tmp_path), now="2026-03-15T00:00:00")
    year_start = datetime(2026, 1, 1, tzinfo=site.timezone)
    year_end = datetime(2027, 1, 1, tzinfo=site.timezone)
    so_far = availability_between(site, "email", year_start, year_end)
    assert so_far == availability_between(site, "email", year_start, site.now)
    assert so_far < 100.0
    assert availability_between(site, "email", year_end, year_end + timedelta(days=1)) == 100.0
