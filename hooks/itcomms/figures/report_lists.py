"""What the annual report itself lists, so it stays a report at any size; the full lists go on a page of their own.

A department that delivers 300 things a year still presents a report of a few dozen pages. The report
keeps every figure (the sums always count everything) but shortens its lists by rules a reader can check:

- **Delivered, per goal**: everything, while the year's lists hold at most ``DELIVERED`` items in all;
  past that, the author's highlights (``highlight: true``, or the report's ``highlights``) first, then
  the work that saved the most money, then the most hours; at most ``PER_GOAL`` for each goal.
- **Resources saved**: the largest savings, money first; at most ``SAVINGS``.
- **Awards and talks**: the report's highlights first, then the latest; at most ``RECOGNITION`` each.
- **Availability**: every service below its target, then the services that met theirs by the narrowest
  margin; at most ``AVAILABILITY`` rows unless more services missed.

Each shortened list says how many more the year's in-full page gives. A list that fits is shown whole,
in the order ``year_in_review`` gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from itcomms.content.models import Accomplishment, Award, Talk
from itcomms.figures.year_in_review import GoalWork, ServiceAvailability, YearInReview

DELIVERED = 40
PER_GOAL = 6
SAVINGS = 20
RECOGNITION = 8
AVAILABILITY = 25

Item = TypeVar("Item")


@dataclass(frozen=True)
class Shortlist(Generic[Item]):
    shown: tuple[Item, ...]
    """In the order of the full list."""
    total: int

    @property
    def more(self) -> int:
        """How many the full list has that this one leaves out."""
        return self.total - len(self.shown)


@dataclass(frozen=True)
class GoalShortlist:
    work: GoalWork
    accomplishments: Shortlist[Accomplishment]


@dataclass(frozen=True)
class ReportLists:
    goals: tuple[GoalShortlist, ...]
    savings: Shortlist[Accomplishment]
    awards: Shortlist[Award]
    talks: Shortlist[Talk]
    availability: Shortlist[ServiceAvailability]

    @property
    def delivered_shortened(self) -> bool:
        return any(goal.accomplishments.more for goal in self.goals)

    @property
    def shortened(self) -> bool:
        """Whether any list leaves something out, so the report needs its in-full page."""
        lists: list[Shortlist[Any]] = [self.savings, self.awards, self.talks, self.availability]
        return self.delivered_shortened or any(shortlist.more for shortlist in lists)


def report_lists(review: YearInReview) -> ReportLists:
    picked = set(review.report.highlights)

    def chosen(kind: str, item: Accomplishment | Award | Talk) -> bool:
        """The report's ``highlights`` name it; an accomplishment can also say ``highlight: true``."""
        return f"{kind}:{item.id}" in picked or (isinstance(item, Accomplishment) and item.highlight)

    listed = sum(len(work.accomplishments) for work in review.goals)
    per_goal = listed if listed <= DELIVERED else PER_GOAL
    return ReportLists(
        goals=tuple(
            GoalShortlist(
                work,
                _shortlist(
                    work.accomplishments, per_goal, lambda item: (not chosen("accomplishment", item), *_saved(item))
                ),
            )
            for work in review.goals
        ),
        savings=_shortlist(review.savings, SAVINGS, _saved),
        awards=_shortlist(
            review.awards, RECOGNITION, lambda award: (not chosen("award", award), -award.date.toordinal())
        ),
        talks=_shortlist(review.talks, RECOGNITION, lambda talk: (not chosen("talk", talk), -talk.date.toordinal())),
        availability=_availability(review.availability),
    )


def _saved(item: Accomplishment) -> tuple[float, float, int]:
    """Most money saved first, then most hours, then the latest."""
    savings = item.savings
    money = (savings.money or 0) if savings else 0
    hours = (savings.hours or 0) if savings else 0
    return (-money, -hours, -item.date.toordinal())


def _shortlist(items: Sequence[Item], limit: int, rank: Callable[[Item], Any]) -> Shortlist[Item]:
    if len(items) <= limit:
        return Shortlist(tuple(items), len(items))
    kept = {id(item) for item in sorted(items, key=rank)[:limit]}
    return Shortlist(tuple(item for item in items if id(item) in kept), len(items))


def _availability(entries: Sequence[ServiceAvailability]) -> Shortlist[ServiceAvailability]:
    missed = sum(1 for entry in entries if not entry.met)
    return _shortlist(
        entries,
        max(AVAILABILITY, missed),
        lambda entry: (entry.met, entry.achieved - entry.target if entry.met else 0.0),
    )
