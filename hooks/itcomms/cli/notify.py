"""``scripts/notify``: tell Teams, Slack and an email list about each new status update, once.

    scripts/notify check --record told.jsonl   # before the deploy: the channels and the record are usable
    scripts/notify send --record told.jsonl    # after the deploy: post what each channel has not been told

The record (``told.jsonl``) is where what each channel was told is kept, outside
every release; the very first publish starts it with ``--first-publish``.
Channels are set by environment variables (secrets in CI); those not set are
skipped: ``ITCOMMS_TEAMS_WEBHOOK`` (a Teams Workflows webhook address),
``ITCOMMS_SLACK_WEBHOOK`` (a Slack incoming webhook address),
``ITCOMMS_SMTP_URL`` with ``ITCOMMS_NOTIFY_TO`` (and optionally
``ITCOMMS_NOTIFY_FROM``) for email. Why this makes every re-run safe:
``itcomms.publish.notify``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from itcomms import addresses
from itcomms.publish.delivery import Retry
from itcomms.publish.notify import (
    Channel,
    NotifyError,
    Outcome,
    channels_from_environment,
    check,
    default_sender,
    send,
)

FIRST_WAIT = "ITCOMMS_NOTIFY_FIRST_WAIT"
"""Seconds before the first retry (2 by default, doubling after)."""
RECORD = "ITCOMMS_NOTIFY_RECORD"
"""Where the record is, when ``--record`` is not given."""


def _say(line: str) -> None:
    print(f"notify: {line}" if line and not line.startswith(" ") else line, file=sys.stderr)  # noqa: T201


def main(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    environ = os.environ if environ is None else environ
    parser = argparse.ArgumentParser(prog="scripts/notify", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="folder holding the built site/")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("check", "before the deploy: check the built feed, every channel's settings and the record"),
        ("send", "after the deploy: post each item a channel has not been told, and record it"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument(
            "--record", type=Path, default=environ.get(RECORD) or None, help=f"the record (or ${RECORD})"
        )
        command.add_argument("--site", type=Path, help="the built site (default: $ITCOMMS_SITE_DIR or site/)")
        command.add_argument(
            "--first-publish", action="store_true", help="start the record: nothing already on the site is posted"
        )
        if name == "send":
            command.add_argument(
                "--dry-run", action="store_true", help="say what would be posted; post and record nothing"
            )
    args = parser.parse_args(argv)
    if args.record is None:
        parser.error(f"say where the record of what was told is kept: --record FILE or ${RECORD}")

    retry = Retry(first_wait=float(environ.get(FIRST_WAIT, "2")))
    site_dir = args.site or Path(environ.get("ITCOMMS_SITE_DIR") or args.project / "site")
    built = site_dir / addresses.STATUS_FEED_ATOM
    try:
        if args.command == "check":
            channels = check(built, args.record, environ, retry, first_publish=args.first_publish)
            _say(
                f"ready: {_names(channels)}; the record {'will start' if args.first_publish else 'is'} at {args.record}"
            )
            return 0
        channels = channels_from_environment(environ, retry, default_sender(built))
        outcome = send(built, args.record, channels, first_publish=args.first_publish, dry_run=args.dry_run)
    except NotifyError as problem:
        _say(str(problem))
        return 2
    _report(outcome, channels, dry_run=args.dry_run)
    return 0 if outcome.ok else 1


def _names(channels: Sequence[Channel]) -> str:
    return ", ".join(channel.name for channel in channels) or "no channel is configured"


def _report(outcome: Outcome, channels: Sequence[Channel], *, dry_run: bool) -> None:
    if outcome.first_publish:
        _say(f"first publish: the record starts now; nothing already on the site is posted ({_names(channels)})")
        return
    _say(f"channels: {_names(channels)}{' (dry run: nothing is posted or recorded)' if dry_run else ''}")
    for channel, news in outcome.news.items():
        verb = "would post" if dry_run else "posted"
        _say(f"{channel}: {len(news)} new, {verb} {len(news) if dry_run else len(outcome.posted[channel])}")
        for notice in news:
            _say(f"  {notice.id}  {notice.title}")
    for channel, reason in outcome.failures.items():
        _say(
            f"{channel} failed: {reason}. Not posted there yet (the next run tries again): {', '.join(outcome.not_posted[channel])}"
        )
