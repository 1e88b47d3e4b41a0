"""``content/maintenance/<YYYY-MM-DD>-<id>.yaml``: a planned maintenance window."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field

from itcomms.content.models.base import ContentModel, Finding, PublishedItem
from itcomms.content.models.fields import Line, LocalDateTime, Markdown, ServiceId
from itcomms.content.models.incident import Impact, _short


class Revision(ContentModel):
    """A change announced after the window was first published."""

    at: LocalDateTime
    """When the change was announced."""
    message: Markdown
    """What changed, for example "Moved to Saturday because of the quarter close"."""


class Cancellation(ContentModel):
    """The window will not happen."""

    at: LocalDateTime
    """When it was cancelled."""
    reason: Markdown
    """Why, in plain words."""


class Maintenance(PublishedItem):
    """Planned work that may interrupt services, announced in advance."""

    title: Line
    """What is being done, for example "Email server upgrade"."""
    services: Annotated[list[ServiceId], Field(min_length=1)]
    """The services affected (ids of files in services/)."""
    start: LocalDateTime
    """When the window opens; the date must match the file name."""
    end: LocalDateTime
    """When the window closes."""
    impact: Impact
    """What people should expect: none, minor, major or critical."""
    message: Markdown
    """What will happen and what people should do, in plain words."""
    announce_from: LocalDateTime | None = None
    """When to start telling people (the status page, feeds, calendar and banner); by default
    `status.announce_days` (14) days before it starts, or at its first revision when that is earlier."""
    revisions: list[Revision] = []
    """Changes announced since, oldest first."""
    cancelled: Cancellation | None = None
    """Fill in when the window will not happen; it stays listed as cancelled."""

    def findings(self) -> Iterator[Finding]:
        if self.identity.date is not None and self.start.date() != self.identity.date:
            yield Finding(
                ("start",),
                f"starts on {self.start.date()}, but the file name says {self.identity.date}; rename the file or fix the date",
            )
        if self.end <= self.start:
            yield Finding(("end",), "must be after start")
        if self.announce_from is not None and self.announce_from > self.start:
            yield Finding(("announce_from",), "must be before the window starts")
        if self.announce_from is not None and self.revisions and self.revisions[0].at < self.announce_from:
            yield Finding(
                ("revisions", 0, "at"),
                f"is before the window is announced ({_short(self.announce_from)}); set announce_from earlier",
            )
        for index, revision in enumerate(self.revisions):
            if revision.at > self.end:
                yield Finding(("revisions", index, "at"), f"is after the window ends ({_short(self.end)})")
        if self.cancelled is not None and self.cancelled.at > self.end:
            yield Finding(
                ("cancelled", "at"),
                f"is after the window ends ({_short(self.end)}); only planned work can be cancelled",
            )
        for index in range(1, len(self.revisions)):
            if self.revisions[index].at < self.revisions[index - 1].at:
                yield Finding(
                    ("revisions", index, "at"), "is earlier than the revision before it; list revisions oldest first"
                )
