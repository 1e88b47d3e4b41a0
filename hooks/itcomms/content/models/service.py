"""``content/services/<id>.yaml``: one entry of the service catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Annotated

from pydantic import Field

from itcomms.content.models.base import ContentModel, Finding, PublishedItem
from itcomms.content.models.fields import (
    AudienceId,
    CategoryId,
    Day,
    DocsPath,
    Email,
    Line,
    Markdown,
    Percent,
    RequestLink,
    ServiceId,
    TargetHours,
    Text,
    UnitId,
    WebLink,
)
from itcomms.content.models.settings import Contact


class Lifecycle(StrEnum):
    PILOT = "pilot"
    LIVE = "live"
    RETIRING = "retiring"
    RETIRED = "retired"


class Priority(StrEnum):
    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


class HowToRequest(ContentModel):
    """How someone gets the service: a link to the form, steps to follow, or both."""

    url: RequestLink | None = None
    """The request form or page (a web address), or a mailto: link."""
    steps: Markdown | None = None
    """The steps, when there is no single form."""

    def findings(self) -> Iterator[Finding]:
        if self.url is None and self.steps is None:
            yield Finding((), "needs a url, steps or both, so people know how to ask")


class Hours(ContentModel):
    """When the service runs and when help is available."""

    service: Line
    """When the service is available, for example "Always on"."""
    support: Line
    """When people can get help with it, for example "Weekdays 8:00 to 18:00"."""


class ResponseTarget(ContentModel):
    """How fast IT responds to, and fixes, a request of one priority."""

    priority: Priority
    """urgent, high, normal or low."""
    respond_within_hours: TargetHours
    """Hours within which someone starts working on it."""
    resolve_within_hours: TargetHours | None = None
    """Hours within which it is usually fixed."""


class ServiceLevels(ContentModel):
    """The service-level targets IT commits to."""

    availability: Percent
    """Share of time the service is up, in percent, for example 99.9."""
    response: list[ResponseTarget] = []
    """Response and fix times by priority."""

    def met_by(self, availability: float) -> bool:
        """Whether ``availability`` (percent) meets the target (``meets_availability_target``)."""
        return meets_availability_target(availability, self.availability)


def meets_availability_target(availability: float, target: float) -> bool:
    """Whether an availability meets its target, both in percent: the one rule every page and report judges by."""
    return availability >= target


class Owner(ContentModel):
    """The team accountable for the service."""

    team: Line
    """The team's name."""
    email: Email
    """How to reach the team."""


class Policy(ContentModel):
    """A policy people should read before or while using the service."""

    title: Line
    """The policy's name."""
    url: WebLink
    """Where to read it."""


VIDEO_TYPES = {".mp4": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg"}
"""Video files browsers play, by file name ending, with their media types."""


class Video(ContentModel):
    """An explainer video: a file published with the site, or a link to one hosted elsewhere."""

    title: Line
    """What the video shows."""
    file: DocsPath | None = None
    """Path of the video file under docs/, for example assets/videos/vpn.webm (.webm, .mp4 or .ogv)."""
    captions: DocsPath | None = None
    """Path of its WebVTT captions file (.vtt) under docs/; required with a file."""
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] = "en"
    """The language of the captions, as a code like en or en-GB."""
    url: WebLink | None = None
    """A link to the video on the company's video platform (it opens there; it is never embedded)."""
    transcript: Markdown | None = None
    """The words of the video, shown below it."""

    @property
    def media_type(self) -> str | None:
        """The file's media type, for the browser; None for a hosted video."""
        return VIDEO_TYPES.get(PurePosixPath(self.file).suffix.lower()) if self.file else None

    def findings(self) -> Iterator[Finding]:
        if (self.file is None) == (self.url is None):
            yield Finding((), "needs either a file or a url (not both)")
        if self.file is not None and self.media_type is None:
            yield Finding(("file",), f"must be a video browsers play, ending in {', '.join(VIDEO_TYPES)}")
        if self.file is not None and self.captions is None:
            yield Finding(
                ("captions",),
                "a video file needs captions (the path of its WebVTT file), "
                "so people who cannot hear it can follow: an accessibility requirement",
            )
        if self.captions is not None and self.file is None:
            yield Finding(
                ("captions",), "captions go with a video file; a hosted video has its captions on its platform"
            )
        if self.captions is not None and not self.captions.lower().endswith(".vtt"):
            yield Finding(("captions",), "must be a WebVTT file ending in .vtt, the captions format browsers play")


class Service(PublishedItem):
    """A service IT offers, described for people who are not technical."""

    name: Line
    """The service's name as staff know it."""
    category: CategoryId
    """The catalogue heading it belongs under (an id from site.yaml)."""
    summary: Text
    """One sentence in plain words: what it does for the reader."""
    description: Markdown
    """What the service is and what people can do with it."""
    audience: Annotated[list[AudienceId], Field(min_length=1)]
    """Who it is for (ids of audiences in site.yaml)."""
    business_units: list[UnitId] = []
    """Business units that rely on it (ids from site.yaml); leave empty when everyone does."""
    keywords: list[Line] = []
    """Other words people search with, for example "laptop" for device provisioning."""
    request: HowToRequest
    """How to get it."""
    hours: Hours
    """When it runs and when help is available."""
    support: Contact
    """How to get help with it."""
    service_levels: ServiceLevels | None = None
    """The targets IT commits to."""
    cost: Text | None = None
    """What it costs or how it is charged back, in words."""
    owner: Owner | None = None
    """The team accountable for it."""
    policies: list[Policy] = []
    """Policies that apply to it."""
    related: list[ServiceId] = []
    """Other services people often need with this one."""
    video: Video | None = None
    """An explainer video."""
    lifecycle: Lifecycle = Lifecycle.LIVE
    """pilot, live, retiring or retired."""
    retire_on: Day | None = None
    """The date a retiring service stops."""

    def findings(self) -> Iterator[Finding]:
        if self.lifecycle is Lifecycle.RETIRING and self.retire_on is None:
            yield Finding(("lifecycle",), "a retiring service needs retire_on: the date it stops")
        if self.id in self.related:
            yield Finding(("related", self.related.index(self.id)), "a service cannot be related to itself")
