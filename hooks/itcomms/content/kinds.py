"""Every kind of content file: where it lives, how it is named and which model reads it.

The file's path is its identity, so authors never invent ids: the path says the
kind, the id and, for dated items, the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from itcomms.content.models import (
    Accomplishment,
    Award,
    ContentFile,
    Glossary,
    Identity,
    Incident,
    Maintenance,
    Metric,
    Newsletter,
    Report,
    Service,
    SiteSettings,
    Survey,
    Talk,
    TicketSummary,
    UnitReview,
)
from itcomms.content.models.fields import year_problem

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


@dataclass(frozen=True)
class ContentType:
    """One kind of content file."""

    kind: str
    """Name used in references (``accomplishment:new-laptops``), schemas and ``scripts/new``."""
    model: type[ContentFile]
    path_pattern: str
    """Regular expression for the path under ``content/``, with named groups id, date, unit."""
    example: str
    """The naming pattern as an author reads it."""

    @property
    def folder(self) -> str:
        return self.example.split("/", 1)[0] if "/" in self.example else ""

    @property
    def schema_file(self) -> str:
        return f"{self.kind}.schema.json"

    def identify(self, relative_path: str, display_path: str) -> Identity | str | None:
        """The item's identity, ``None`` when the path is not this type's, or why a near match fails."""
        match = re.fullmatch(self.path_pattern, relative_path)
        if match is None:
            return None
        groups = match.groupdict()
        day: date | None = None
        if groups.get("date"):
            try:
                day = date.fromisoformat(groups["date"])
            except ValueError:
                return f"{groups['date']} in the file name is not a real date"
            if groups.get("year") and groups["year"] != groups["date"][:4]:
                return f"the file is in the {groups['year']}/ folder but dated {groups['date']}; move it to {groups['date'][:4]}/"
        named_year = groups.get("year") or (groups.get("date") or groups.get("id") or "")[:4]
        if named_year.isdigit() and (problem := year_problem(int(named_year))):
            return f"the file name {problem}"
        item_id = groups.get("id") or self.kind
        return Identity(kind=self.kind, id=item_id, file=display_path, date=day, unit=groups.get("unit"))


CONTENT_TYPES: tuple[ContentType, ...] = (
    ContentType("site", SiteSettings, r"site\.yaml", "site.yaml"),
    ContentType("glossary", Glossary, r"glossary\.yaml", "glossary.yaml"),
    ContentType("service", Service, rf"services/(?P<id>{_SLUG})\.yaml", "services/short-name.yaml"),
    ContentType(
        "incident",
        Incident,
        rf"incidents/(?P<year>[0-9]{{4}})/(?P<date>{_DATE})-(?P<id>{_SLUG})\.yaml",
        "incidents/YYYY/YYYY-MM-DD-short-name.yaml",
    ),
    ContentType(
        "maintenance",
        Maintenance,
        rf"maintenance/(?P<date>{_DATE})-(?P<id>{_SLUG})\.yaml",
        "maintenance/YYYY-MM-DD-short-name.yaml",
    ),
    ContentType(
        "accomplishment",
        Accomplishment,
        rf"accomplishments/(?P<year>[0-9]{{4}})/(?P<date>{_DATE})-(?P<id>{_SLUG})\.yaml",
        "accomplishments/YYYY/YYYY-MM-DD-short-name.yaml",
    ),
    ContentType(
        "award", Award, rf"awards/(?P<date>{_DATE})-(?P<id>{_SLUG})\.yaml", "awards/YYYY-MM-DD-short-name.yaml"
    ),
    ContentType("talk", Talk, rf"talks/(?P<date>{_DATE})-(?P<id>{_SLUG})\.yaml", "talks/YYYY-MM-DD-short-name.yaml"),
    ContentType("metric", Metric, rf"metrics/(?P<id>{_SLUG})\.yaml", "metrics/short-name.yaml"),
    ContentType("survey", Survey, rf"surveys/(?P<id>{_SLUG})\.yaml", "surveys/short-name.yaml"),
    ContentType(
        "newsletter",
        Newsletter,
        r"newsletters/(?P<id>[0-9]{4}-(?:0[1-9]|1[0-2]))\.yaml",
        "newsletters/YYYY-MM.yaml",
    ),
    ContentType("report", Report, r"reports/(?P<id>[0-9]{4})\.yaml", "reports/YYYY.yaml"),
    ContentType(
        "review",
        UnitReview,
        rf"units/(?P<unit>{_SLUG})/(?P<id>[0-9]{{4}}-q[1-4])\.yaml",
        "units/UNIT/YYYY-qN.yaml",
    ),
    ContentType(
        "tickets",
        TicketSummary,
        rf"tickets/(?P<unit>{_SLUG})/(?P<id>[0-9]{{4}}-q[1-4])\.yaml",
        "tickets/UNIT/YYYY-qN.yaml",
    ),
)

CONTENT_TYPES_BY_KIND = {content_type.kind: content_type for content_type in CONTENT_TYPES}


def identify(relative_path: str, display_path: str) -> Identity | str:
    """Which item a file under ``content/`` is, or a message saying how it should be named."""
    for content_type in CONTENT_TYPES:
        found = content_type.identify(relative_path, display_path)
        if found is not None:
            return found
    if relative_path.endswith(".yml"):
        return "content files end in .yaml, not .yml; rename it"
    folder = relative_path.split("/", 1)[0] if "/" in relative_path else ""
    if folder in ("units", "tickets") and (quarter := re.search(r"/[0-9]{4}-q([0-9]+)\.yaml$", relative_path)):
        return f"q{quarter.group(1)} is not a quarter: a year has quarters q1 to q4 (name the file like YYYY-q1.yaml)"
    for content_type in CONTENT_TYPES:
        if folder and content_type.folder == folder:
            return (
                f"does not match the naming pattern {content_type.example} "
                "(lowercase letters, digits and hyphens; dates as YYYY-MM-DD)"
            )
    folders = ", ".join(sorted({f"{t.folder}/" for t in CONTENT_TYPES if t.folder}))
    return f"is not where any content belongs; content folders are {folders}, plus site.yaml and glossary.yaml"
