"""Tell every channel about each status update once, whatever an operator or an author does.

What each channel was told is kept in a record of its own (``record.py``),
outside every release: for the GitHub workflow on a branch of the
repository, for an intranet server in a file beside the releases. The steps:

1. ``check``, before the deploy: the built feed is readable, every configured
   channel's address can be used, and the record is there (or this is the
   first publish, said out loud with ``--first-publish``). A mistake stops
   the run here, before anything changes.
2. deploy the new site.
3. ``send``, after the deploy: each item of the built feed that a channel has
   not been told goes to it, oldest first, and is written to the record the
   moment the channel accepts it.

So a re-run posts nothing twice, a rollback, a revert or a deleted incident
posts nothing old again, and a channel that fails stops at its first failure
(it never shows a later update before an earlier one) while the others carry
on: ``send`` fails loudly, and the next run posts to it what it missed, once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

from itcomms.publish.delivery import DeliveryFailed, Retry
from itcomms.publish.mail import Email, SmtpSettingsError
from itcomms.publish.notices import FeedUnreadable, Notice, author_email, newest_moment, read_feed
from itcomms.publish.record import Record, RecordProblem
from itcomms.publish.slack import Slack
from itcomms.publish.teams import Teams

TEAMS_WEBHOOK = "ITCOMMS_TEAMS_WEBHOOK"
SLACK_WEBHOOK = "ITCOMMS_SLACK_WEBHOOK"
SMTP_URL = "ITCOMMS_SMTP_URL"
NOTIFY_TO = "ITCOMMS_NOTIFY_TO"
NOTIFY_FROM = "ITCOMMS_NOTIFY_FROM"


class Channel(Protocol):
    name: str

    def send(self, notice: Notice) -> None: ...


class NotifyError(Exception):
    """Something stops ``check`` or ``send`` before anything is posted."""


@dataclass
class Outcome:
    """What ``send`` did, per channel: the items that were news to it, those posted, and why it stopped."""

    news: dict[str, list[Notice]] = field(default_factory=dict)
    posted: dict[str, list[str]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    not_posted: dict[str, list[str]] = field(default_factory=dict)
    first_publish: bool = False

    @property
    def ok(self) -> bool:
        return not self.failures


def built_notices(built_feed: Path) -> tuple[list[Notice], datetime]:
    """The built feed's items, oldest first, and the moment it is as of (``notices.newest_moment``)."""
    if not built_feed.is_file():
        raise NotifyError(f"{built_feed} is missing: build the site first; nothing posted")
    try:
        document = built_feed.read_bytes()
        return read_feed(document), newest_moment(document)
    except FeedUnreadable as problem:
        raise NotifyError(f"{built_feed} could not be read ({problem}); nothing posted") from None


def open_record(record_path: Path, *, first_publish: bool) -> Record | None:
    """The record, or ``None`` for a first publish, which starts it."""
    try:
        if first_publish:
            Record.may_start(record_path)
            return None
        return Record.open(record_path)
    except RecordProblem as problem:
        raise NotifyError(str(problem)) from None


def send(
    built_feed: Path,
    record_path: Path,
    channels: Sequence[Channel],
    *,
    first_publish: bool = False,
    dry_run: bool = False,
) -> Outcome:
    """Post to each channel every item of ``built_feed`` the record says it has not been told, oldest first."""
    notices, now = built_notices(built_feed)
    record = open_record(record_path, first_publish=first_publish)
    if record is None:  # the first publish: from now on, everything is news; nothing before it is
        if not dry_run:
            Record.start(record_path, now, [channel.name for channel in channels], notices)
        return Outcome(first_publish=True)
    record.writes = not dry_run
    outcome = Outcome()
    try:
        for channel in channels:
            news = outcome.news[channel.name] = record.news(channel.name, notices, now)
            posted = outcome.posted[channel.name] = []
            for index, notice in enumerate([] if dry_run else news):
                try:
                    channel.send(notice)
                except DeliveryFailed as failed:
                    outcome.failures[channel.name] = str(failed)
                    outcome.not_posted[channel.name] = [later.id for later in news[index:]]
                    break
                record.told(channel.name, notice)
                posted.append(notice.id)
    except RecordProblem as problem:  # the record could not be written: stop before posting anything untold
        raise NotifyError(f"{problem}; stopped before posting more") from None
    return outcome


def check(
    built_feed: Path, record_path: Path, environ: Mapping[str, str], retry: Retry, *, first_publish: bool
) -> list[Channel]:
    """Everything ``send`` will need, checked before the deploy; returns the configured channels."""
    built_notices(built_feed)
    open_record(record_path, first_publish=first_publish)
    return channels_from_environment(environ, retry, default_sender(built_feed))


def default_sender(built_feed: Path) -> str:
    """The contact address the built feed names as its author: emails come from the IT department itself."""
    try:
        return author_email(built_feed.read_bytes()) if built_feed.is_file() else ""
    except FeedUnreadable:
        return ""


def channels_from_environment(environ: Mapping[str, str], retry: Retry, default_sender: str) -> list[Channel]:
    """The channels whose secrets are set, each address checked; none set is not an error (``send`` only reports)."""
    channels: list[Channel] = []
    if teams := environ.get(TEAMS_WEBHOOK, "").strip():
        channels.append(Teams(_webhook(TEAMS_WEBHOOK, teams), retry))
    if slack := environ.get(SLACK_WEBHOOK, "").strip():
        channels.append(Slack(_webhook(SLACK_WEBHOOK, slack), retry))
    if smtp := environ.get(SMTP_URL, "").strip():
        recipients = [_address(NOTIFY_TO, part) for part in environ.get(NOTIFY_TO, "").split(",") if part.strip()]
        if not recipients:
            raise NotifyError(f"{SMTP_URL} is set but {NOTIFY_TO} is not: say which list to email")
        sender = environ.get(NOTIFY_FROM, "").strip() or default_sender
        if not sender:
            raise NotifyError(f"set {NOTIFY_FROM}: the status feed names no contact address to send from")
        try:
            channels.append(Email(smtp, recipients, _address(NOTIFY_FROM, sender), retry))
        except SmtpSettingsError as problem:
            raise NotifyError(str(problem)) from None
    return channels


def _webhook(name: str, url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or any(char.isspace() for char in url):
        raise NotifyError(f"{name} must be the webhook's whole address, https://… (it starts {url[:12]!r})")
    return url


def _address(name: str, written: str) -> str:
    address = written.strip()
    try:
        parsed = Address(addr_spec=address)
    except (ValueError, IndexError) as problem:
        raise NotifyError(f"{name}: {address!r} is not an email address ({problem})") from None
    if not parsed.domain or not parsed.username:
        raise NotifyError(f"{name}: {address!r} is not an email address (it needs a name, @ and a domain)")
    return address
