"""``content/surveys/<id>.yaml``: a customer satisfaction survey and what IT did about it."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from itcomms.content.models.base import ContentModel, Finding, PublishedItem
from itcomms.content.models.fields import Count, Day, Line, Slug, Text, UnitId


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in-progress"
    DONE = "done"


class Question(ContentModel):
    """One question of the survey."""

    id: Slug
    """Short name used for its scores, for example `overall`."""
    text: Line
    """The question as respondents read it."""
    scale: Annotated[int, Field(ge=2, le=10)] = 5
    """The highest possible score."""


class UnitResult(ContentModel):
    """The answers from one business unit."""

    responses: Count
    """How many people of the unit answered."""
    scores: dict[Slug, float]
    """Average score per question id."""


class Quote(ContentModel):
    """Something a respondent wrote, shared with permission and without a name."""

    text: Text
    """The words, lightly edited."""
    unit: UnitId | None = None
    """The business unit of the respondent."""


class Action(ContentModel):
    """You said, we did: what IT changed because of the answers."""

    you_said: Text
    """What respondents told us."""
    we_did: Text
    """What IT did or will do about it."""
    status: ActionStatus
    """planned, in-progress or done."""
    unit: UnitId | None = None
    """The business unit that asked, when it was one unit."""


class Survey(PublishedItem):
    """A satisfaction survey of the people IT serves."""

    title: Line
    """For example "Spring 2026 IT satisfaction survey"."""
    opened: Day
    """The day the survey opened."""
    closed: Day
    """The day it closed; its results count for that period."""
    invited: Count | None = None
    """How many people were asked."""
    responses: Count
    """How many people answered."""
    questions: Annotated[list[Question], Field(min_length=1)]
    """The questions asked."""
    scores: dict[Slug, float]
    """Average score per question id, across everyone."""
    by_unit: dict[UnitId, UnitResult] = {}
    """Results per business unit."""
    quotes: list[Quote] = []
    """A few representative comments."""
    actions: list[Action] = []
    """You said, we did."""

    def findings(self) -> Iterator[Finding]:
        if self.closed < self.opened:
            yield Finding(("closed",), "must not be before opened")
        if self.invited is not None and self.responses > self.invited:
            yield Finding(("responses",), f"is more than the {self.invited} people invited")
        scales = {question.id: question.scale for question in self.questions}
        tables = [(("scores",), self.scores)] + [
            (("by_unit", unit, "scores"), result.scores) for unit, result in self.by_unit.items()
        ]
        for path, scores in tables:
            for question, score in scores.items():
                if question not in scales:
                    yield Finding(
                        (*path, question),
                        f"'{question}' is not a question of this survey (questions: {', '.join(scales)})",
                    )
                elif not 0 <= score <= scales[question]:
                    yield Finding((*path, question), f"must be between 0 and {scales[question]}")
        if sum(result.responses for result in self.by_unit.values()) > self.responses:
            yield Finding(("by_unit",), f"adds up to more responses than the survey's {self.responses}")
