"""``content/incidents/<YYYY>/<YYYY-MM-DD>-<id>.yaml``: an outage and how it was handled."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from itcomms.content.models.base import ContentModel, Finding, PublishedItem
from itcomms.content.models.fields import Line, LocalDateTime, Markdown, ServiceId, Text, WebLink


class Impact(StrEnum):
    NONE = "none"
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


class UpdateState(StrEnum):
    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    RESOLVED = "resolved"


class IncidentUpdate(ContentModel):
    """One message posted while the incident was handled."""

    at: LocalDateTime
    """When the update was posted."""
    state: UpdateState
    """investigating, identified, monitoring or resolved."""
    message: Markdown
    """What we know and what people should do, in plain words."""


class Incident(PublishedItem):
    """Something that stopped or slowed a service, told honestly."""

    title: Line
    """What people noticed, for example "Email arriving late"."""
    services: Annotated[list[ServiceId], Field(min_length=1)]
    """The services affected (ids of files in services/)."""
    impact: Impact
    """none, minor (slower or partly working), major (down for many) or critical (down for everyone)."""
    start: LocalDateTime
    """When it started; the date must match the file name."""
    end: LocalDateTime | None = None
    """When service was fully restored; leave out while it is ongoing."""
    summary: Text
    """One or two sentences: what happened to people's work."""
    updates: Annotated[list[IncidentUpdate], Field(min_length=1)]
    """The updates posted, oldest first."""
    cause: Markdown | None = None
    """What went wrong, in plain words."""
    prevention: Markdown | None = None
    """What IT is doing so it does not happen again."""
    review_url: WebLink | None = None
    """A link to the post-incident review."""

    @property
    def is_resolved(self) -> bool:
        return self.end is not None

    def findings(self) -> Iterator[Finding]:
        if self.identity.date is not None and self.start.date() != self.identity.date:
            yield Finding(
                ("start",),
                f"starts on {self.start.date()}, but the file name says {self.identity.date}; rename the file or fix the date",
            )
        if self.end is not None and self.end < self.start:
            yield Finding(("end",), f"ends before it starts ({_short(self.end)} is before {_short(self.start)})")
        previous: datetime | None = None
        for index, update in enumerate(self.updates):
            if update.at < self.start:
                yield Finding(("updates", index, "at"), f"is before the incident starts ({_short(self.start)})")
            elif self.end is not None and update.at > self.end:
                yield Finding(
                    ("updates", index, "at"),
                    f"is after the incident ends ({_short(self.end)}); set end to the time service came back, "
                    "or this update's time to when it was posted",
                )
            elif previous is not None and update.at < previous:
                yield Finding(
                    ("updates", index, "at"),
                    f"is earlier than the update before it ({_short(previous)}); list updates oldest first",
                )
            previous = update.at
        last = self.updates[-1]
        if self.end is None and last.state is UpdateState.RESOLVED:
            yield Finding(
                ("updates", len(self.updates) - 1, "state"),
                f"says resolved, but the incident has no end: add end: {_short(last.at)} (or the time service came "
                "back) under start",
            )
        if self.end is not None and last.state is not UpdateState.RESOLVED:
            yield Finding(("updates", len(self.updates) - 1, "state"), "must be resolved: the incident has an end")
        for index, update in enumerate(self.updates[:-1]):
            if update.state is UpdateState.RESOLVED:
                yield Finding(("updates", index, "state"), "only the last update can say resolved")


def _short(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")
