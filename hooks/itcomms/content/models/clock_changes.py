"""Times that a clock change makes unclear, said plainly: a time that never happened, one that happened twice,
and a written zone that puts the moment on another day than the one written.

Each message says which moment the time would be read as and how to write the other, so an author never has to
guess what the status page will show.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo


def _shown(moment: datetime) -> str:
    return f"{moment:%H:%M} {moment.tzname()}"


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset() or timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def clock_change_problem(local: datetime, timezone: tzinfo) -> str | None:
    """Why a time written without a zone is unclear in ``timezone``, or ``None`` when it names one moment."""
    first = local.replace(tzinfo=timezone, fold=0)
    second = local.replace(tzinfo=timezone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    day = f"{local:%Y-%m-%d}"
    written = f"{local:%H:%M}"
    if first.astimezone(UTC).astimezone(timezone).replace(tzinfo=None) != local:
        # In the gap the clocks jumped over: read with the offset before the jump it is one moment, with the
        # offset after it another, an hour (the jump) earlier.
        as_before = first.astimezone(UTC).astimezone(timezone)
        as_after = second.astimezone(UTC).astimezone(timezone)
        return (
            f"{day} {written} did not happen in {timezone}: the clocks went forward over it. "
            f"{written} {first.tzname()} is {_shown(as_before)} and {written} {second.tzname()} is {_shown(as_after)}; "
            f"write {as_before:%Y-%m-%d %H:%M} or {as_after:%Y-%m-%d %H:%M}, whichever is meant"
        )
    return (
        f"{day} {written} happened twice in {timezone}, when the clocks went back: write "
        f"{day} {written}{_offset(first)} for the first ({_shown(first)}) or "
        f"{day} {written}{_offset(second)} for the second ({_shown(second)})"
    )


def moved_date_problem(moment: datetime, timezone: tzinfo) -> str | None:
    """Why a time written with a zone is refused: in the site's zone it falls on another day than written."""
    local = moment.astimezone(timezone)
    if local.date() == moment.date():
        return None
    return (
        f"is {local:%Y-%m-%d %H:%M} in {timezone} (the site's time zone), so the site shows {local.day} "
        f"{local:%B}, not {moment.day} {moment:%B} as written; write {local:%Y-%m-%d %H:%M} without a zone"
    )
