"""Rules that look at several items together: planned windows that overlap on one service, and a report for a
year the content says nothing about."""

from __future__ import annotations

from collections.abc import Iterator

from itcomms.content.loaded import ContentCheck, LoadedItem
from itcomms.content.models import Maintenance, SiteSettings
from itcomms.content.year_content import years_with_content
from itcomms.periods import FiscalYear
from itcomms.problems import Problem, Severity


def overlapping_maintenance(check: ContentCheck) -> Iterator[Problem]:
    """Warn where two planned windows on one service overlap: people cannot tell which to plan around."""
    by_service: dict[str, list[tuple[LoadedItem, Maintenance]]] = {}
    for loaded in check.of_kind("maintenance"):
        window = loaded.item
        if isinstance(window, Maintenance) and window.cancelled is None and window.end > window.start:
            for service_id in dict.fromkeys(window.services):
                by_service.setdefault(service_id, []).append((loaded, window))
    warned: set[tuple[str, str]] = set()
    for service_id, windows in sorted(by_service.items()):
        windows.sort(key=lambda pair: (pair[1].start, pair[0].identity.file))
        latest: tuple[LoadedItem, Maintenance] | None = None
        for loaded, window in windows:
            if latest is not None and window.start < latest[1].end:
                earlier, earlier_window = latest
                pair = (earlier.identity.file, loaded.identity.file)
                if pair not in warned:
                    warned.add(pair)
                    position = loaded.source.locate(("start",))
                    yield Problem(
                        loaded.identity.file,
                        position.line,
                        position.column,
                        "start",
                        f"overlaps '{earlier_window.title}' ({earlier.identity.file}, until "
                        f"{earlier_window.end:%Y-%m-%d %H:%M}) on service '{service_id}'; "
                        "merge the two windows or move one",
                        Severity.WARNING,
                    )
            if latest is None or window.end > latest[1].end:
                latest = (loaded, window)


def reports_without_content(check: ContentCheck) -> Iterator[Problem]:
    """A report for a year nothing happened in would be an empty page: say so instead."""
    settings = next((loaded.item for loaded in check.items if isinstance(loaded.item, SiteSettings)), None)
    if settings is None:
        return
    years = years_with_content((loaded.item for loaded in check.items), settings)
    for loaded in check.of_kind("report"):
        year = FiscalYear(int(loaded.identity.id), settings.fiscal_year_start)
        if year.year not in years:
            yield Problem(
                loaded.identity.file,
                1,
                1,
                "",
                f"there is nothing to report for {year.label}: no accomplishment, award, talk, incident, survey, "
                "KPI value or ticket count falls in it; add the year's content first, or check the file name",
            )
