"""Notify once per update: against a fake live site, fake Teams and Slack webhooks and an SMTP server, all on 127.0.0.1.

Each run is what the publishing workflow does: build, ``notify snapshot`` of
the live site's feed, deploy (here, copying the feed to the live folder),
``notify send``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from browser import serve
from fakes import Mailbox, Webhooks, smtp_server, webhook_server
from itcomms.cli.notify import main
from itcomms.publish import slack
from itcomms.publish.delivery import DeliveryFailed, Retry, post_json
from itcomms.publish.notices import Notice
from status_content import incident_file, rendered
from support import load_site, minimal_project, write_content

INCIDENT = "content/incidents/2026/2026-11-24-outage.yaml"


@dataclass
class World:
    project: Path
    site: Path
    """The new build."""
    live: Path
    """What the live site serves."""
    live_url: str
    hooks: Webhooks
    mailbox: Mailbox
    tmp: Path

    @property
    def environ(self) -> dict[str, str]:
        return {
            "ITCOMMS_TEAMS_WEBHOOK": self.hooks.url + "/teams",
            "ITCOMMS_SLACK_WEBHOOK": self.hooks.url + "/slack",
            "ITCOMMS_SMTP_URL": self.mailbox.url,
            "ITCOMMS_NOTIFY_TO": "everyone@example.com",
            "ITCOMMS_NOTIFY_FIRST_WAIT": "0",
        }

    def build(self, now: str) -> None:
        feed = self.site / "status/feed.atom"
        feed.parent.mkdir(parents=True, exist_ok=True)
        feed.write_bytes(bytes(rendered(load_site(self.project, now=now))["status/feed.atom"]))

    def publish(self, now: str, *, deploy: bool = True) -> int:
        """Build, snapshot, deploy, send: one run of the workflow; returns the exit status of send."""
        self.build(now)
        previous = self.tmp / "previous-feed.atom"
        assert main(["snapshot", str(previous), "--live-url", self.live_url], self.environ) == 0
        if deploy:
            shutil.copytree(self.site, self.live, dirs_exist_ok=True)
        return main(["send", str(previous), "--site", str(self.site)], self.environ)

    def counts(self) -> tuple[int, int, int]:
        return len(self.hooks.posts.get("/teams", [])), len(self.hooks.posts.get("/slack", [])), len(self.mails)

    @property
    def mails(self) -> list[EmailMessage]:
        return self.mailbox.messages


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    project = minimal_project(tmp_path / "project")
    updates = [("2026-11-24 09:10", "investigating", "Email is down for everyone.")]
    write_content(project, incident_file("outage", "2026-11-24 09:00", impact="major", updates=updates))
    live = tmp_path / "live"
    live.mkdir()
    with serve(live) as base, webhook_server() as hooks, smtp_server() as mailbox:
        yield World(project, tmp_path / "site", live, base + "status/feed.atom", hooks, mailbox, tmp_path)


def add_updates(world: World, *updates: tuple[str, str, str]) -> None:
    incident = world.project / INCIDENT
    text = incident.read_text()
    for at, state, message in updates:
        text += f"- at: '{at}'\n  state: {state}\n  message: {message}\n"
    if any(state == "resolved" for _, state, _ in updates):
        text = text.replace("summary:", f"end: '{updates[-1][0]}'\nsummary:")
    incident.write_text(text)


def test_first_run_posts_nothing_old_then_two_updates_are_two_posts_per_channel_and_a_rerun_none(
    world: World,
) -> None:
    assert world.publish("2026-11-24T09:30:00") == 0  # the live site has no feed yet
    assert world.counts() == (0, 0, 0)

    add_updates(
        world,
        ("2026-11-24 10:00", "identified", "A full disk on the mail server."),
        ("2026-11-24 11:00", "resolved", "Email works again. Mail sent in the morning has arrived."),
    )
    assert world.publish("2026-11-24T11:05:00") == 0
    assert world.counts() == (2, 2, 2)

    assert world.publish("2026-11-24T11:05:00") == 0  # the same workflow run again
    assert world.publish("2026-11-24T11:20:00") == 0  # and the next scheduled run
    assert world.counts() == (2, 2, 2)

    incident = world.project / INCIDENT
    incident.write_text(incident.read_text().replace("A full disk", "A disk that was full"))
    assert world.publish("2026-11-24T11:35:00") == 0  # an update edited for a typo
    assert world.counts() == (2, 2, 2)


def test_messages_say_the_service_the_state_the_update_and_the_link(world: World) -> None:
    world.publish("2026-11-24T09:30:00")
    add_updates(world, ("2026-11-24 10:00", "identified", "A full disk, 98% > 95% & rising."))
    world.publish("2026-11-24T10:05:00")
    link = "https://intranet.example/it/status/incidents/outage/#update-2"

    (teams,) = world.hooks.posts["/teams"]
    card = teams["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    body = card["content"]["body"]
    assert body[0]["text"] == "Cause found: Outage"
    assert {"title": "Service", "value": "Email"} in body[1]["facts"]
    assert {"title": "Status", "value": "Cause found"} in body[1]["facts"]
    assert body[2]["text"] == "A full disk, 98% > 95% & rising."
    assert card["content"]["actions"][0]["url"] == link

    (slack,) = world.hooks.posts["/slack"]
    assert slack["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Cause found: Outage", "emoji": False},
    }
    assert "*Service:* Email" in slack["blocks"][1]["text"]["text"]
    assert slack["blocks"][2]["text"]["text"] == "A full disk, 98% &gt; 95% &amp; rising."
    assert slack["blocks"][3]["elements"][0]["url"] == link

    (mail,) = world.mails
    assert mail["Subject"] == "[Email] Cause found: Outage"
    assert mail["From"] == "Example IT <help@example.com>"
    assert world.mailbox.recipients == [["everyone@example.com"]]
    text = mail.get_body(("plain",))
    html = mail.get_body(("html",))
    assert text is not None and html is not None
    plain = text.get_content()
    assert "Service: Email" in plain and "Status: Cause found" in plain and link in plain
    assert "A full disk, 98% > 95% & rising." in plain
    assert "A full disk, 98% &gt; 95% &amp; rising." in html.get_content()


def test_retries_a_failing_channel_and_a_rerun_after_a_failure_posts_nothing_twice(world: World) -> None:
    world.publish("2026-11-24T09:30:00")
    add_updates(
        world,
        ("2026-11-24 10:00", "identified", "A full disk."),
        ("2026-11-24 10:30", "monitoring", "Mail is flowing again."),
    )
    world.hooks.fail["/slack"] = [503, 500]  # two passing failures: retried, then posted
    world.hooks.fail["/teams"] = [202, 404]  # the first post goes through, then the address stops working
    assert world.publish("2026-11-24T10:35:00") == 1  # loud: Teams missed one
    assert world.hooks.attempts["/slack"] == 4
    assert [post["blocks"][0]["text"]["text"] for post in world.hooks.posts["/slack"]] == [
        "Cause found: Outage",
        "Monitoring the fix: Outage",
    ]
    assert len(world.hooks.posts["/teams"]) == 1 and len(world.mails) == 2

    assert world.publish("2026-11-24T10:35:00") == 0  # re-run: the deploy went out, so nothing is posted again
    assert world.counts() == (1, 2, 2)


def test_a_failed_deploy_posts_nothing_and_its_rerun_posts_once(world: World) -> None:
    world.publish("2026-11-24T09:30:00")
    add_updates(world, ("2026-11-24 10:00", "identified", "A full disk."))
    world.build("2026-11-24T10:05:00")
    previous = world.tmp / "previous-feed.atom"
    assert main(["snapshot", str(previous), "--live-url", world.live_url], world.environ) == 0
    # the deploy fails: the workflow stops before send
    assert world.counts() == (0, 0, 0)
    assert world.publish("2026-11-24T10:05:00") == 0
    assert world.counts() == (1, 1, 1)


def test_a_live_address_that_is_not_a_feed_stops_before_anything_is_posted(world: World) -> None:
    (world.live / "status").mkdir()
    (world.live / "status/feed.atom").write_text("<html><body>Please sign in</body></html>")
    previous = world.tmp / "previous-feed.atom"
    assert main(["snapshot", str(previous), "--live-url", world.live_url], world.environ) == 2
    assert not previous.exists()
    world.build("2026-11-24T09:30:00")
    assert main(["send", str(previous), "--site", str(world.site)], world.environ) == 2
    assert world.counts() == (0, 0, 0)


def test_retries_wait_longer_each_time_then_give_up() -> None:
    waits: list[float] = []
    with webhook_server() as hooks:
        hooks.fail["/down"] = [503, 503, 429, 500]
        with pytest.raises(DeliveryFailed, match="tried 4 times"):
            post_json(hooks.url + "/down", {"text": "hello"}, Retry(sleep=waits.append), "Slack, test")
        assert waits == [2.0, 4.0, 8.0] and hooks.attempts["/down"] == 4
        hooks.fail["/gone"] = [404]
        with pytest.raises(DeliveryFailed, match="HTTP 404"):
            post_json(hooks.url + "/gone", {"text": "hello"}, Retry(sleep=waits.append), "Slack, test")
        assert hooks.attempts["/gone"] == 1  # a wrong address is not tried again


def test_ids_from_before_they_lost_their_date_are_the_same_items(world: World) -> None:
    """The live feed of the previous release dated each id by the item; the new build's ids do not: nothing is new."""
    world.build("2026-11-24T09:30:00")
    feed = world.site / "status/feed.atom"
    (world.live / "status").mkdir()
    old_style = feed.read_text().replace("tag:intranet.example,2025-01-01:", "tag:intranet.example,2026-11-24:")
    assert old_style != feed.read_text()
    (world.live / "status/feed.atom").write_text(old_style)
    previous = world.tmp / "previous-feed.atom"
    assert main(["snapshot", str(previous), "--live-url", world.live_url], world.environ) == 0
    assert main(["send", str(previous), "--site", str(world.site)], world.environ) == 0
    assert world.counts() == (0, 0, 0)


def test_slack_text_is_inert_and_within_its_limits() -> None:

    hostile = "<!here> <!channel> <https://evil.example/login|Reset your password> & " + "x" * 10_000
    notice = Notice(
        id="i",
        title="<!channel> down",
        state="Investigating",
        impact="",
        services=("Email",),
        text=hostile,
        link="https://intranet.example/it/status/",
        published=datetime(2026, 1, 1, tzinfo=UTC),
        site_name="IT",
    )
    posted = slack.message(notice)
    for text in (posted["text"], posted["blocks"][2]["text"]["text"]):
        assert "<!" not in text and "<https" not in text
        assert len(text) <= slack.SECTION_LIMIT + len(notice.link) + 1
    assert posted["blocks"][2]["text"]["text"].endswith("(read the rest: https://intranet.example/it/status/)")
