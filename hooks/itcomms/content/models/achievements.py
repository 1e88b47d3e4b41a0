"""Accomplishments, awards and talks: the good news IT has to tell."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated

from pydantic import Field

from itcomms.content.models.base import ContentModel, Finding, PublishedItem
from itcomms.content.models.fields import Amount, GoalId, Line, Markdown, ServiceId, Text, UnitId, WebLink


class DatedByFileName(PublishedItem):
    """An item whose date is the one in its file name."""

    @property
    def date(self) -> date:
        assert self.identity.date is not None
        return self.identity.date


class Savings(ContentModel):
    """What the work saved the company each year, or once."""

    money: Amount | None = None
    """Money saved, in the site's currency."""
    hours: Amount | None = None
    """Staff hours saved."""
    note: Text | None = None
    """How the figure was worked out, in a sentence."""

    def findings(self) -> Iterator[Finding]:
        if self.money is None and self.hours is None:
            yield Finding((), "needs money, hours or both")


class Accomplishment(DatedByFileName):
    """Something IT delivered that made a difference to the business."""

    title: Line
    """What was delivered, for example "New laptops for the sales team"."""
    summary: Text
    """One or two sentences: what changed for people."""
    description: Markdown | None = None
    """The longer story, if there is one."""
    business_units: Annotated[list[UnitId], Field(min_length=1)]
    """The business units it served (ids from site.yaml)."""
    goals: Annotated[list[GoalId], Field(min_length=1)]
    """The strategic goals it advanced (ids from site.yaml)."""
    services: list[ServiceId] = []
    """Services it concerns (ids of files in services/)."""
    savings: Savings | None = None
    """Money or time it saved."""
    highlight: bool = False
    """Show it on the home page and first in reports."""
    link: WebLink | None = None
    """Where to read more."""


class Award(DatedByFileName):
    """Recognition IT or its people received."""

    title: Line
    """The award's name."""
    by: Line
    """Who gave it."""
    people: list[Line] = []
    """Who received it; leave empty when it went to the whole team."""
    summary: Text
    """What it was for, in a sentence or two."""
    link: WebLink | None = None
    """Where to read more."""


class Talk(DatedByFileName):
    """A talk IT people gave at a conference or meetup."""

    title: Line
    """The talk's title."""
    event: Line
    """The conference or meetup."""
    location: Line | None = None
    """Where it took place."""
    people: Annotated[list[Line], Field(min_length=1)]
    """Who spoke."""
    summary: Text
    """What it was about, in a sentence or two."""
    link: WebLink | None = None
    """Slides or recording."""
