"""However long the history, the status page, the feeds and the calendar stay the same size."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from itcomms_bench.synthetic import Size, generate
from status_content import rendered
from support import load_site

NOW = "2026-12-31T12:00:00"
BOUNDED = ["status/index.md", "status/feed.xml", "status/feed.atom", "status/maintenance.ics", "status/status.json"]


def sizes(folder: Path, years: int) -> dict[str, int]:
    generate(folder, Size(years=years, services=20, incidents_per_year=120, accomplishments_per_year=2, units=2))
    outputs = rendered(load_site(folder, now=NOW))
    feed = feedparser.parse(outputs["status/feed.atom"])
    assert not feed.bozo and len(feed.entries) == 50
    return {path: len(outputs[path]) for path in BOUNDED} | {
        "one year's history": len(outputs["status/history/2025/index.md"]),
        "history pages": sum(path.startswith("status/history/") for path in outputs),
    }


@pytest.fixture(scope="module")
def short_and_long(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], dict[str, int]]:
    return sizes(tmp_path_factory.mktemp("two-years"), 2), sizes(tmp_path_factory.mktemp("eight-years"), 8)


@pytest.mark.parametrize("path", [*BOUNDED, "one year's history"])
def test_size_does_not_grow_with_history(short_and_long: tuple[dict[str, int], dict[str, int]], path: str) -> None:
    short, long = short_and_long
    assert long[path] <= short[path] * 1.1, (short[path], long[path])
    assert long[path] < 400_000


def test_older_years_get_their_own_pages(short_and_long: tuple[dict[str, int], dict[str, int]]) -> None:
    short, long = short_and_long
    assert (short["history pages"], long["history pages"]) == (2, 8)
