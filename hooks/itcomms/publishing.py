"""What a build publishes at its "now": drafts and items dated after "now" are left out of the ``Site``.

Done once, when the site is assembled, so that no page, feed or figure can
show or count an item before its day: the scheduled rebuild on or after an
item's date publishes it. The rule for each kind:

- accomplishments, awards and talks: from their date (the file name's);
- incidents: from their start;
- surveys: from the day they closed (their results are what is published);
- newsletters: from the first day of their month;
- unit reviews: from the day of the meeting, else the first day of their quarter;
- ticket summaries: once their quarter has ended (a part quarter is not a quarter's count);
- a KPI's values: each once its period (month or quarter) has ended;
- services, maintenance and reports: whenever they are not drafts (maintenance
  has its own announcement rules; a report of a year not begun says so);
- a maintenance window's revisions and its cancellation: each from its time
  (``at``), so the status page, the window's page, the feeds, the calendar,
  ``status.json`` and the search index all see the window as it stood at "now".

A preview build can show drafts (``ITCOMMS_DRAFTS=1``) and items dated after
"now" (``ITCOMMS_FUTURE=1``), each on its own. A preview of the future is built
as at the latest moment the content names (``latest_moment``), so that every
page, feed and figure shows and counts each future item as it will on its day,
by the same rules, rather than some showing it and others not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from itcomms.content.loaded import ContentCheck
from itcomms.content.models import (
    Accomplishment,
    Award,
    ContentFile,
    Incident,
    Maintenance,
    Metric,
    Newsletter,
    PublishedItem,
    Survey,
    Talk,
    TicketSummary,
    UnitReview,
)
from itcomms.periods import Quarter, months_after, period_start
from itcomms.problems import Problem, Severity


@dataclass(frozen=True)
class Calendar:
    """The moment a build publishes at, and what its preview switches let through."""

    now: datetime
    """The build's "now", in the site's time zone."""
    start_month: int
    """The month the fiscal year starts in (quarters are fiscal)."""
    drafts: bool = False
    future: bool = False

    @property
    def today(self) -> date:
        return self.now.date()

    def publishes(self, item: ContentFile) -> bool:
        """Whether ``item`` is on the site at all."""
        if isinstance(item, PublishedItem) and item.draft and not self.drafts:
            return False
        return self.future or self._has_come(item)

    def published_metric(self, metric: Metric) -> Metric:
        """``metric`` with only the values of periods that have ended (all of them in a preview of the future)."""
        if self.future:
            return metric
        values = {key: value for key, value in metric.values.items() if self.period_has_ended(key)}
        by_unit = {
            unit: {key: value for key, value in table.items() if self.period_has_ended(key)}
            for unit, table in metric.by_unit.items()
        }
        if len(values) == len(metric.values) and by_unit == metric.by_unit:
            return metric
        # model_copy keeps the private identity (file, id); the values were validated whole, a subset stays valid
        return metric.model_copy(update={"values": values, "by_unit": by_unit})

    def published_maintenance(self, window: Maintenance) -> Maintenance:
        """``window`` with only the revisions and the cancellation made by now (all of them in a preview of the
        future): a change announced for later is not told before its time, wherever the window is shown."""
        if self.future:
            return window
        revisions = [revision for revision in window.revisions if revision.at <= self.now]
        cancelled = window.cancelled if window.cancelled is not None and window.cancelled.at <= self.now else None
        if len(revisions) == len(window.revisions) and cancelled is window.cancelled:
            return window
        # model_copy keeps the private identity (file, id); revisions stay oldest first, so each keeps its number
        return window.model_copy(update={"revisions": revisions, "cancelled": cancelled})

    def published_incident(self, incident: Incident) -> Incident:
        """``incident`` as it stood at now (all of it in a preview of the future): the updates posted by then,
        and its end only once service came back, so no page, feed or figure tells an update before its time."""
        if self.future:
            return incident
        updates = [update for update in incident.updates if update.at <= self.now]
        end = incident.end if incident.end is not None and incident.end <= self.now else None
        if len(updates) == len(incident.updates) and end is incident.end:
            return incident
        # model_copy keeps the private identity; the updates stay oldest first, so each keeps its number and anchor
        return incident.model_copy(update={"updates": updates, "end": end})

    def period_has_ended(self, key: str) -> bool:
        """Whether a month (2026-03) or a fiscal quarter (2026-q1) ended on or before today."""
        start = period_start(key, self.start_month)
        return start is None or self._period_end(key, start) <= self.today

    def latest_moment(self, items: Iterable[ContentFile]) -> datetime:
        """The last moment any of ``items`` (not drafts, unless drafts are shown) or a part of one is published
        at, or now when every one of them has come: the "now" of a preview of the future."""
        moments = [
            moment
            for item in items
            if not (isinstance(item, PublishedItem) and item.draft and not self.drafts)
            for moment in self._moments(item)
        ]
        return max([self.now, *moments])

    def _moments(self, item: ContentFile) -> Iterator[datetime]:
        """When ``item`` arrives, then when each of its dated parts does (an incident's updates and end, a
        window's revisions and cancellation, a KPI's values)."""
        if (arrives := self._arrives_at(item)) is not None:
            yield arrives
        if isinstance(item, Incident):
            yield from (update.at for update in item.updates)
            if item.end is not None:
                yield item.end
        elif isinstance(item, Maintenance):
            yield from (revision.at for revision in item.revisions)
            if item.cancelled is not None:
                yield item.cancelled.at
        elif isinstance(item, Metric):
            yield from self._period_ends([*item.values, *(key for table in item.by_unit.values() for key in table)])

    def _arrives_at(self, item: ContentFile) -> datetime | None:
        """The moment ``item`` is first published (the rule for each kind, above); None for always."""
        if isinstance(item, Accomplishment | Award | Talk):
            return self._midnight(item.date)
        if isinstance(item, Incident):
            return item.start
        if isinstance(item, Survey):
            return self._midnight(item.closed)
        if isinstance(item, UnitReview) and item.met_on is not None:
            return self._midnight(item.met_on)
        if isinstance(item, Newsletter | UnitReview) and (first_day := period_start(item.id, self.start_month)):
            return self._midnight(first_day)
        if isinstance(item, TicketSummary):
            return next(self._period_ends([item.id]), None)
        return None

    def _period_ends(self, keys: Iterable[str]) -> Iterator[datetime]:
        for key in keys:
            if (start := period_start(key, self.start_month)) is not None:
                yield self._midnight(self._period_end(key, start))

    def _period_end(self, key: str, start: date) -> date:
        if "-q" in key:
            return Quarter.parse(key, self.start_month).end
        return months_after(start, 1)

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(), self.now.tzinfo)

    def _has_come(self, item: ContentFile) -> bool:
        arrives = self._arrives_at(item)
        return arrives is None or arrives <= self.now


FAR_AHEAD = timedelta(days=31)
"""Dated further ahead than this, an item is more likely a typo (12 for 11, 2027 for 2026) than a plan."""


def held_back(check: ContentCheck, calendar: Calendar) -> Iterator[Problem]:
    """A warning for each item, or update, that the site leaves out because it is dated after "now", saying when it
    will appear; an author who sees "Ongoing" or no item at all learns why. Maintenance is planned ahead and has its
    own announcement rules, so only its revisions and cancellation are asked about."""
    for loaded in check.items:
        item = loaded.item
        if isinstance(item, PublishedItem) and item.draft:
            continue
        for path, moment in _dated_values(item, calendar):
            if _later(moment, calendar):
                position = loaded.source.locate(path)
                field = ".".join(str(part) for part in path)
                yield Problem(
                    loaded.identity.file, position.line, position.column, field, _held_back_message(moment, calendar),
                    Severity.WARNING,
                )  # fmt: skip


def _dated_values(item: ContentFile, calendar: Calendar) -> Iterator[tuple[tuple[str | int, ...], date | datetime]]:
    if isinstance(item, Incident):
        if not _later(item.start, calendar):  # once the incident itself is held back, its updates say nothing new
            yield from ((("updates", index, "at"), update.at) for index, update in enumerate(item.updates))
        yield ("start",), item.start
    elif isinstance(item, Maintenance):
        for index, revision in enumerate(item.revisions):
            yield ("revisions", index, "at"), revision.at
        if item.cancelled is not None:
            yield ("cancelled", "at"), item.cancelled.at
    elif isinstance(item, Accomplishment | Award | Talk):
        yield (), item.date
    elif isinstance(item, Survey):
        yield ("closed",), item.closed
    elif isinstance(item, UnitReview) and item.met_on is not None:
        yield ("met_on",), item.met_on
    elif isinstance(item, Newsletter | UnitReview) and (first_day := period_start(item.id, calendar.start_month)):
        yield (), first_day


def _later(moment: date | datetime, calendar: Calendar) -> bool:
    return moment > calendar.now if isinstance(moment, datetime) else moment > calendar.today


def _held_back_message(moment: date | datetime, calendar: Calendar) -> str:
    if isinstance(moment, datetime):
        when, ahead = f"{moment.astimezone(calendar.now.tzinfo):%Y-%m-%d %H:%M}", moment - calendar.now
    else:
        when, ahead = moment.isoformat(), datetime.combine(moment, calendar.now.timetz()) - calendar.now
    message = f"is after now ({calendar.now:%Y-%m-%d %H:%M}), so the site leaves it out until {when}"
    if ahead > FAR_AHEAD:
        return f"{message}, {ahead.days} days ahead: is the year or the month right?"
    return f"{message}; if it has happened, correct the date or time"
