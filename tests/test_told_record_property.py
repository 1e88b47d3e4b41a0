"""Every update is told once, whatever authors and operators do between runs: generated histories.

An author's timeline is a list of updates, each with a hidden identity (the
update it really is). Between two runs one thing happens, as in a pull request
or an operator's command: a new update, one inserted earlier, a typo or time
or state fixed, a file renamed, an update deleted, two incidents merged, or a
rollback to any earlier state. After each run, every update that existed at
some run is told to the channel exactly once, and nothing else is (but for
the one history the marks cannot tell apart, said in the assertion).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from itcomms.publish.notices import Notice
from itcomms.publish.record import Record

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
STATES = ("Investigating", "Cause found", "Monitoring the fix", "Resolved")
WORDS = ("mail", "disk", "printers", "slow", "fixed", "queue", "restart", "network", "login", "backup")


@dataclass(frozen=True)
class Update:
    identity: int
    incident: str
    state: str
    at: datetime
    text: str


def notices(timeline: list[Update]) -> list[Notice]:
    ordered = sorted(timeline, key=lambda update: (update.at, update.identity))
    position: dict[str, int] = {}
    found = []
    for update in ordered:
        position[update.incident] = position.get(update.incident, 0) + 1
        found.append(
            Notice(
                id=f"tag:intranet.example,2025-01-01:incident/{update.incident}/update/{position[update.incident]}",
                title=f"{update.state}: {update.incident}",
                state=update.state,
                impact="Major impact",
                services=("Email",),
                text=update.text,
                link="https://intranet.example/it/status/",
                published=update.at,
                site_name="IT",
            )
        )
    return found


operations = st.lists(
    st.tuples(
        st.sampled_from(
            ["new", "new", "repeat", "insert", "typo", "time", "state", "rename", "delete", "merge", "rollback"]
        ),
        st.integers(min_value=0, max_value=1000),
        st.sampled_from(WORDS),
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=150, deadline=None)
@given(operations)
def test_each_update_is_told_once_through_any_history(history: list[tuple[str, int, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "told.jsonl"
        first = Update(0, "outage", "Investigating", START, "Email is down for everyone.")
        timeline = [first]
        Record.start(path, START, ["Slack"], notices(timeline))  # the first publish: the first update is history
        states: list[list[Update]] = [list(timeline)]
        told: list[int] = []
        ambiguous: set[int] = set()
        clock = START
        for number, (operation, pick, word) in enumerate(history, start=1):
            clock += timedelta(minutes=30)
            chosen = timeline[pick % len(timeline)] if timeline else None
            if operation in ("new", "repeat") or chosen is None:
                text = f"Update {number}: {word}." if operation == "new" or chosen is None else chosen.text
                same_incident = chosen is not None and (operation == "repeat" or pick % 2)
                incident = chosen.incident if same_incident and chosen is not None else f"incident-{pick % 3}"
                state = chosen.state if operation == "repeat" and chosen is not None else STATES[pick % 4]
                timeline.append(Update(number, incident, state, clock, text))
            elif operation == "insert":
                at = chosen.at + timedelta(minutes=1 + pick % 20)
                timeline.append(Update(number, chosen.incident, STATES[pick % 4], at, f"Forgotten {number}: {word}."))
            elif operation == "typo":
                timeline[timeline.index(chosen)] = replace(chosen, text=chosen.text + f" ({word})")
            elif operation == "time":
                timeline[timeline.index(chosen)] = replace(chosen, at=chosen.at + timedelta(minutes=pick % 50 - 25))
            elif operation == "state":
                timeline[timeline.index(chosen)] = replace(chosen, state=STATES[(STATES.index(chosen.state) + 1) % 4])
            elif operation == "rename":
                timeline = [
                    replace(update, incident=f"{chosen.incident}-{word}")
                    if update.incident == chosen.incident
                    else update
                    for update in timeline
                ]
            elif operation == "delete":
                timeline.remove(chosen)
            elif operation == "merge":
                other = timeline[(pick // 7) % len(timeline)].incident
                timeline = [
                    replace(update, incident=other) if update.incident == chosen.incident else update
                    for update in timeline
                ]
            elif operation == "rollback":
                timeline = list(states[pick % len(states)])
            for update in timeline:
                if update.identity == number and _looks_like_one_gone(update, timeline, states):
                    ambiguous.add(number)
            record = Record.open(path)
            built = notices(timeline)
            by_notice = dict(
                zip((notice.id for notice in built), sorted(timeline, key=lambda u: (u.at, u.identity)), strict=True)
            )
            for notice in record.news("Slack", built, clock):
                record.told("Slack", notice)
                told.append(by_notice[notice.id].identity)
            states.append(list(timeline))
        # (what is dated before the record started is history, whenever it is written)
        ever_published = {update.identity for state in states[1:] for update in state if update.at > START} - {0}
        assert len(told) == len(set(told)), history  # nothing is told twice
        assert set(told) <= ever_published, history
        # Every update is told, but one the marks cannot tell from an edit of an update that had gone (deleted,
        # rolled back): it agrees with it on three marks, so it is taken for it, which was told.
        assert ever_published - set(told) <= ambiguous, history


def _marks(update: Update) -> tuple[str, str, str, str]:
    return (update.incident, update.state, update.at.isoformat(timespec="minutes"), update.text.casefold())


def _looks_like_one_gone(new: Update, timeline: list[Update], states: list[list[Update]]) -> bool:
    present = {update.identity for update in timeline}
    return any(
        sum(a == b for a, b in zip(_marks(new), _marks(old), strict=True)) >= 3
        for state in states
        for old in state
        if old.identity not in present
    )
