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
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Annotated

from pydantic import Field, ValidationError

from itcomms.content import error_messages
from itcomms.content.models import ContentModel, Finding, TicketSummary
from itcomms.content.models.fields import Line
from itcomms.content.models.units import PriorityCount
from itcomms.content.yaml_source import load_yaml
from itcomms.periods import Quarter
from itcomms.problems import Problem


class Columns(ContentModel):
    """The export's column headers for each thing the import reads (matched ignoring case and spaces)."""

    id: Line
    """The ticket's number, like INC0012345 or HELP-123: used only to count each ticket once, never written."""
    unit: Line
    """The business unit the ticket was for (a department, company or assignment field)."""
    opened: Line
    """When the ticket was opened (ServiceNow: opened_at; Jira: Created)."""
    resolved: Line
    """When it was resolved; empty while it is still open (ServiceNow: resolved_at; Jira: Resolved)."""
    priority: Line
    """Its priority."""
    category: Line | None = None
    """Its category, for example Hardware (Jira: Components or a custom field)."""
    type: Line | None = None
    """Whether it is an incident or a request (ServiceNow: sys_class_name; Jira: Issue Type)."""


class TicketMapping(ContentModel):
    """How to read one ticketing system's CSV export."""

    source: Line
    """Where the counts come from, written into every file, for example "ServiceNow export"."""
    columns: Columns
    """Which column holds what."""
    date_format: Line | None = None
    """How dates are written when not ISO 8601, as a Python strptime format; Jira's is %d/%b/%y %I:%M %p."""
    units: dict[str, Line] = {}
    """Export value → business unit id from site.yaml; a value that already is a unit id needs no entry."""
    priorities: dict[str, Line] = {}
    """Export value → priority name used in the counts (for example "1 - Critical" → urgent)."""
    types: dict[str, Line] = {}
    """Export value → type name (for example "Service Request" → request); others are kept as they are."""
    categories: dict[str, Line] = {}
    """Export value → category name; others are kept as they are."""
    target_hours: Annotated[dict[str, Annotated[float, Field(gt=0)]], Field(min_length=1)]
    """Hours a ticket of each priority (after mapping) may take to be resolved within target."""

    def findings(self) -> Iterator[Finding]:
        for value, priority in self.priorities.items():
            if priority not in self.target_hours:
                yield Finding(
                    ("priorities", value),
                    f"'{priority}' has no target_hours (target_hours: {', '.join(self.target_hours)})",
                )


def read_mapping(raw: bytes, file: str) -> TicketMapping | list[Problem]:
    """The mapping file, or every problem in it with its position."""
    document = load_yaml(raw, file)
    if isinstance(document, list):
        return document
    try:
        mapping = TicketMapping.model_validate(document.data)
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            path, about_key = error_messages.locate(detail, document.data)
            position = document.source.locate(path, key=about_key)
            dotted = ".".join(map(str, path))
            problems.append(
                Problem(file, position.line, position.column, dotted, error_messages.message(detail, TicketMapping))
            )
        return problems
    found = []
    for finding in mapping.findings():
        position = document.source.locate(finding.path)
        found.append(Problem(file, position.line, position.column, ".".join(map(str, finding.path)), finding.message))
    return found or mapping


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


@dataclass
class ImportResult:
    """The aggregates and what happened to every row."""

    tallies: dict[tuple[str, str], _Tally] = field(default_factory=dict)
    rows: int = 0
    counted: int = 0
    still_open: int = 0
    duplicates: int = 0
    bad: Counter[str] = field(default_factory=Counter)

    def summaries(self, mapping: TicketMapping) -> Iterator[tuple[str, str, TicketSummary]]:
        """(unit id, quarter like 2026-q1, counts) for every unit and quarter seen, in that order."""
        priority_order = list(mapping.target_hours)
        for (unit, quarter), tally in sorted(self.tallies.items()):
            priorities = sorted(
                tally.by_priority.items(),
                key=lambda item: priority_order.index(item[0]) if item[0] in priority_order else len(priority_order),
            )
            yield (
                unit,
                quarter,
                TicketSummary(
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
                ),
            )


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
        self.types = {_key(value): name for value, name in mapping.types.items()}
        self.categories = {_key(value): name for value, name in mapping.categories.items()}
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
            if len(row) < width:
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
            digest = int.from_bytes(hashlib.blake2b(ticket_id.encode(), digest_size=8).digest())
            if digest in self._seen:
                result.duplicates += 1
                yield BadRow(line, "duplicate", f"ticket '{ticket_id}' appeared earlier; counted once")
                continue
            self._seen.add(digest)
            self._count(unit, resolved, hours, hours <= target, priority, row, category_at, type_at)

    def _count(
        self,
        unit: str,
        resolved: datetime,
        hours: float,
        within: bool,
        priority: str,
        row: list[str],
        category_at: int | None,
        type_at: int | None,
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
        if type_at is not None:
            value = row[type_at]
            tally.by_type[self.types.get(_key(value), value.strip() or "other")] += 1
        if category_at is not None:
            value = row[category_at]
            category = self.categories.get(_key(value), value.strip() or "Uncategorised")
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
