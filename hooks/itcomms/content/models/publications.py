"""Newsletters and annual reports: the parts a person writes; the rest is gathered from content."""

from __future__ import annotations

from collections.abc import Iterator

from itcomms.content.models.base import ContentModel, Finding, PublishedItem
from itcomms.content.models.fields import ItemRef, Line, Markdown, MetricId, Month, NewsletterMonth, WebLink
from itcomms.content.models.settings import Person


class Story(ContentModel):
    """A short story written for this issue only."""

    title: Line
    """The headline."""
    body: Markdown
    """One or two short paragraphs."""
    link: WebLink | None = None
    """Where to read more."""
    follows_up: NewsletterMonth | None = None
    """An earlier issue this story follows up, by its month (like 2026-06); the story links back to it."""


class Newsletter(PublishedItem):
    """A monthly newsletter: the editor's note and picks; the month's news is added automatically."""

    month: Month | None = None
    """The month it covers, like 2026-03; it must match the file name."""
    title: Line | None = None
    """A headline for the issue."""
    editorial: Markdown
    """The editor's note that opens the issue."""
    featured: list[ItemRef] = []
    """Items to put first, as kind:id, for example accomplishment:new-laptops."""
    stories: list[Story] = []
    """Extra stories written for this issue."""
    kpi: MetricId | None = None
    """The KPI of the month (an id of a file in metrics/)."""

    def findings(self) -> Iterator[Finding]:
        if self.month is not None and self.month != self.id:
            yield Finding(
                ("month",), f"is {self.month}, but the file name says {self.id}; rename the file or fix the month"
            )
        for index, story in enumerate(self.stories):
            if story.follows_up is not None and story.follows_up >= self.id:
                yield Finding(("stories", index, "follows_up"), f"must be an issue before this one ({self.id})")


class Report(PublishedItem):
    """An annual report: the letter and outlook; the figures are gathered from the year's content."""

    title: Line | None = None
    """A title for the year, for example "A year of fewer surprises"."""
    letter: Markdown
    """The letter from the head of IT that opens the report."""
    signed_by: Person | None = None
    """Who signs the letter; by default the leader in site.yaml."""
    outlook: Markdown
    """What IT will focus on next year."""
    highlights: list[ItemRef] = []
    """Items to put first, as kind:id."""
