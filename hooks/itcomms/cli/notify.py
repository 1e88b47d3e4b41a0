"""``scripts/notify``: tell Teams, Slack and an email list about each new status update, once.

    scripts/notify snapshot previous-feed.atom   # before the deploy: save the live site's feed
    scripts/notify send previous-feed.atom       # after the deploy: post what the built feed adds

Channels are set by environment variables (secrets in CI); those not set are
skipped: ``ITCOMMS_TEAMS_WEBHOOK`` (a Teams Workflows webhook address),
``ITCOMMS_SLACK_WEBHOOK`` (a Slack incoming webhook address),
``ITCOMMS_SMTP_URL`` with ``ITCOMMS_NOTIFY_TO`` (and optionally
``ITCOMMS_NOTIFY_FROM``) for email. Why this order makes re-runs safe:
``itcomms.publish.notify``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

from itcomms import addresses
from itcomms.publish.delivery import Retry
from itcomms.publish.mail import SmtpSettingsError
from itcomms.publish.notices import author_email
from itcomms.publish.notify import NotifyError, channels_from_environment, live_feed_url, send, snapshot

FIRST_WAIT = "ITCOMMS_NOTIFY_FIRST_WAIT"
"""Seconds before the first retry (2 by default, doubling after)."""


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its site_url, whatever tags (``!ENV``, ``!!python/name``) it holds elsewhere."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url(project: Path) -> str:
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    url = config.get("site_url") if isinstance(config, dict) else None
    if not url:
        raise NotifyError("site_url must be set in mkdocs.yml: it is where the live feed is read from")
    return str(url)


def main(argv: list[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    environ = os.environ if environ is None else environ
    parser = argparse.ArgumentParser(prog="scripts/notify", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="folder holding mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    before = commands.add_parser("snapshot", help="before the deploy: save the live site's status feed")
    before.add_argument("previous", type=Path, help="file to save it in")
    before.add_argument("--live-url", help="the live feed's address (default: site_url + status/feed.atom)")
    after = commands.add_parser("send", help="after the deploy: post each item the built feed adds")
    after.add_argument("previous", type=Path, help="the file `snapshot` saved")
    after.add_argument("--site", type=Path, help="the built site (default: $ITCOMMS_SITE_DIR or site/)")
    after.add_argument("--dry-run", action="store_true", help="say what would be posted, post nothing")
    args = parser.parse_args(argv)

    retry = Retry(first_wait=float(environ.get(FIRST_WAIT, "2")))
    try:
        if args.command == "snapshot":
            url = args.live_url or live_feed_url(site_url(args.project))
            print(f"notify: {snapshot(url, args.previous, retry)}", file=sys.stderr)  # noqa: T201
            return 0
        site_dir = args.site or Path(environ.get("ITCOMMS_SITE_DIR") or args.project / "site")
        built = site_dir / addresses.STATUS_FEED_ATOM
        sender = author_email(built.read_bytes()) if built.is_file() else ""
        channels = [] if args.dry_run else channels_from_environment(environ, retry, sender)
        outcome = send(built, args.previous, channels)
    except (NotifyError, SmtpSettingsError) as problem:  # a setting to fix: its words, never a traceback
        print(f"notify: {problem}", file=sys.stderr)  # noqa: T201
        return 2
    names = ", ".join(channel.name for channel in channels) or "no channel (none is configured)"
    print(f"notify: {len(outcome.new)} new status items, for {names}", file=sys.stderr)  # noqa: T201
    for notice in outcome.new:
        print(f"  {notice.id}  {notice.title}", file=sys.stderr)  # noqa: T201
    for channel, reason in outcome.failures.items():
        missed = outcome.not_posted[channel]
        print(f"notify: {channel} failed: {reason}. Not posted there: {', '.join(missed)}", file=sys.stderr)  # noqa: T201
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
