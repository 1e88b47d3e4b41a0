"""Whatever validate accepts, the build renders: validate makes every output in memory, and a stage that fails is
reported as a defect at the content value that reached it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from itcomms.outputs.status import status_feeds
from itcomms.pipeline import check_with_advice
from itcomms.rehearsal import read_back
from itcomms.rendering.outputs import Artefact
from support import minimal_project

NOW = {"ITCOMMS_NOW": "2026-11-24T12:00:00"}


def test_a_stage_that_fails_is_a_defect_positioned_at_the_value_that_reached_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = minimal_project(tmp_path)
    assert [str(problem) for problem in check_with_advice(project, NOW).problems] == []
    entry = status_feeds._entry

    def refusing(site: Any, templates: Any, event: Any) -> Any:
        title = f"{event.label}: {event.item.title}"  # what a feed writer holds when it refuses a character
        if "Email delays" in title:
            raise ValueError("All strings must be XML compatible")
        return entry(site, templates, event)

    monkeypatch.setattr(status_feeds, "_entry", refusing)
    (problem,) = check_with_advice(project, NOW).problems
    assert (problem.file, problem.line, problem.column, problem.field) == (
        "content/incidents/2026/2026-03-14-email-delays.yaml",
        1,
        8,
        "title",
    )
    assert "could not be built" in problem.message and "XML compatible" in problem.message and problem.is_error


@pytest.mark.parametrize(
    ("path", "content"),
    [
        ("status/feed.atom", b"<feed><entry>unclosed</feed>"),
        ("status/status.json", b'{"status": '),
        ("status/maintenance.ics", b"BEGIN:VCALENDAR\nEND:VEVENT\n"),
        ("status/maintenance.ics", b"BEGIN:VEVENT\nEND:VEVENT\n"),
        ("newsletter/2026-03.eml", b"Subject: March\nBcc\n\nbody"),
    ],
)
def test_each_kind_of_file_is_read_back_as_its_readers_read_it(path: str, content: bytes) -> None:
    with pytest.raises(Exception):  # noqa: B017  # each reader has its own error
        read_back(Artefact(path, content))
