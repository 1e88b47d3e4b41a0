"""Times that a clock change makes unclear, said plainly: a time that never happened, one that happened twice,
and a written zone that puts the moment on another day than the one written.

Each message says which moment the time would be read as and how to write the other, so an author never has to
guess what the status page will show.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from itcomms.periods import month_name


def _with_offset(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{moment:%Y-%m-%d %H:%M}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _change(span: timedelta) -> str:
    minutes = int(span.total_seconds()) // 60
    if minutes == 60:
        return "an hour"
    return f"{minutes // 60} hours" if minutes % 60 == 0 else f"{minutes} minutes"


def clock_change_problem(local: datetime, timezone: tzinfo) -> str | None:
    """Why a time written without a zone is unclear in ``timezone``, or ``None`` when it names one moment.

    In autumn an hour happens twice (the clocks go back): the first time is summer time, the second is not.
    In spring an hour is skipped (the clocks go forward): the time never shows on a clock. Either way the
    message gives each moment it could be, written with its offset, so the author copies the one they mean."""
    first, second = local.replace(tzinfo=timezone, fold=0), local.replace(tzinfo=timezone, fold=1)
    before, after = first.utcoffset(), second.utcoffset()
    if before is None or after is None or before == after:
        return None
    written, zone = f"{local:%Y-%m-%d %H:%M}", getattr(timezone, "key", str(timezone))
    change = _change(abs(before - after))
    if before > after:
        return (
            f"{written} happens twice in {zone}, as the clocks go back {change}: write "
            f"{_with_offset(first)} for the first time (before the change) or {_with_offset(second)} "
            "for the second (after it)"
        )
    # fold=0 reads the skipped time with the offset before the change: the moment a clock shows later
    meant, earlier = (moment.astimezone(UTC).astimezone(timezone) for moment in (first, second))
    return (
        f"{written} does not exist in {zone}: the clocks go forward {change} and skip it; by the clock "
        f"before the change it is {_with_offset(meant)}: write that, or {_with_offset(earlier)} for "
        f"{change} earlier"
    )


def moved_date_problem(moment: datetime, timezone: tzinfo) -> str | None:
    """Why a time written with a zone is refused: in the site's zone it falls on another day than written."""
    local = moment.astimezone(timezone)
    if local.date() == moment.date():
        return None
    return (
        f"is {local:%Y-%m-%d %H:%M} in {timezone} (the site's time zone), so the site shows {local.day} "
        f"{month_name(local.month)}, not {moment.day} {month_name(moment.month)} as written; write {local:%Y-%m-%d %H:%M} without a zone"
    )
