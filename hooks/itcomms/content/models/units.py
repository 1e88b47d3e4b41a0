"""Per business unit and quarter: the liaison's review notes and the tickets IT handled."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from itcomms.content.models.base import ContentModel, Finding, PublishedItem
from itcomms.content.models.fields import Count, Day, DurationHours, Line, Markdown, Text


class UnitReview(PublishedItem):
    """The liaison's notes from the quarterly review with a business unit's lead."""

    met_on: Day | None = None
    """The day of the meeting."""
    attendees: list[Line] = []
    """Who took part."""
    expectations: Markdown | None = None
    """Their answer to: what do you expect from IT?"""
    measures: Markdown | None = None
    """Their answer to: how do you measure us?"""
    improvements: Markdown | None = None
    """Their answer to: what should we do better?"""
    next_steps: list[Text] = []
    """What's next: what IT will do before the next review."""


class PriorityCount(ContentModel):
    """Tickets of one priority."""

    handled: Count
    """How many were closed in the quarter."""
    within_target: Count
    """How many of those were resolved within the service-level target."""
    median_hours_to_resolve: DurationHours | None = None
    """Half of them were resolved within this many hours of being opened."""

    def findings(self) -> Iterator[Finding]:
        if self.within_target > self.handled:
            yield Finding(("within_target",), f"is more than the {self.handled} handled")


class TicketSummary(PublishedItem):
    """Counts of tickets and requests IT handled for a business unit in a quarter; no personal data."""

    source: Line | None = None
    """Where the counts come from, for example "ServiceNow export of 2026-04-02"."""
    generated: bool = False
    """Written by scripts/import-tickets; hand edits are protected from re-imports."""
    handled: Count
    """Tickets and requests closed in the quarter."""
    within_target: Count
    """How many of those were resolved within the service-level target."""
    by_type: dict[Line, Count] = {}
    """Counts by type, for example incident and request."""
    by_priority: dict[Line, PriorityCount] = {}
    """Counts by priority."""
    by_category: dict[Line, Count] = {}
    """Counts by category, for example Hardware or Accounts."""
    by_category_within_target: dict[Line, Count] = {}
    """How many of each category's tickets were resolved within the service-level target."""
    median_hours_to_resolve: DurationHours | None = None
    """Half of the tickets were resolved within this many hours of being opened."""

    def findings(self) -> Iterator[Finding]:
        if self.within_target > self.handled:
            yield Finding(("within_target",), f"is more than the {self.handled} handled")
        for field, table in (("by_type", self.by_type), ("by_category", self.by_category)):
            if table and sum(table.values()) != self.handled:
                yield Finding((field,), f"adds up to {sum(table.values())}, not the {self.handled} handled")
        if self.by_priority and sum(count.handled for count in self.by_priority.values()) != self.handled:
            total = sum(count.handled for count in self.by_priority.values())
            yield Finding(("by_priority",), f"adds up to {total}, not the {self.handled} handled")
        parts: list[tuple[str, int, Mapping[str, object]]] = [
            ("by_priority", sum(count.within_target for count in self.by_priority.values()), self.by_priority)
        ]
        if set(self.by_category_within_target) == set(self.by_category):  # every category given: the whole
            parts.append(("by_category_within_target", sum(self.by_category_within_target.values()), self.by_category))
        for field, within, shares in parts:
            if shares and within != self.within_target <= self.handled:  # more than handled is said above
                yield Finding(
                    ("within_target",),
                    f"is {self.within_target}, but the within_target counts of {field} add up to {within}; "
                    "correct one so they agree",
                )
        given = sum(self.by_category_within_target.values())
        if given > self.within_target and set(self.by_category_within_target) != set(self.by_category):
            # Some categories only: together they are a part of the whole, never more than it.
            yield Finding(
                ("by_category_within_target",),
                f"adds up to {given}, more than the {self.within_target} within target in all",
            )
        for category, within in self.by_category_within_target.items():
            if category not in self.by_category:
                known = ", ".join(self.by_category) or "none"
                yield Finding(
                    ("by_category_within_target", category),
                    f"'{category}' is not a category in by_category (categories: {known})",
                )
            elif within > self.by_category[category]:
                yield Finding(
                    ("by_category_within_target", category),
                    f"is more than the {self.by_category[category]} handled in {category}",
                )
