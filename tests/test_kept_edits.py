"""Whatever an author does, in whatever order, the build after it writes what a build keeping nothing writes.

The edits are drawn from what authors do to every kind of file (a service renamed, an incident's title, an
update's Markdown, maintenance under way (in the banner), a glossary meaning, the site's name, a KPI's
figure, which redraws a chart), with files added and deleted and an edit taken back (a rollback). After each,
the kept build (pages kept converted, filtered and themed, search entries, Markdown fields, charts, feeds) is
compared, file by file, with a build of the same project with ``ITCOMMS_CACHE=0``.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from support import MINIMAL_CONTENT, build_site, make_project
from test_kept_pages import NOW, ONGOING_INCIDENT, same_tree


@dataclass(frozen=True)
class Edit:
    path: str
    old: str
    """The words replaced; empty to write the file whole."""
    new: str | None
    """What replaces them; None deletes the file."""


MAINTENANCE_UNDER_WAY = """title: Chat upgrade
services: [chat]
start: 2026-11-24 11:00
end: 2026-11-24 22:00
impact: minor
message: Chat may drop calls.
"""
EMAIL_DELAYS = "content/incidents/2026/2026-03-14-email-delays.yaml"
EDITS = [
    Edit("content/services/email.yaml", "summary: Send and receive", "summary: Send, read and receive"),
    Edit("content/services/chat.yaml", "name: Chat", "name: Team chat"),
    Edit(EMAIL_DELAYS, "title: Email delays", "title: Email arriving late"),
    Edit(EMAIL_DELAYS, "message: Fixed.", "message: Fixed, **see** [the status](/status/)."),
    Edit(
        "content/maintenance/2026-04-01-email-upgrade.yaml",
        "message: Email may be slow.",
        "message: Email may be *slow*.",
    ),
    Edit("content/maintenance/2026-11-24-chat-upgrade.yaml", "", MAINTENANCE_UNDER_WAY),
    Edit("content/glossary.yaml", "meaning: The team that looks", "meaning: The people who look"),
    Edit("content/glossary.yaml", "spelled_out: Information Technology", "spelled_out: Info Tech"),
    Edit("content/site.yaml", "name: Example IT", "name: Example Technology"),
    Edit("content/newsletters/2026-03.yaml", "editorial: Hello from IT.", "editorial: Hello again, from IT."),
    Edit("content/accomplishments/2026/2026-02-10-faster-laptops.yaml", "title: Faster", "title: Much faster"),
    Edit("content/metrics/satisfaction.yaml", "2026-01: 4.1", "2026-01: 3.1"),
    Edit("content/incidents/2026/2026-11-24-chat-down.yaml", "", ONGOING_INCIDENT),
    Edit("content/awards/2026-05-01-best-team.yaml", "", None),
    Edit("docs/extra-page.md", "", "# A hand-written page\n\nAbout IT.\n"),
]
ROLLBACK = len(EDITS)
"""Not an edit of its own: the last edit made, taken back."""


def apply(project: Path, edit: Edit) -> str | None:
    """Make ``edit``; returns the file's text before it (None: it was not there), or raises LookupError when
    the edit no longer applies (made already)."""
    target = project / edit.path
    before = target.read_text("utf-8") if target.exists() else None
    if edit.new is None:
        if before is None:
            raise LookupError(edit.path)
        target.unlink()
    elif edit.old:
        if before is None or edit.old not in before:
            raise LookupError(edit.path)
        target.write_text(before.replace(edit.old, edit.new, 1), "utf-8")
    else:
        if before == edit.new:
            raise LookupError(edit.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(edit.new, "utf-8")
    return before


def restore(project: Path, path: str, text: str | None) -> None:
    target = project / path
    if text is None:
        target.unlink(missing_ok=True)
    else:
        target.write_text(text, "utf-8")


@settings(max_examples=5, deadline=None, derandomize=True)
@given(st.lists(st.integers(min_value=0, max_value=ROLLBACK), min_size=2, max_size=4))
def test_any_edits_in_any_order_build_what_a_build_keeping_nothing_builds(steps: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        project = make_project(work / "project", MINIMAL_CONTENT)
        build_site(project, work / "kept-0", now=NOW, ITCOMMS_PDF="0")
        made: list[tuple[str, str | None]] = []
        for number, step in enumerate(steps, start=1):
            if step == ROLLBACK:
                if not made:
                    continue
                restore(project, *made.pop())
                done = "rollback"
            else:
                try:
                    made.append((EDITS[step].path, apply(project, EDITS[step])))
                except LookupError:
                    continue
                done = EDITS[step].path
            build_site(project, work / f"kept-{number}", now=NOW, ITCOMMS_PDF="0")
            fresh = work / f"fresh-{number}"
            shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".cache"), symlinks=True)
            build_site(fresh, work / f"fresh-site-{number}", now=NOW, ITCOMMS_PDF="0", ITCOMMS_CACHE="0")
            assert same_tree(work / f"kept-{number}", work / f"fresh-site-{number}") == [], (steps, done)
            shutil.rmtree(fresh)
