"""Everything dated after the build's "now" is held back in every output by one rule (publishing.py), and shown
everywhere in a preview of the future (ITCOMMS_FUTURE=1): here, a maintenance window's revision and cancellation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from status_content import incident_file, rendered, window_file
from support import DEMO_NOW, MINIMAL_CONTENT, build_site, load_site, make_project, write_content

REVISED = "Moved to Sunday, revision-after-now"
CANCELLED = "Not needed after all, cancelled-after-now"
OUTPUTS = (
    "status/index.md",
    "status/maintenance/move/index.md",
    "status/maintenance/drop/index.md",
    "status/feed.xml",
    "status/feed.atom",
    "services/email/feed.xml",
    "services/chat/feed.atom",
    "status/maintenance.ics",
    "status/status.json",
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two windows announced by the demo's now (2026-11-24 12:00), one revised and one cancelled the day after."""
    project = make_project(tmp_path_factory.mktemp("held-back") / "project", MINIMAL_CONTENT)
    revision = {"at": "2026-11-25 10:00", "message": REVISED}
    write_content(project, window_file("move", "2026-11-30 20:00", "2026-11-30 22:00", revisions=[revision]))
    cancellation = {"at": "2026-11-25 11:00", "reason": CANCELLED}
    write_content(
        project,
        window_file("drop", "2026-12-01 20:00", "2026-12-01 22:00", services=("chat",), cancelled=cancellation),
    )
    return project


def _text(value: str | bytes) -> str:
    # calendars fold long lines: unfolded, a phrase is found whole
    text = value if isinstance(value, str) else value.decode("utf-8")
    return text.replace("\r\n ", "").replace("\\,", ",")


@pytest.mark.parametrize("path", OUTPUTS)
def test_a_change_dated_after_now_is_in_no_output(project: Path, path: str) -> None:
    outputs = rendered(load_site(project, now=DEMO_NOW))
    text = _text(outputs[path])
    assert REVISED not in text and CANCELLED not in text
    if path == "status/status.json":
        windows = {window["id"]: window for window in json.loads(text)["scheduled_maintenances"]}
        assert set(windows) == {"move", "drop"}, "the cancellation comes tomorrow: today the window stands"


@pytest.mark.parametrize("path", OUTPUTS)
def test_a_preview_of_the_future_shows_it_in_every_output(project: Path, path: str) -> None:
    text = _text(rendered(load_site(project, now=DEMO_NOW, ITCOMMS_FUTURE="1"))[path])
    expected = {
        "status/maintenance/move/index.md": [REVISED],
        "status/maintenance/drop/index.md": [CANCELLED],
        "services/email/feed.xml": [REVISED],
        "services/chat/feed.atom": [CANCELLED],
        "status/status.json": [REVISED],  # a cancelled window leaves the scheduled ones
    }.get(path, [REVISED, CANCELLED])
    assert all(words in text for words in expected), path


def test_the_search_index_holds_it_back_too(project: Path, tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    build_site(project, site_dir, ITCOMMS_PDF="0")
    index = (site_dir / "search/search_index.json").read_text(encoding="utf-8")
    assert "revision-after-now" not in index and "cancelled-after-now" not in index
    future = tmp_path / "future"
    build_site(project, future, ITCOMMS_PDF="0", ITCOMMS_FUTURE="1")
    index = (future / "search/search_index.json").read_text(encoding="utf-8")
    assert "revision-after-now" in index and "cancelled-after-now" in index


LATE_UPDATE = "Found it, update-after-now"


@pytest.mark.parametrize("future", [False, True])
def test_an_incident_update_dated_after_now_follows_the_same_rule(tmp_path: Path, future: bool) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    updates = [
        ("2026-11-24 11:00", "investigating", "Looking into it."),
        ("2026-11-24 13:00", "identified", LATE_UPDATE),
    ]
    write_content(project, incident_file("slow-mail", "2026-11-24 10:50", updates=updates))
    outputs = rendered(load_site(project, now=DEMO_NOW, **({"ITCOMMS_FUTURE": "1"} if future else {})))
    for path in ("status/index.md", "status/incidents/slow-mail/index.md", "status/feed.atom", "status/status.json"):
        assert (LATE_UPDATE in _text(outputs[path])) is future, path
