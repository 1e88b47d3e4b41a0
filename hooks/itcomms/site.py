"""Put validated items together into one immutable ``Site``: sorted, indexed and cross-linked.

Everything a page needs that is true of the content as a whole (which items
touch a unit, what a year holds) is derived here or in the modules beside the
outputs, never stored by authors twice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from itcomms import addresses
from itcomms.content.loaded import ContentCheck
from itcomms.content.models import (
    Accomplishment,
    Award,
    BusinessUnit,
    ContentFile,
    Glossary,
    Incident,
    Maintenance,
    Metric,
    Newsletter,
    Report,
    Service,
    SiteSettings,
    StrategicGoal,
    Survey,
    Talk,
    TicketSummary,
    UnitReview,
)
from itcomms.content.models.settings import Audience, ServiceCategory
from itcomms.content.yaml_source import DataPath, Position, SourceMap
from itcomms.publishing import Calendar

Item = TypeVar("Item", bound=ContentFile)
T = TypeVar("T")


@dataclass(frozen=True)
class BuildOptions:
    """How this build runs, as opposed to what the content says."""

    site_url: str
    """The site's absolute address; feeds, calendars and emails link with it."""
    drafts: bool = False
    """Show draft items (a preview build)."""
    future: bool = False
    """Show items dated after the build's "now" as on their day: the site as at the last moment its content names
    (a preview build)."""
    pdf: bool = True
    """Render the printable PDFs."""
    cache_dir: Path | None = None
    """Where slow work (charts) is kept between builds; None for no cache."""

    def absolute(self, path: str) -> str:
        """The absolute address of a path of the site, like status/feed.xml."""
        return addresses.absolute(self.site_url, path)


@dataclass(frozen=True)
class Site:
    """Everything the content publishes at the build's "now", ready to render.

    Drafts and items dated after "now" are not in it at all (see ``publishing``),
    so no page or figure can show or count them before their day.
    """

    settings: SiteSettings
    now: datetime
    """The build's "now" (see clock.py): current status and what is upcoming are judged at it."""
    options: BuildOptions
    glossary: Glossary
    services: Mapping[str, Service]
    """By id, in name order."""
    incidents: tuple[Incident, ...]
    """Newest first."""
    maintenance: tuple[Maintenance, ...]
    """Latest start first."""
    accomplishments: tuple[Accomplishment, ...]
    """Newest first."""
    awards: tuple[Award, ...]
    talks: tuple[Talk, ...]
    metrics: Mapping[str, Metric]
    surveys: tuple[Survey, ...]
    """Latest closed first."""
    newsletters: tuple[Newsletter, ...]
    """Latest month first."""
    reports: Mapping[str, Report]
    """By year, latest first."""
    reviews: Mapping[tuple[str, str], UnitReview]
    """By (unit id, quarter like 2026-q1)."""
    tickets: Mapping[tuple[str, str], TicketSummary]
    """By (unit id, quarter like 2026-q1)."""
    sources: Mapping[str, SourceMap] = field(default_factory=lambda: MappingProxyType({}))
    """Where each value of each file came from, by file (content/…), so warnings raised while rendering have a position."""

    derived: dict[Hashable, Any] = field(default_factory=dict, init=False, compare=False, repr=False)
    """Values worked out from the content, kept for the rest of this build (see ``once``); not a field of
    ``__init__``, so a ``Site`` made from another by ``dataclasses.replace`` works them out afresh."""

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, worked out the first time ``key`` is asked for in this build and remembered after.

        For what several outputs ask of the same content (a service's outages, an
        item's years): it lives and dies with this ``Site``, so nothing carries
        over to the next build.
        """
        if key not in self.derived:
            self.derived[key] = compute()
        value: T = self.derived[key]
        return value

    def position(self, item: ContentFile, path: DataPath = ()) -> Position:
        """Where a value of an item's file is (the nearest parent when it was left out; 1:1 when unknown)."""
        source = self.sources.get(item.source_file)
        return source.locate(path) if source is not None else Position(1, 1)

    @cached_property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.settings.timezone)

    @property
    def local_now(self) -> datetime:
        return self.now.astimezone(self.timezone)

    @cached_property
    def units(self) -> Mapping[str, BusinessUnit]:
        return {unit.id: unit for unit in self.settings.business_units}

    @cached_property
    def goals(self) -> Mapping[str, StrategicGoal]:
        return {goal.id: goal for goal in self.settings.strategic_goals}

    @cached_property
    def audiences(self) -> Mapping[str, Audience]:
        return {audience.id: audience for audience in self.settings.audiences}

    @cached_property
    def incidents_by_service(self) -> Mapping[str, tuple[Incident, ...]]:
        """Each service's incidents, newest first."""
        return _group_by_service(self.incidents)

    @cached_property
    def maintenance_by_service(self) -> Mapping[str, tuple[Maintenance, ...]]:
        """Each service's maintenance windows, latest first."""
        return _group_by_service(self.maintenance)

    @cached_property
    def categories(self) -> Mapping[str, ServiceCategory]:
        return {category.id: category for category in self.settings.service_categories}


def assemble(check: ContentCheck, now: datetime, options: BuildOptions) -> Site:
    """The ``Site`` from content that passed every check."""
    if not check.ok:
        raise ValueError("content has errors; assemble only content that passed its checks")
    (settings,) = _all_of(check, "site", SiteSettings)
    glossaries = _all_of(check, "glossary", Glossary)
    calendar = Calendar(now.astimezone(ZoneInfo(settings.timezone)), settings.fiscal_year_start, drafts=options.drafts)
    if options.future:
        # a preview of the future is the site at the last moment its content names: one "now" for every output,
        # so each future item is shown and counted wherever it will be, by the rules of its day
        now = calendar.latest_moment(loaded.item for loaded in check.items)
        calendar = dataclasses.replace(calendar, now=now.astimezone(calendar.now.tzinfo), future=True)

    def _of(kind: str, model: type[Item]) -> list[Item]:
        return [item for item in _all_of(check, kind, model) if calendar.publishes(item)]

    return Site(
        settings=settings,
        now=now,
        options=options,
        glossary=glossaries[0] if glossaries else Glossary(terms=[]),
        services=_by_id(sorted(_of("service", Service), key=lambda s: s.name.casefold())),
        incidents=tuple(
            sorted(
                (calendar.published_incident(i) for i in _of("incident", Incident)),
                key=lambda i: (i.start, i.id),
                reverse=True,
            )
        ),
        maintenance=tuple(
            sorted(
                (calendar.published_maintenance(m) for m in _of("maintenance", Maintenance)),
                key=lambda m: (m.start, m.id),
                reverse=True,
            )
        ),
        accomplishments=tuple(
            sorted(_of("accomplishment", Accomplishment), key=lambda a: (a.date, a.id), reverse=True)
        ),
        awards=tuple(sorted(_of("award", Award), key=lambda a: (a.date, a.id), reverse=True)),
        talks=tuple(sorted(_of("talk", Talk), key=lambda t: (t.date, t.id), reverse=True)),
        metrics=_by_id(
            sorted((calendar.published_metric(m) for m in _of("metric", Metric)), key=lambda m: m.name.casefold())
        ),
        surveys=tuple(sorted(_of("survey", Survey), key=lambda s: (s.closed, s.id), reverse=True)),
        newsletters=tuple(sorted(_of("newsletter", Newsletter), key=lambda n: n.id, reverse=True)),
        reports=_by_id(sorted(_of("report", Report), key=lambda r: r.id, reverse=True)),
        reviews=_by_unit_quarter(_of("review", UnitReview)),
        tickets=_by_unit_quarter(_of("tickets", TicketSummary)),
        sources=MappingProxyType({loaded.identity.file: loaded.source for loaded in check.items}),
    )


def _group_by_service(items: tuple[Incident, ...] | tuple[Maintenance, ...]) -> Mapping[str, tuple[Any, ...]]:
    grouped: dict[str, list[Any]] = {}
    for item in items:
        for service_id in item.services:
            grouped.setdefault(service_id, []).append(item)
    return MappingProxyType({service_id: tuple(found) for service_id, found in grouped.items()})


def _all_of(check: ContentCheck, kind: str, model: type[Item]) -> list[Item]:
    return [loaded.item for loaded in check.of_kind(kind) if isinstance(loaded.item, model)]


def _by_id(items: list[Item]) -> Mapping[str, Item]:
    return MappingProxyType({item.id: item for item in items})


def _by_unit_quarter(items: list[Item]) -> Mapping[tuple[str, str], Item]:
    ordered = sorted(items, key=lambda item: (item.identity.unit or "", item.id))
    return MappingProxyType({(item.identity.unit or "", item.id): item for item in ordered})
