"""The mapping file of a ticket import: how to read one ticketing system's CSV export (see ``TicketMapping``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field, ValidationError

from itcomms.content import error_messages
from itcomms.content.models import ContentModel, Finding
from itcomms.content.models.fields import Line
from itcomms.content.yaml_source import load_yaml
from itcomms.problems import Problem

FORMULA_STARTS = ("=", "+", "-", "@")
"""What a spreadsheet takes for the start of a formula: no name the import writes may start so."""


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
    """Export value → type name (for example "Service Request" → request); any other value counts as "other"."""
    categories: dict[str, Line] = {}
    """Export value → category name; any other value counts as "Other" (an empty one as "Uncategorised")."""
    target_hours: Annotated[dict[str, Annotated[float, Field(gt=0)]], Field(min_length=1)]
    """Hours a ticket of each priority (after mapping) may take to be resolved within target."""

    def findings(self) -> Iterator[Finding]:
        names: list[tuple[tuple[str, ...], str]] = [(("source",), self.source)]
        for group in ("priorities", "types", "categories"):
            names += [((group, value), name) for value, name in getattr(self, group).items()]
        names += [(("target_hours", name), name) for name in self.target_hours]
        for path, name in names:
            if name.startswith(FORMULA_STARTS):
                yield Finding(
                    path,
                    f"'{name}' starts with '{name[0]}', which a spreadsheet reads as a formula; "
                    "start the name with a letter or digit",
                )
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
