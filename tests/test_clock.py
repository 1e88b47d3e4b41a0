from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from itcomms.clock import ClockError, build_now

LONDON = ZoneInfo("Europe/London")


def test_pinned_now_without_zone_is_in_the_site_timezone() -> None:
    assert build_now({"ITCOMMS_NOW": "2026-07-01T12:00:00"}, LONDON) == datetime(2026, 7, 1, 11, 0, tzinfo=UTC)


def test_pinned_now_with_zone_wins_over_source_date_epoch() -> None:
    now = build_now({"ITCOMMS_NOW": "2026-07-01T12:00:00+02:00", "SOURCE_DATE_EPOCH": "0"}, LONDON)
    assert now == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)


def test_source_date_epoch_is_honoured() -> None:
    assert build_now({"SOURCE_DATE_EPOCH": "1767225600"}, LONDON) == datetime(2026, 1, 1, tzinfo=UTC)


def test_clock_is_the_fallback_and_aware() -> None:
    assert build_now({}, LONDON).tzinfo is not None


@pytest.mark.parametrize("environ", [{"ITCOMMS_NOW": "next tuesday"}, {"SOURCE_DATE_EPOCH": "soon"}])
def test_unreadable_now_is_an_error(environ: dict[str, str]) -> None:
    with pytest.raises(ClockError):
        build_now(environ, LONDON)
