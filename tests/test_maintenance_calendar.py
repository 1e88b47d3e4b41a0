"""The planned maintenance calendar: parses in icalendar, stable UIDs, zoned times, cancellations calendars remove."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from status_content import rendered, window_file
from support import load_site, minimal_project, write_content


def events(ics: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(ics)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_demo_calendar_parses_with_zoned_times_and_a_cancelled_window(demo_site: Path) -> None:
    ics = (demo_site / "status/maintenance.ics").read_bytes()
    calendar = icalendar.Calendar.from_ical(ics)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    found = events(ics)
    upgrade = found["maintenance-email-security-update@intranet.larkspur.example"]
    start = upgrade.decoded("DTSTART")
    assert start == datetime(2026, 11, 28, 20, 0, tzinfo=ZoneInfo("Europe/London"))
    assert start.tzinfo is not None and upgrade["DTSTART"].params["TZID"] == "Europe/London"
    assert (upgrade["STATUS"], upgrade["SEQUENCE"], upgrade["TRANSP"]) == ("CONFIRMED", 0, "TRANSPARENT")
    assert "https://intranet.larkspur.example/it/status/maintenance/email-security-update/" in upgrade["DESCRIPTION"]
    cancelled = found["maintenance-shared-files-move@intranet.larkspur.example"]
    assert (cancelled["STATUS"], cancelled["SEQUENCE"]) == ("CANCELLED", 1)
    moved = found["maintenance-payroll-system-upgrade@intranet.larkspur.example"]
    assert moved["SEQUENCE"] == 1  # one revision
    assert "maintenance-route-planning-upgrade@intranet.larkspur.example" not in found  # not announced yet


def test_uid_stays_and_sequence_rises_until_cancelled(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    write_content(project, window_file("upgrade", "2026-12-05 20:00", "2026-12-05 22:00"))
    uid = "maintenance-upgrade@intranet.example"

    def event() -> icalendar.Event:
        return events(bytes(rendered(load_site(project, now="2026-11-24T12:00:00"))["status/maintenance.ics"]))[uid]

    first = event()
    assert (first["STATUS"], first["SEQUENCE"]) == ("CONFIRMED", 0)
    window = project / "content/maintenance/2026-12-05-upgrade.yaml"
    window.write_text(window.read_text().replace("Planned work.", "Planned work on the mail servers."))
    assert event()["SEQUENCE"] == 0  # a wording fix is no change of plan
    window.write_text(window.read_text() + "revisions:\n- at: '2026-11-23 10:00'\n  message: Starts at 20:00.\n")
    revised = event()
    window.write_text(window.read_text() + "cancelled:\n  at: '2026-11-24 09:00'\n  reason: Not needed.\n")
    cancelled = event()
    assert (revised["STATUS"], revised["SEQUENCE"]) == ("CONFIRMED", 1)
    assert (cancelled["STATUS"], cancelled["SEQUENCE"]) == ("CANCELLED", 2)
    assert cancelled["SUMMARY"] == "Cancelled: Upgrade"
    assert cancelled.decoded("DTSTAMP") > revised.decoded("DTSTAMP")
