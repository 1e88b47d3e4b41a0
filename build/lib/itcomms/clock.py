"""The build's notion of "now": an input, so status and schedules are testable and builds reproducible."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo


class ClockError(ValueError):
    """The environment asks for a "now" that cannot be read."""


def build_now(environ: Mapping[str, str], site_timezone: tzinfo) -> datetime:
    """``ITCOMMS_NOW`` (ISO 8601, zone optional: the site's), else ``SOURCE_DATE_EPOCH``, else the clock."""
    pinned = environ.get("ITCOMMS_NOW", "").strip()
    if pinned:
        try:
            moment = datetime.fromisoformat(pinned)
        except ValueError:
            raise ClockError(
                f"ITCOMMS_NOW={pinned!r} is not an ISO 8601 date and time like 2026-11-24T12:00:00"
            ) from None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=site_timezone)
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError):
            raise ClockError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds") from None
    return datetime.now(tz=UTC)
