"""Tell every channel about each status update once, comparing the new feed with the live site's by id.

No database and no state file: what subscribers have been told is what the
live site's own status feed holds. The order makes that safe:

1. ``snapshot``, before the deploy: save the live feed (``site_url`` +
   ``status/feed.atom``). A 404 means nothing was ever published: the first
   publish posts nothing old. Anything else that is not a feed (an error page,
   no connection after the retries) stops here, so nothing is guessed.
2. deploy the new site.
3. ``send``, after the deploy succeeded: every item of the built feed whose id
   the snapshot lacks goes to each channel, oldest first.

A run that fails before the deploy posts nothing; run it again and it posts
the same items. Once the deploy is done the live feed holds the new items, so
a re-run (or the next scheduled run) sees nothing new and posts nothing twice.
The price of that choice: if a channel still fails after its retries, the
items it missed are not posted by a later run. ``send`` then fails loudly and
lists them, so someone can post them by hand; a channel stops at its first
failure, so it never shows a later update before an earlier one, while the
other channels carry on. Posting twice is the one thing subscribers notice and
lose trust over; a missed post is loud in CI and still on the status page and
in the feed.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from itcomms import addresses
from itcomms.publish.delivery import DeliveryFailed, Retry, get
from itcomms.publish.mail import Email
from itcomms.publish.notices import FeedUnreadable, Notice, new_since, read_feed
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
    """Something stops ``snapshot`` or ``send`` before anything is posted."""


@dataclass
class Outcome:
    """What ``send`` did: posted ids per channel, and for a channel that failed, why and what it did not post."""

    new: list[Notice]
    posted: dict[str, list[str]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    not_posted: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


def live_feed_url(site_url: str) -> str:
    return site_url.rstrip("/") + "/" + addresses.STATUS_FEED_ATOM


def snapshot(live_url: str, destination: Path, retry: Retry) -> str:
    """Save the live feed to ``destination`` (empty when the site has none yet); returns what was found, in words."""
    # A query of its own, so no cache in front of the site (a CDN) answers with a copy from before the last deploy:
    # a stale feed would make items already posted look new.
    fresh = f"{live_url}{'&' if '?' in live_url else '?'}notify={time.time_ns()}"
    try:
        body = get(fresh, retry, f"the live feed at {live_url}")
    except DeliveryFailed as failed:
        raise NotifyError(f"could not read {failed}; not guessing what is new, so nothing will be posted") from None
    if body is None:
        destination.write_bytes(b"")
        return f"no feed at {live_url} yet: this is the first publish, nothing old will be posted"
    try:
        items = read_feed(body)
    except FeedUnreadable as problem:
        raise NotifyError(f"{live_url} is not a feed ({problem}); nothing will be posted") from None
    destination.write_bytes(body)
    return f"the live feed holds {len(items)} items"


def send(built_feed: Path, previous: Path, channels: Sequence[Channel]) -> Outcome:
    """Post each item of ``built_feed`` that ``previous`` (a ``snapshot``) lacks, to every channel, oldest first."""
    if not previous.is_file():
        raise NotifyError(f"{previous} is missing: run `notify snapshot` before the deploy; nothing posted")
    if not built_feed.is_file():
        raise NotifyError(f"{built_feed} is missing: build the site first; nothing posted")
    try:
        earlier = previous.read_bytes()
        live = read_feed(earlier) if earlier else None
        new = new_since(read_feed(built_feed.read_bytes()), live)
    except FeedUnreadable as problem:
        raise NotifyError(f"a feed could not be read ({problem}); nothing posted") from None
    outcome = Outcome(new)
    for channel in channels:
        posted = outcome.posted.setdefault(channel.name, [])
        for index, notice in enumerate(new):
            try:
                channel.send(notice)
            except DeliveryFailed as failed:
                outcome.failures[channel.name] = str(failed)
                outcome.not_posted[channel.name] = [later.id for later in new[index:]]
                break
            posted.append(notice.id)
    return outcome


def channels_from_environment(environ: Mapping[str, str], retry: Retry, default_sender: str) -> list[Channel]:
    """The channels whose secrets are set; none set is not an error (``send`` then only reports)."""
    channels: list[Channel] = []
    if teams := environ.get(TEAMS_WEBHOOK, "").strip():
        channels.append(Teams(teams, retry))
    if slack := environ.get(SLACK_WEBHOOK, "").strip():
        channels.append(Slack(slack, retry))
    if smtp := environ.get(SMTP_URL, "").strip():
        recipients = [address.strip() for address in environ.get(NOTIFY_TO, "").split(",") if address.strip()]
        if not recipients:
            raise NotifyError(f"{SMTP_URL} is set but {NOTIFY_TO} is not: say which list to email")
        sender = environ.get(NOTIFY_FROM, "").strip() or default_sender
        if not sender:
            raise NotifyError(f"set {NOTIFY_FROM}: the status feed names no contact address to send from")
        channels.append(Email(smtp, recipients, sender, retry))
    return channels
