"""Turn a ticketing system's CSV export into counts of tickets per business unit and quarter.

A small mapping file (YAML, see ``TicketMapping``) names the export's columns
and translates its values: which column holds the business unit, when a
ticket was opened and resolved, its priority, category and type, and how many
hours each priority may take to count as "within target". ServiceNow and Jira
exports both work; their dates may be ISO 8601 or any ``date_format``.

The import streams: rows are read one at a time and only the aggregates are
kept, in dictionaries keyed by (unit, quarter). Nothing personal and no ticket
text is kept or written: no names, no descriptions, no ticket ids; only
counts and times. The one thing that grows with the export is the set of
ticket ids already seen (8-byte digests, so a duplicated row counts once):
about 70 bytes per ticket.

A ticket counts in the quarter it was resolved in (the business's quarter,
fiscal when its year does not start in January); tickets still open are not
counted yet. Times without a zone are in the site's timezone.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from pydantic import ValidationError

from itcomms.content import error_messages
from itcomms.content.models import TicketSummary
from itcomms.content.models.fields import year_problem
from itcomms.content.models.units import PriorityCount
from itcomms.periods import Quarter
from itcomms.tickets.mapping import TicketMapping, read_mapping

__all__ = ["TicketImport", "TicketMapping", "read_mapping"]


MAX_UNLISTED_VALUES = 50
"""More different values than this that the mapping does not list, and a grouping column is free text."""
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def free_text_reason(value: str) -> str | None:
    """Why a value of a grouping column looks like free text (a ticket's words, a person), or ``None``."""
    if _EMAIL.search(value):
        return "an email address"
    if len(value) > 60 or len(value.split()) > 6:
        return "a sentence"
    return None


class FreeTextColumn(ValueError):
    """A grouping column (category or type) holds free text, not a short list of values."""


def _key(value: str) -> str:
    return " ".join(value.split()).casefold()


class _Histogram:
    """Resolution times in buckets about 2% wide: a median within 2%, in memory bounded by the range of times."""

    _STEPS_PER_E = 50

    def __init__(self) -> None:
        self.buckets: Counter[int] = Counter()

    def add(self, hours: float) -> None:
        self.buckets[round(math.log1p(hours * 60) * self._STEPS_PER_E)] += 1

    def median(self) -> float | None:
        total = sum(self.buckets.values())
        if total == 0:
            return None
        seen = 0
        for bucket in sorted(self.buckets):
            seen += self.buckets[bucket]
            if seen * 2 >= total:
                return round(math.expm1(bucket / self._STEPS_PER_E) / 60, 1)
        raise AssertionError("unreachable: the buckets add up to the total")


@dataclass
class _Count:
    handled: int = 0
    within_target: int = 0
    times: _Histogram = field(default_factory=_Histogram)


@dataclass
class _Tally:
    """Everything kept about one unit's quarter: counts and a histogram, never a row."""

    total: _Count = field(default_factory=_Count)
    by_priority: dict[str, _Count] = field(default_factory=dict)
    by_type: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    by_category_within: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class BadRow:
    line: int
    kind: str
    """A short name for the summary: "unknown unit", "unreadable date"…"""
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class MissingColumns(ValueError):
    """The export lacks columns the mapping names."""


class SummaryRefused(Exception):
    """The counts of a unit's quarter are not a ticket file validate accepts; nothing is written."""

    def __init__(self, relative: str, error: ValidationError) -> None:
        self.relative = relative
        self.problems = [
            f"content/{relative}: {'.'.join(map(str, detail['loc']))}: {error_messages.message(detail, TicketSummary)}"
            for detail in error.errors()
        ]
        super().__init__("; ".join(self.problems))


@dataclass
class ImportResult:
    """The aggregates and what happened to every row."""

    tallies: dict[tuple[str, str], _Tally] = field(default_factory=dict)
    rows: int = 0
    counted: int = 0
    still_open: int = 0
    duplicates: int = 0
    bad: Counter[str] = field(default_factory=Counter)
    other: Counter[str] = field(default_factory=Counter)
    """Rows counted as "Other" per grouping column, because the mapping does not list their value."""

    def summaries(self, mapping: TicketMapping) -> Iterator[tuple[str, str, TicketSummary]]:
        """(unit id, quarter like 2026-q1, counts) for every unit and quarter seen, in that order."""
        priority_order = list(mapping.target_hours)
        for (unit, quarter), tally in sorted(self.tallies.items()):
            priorities = sorted(
                tally.by_priority.items(),
                key=lambda item: priority_order.index(item[0]) if item[0] in priority_order else len(priority_order),
            )
            try:
                summary = TicketSummary(
                    source=mapping.source,
                    generated=True,
                    handled=tally.total.handled,
                    within_target=tally.total.within_target,
                    median_hours_to_resolve=tally.total.times.median(),
                    by_type=dict(_largest_first(tally.by_type)),
                    by_priority={
                        name: PriorityCount(
                            handled=count.handled,
                            within_target=count.within_target,
                            median_hours_to_resolve=count.times.median(),
                        )
                        for name, count in priorities
                    },
                    by_category=dict(_largest_first(tally.by_category)),
                    by_category_within_target={
                        name: tally.by_category_within[name] for name, _ in _largest_first(tally.by_category)
                    }
                    if tally.by_category
                    else {},
                )
            except ValidationError as error:
                raise SummaryRefused(f"tickets/{unit}/{quarter}.yaml", error) from None
            yield unit, quarter, summary


def _largest_first(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


class TicketImport:
    """Reads the rows of one export into aggregates; ``read`` yields each row it cannot count."""

    def __init__(self, mapping: TicketMapping, unit_ids: Iterable[str], timezone: tzinfo, fiscal_start: int) -> None:
        self.mapping = mapping
        self.timezone = timezone
        self.fiscal_start = fiscal_start
        self.unit_ids = sorted(unit_ids)
        self.units = {_key(unit): unit for unit in self.unit_ids}
        self.units.update({_key(value): unit for value, unit in mapping.units.items()})
        self.priorities = {_key(value): name for value, name in mapping.priorities.items()}
        # A value that already is one of the mapping's names needs no entry, as for units.
        self.types = {_key(name): name for name in mapping.types.values()}
        self.types.update({_key(value): name for value, name in mapping.types.items()})
        self.categories = {_key(name): name for name in mapping.categories.values()}
        self.categories.update({_key(value): name for value, name in mapping.categories.items()})
        self._unlisted: dict[str, set[int]] = {"category": set(), "type": set()}
        self.result = ImportResult()
        self._seen: set[int] = set()
        self._quarters: dict[tuple[int, int], str] = {}

    def check_mapping(self) -> list[str]:
        """Mapped units that site.yaml does not know, as messages."""
        return [
            f"units: '{value}' maps to '{unit}', which is not a business unit in site.yaml; "
            + error_messages.closest(unit, self.unit_ids)
            for value, unit in self.mapping.units.items()
            if unit not in self.unit_ids
        ]

    def columns(self, header: list[str]) -> dict[str, int]:
        """Where each mapped column is in the header; raises ``MissingColumns`` naming every one missing."""
        positions = {_key(name.lstrip("\ufeff")): index for index, name in reversed(list(enumerate(header)))}
        wanted = {name: column for name, column in self.mapping.columns.model_dump().items() if column is not None}
        missing = [f"'{column}' (columns.{name})" for name, column in wanted.items() if _key(column) not in positions]
        if missing:
            raise MissingColumns(f"the export has no column {', '.join(missing)}; its columns are: {', '.join(header)}")
        return {name: positions[_key(column)] for name, column in wanted.items()}

    def read(self, rows: Iterable[tuple[int, list[str]]], header: list[str]) -> Iterator[BadRow]:
        """Count every row (line number, fields); yields each row that cannot be counted."""
        where = self.columns(header)
        id_at, unit_at, opened_at, resolved_at, priority_at = (
            where["id"],
            where["unit"],
            where["opened"],
            where["resolved"],
            where["priority"],
        )
        category_at, type_at = where.get("category"), where.get("type")
        width = len(header)
        result = self.result
        for line, row in rows:
            result.rows += 1
            if len(row) != width:
                # Another number of fields than the header means a comma in an unquoted field, or a field lost:
                # every later column is shifted, an empty extra field as much as any.
                yield self._bad(line, "wrong field count", f"has {len(row)} fields, the header has {width}")
                continue
            if not row[resolved_at].strip():
                result.still_open += 1
                continue
            unit_value = row[unit_at]
            unit = self.units.get(_key(unit_value))
            if unit is None:
                hint = error_messages.closest(unit_value, self.unit_ids)
                yield self._bad(
                    line,
                    "unknown unit",
                    f"unknown business unit '{unit_value}' (add it to units: in the mapping); {hint}",
                )
                continue
            try:
                opened = self._time(row[opened_at])
            except ValueError:
                yield self._bad(line, "unreadable date", self._date_message("opened", row[opened_at]))
                continue
            try:
                resolved = self._time(row[resolved_at])
            except ValueError:
                yield self._bad(line, "unreadable date", self._date_message("resolved", row[resolved_at]))
                continue
            local = (opened.astimezone(self.timezone).year, resolved.astimezone(self.timezone).year)
            if (problem := year_problem(min(local)) or year_problem(max(local))) is not None:
                # A placeholder like 9999-12-31 is not a date a ticket was resolved on; the year is the one of the
                # site's time zone, where the ticket is counted (31 December 2100 in New York is 2101 in London).
                yield self._bad(line, "date out of range", f"opened or resolved time {problem}")
                continue
            hours = (resolved.timestamp() - opened.timestamp()) / 3600
            if hours < 0:
                yield self._bad(line, "resolved before opened", "was resolved before it was opened")
                continue
            priority_value = row[priority_at]
            priority = self.priorities.get(_key(priority_value), priority_value.strip())
            target = self.mapping.target_hours.get(priority)
            if target is None:
                yield self._bad(
                    line,
                    "unknown priority",
                    f"priority '{priority_value}' has no target_hours in the mapping (add it to priorities:)",
                )
                continue
            ticket_id = row[id_at].strip()
            if not ticket_id:
                yield self._bad(line, "no ticket id", "has no ticket id, so it cannot be told apart from others")
                continue
            # Ids are compared ignoring case: a ticketing system writes each id in one case, so "inc0012"
            # beside "INC0012" is the same ticket from a merged or retyped export, and counting it twice would
            # inflate the figures; two tickets whose ids differ only in case do not occur in ServiceNow or Jira.
            digest = int.from_bytes(hashlib.blake2b(ticket_id.casefold().encode(), digest_size=8).digest())
            if digest in self._seen:
                result.duplicates += 1
                yield BadRow(line, "duplicate", f"ticket '{ticket_id}' appeared earlier; counted once")
                continue
            self._seen.add(digest)
            kind = category = None
            if type_at is not None:
                kind = self._group(line, "type", row[type_at], self.types, "other")
                if kind is None:
                    kind = "other"
                    yield BadRow(line, "other", "type not listed under types: in the mapping; counted as other")
            if category_at is not None:
                category = self._group(line, "category", row[category_at], self.categories, "Uncategorised")
                if category is None:
                    category = "Other"
                    yield BadRow(
                        line, "other", "category not listed under categories: in the mapping; counted as Other"
                    )
            self._count(unit, resolved, hours, hours <= target, priority, kind, category)

    def _group(self, line: int, column: str, value: str, names: Mapping[str, str], empty: str) -> str | None:
        """The mapping's name for a category or type value, or ``None`` (then it counts as "Other").

        Raises ``FreeTextColumn`` once the column shows it holds free text, so nothing of it is written."""
        key = _key(value)
        if not key:
            return empty
        name = names.get(key)
        if name is not None:
            return name
        unlisted = self._unlisted[column]
        unlisted.add(int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest()))
        self.result.other[column] += 1
        reason = free_text_reason(value)
        if reason is None and len(unlisted) > MAX_UNLISTED_VALUES:
            reason = f"more than {MAX_UNLISTED_VALUES} different values the mapping does not list"
        if reason is not None:
            header = getattr(self.mapping.columns, column)
            raise FreeTextColumn(
                f"line {line}: columns.{column} ('{header}') holds free text ({reason}), not a short list of "
                f"{'categories' if column == 'category' else 'types'}; nothing was written. Name a column that "
                f"holds a few fixed values, or leave columns.{column} out of the mapping"
            )
        return None

    def _count(
        self,
        unit: str,
        resolved: datetime,
        hours: float,
        within: bool,
        priority: str,
        kind: str | None,
        category: str | None,
    ) -> None:
        local = resolved.astimezone(self.timezone)
        quarter = self._quarters.get((local.year, local.month))
        if quarter is None:
            quarter = Quarter.of(local.date(), self.fiscal_start).key
            self._quarters[(local.year, local.month)] = quarter
        tally = self.result.tallies.get((unit, quarter))
        if tally is None:
            tally = self.result.tallies[(unit, quarter)] = _Tally()
        counts = tally.by_priority.get(priority)
        if counts is None:
            counts = tally.by_priority[priority] = _Count()
        for count in (tally.total, counts):
            count.handled += 1
            count.within_target += within
            count.times.add(hours)
        if kind is not None:
            tally.by_type[kind] += 1
        if category is not None:
            tally.by_category[category] += 1
            tally.by_category_within[category] += within
        self.result.counted += 1

    def _time(self, text: str) -> datetime:
        text = text.strip()
        fmt = self.mapping.date_format
        value = datetime.strptime(text, fmt) if fmt else datetime.fromisoformat(text)  # noqa: DTZ007  # zone added below
        return value if value.tzinfo is not None else value.replace(tzinfo=self.timezone)

    def _date_message(self, column: str, value: str) -> str:
        expected = f"a date like {self.mapping.date_format}" if self.mapping.date_format else "an ISO 8601 date"
        return f"{column} time '{value}' is not {expected} (set date_format in the mapping)"

    def _bad(self, line: int, kind: str, message: str) -> BadRow:
        self.result.bad[kind] += 1
        return BadRow(line, kind, message)


def summary_counts(summary: TicketSummary) -> Mapping[str, object]:
    """A summary as plain data, in the order a reader expects, for writing as YAML."""
    data = summary.model_dump(exclude_defaults=True, mode="json")
    order = [
        "source",
        "generated",
        "handled",
        "within_target",
        "median_hours_to_resolve",
        "by_type",
        "by_priority",
        "by_category",
        "by_category_within_target",
    ]
    return {key: data[key] for key in order if key in data}
