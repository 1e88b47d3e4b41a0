"""The record of what each channel was told: an append-only file kept outside every release.

One JSON object per line. The first says when the record was started (the
first publish); a channel's first line says when it was added; every other
line is one status item posted to one channel, written the moment the channel
accepted it. Nothing is ever rewritten, so no rollback, revert, stale copy,
deleted item or shortened feed can make an item already told look new: the
record only grows, and it lives beside the releases (or on a branch of its
own), never inside one.

An item is the same item, whatever an author edits, when it agrees with a told
one on three of four marks: the incident or window it belongs to, its state
(Investigating, Resolved, Planned maintenance...), its moment and its words.
So a typo fix (moment kept), a corrected time (words kept), a renamed file or
two incidents merged (moment and words kept), a window moved to another day
(item and words kept) or a state corrected on its own are never told again,
while an update inserted in its place (a new moment and new words) is told
once, and so is a second "Still investigating": each item told stands for
one item now, at most. An edited item's new marks are written too, so edits made one after
another, run after run, are each measured from the last. What the site held
when the record (or a channel) started is written down as known, and anything
older is history, not news.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from itcomms.publish.notices import Notice, item_key

MARKS_TO_AGREE = 3
"""Of item, state, moment and words: an edit changes one, rarely two; another update differs in two or more."""

_NOT_WORDS = re.compile(r"[\W_]+")


class RecordProblem(Exception):
    """The record cannot be read or written: never guess what was told."""


@dataclass(frozen=True)
class Told:
    """What the record keeps of one item told to one channel: its four marks, its feed id as it was then, and
    ``identity``, the item it is (the same on the lines kept as the item was edited)."""

    channel: str
    identity: str
    id: str
    item: str
    state: str
    moment: str
    words: str

    def marks(self) -> tuple[str, str, str, str]:
        return (self.item, self.state, self.moment, self.words)

    def agreement(self, other: Told) -> int:
        return sum(mine == theirs for mine, theirs in zip(self.marks(), other.marks(), strict=True))


def told_of(channel: str, notice: Notice, identity: str | None = None) -> Told:
    key = item_key(notice.id)
    moment = notice.published.astimezone(UTC).isoformat(timespec="minutes")
    return Told(
        channel=channel,
        identity=identity or f"{key}@{moment}",
        id=key,
        item="/".join(key.split("/")[:2]),  # incident/<id> or maintenance/<id>: what the update belongs to
        state=notice.state,
        moment=moment,
        words=_words(notice.text),
    )


def _words(text: str) -> str:
    """A digest of the words alone: fixing case, spacing or punctuation leaves it as it was."""
    normalised = " ".join(_NOT_WORDS.sub(" ", text.casefold()).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:20]


class Record:
    """The record file, read whole, then appended to one line per post."""

    def __init__(self, path: Path, started: datetime, channels: dict[str, datetime], told: list[Told]) -> None:
        self.path, self.started, self._channels, self._told = path, started, channels, told
        self.writes = True
        """False for a dry run: what would be told is worked out the same way, and nothing is written."""

    @classmethod
    def start(cls, path: Path, now: datetime, channels: Iterable[str], notices: Sequence[Notice]) -> Record:
        """The first publish: a new record for ``channels``, in which what the site already holds is known."""
        cls.may_start(path)
        record = cls(path, now, {}, [])
        record._append({"started": now.astimezone(UTC).isoformat()})
        for channel in channels:
            record.channel_since(channel, now, notices)
        return record

    @staticmethod
    def may_start(path: Path) -> None:
        """A first publish happens once: never over a record, which would forget what was told."""
        if path.exists():
            raise RecordProblem(f"{path} already exists: the first publish was made; publish without --first-publish")

    @classmethod
    def open(cls, path: Path) -> Record:
        """The record as it is; a missing or damaged record is an error, never a first publish."""
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            raise RecordProblem(
                f"{path} is missing. If this is the very first publish, run again with --first-publish; "
                "otherwise restore the record (nothing is posted without it)"
            ) from None
        except (OSError, UnicodeDecodeError) as problem:
            raise RecordProblem(f"{path} cannot be read ({problem})") from None
        started: datetime | None = None
        channels: dict[str, datetime] = {}
        told: list[Told] = []
        for number, line in enumerate(lines, start=1):
            try:
                entry = json.loads(line)
                if "started" in entry and number == 1:
                    started = datetime.fromisoformat(entry["started"])
                elif "channel_added" in entry:
                    channels[str(entry["channel"])] = datetime.fromisoformat(entry["channel_added"])
                else:
                    told.append(Told(**{name: str(entry[name]) for name in Told.__dataclass_fields__}))
            except (ValueError, TypeError, KeyError, AttributeError):
                raise RecordProblem(
                    f"{path}, line {number}, is not a line this record writes: {line[:80]!r}. "
                    "Restore the record from its history; nothing is posted without it"
                ) from None
            if started is None:
                raise RecordProblem(f"{path}, line 1, does not say when the record started; restore it")
        if started is None:
            raise RecordProblem(f"{path} is empty; restore it, or remove it and run with --first-publish")
        return cls(path, started, channels, told)

    def channel_since(self, channel: str, now: datetime, notices: Sequence[Notice]) -> datetime:
        """When ``channel`` started hearing news: the record's start, or the run that first saw it. What the site
        held then is written down as known to it, so that an edit moving an old item's time on is no news."""
        if channel not in self._channels:
            self._channels[channel] = max(self.started, now)
            self._append({"channel": channel, "channel_added": self._channels[channel].astimezone(UTC).isoformat()})
            for notice in notices:
                self._keep(told_of(channel, notice))
        return self._channels[channel]

    def news(self, channel: str, notices: Sequence[Notice], now: datetime) -> list[Notice]:
        """The items of ``notices`` that ``channel`` has not been told, in their order.

        Each item told is one item now, at most: those that are exactly as told claim theirs first, then each
        edited one claims the told item it agrees with most. So "Still investigating" said twice is two items,
        though the second agrees with the first on all but its moment."""
        since = self.channel_since(channel, now, notices)
        lines = [told for told in self._told if told.channel == channel]
        exact = {(told.marks()): told.identity for told in lines}
        candidates = [(notice, told_of(channel, notice)) for notice in notices]
        claimed: set[str] = set()
        unexplained: list[tuple[Notice, Told]] = []
        for notice, candidate in candidates:
            identity = exact.get(candidate.marks())
            if identity is not None and identity not in claimed:
                claimed.add(identity)
            else:
                unexplained.append((notice, candidate))
        fresh: set[int] = set()
        for notice, candidate in unexplained:
            agreeing = [
                told for told in lines if told.identity not in claimed and told.agreement(candidate) >= MARKS_TO_AGREE
            ]
            if not agreeing:
                if notice.published > since:  # older than the record (or the channel): history, not news
                    fresh.add(id(notice))
                continue
            best = max(agreeing, key=candidate.agreement)
            claimed.add(best.identity)
            # Edited since it was told: its new marks are kept too, so the next edit is measured from them.
            self._keep(told_of(channel, notice, best.identity))
        return [notice for notice in notices if id(notice) in fresh]

    def told(self, channel: str, notice: Notice) -> None:
        """Note that ``channel`` accepted ``notice``; on disk before the next post is tried."""
        self._keep(told_of(channel, notice))

    def _keep(self, entry: Told) -> None:
        self._told.append(entry)
        self._append(asdict(entry))

    def _append(self, entry: dict[str, str]) -> None:
        if not self.writes:
            return
        try:
            with self.path.open("a", encoding="utf-8") as record:
                record.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
                record.flush()
                os.fsync(record.fileno())
        except OSError as problem:
            raise RecordProblem(f"{self.path} cannot be written ({problem})") from None
