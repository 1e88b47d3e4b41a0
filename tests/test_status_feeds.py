"""Status feeds: they parse cleanly, tell each update once, and keep their ids when wording changes."""

from __future__ import annotations

import html
from pathlib import Path

import feedparser
import pytest

from status_content import incident_file, rendered, window_file
from support import load_site, minimal_project, write_content

NOW = "2026-11-24T12:00:00"
DEMO_FEEDS = [
    "status/feed.xml",
    "status/feed.atom",
    "services/driver-handheld-app/feed.xml",
    "services/driver-handheld-app/feed.atom",
]


@pytest.mark.parametrize("path", DEMO_FEEDS)
def test_demo_feeds_parse_cleanly(demo_site: Path, path: str) -> None:
    parsed = feedparser.parse((demo_site / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("rss20" if path.endswith(".xml") else "atom10")
    assert 0 < len(parsed.entries) <= 50
    base = "https://intranet.larkspur.example/it/"
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [base + path]
    page = base + ("status/" if path.startswith("status/") else "services/driver-handheld-app/")
    assert parsed.feed.link == page
    newest = parsed.entries[0]
    assert newest.title == "Monitoring the fix: Delivery photos slow to upload"
    assert newest.link == base + "status/incidents/delivery-photos-slow/#update-3"
    assert {"minor impact", "Driver handheld app"} <= {tag.term for tag in newest.tags}
    assert "<p>We added more space at 11:05." in newest.content[0].value
    published = [entry.published_parsed for entry in parsed.entries]
    assert published == sorted(published, reverse=True)
    assert all(entry.published.endswith(("+0000", "+00:00", "+0100", "+01:00")) for entry in parsed.entries)


def test_demo_feed_tells_maintenance_when_announced_changed_and_cancelled(demo_site: Path) -> None:
    titles = [entry.title for entry in feedparser.parse((demo_site / "status/feed.atom").read_bytes()).entries]
    assert "Planned maintenance: Email security update, 28 November 2026, 20:00 to 23:00 GMT" in titles
    assert any(title.startswith("Maintenance changed: HR and payroll system upgrade") for title in titles)
    assert any(title.startswith("Maintenance cancelled: Moving older shared drives") for title in titles)
    assert not any("Route planning upgrade" in title for title in titles)  # announced from 16 January 2027


def ids(project: Path, path: str = "status/feed.atom", now: str = NOW) -> list[str]:
    parsed = feedparser.parse(rendered(load_site(project, now=now))[path])
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [entry.id for entry in parsed.entries]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = minimal_project(tmp_path)
    write_content(
        folder,
        incident_file(
            "outage",
            "2026-11-24 09:00",
            impact="major",
            updates=[
                ("2026-11-24 09:10", "investigating", "Email is down."),
                ("2026-11-24 10:00", "identified", "A disk."),
            ],
        ),
    )
    return folder


def test_fixing_a_typo_changes_no_id(project: Path) -> None:
    before = ids(project)
    incident = project / "content/incidents/2026/2026-11-24-outage.yaml"
    incident.write_text(incident.read_text().replace("A disk.", "A full disk.").replace("Outage", "Email outage"))
    window = project / "content/maintenance/2026-04-01-email-upgrade.yaml"
    window.write_text(window.read_text().replace("Email may be slow.", "Email may be a little slow."))
    assert ids(project) == before
    assert ids(project, "services/email/feed.xml") == ids(project, "services/email/feed.atom")


def test_a_new_update_is_exactly_one_new_item(project: Path) -> None:
    before = ids(project)
    incident = project / "content/incidents/2026/2026-11-24-outage.yaml"
    incident.write_text(
        incident.read_text() + "- at: '2026-11-24 11:00'\n  state: monitoring\n  message: Email works again.\n"
    )
    after = ids(project)
    assert after[1:] == before
    assert after[0].endswith(":incident/outage/update/3")
    assert ids(project, "services/chat/feed.atom") == []  # the outage is on email only


def test_maintenance_is_one_item_when_announced_and_one_per_change(project: Path) -> None:
    write_content(
        project, window_file("move", "2026-12-19 20:00", "2026-12-19 22:00", announce_from="2026-11-24 13:00")
    )
    before = ids(project)
    assert not [entry for entry in before if ":maintenance/move/" in entry]  # not yet announced at "now"
    announced = ids(project, now="2026-11-24T13:00:00")
    assert [entry for entry in announced if entry not in before] == [
        "tag:intranet.example,2025-01-01:maintenance/move/announced"
    ]
    window = project / "content/maintenance/2026-12-19-move.yaml"
    window.write_text(window.read_text() + "revisions:\n- at: '2026-11-30 10:00'\n  message: Now until 23:00.\n")
    revised = ids(project, now="2026-12-01T09:00:00")
    assert [entry for entry in revised if entry not in announced] == [
        "tag:intranet.example,2025-01-01:maintenance/move/revision/1"
    ]
    window.write_text(window.read_text() + "cancelled:\n  at: '2026-12-05 10:00'\n  reason: Not needed.\n")
    cancelled = ids(project, now="2026-12-06T09:00:00")
    assert [entry for entry in cancelled if entry not in revised] == [
        "tag:intranet.example,2025-01-01:maintenance/move/cancelled"
    ]


def test_feed_holds_the_latest_items_setting(project: Path) -> None:
    site_file = project / "content/site.yaml"
    site_file.write_text(site_file.read_text() + "status:\n  feed_items: 2\n")
    assert [entry.rsplit(":", 1)[1] for entry in ids(project)] == [
        "incident/outage/update/2",
        "incident/outage/update/1",
    ]


@pytest.mark.parametrize("path", ["status/feed.xml", "status/feed.atom"])
def test_titles_reach_readers_as_written(project: Path, path: str) -> None:
    incident = project / "content/incidents/2026/2026-11-24-outage.yaml"
    incident.write_text(incident.read_text().replace("title: Outage", "title: Q&A screens show <2 rooms"))
    parsed = feedparser.parse(rendered(load_site(project, now=NOW))[path])
    assert not parsed.bozo
    title = parsed.entries[0].title_detail
    assert title.type == "text/html"  # readers show it as HTML: the escaping is undone on screen
    assert html.unescape(title.value) == "Cause found: Q&A screens show <2 rooms"


def test_moving_a_window_and_correcting_a_start_add_only_the_new_revision(tmp_path: Path) -> None:
    """Two builds, before and after: the window's file renamed to its new date with a revision added,
    and an incident's start corrected (its file renamed too). Only the revision is news."""
    project = minimal_project(tmp_path)
    updates = [
        ("2026-11-17 09:10", "investigating", "Email is down."),
        ("2026-11-17 10:00", "identified", "A disk."),
        ("2026-11-17 11:00", "resolved", "Fixed."),
    ]
    write_content(project, incident_file("outage", "2026-11-17 09:00", "2026-11-17 11:00", updates=updates))
    revised = [{"at": "2026-11-20 10:00", "message": "Now until 23:00."}]
    write_content(
        project,
        window_file(
            "move", "2026-12-16 20:00", "2026-12-16 23:00", announce_from="2026-11-10 09:00", revisions=revised
        ),
    )
    before = {feed: set(ids(project, feed)) for feed in ("status/feed.atom", "status/feed.xml")}

    (project / "content/maintenance/2026-12-16-move.yaml").unlink()
    revised.append({"at": "2026-11-24 09:00", "message": "Moved to 23 January: the supplier is late."})
    write_content(
        project,
        window_file(
            "move", "2027-01-23 20:00", "2027-01-23 23:00", announce_from="2026-11-10 09:00", revisions=revised
        ),
    )
    (project / "content/incidents/2026/2026-11-17-outage.yaml").unlink()
    write_content(project, incident_file("outage", "2026-11-16 23:00", "2026-11-17 11:00", updates=updates))

    for feed, old in before.items():
        new = set(ids(project, feed))
        assert new - old == {"tag:intranet.example,2025-01-01:maintenance/move/revision/2"}, feed
        assert old - new == set(), feed


def test_a_window_links_to_its_own_page_which_keeps_existing(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    write_content(project, window_file("move", "2026-11-26 20:00", "2026-11-26 23:00"))
    links = set()
    for now in ("2026-11-24T12:00:00", "2027-06-01T12:00:00"):  # while it is ahead, and long after
        pages = rendered(load_site(project, now=now))
        entry = next(
            entry
            for entry in feedparser.parse(pages["status/feed.atom"]).entries
            if entry.id.endswith("maintenance/move/announced")
        )
        links.add(entry.link)
        assert "# Move" in str(pages["status/maintenance/move/index.md"])
    assert links == {"https://intranet.example/it/status/maintenance/move/"}
