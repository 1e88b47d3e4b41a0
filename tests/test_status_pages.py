"""The status page, history pages, incident pages, status.json and the banner, at a pinned "now"."""

from __future__ import annotations

import json
import posixpath
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import pytest

from itcomms.figures.service_status import availability, daily_record
from itcomms.outputs import theme_context
from itcomms.service_states import ServiceState
from status_content import incident_file, rendered, window_file
from support import MINIMAL_CONTENT, build_site, load_site, make_project, minimal_project, write_content

NOW = "2026-11-24T12:00:00"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return minimal_project(tmp_path)


def email_row(status_page: str) -> str:
    return status_page.split('<tr id="service-email">')[1].split("</tr>")[0]


def email_line(status_page: str) -> str:
    """Email's row of the table, or its one line among the quiet services."""
    if '<tr id="service-email">' in status_page:
        return email_row(status_page)
    return status_page.split('<li><a href="../services/email/">')[1].split("</li>")[0]


def banner_kinds(context: dict[str, Any]) -> list[str]:
    banner = context["status_banner"]
    return [item.kind for item in banner.items] if banner else []


@pytest.mark.parametrize(
    ("files", "state", "component", "indicator", "banner"),
    [
        pytest.param({}, "operational", "operational", "none", [], id="operational"),
        pytest.param(
            window_file("upgrade", "2026-11-24 11:00", "2026-11-24 13:00"),
            "maintenance",
            "under_maintenance",
            "maintenance",
            ["maintenance"],
            id="maintenance",
        ),
        pytest.param(
            incident_file("slow", "2026-11-24 10:00"),
            "degraded",
            "degraded_performance",
            "minor",
            ["degraded"],
            id="degraded",
        ),
        pytest.param(
            incident_file("outage", "2026-11-24 10:00", impact="major"),
            "down",
            "partial_outage",
            "major",
            ["down"],
            id="down-major",
        ),
        pytest.param(
            incident_file("outage", "2026-11-24 10:00", impact="critical"),
            "down",
            "major_outage",
            "critical",
            ["down"],
            id="down-critical",
        ),
        pytest.param(
            {
                **window_file("upgrade", "2026-11-24 11:00", "2026-11-24 13:00"),
                **incident_file("slow", "2026-11-24 10:00"),
            },
            "degraded",
            "degraded_performance",
            "minor",
            ["degraded", "maintenance"],
            id="degraded-beats-maintenance",
        ),
        pytest.param(
            {
                **incident_file("slow", "2026-11-24 09:00"),
                **incident_file("outage", "2026-11-24 10:00", impact="major"),
            },
            "down",
            "partial_outage",
            "major",
            ["down", "degraded"],
            id="down-beats-degraded",
        ),
        pytest.param(
            incident_file("notice", "2026-11-24 10:00", impact="none"),
            "operational",
            "operational",
            "none",
            [],
            id="no-impact-is-told-but-changes-nothing",
        ),
        pytest.param(
            incident_file("over", "2026-11-24 09:00", "2026-11-24 11:00", impact="critical"),
            "operational",
            "operational",
            "none",
            [],
            id="resolved",
        ),
        pytest.param(
            window_file("soon", "2026-11-28 20:00", "2026-11-28 22:00"),
            "operational",
            "operational",
            "none",
            ["planned"],
            id="maintenance-within-7-days",
        ),
    ],
)
def test_every_state_on_the_page_in_the_json_and_in_the_banner(
    project: Path, files: dict[str, str], state: str, component: str, indicator: str, banner: list[str]
) -> None:
    write_content(project, files)
    site = load_site(project, now=NOW)
    outputs = rendered(site)
    line = email_line(str(outputs["status/index.md"]))
    # The page marks what is not working normally; a service working normally carries no badge.
    assert (f"status-badge--{state}" in line) if state != "operational" else ("status-badge" not in line)
    document = json.loads(outputs["status/status.json"])
    components = {component["id"]: component for component in document["components"]}
    assert components["email"]["status"] == component
    assert components["chat"]["status"] == "operational"
    assert document["status"]["indicator"] == indicator
    assert banner_kinds(theme_context(site)) == banner


def test_banner_says_what_which_services_since_when_and_links(project: Path) -> None:
    write_content(project, incident_file("outage", "2026-11-24 10:00", impact="major", services=["email", "chat"]))
    (item,) = theme_context(load_site(project, now=NOW))["status_banner"].items
    assert (item.label, item.title, item.services) == ("Not working", "Outage", "Email, Chat")
    assert item.when == "since 24 November 2026, 10:00 GMT"
    assert item.url == "status/incidents/outage/"


def test_maintenance_is_announced_from_its_time_and_changes_no_state_until_it_starts(project: Path) -> None:
    write_content(project, window_file("later", "2026-12-20 20:00", "2026-12-20 22:00"))  # default: 14 days ahead
    write_content(
        project, window_file("told", "2026-12-21 20:00", "2026-12-21 22:00", announce_from="2026-11-20 09:00")
    )
    write_content(
        project,
        window_file(
            "moved",
            "2026-12-22 20:00",
            "2026-12-22 22:00",
            revisions=[{"at": "2026-11-10 10:00", "message": "Moved a week later."}],
        ),
    )
    write_content(
        project,
        window_file(
            "dropped",
            "2026-12-23 20:00",
            "2026-12-23 22:00",
            announce_from="2026-12-01 09:00",
            cancelled={"at": "2026-11-23 09:00", "reason": "Not needed."},
        ),
    )
    site = load_site(project, now=NOW)
    outputs = rendered(site)
    page = str(outputs["status/index.md"])
    assert "maintenance-told" in page and "maintenance-moved" in page
    assert "maintenance-later" not in page and "maintenance-dropped" not in page
    assert "maintenance-later" in str(rendered(load_site(project, now="2026-12-06T20:00:00"))["status/index.md"])
    document = json.loads(outputs["status/status.json"])
    assert [window["id"] for window in document["scheduled_maintenances"]] == ["told", "moved"]
    assert document["status"]["indicator"] == "none"
    calendar = bytes(outputs["status/maintenance.ics"])
    assert b"maintenance-told@" in calendar and b"maintenance-later@" not in calendar
    assert b"maintenance-dropped@" not in calendar
    assert banner_kinds(theme_context(site)) == []


def test_incident_page_tells_the_whole_story(project: Path) -> None:
    write_content(
        project,
        incident_file(
            "outage",
            "2026-11-20 09:00",
            "2026-11-20 12:15",
            impact="major",
            updates=[
                ("2026-11-20 09:05", "investigating", "Email is down."),
                ("2026-11-20 10:00", "identified", "A disk filled up."),
                ("2026-11-20 12:15", "resolved", "Email works again."),
            ],
            cause="A disk **filled up**.",
            prevention="We added an alarm at 80% full.",
            review_url="https://wiki.example.com/review/outage",
        ),
    )
    page = str(rendered(load_site(project, now=NOW))["status/incidents/outage/index.md"])
    assert page.index("## What went wrong") < page.index("<strong>filled up</strong>") < page.index("## Timeline")
    assert "## What we are doing so it does not happen again" in page
    assert "We added an alarm at 80% full." in page
    assert "[Read the full post-incident review](https://wiki.example.com/review/outage)" in page
    times = re.findall(
        r'<li id="(update-\d)">\n<p class="status-timeline__when"><strong>([^<]+)</strong> · <time', page
    )
    # Latest first, each update keeping the number and anchor it was posted with; the first is a link away.
    assert times == [("update-3", "Resolved"), ("update-2", "Cause found"), ("update-1", "Investigating")]
    assert '<ol class="status-timeline" reversed' in page and '<a href="#update-1">Jump to the first update</a>' in page
    assert "20 November 2026, 09:05 GMT" in page  # the site's timezone, named
    assert "3 hours 15 minutes" in page
    assert "Major impact: down for many people" in page


def test_incident_page_tells_only_what_was_known_at_now(project: Path) -> None:
    write_content(project, incident_file("outage", "2026-11-24 09:00", "2026-11-24 15:00", impact="major"))
    page = str(rendered(load_site(project, now=NOW))["status/incidents/outage/index.md"])
    assert "Ongoing" in page and "3 hours so far" in page
    assert "Fixed." not in page  # the resolved update comes after "now"
    assert "We will explain what went wrong here as soon as we know." in page


def test_status_page_keeps_recent_months_and_years_live_on_their_own_pages(project: Path) -> None:
    write_content(project, incident_file("recent", "2026-10-02 09:00", "2026-10-02 10:00"))
    outputs = rendered(load_site(project, now=NOW))
    page = str(outputs["status/index.md"])
    assert [month for month in re.findall(r"^### (\w+ 2026)$", page, re.MULTILINE)] == [
        "November 2026",
        "October 2026",
        "September 2026",
    ]
    assert 'id="incident-recent"' in page
    assert 'id="incident-email-delays"' not in page  # March: on the year's page only
    year = str(outputs["status/history/2026/index.md"])
    assert 'id="incident-email-delays"' in year and 'id="incident-recent"' in year
    assert "[2026](history/2026/index.md)" in page


def test_history_entries_carry_their_services_for_the_filter(project: Path) -> None:
    write_content(project, incident_file("both", "2026-11-02 09:00", "2026-11-02 10:00", services=["chat", "email"]))
    page = str(rendered(load_site(project, now=NOW))["status/index.md"])
    assert '<li id="incident-both" data-services="chat email">' in page
    assert '<form class="status-filter" data-status-filter hidden>' in page
    assert '<option value="email">Email</option>' in page


def test_a_quiet_service_takes_one_line_and_the_filter_offers_only_services_the_history_tells_of(
    project: Path,
) -> None:
    write_content(project, incident_file("chat-slow", "2026-11-20 09:00", "2026-11-20 10:00", services=["chat"]))
    page = str(rendered(load_site(project, now=NOW))["status/index.md"])
    chat = page.split('<tr id="service-chat">')[1].split("</tr>")[0]
    assert 'role="img" title="20 November 2026: degraded for 1 hour."' in chat
    assert '<tr id="service-email">' not in page  # its one problem was in March: nothing to show day by day
    assert re.search(r'<li><a href="\.\./services/email/">Email</a> <span>99\.\d+%</span></li>', page)
    assert '<option value="chat">Chat</option>' in page
    assert '<option value="email">' not in page


def test_below_target_is_said_in_words(project: Path) -> None:
    service = project / "content/services/email.yaml"
    service.write_text(service.read_text() + "service_levels:\n  availability: 99.9\n")
    write_content(project, incident_file("outage", "2026-11-20 09:00", "2026-11-20 21:00", impact="major"))
    page = str(rendered(load_site(project, now=NOW))["status/index.md"])
    row = email_row(page)
    assert row.count("below target") == 3  # 12 hours down, and the fixture's 2 hours degraded in March
    assert "<td>98.33%<br>" in row
    assert (
        "Email was available 98.33% of the last 30 days, 99.44% of the last 90 days and 99.85% of the last 365 days"
        in page
    )
    assert 'role="img" title="20 November 2026: down for 12 hours."' in row


def test_status_json_validates_against_its_own_schema(project: Path) -> None:
    write_content(project, incident_file("outage", "2026-11-24 10:00", impact="major"))
    write_content(project, window_file("upgrade", "2026-11-24 11:00", "2026-11-24 13:00", services=["chat"]))
    outputs = rendered(load_site(project, now=NOW))
    document = json.loads(outputs["status/status.json"])
    schema = json.loads(outputs["status/status.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    assert schema["$id"] == "https://intranet.example/it/status/status.schema.json"
    assert document["page"]["updated_at"] == "2026-11-24T12:00:00Z"
    assert [incident["id"] for incident in document["incidents"]] == ["outage"]
    assert document["incidents"][0]["shortlink"] == "https://intranet.example/it/status/incidents/outage/"
    assert document["scheduled_maintenances"][0]["status"] == "in_progress"
    (group,) = [component for component in document["components"] if component["group"]]
    assert group["components"] == ["chat", "email"]
    assert group["status"] == "partial_outage"
    broken = {**document, "status": {"indicator": "bad", "description": "x"}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(broken)


def test_demo_status_json_validates(demo_site: Path) -> None:
    document = json.loads((demo_site / "status/status.json").read_text(encoding="utf-8"))
    schema = json.loads((demo_site / "status/status.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(document)
    assert [incident["id"] for incident in document["incidents"]] == ["delivery-photos-slow"]
    assert "email-security-update" in [window["id"] for window in document["scheduled_maintenances"]]


def test_search_finds_incidents_on_their_own_pages_not_again_in_the_history(demo_site: Path) -> None:
    index = json.loads((demo_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {entry["location"].split("#")[0] for entry in index["docs"]}
    assert "status/incidents/delivery-photos-slow/" in locations
    assert "status/" in locations
    assert not [location for location in locations if location.startswith("status/history/")]


STATUS_PAGES = [
    "status/index.html",
    "status/history/2025/index.html",
    "status/incidents/delivery-photos-slow/index.html",
]


@pytest.mark.parametrize("page", STATUS_PAGES)
def test_every_link_on_the_status_pages_resolves(demo_site: Path, page: str) -> None:
    document = lxml.html.parse(demo_site / page).getroot()
    missing = []
    for href in document.xpath("//a/@href"):
        if href.startswith(("http:", "https:", "mailto:", "tel:", "#")):
            continue
        target = (demo_site / page).parent / href.split("#")[0]
        if not (target / "index.html" if target.is_dir() else target).is_file():
            missing.append(href)
    assert missing == []


@pytest.mark.parametrize("page", ["status/index.html", "status/incidents/delivery-photos-slow/index.html"])
def test_status_pages_name_their_feeds_in_the_head(demo_site: Path, page: str) -> None:
    document = lxml.html.parse(demo_site / page).getroot()
    links = {
        (link.get("type"), link.get("href"))
        for link in document.xpath("//head/link")
        if "alternate" in link.get("rel", "").split()
    }
    base = "https://intranet.larkspur.example/it/"
    assert ("application/rss+xml", base + "status/feed.xml") in links
    assert ("application/atom+xml", base + "status/feed.atom") in links
    if "incidents" in page:
        assert ("application/rss+xml", base + "services/driver-handheld-app/feed.xml") in links


def test_demo_status_page_says_as_of_and_shows_what_is_happening(demo_site: Path) -> None:
    text = lxml.html.parse(demo_site / "status/index.html").getroot().text_content()
    assert "As of 24 November 2026, 12:00 GMT" in text
    assert "Delivery photos slow to upload" in text
    assert "Email security update" in text


def test_day_by_day_record_splits_at_local_midnight(project: Path) -> None:
    write_content(project, incident_file("overnight", "2026-10-24 22:00", "2026-10-25 03:00", impact="major"))
    write_content(project, incident_file("slow", "2026-11-02 09:00", "2026-11-02 10:30", impact="minor"))
    write_content(project, window_file("upgrade", "2026-11-10 20:00", "2026-11-10 22:00"))
    record = {day.day.isoformat(): day for day in daily_record(load_site(project, now=NOW), "email", 90)}
    assert len(record) == 90 and max(record) == "2026-11-24"
    assert record["2026-10-24"].down == timedelta(hours=2)
    assert record["2026-10-25"].down == timedelta(hours=4)  # the clocks went back: 00:00 to 03:00 lasted 4 hours
    assert record["2026-11-02"].state is ServiceState.DEGRADED
    assert record["2026-11-10"].state is ServiceState.MAINTENANCE
    assert record["2026-11-24"].state is ServiceState.OPERATIONAL
    lost_hours = 6 + 1.5 / 2  # 22:00 BST to 03:00 GMT is six real hours; degraded counts half
    period_hours = 90 * 24 + 1  # from noon in summer time to noon in winter time
    assert availability(load_site(project, now=NOW), "email", 90) == pytest.approx(
        100 * (1 - lost_hours / period_hours)
    )


def test_printable_pages_leave_the_banner_out(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    (project / "docs/print-check.md").write_text("---\ntemplate: printable.html\n---\n\n# Print check\n")
    write_content(project, incident_file("outage", "2026-11-24 10:00", impact="major"))
    build_site(project, tmp_path / "site")
    assert 'class="status-banner"' in (tmp_path / "site/index.html").read_text(encoding="utf-8")
    printable = (tmp_path / "site/print-check/index.html").read_text(encoding="utf-8")
    assert "Print check" in printable and "md-banner" not in printable


def test_a_window_cancelled_while_it_runs_builds_and_stays_listed_as_cancelled(tmp_path: Path) -> None:
    """Validate accepted it, and the strict build stopped: the window's page linked to its place on the status
    page, which listed it nowhere (no longer in progress, not ahead, not over)."""
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    cancelled = {"at": "2026-11-24 11:00", "reason": "Stopped: the new version misbehaved."}
    write_content(project, window_file("upgrade", "2026-11-24 10:00", "2026-11-24 14:00", cancelled=cancelled))
    build_site(project, tmp_path / "site", now=NOW, ITCOMMS_PDF="0")
    status = lxml.html.parse(str(tmp_path / "site/status/index.html")).getroot()
    (heading,) = status.xpath('//*[@id="maintenance-upgrade"]')
    assert "(cancelled)" in heading.text_content()
    window = (tmp_path / "site/status/maintenance/upgrade/index.html").read_text(encoding="utf-8")
    assert "Cancelled" in window and "../../#maintenance-upgrade" in window


WINDOW_TIMES = ("2026-11-24 10:00", "2026-11-24 14:00")
MOMENTS = (
    "2026-11-01T12:00:00",  # before it is announced
    "2026-11-20T12:00:00",  # announced, ahead
    "2026-11-24T10:30:00",
    "2026-11-24T12:00:00",  # running
    "2026-11-24T14:00:00",  # just over
    "2026-12-20T12:00:00",
    "2027-06-01T12:00:00",  # in its year's history
)


@pytest.mark.parametrize("cancelled_at", [None, "2026-11-10 09:00", "2026-11-22 09:00", "2026-11-24 10:15"])
def test_wherever_a_window_s_page_says_it_is_listed_it_is(project: Path, cancelled_at: str | None) -> None:
    """At every moment around a window (cancelled before it is announced, before it starts, while it runs, or
    never), the page its own page links to holds its anchor: the link the strict build checks resolves."""
    extra = {"cancelled": {"at": cancelled_at, "reason": "Not needed."}} if cancelled_at else {}
    write_content(project, window_file("upgrade", *WINDOW_TIMES, announce_from="2026-11-15 09:00", **extra))
    for now in MOMENTS:
        outputs = rendered(load_site(project, now=now))
        page = outputs.get("status/maintenance/upgrade/index.md")
        if page is None:
            continue  # not announced (yet, or ever): nothing links to it
        target, anchor = re.findall(r"\]\(([^)#]*)#(maintenance-upgrade)\)", str(page))[0]
        listed_on = posixpath.normpath(posixpath.join("status/maintenance/upgrade", target))
        assert f"{{ #{anchor} }}" in str(outputs[listed_on]) or f'id="{anchor}"' in str(outputs[listed_on]), (
            now,
            listed_on,
        )
