"""What the site leaves out because it is dated after "now" is a warning in validate, saying when it appears."""

from __future__ import annotations

from pathlib import Path

from itcomms.pipeline import check_with_advice
from status_content import incident_file
from support import minimal_project, write_content


def test_an_update_ahead_of_now_and_an_accomplishment_a_month_ahead_are_warnings_saying_when(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    updates = [("2026-11-24 09:10", "investigating", "Email is down."), ("2026-11-24 10:04", "identified", "A disk.")]
    write_content(project, incident_file("outage", "2026-11-24 09:00", impact="major", updates=updates))
    laptops = project / "content/accomplishments/2026/2026-02-10-faster-laptops.yaml"
    laptops.rename(laptops.with_name("2026-12-30-faster-laptops.yaml"))  # 12 for 11
    found = [str(problem) for problem in check_with_advice(project, {"ITCOMMS_NOW": "2026-11-24T09:30:00"}).problems]
    assert found == [
        "content/accomplishments/2026/2026-12-30-faster-laptops.yaml:1:1: warning: is after now (2026-11-24 09:30), "
        "so the site leaves it out until 2026-12-30, 36 days ahead: is the year or the month right?",
        "content/incidents/2026/2026-11-24-outage.yaml:11:7: warning: 2nd update, at: is after now (2026-11-24 09:30), "
        "so the site leaves it out until 2026-11-24 10:04; if it has happened, correct the date or time",
    ]
