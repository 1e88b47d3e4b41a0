"""Messages that say what to type: the closest few ids when many are known, and times a clock change makes unclear."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from itcomms.content.error_messages import closest
from itcomms.content.models.clock_changes import clock_change_problem as local_time_problem
from itcomms.content.validate import check_content
from support import MINIMAL_CONTENT

SERVICES = ["printing", "printers-3d", "print-shop", "payroll", "phones", "parking", "plotters", "portal", "posters"]
SERVICES += ["video-calls", "vpn", "wifi", "wiki"]


def test_an_unknown_id_among_many_names_the_closest_few_at_its_position(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(MINIMAL_CONTENT, content)
    chat = (content / "services/chat.yaml").read_text(encoding="utf-8")
    for service in SERVICES:
        (content / f"services/{service}.yaml").write_text(chat, encoding="utf-8")
    incident = content / "incidents/2026/2026-03-14-email-delays.yaml"
    incident.write_text(incident.read_text().replace("services: [email]", "services: [printng, laser-printer]"))
    found = [str(problem) for problem in check_content(tmp_path).problems]
    assert found == [
        "content/incidents/2026/2026-03-14-email-delays.yaml:2:12: 1st service: unknown service 'printng' "
        "(no file services/printng.yaml); did you mean 'printing' or 'parking'?",
        "content/incidents/2026/2026-03-14-email-delays.yaml:2:21: 2nd service: unknown service 'laser-printer' "
        "(no file services/laser-printer.yaml); nothing close; the nearest of the 15 known are printers-3d, "
        "printing, print-shop",
    ]


def test_few_known_ids_are_all_listed() -> None:
    assert closest("growth", ["efficiency", "reliability"]) == "known: efficiency, reliability"
    assert closest("x", []) == "none are defined yet"


def test_ordinary_times_need_no_offset() -> None:
    london = ZoneInfo("Europe/London")
    assert local_time_problem(datetime(2026, 10, 25, 2, 30), london) is None
    assert local_time_problem(datetime(2026, 3, 29, 2, 30), london) is None


def test_clock_changes_elsewhere_give_that_zones_offsets() -> None:
    new_york = ZoneInfo("America/New_York")
    assert local_time_problem(datetime(2026, 11, 1, 1, 15), new_york) == (
        "2026-11-01 01:15 happens twice in America/New_York, as the clocks go back an hour: write "
        "2026-11-01 01:15-04:00 for the first time (before the change) or 2026-11-01 01:15-05:00 for the second "
        "(after it)"
    )
    lord_howe = ZoneInfo("Australia/Lord_Howe")  # moves its clocks by half an hour
    message = local_time_problem(datetime(2026, 10, 4, 2, 15), lord_howe)
    assert message is not None and "the clocks go forward 30 minutes" in message
