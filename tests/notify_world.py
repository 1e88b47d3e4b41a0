"""One publishing department for the notify tests: a project, its built feed, the record of what was told, and
fake Teams and Slack webhooks and an SMTP server on 127.0.0.1 (the ``world`` fixture, in conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from fakes import Mailbox, Webhooks, smtp_server, webhook_server
from itcomms.cli.notify import main
from status_content import incident_file, rendered
from support import load_site, minimal_project, write_content

INCIDENT = "content/incidents/2026/2026-11-24-outage.yaml"


@dataclass
class World:
    project: Path
    site: Path
    """The new build."""
    record: Path
    """The record of what each channel was told, outside the site."""
    hooks: Webhooks
    mailbox: Mailbox

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

    def notify(self, command: str, *options: str, environ: dict[str, str] | None = None) -> int:
        arguments = [command, "--record", str(self.record), "--site", str(self.site), *options]
        return main(arguments, self.environ if environ is None else environ)

    def publish(self, now: str, *options: str) -> int:
        """Build, check, deploy, send: one run of the workflow; returns the exit status of send."""
        self.build(now)
        assert self.notify("check", *options) == 0
        return self.notify("send", *options)

    def counts(self) -> tuple[int, int, int]:
        return len(self.hooks.posts.get("/teams", [])), len(self.hooks.posts.get("/slack", [])), len(self.mails)

    def titles(self, path: str = "/slack") -> list[str]:
        if path == "/teams":
            cards = [post["attachments"][0]["content"] for post in self.hooks.posts.get(path, [])]
            return [card["body"][0]["inlines"][0]["text"] for card in cards]
        return [post["blocks"][0]["text"]["text"] for post in self.hooks.posts.get(path, [])]

    @property
    def mails(self) -> list[EmailMessage]:
        return self.mailbox.messages


@contextmanager
def make_world(tmp_path: Path) -> Iterator[World]:
    project = minimal_project(tmp_path / "project")
    updates = [("2026-11-24 09:10", "investigating", "Email is down for everyone.")]
    write_content(project, incident_file("outage", "2026-11-24 09:00", impact="major", updates=updates))
    (tmp_path / "record").mkdir()
    with webhook_server() as hooks, smtp_server() as mailbox:
        yield World(project, tmp_path / "site", tmp_path / "record/told.jsonl", hooks, mailbox)


def add_updates(world: World, *updates: tuple[str, str, str]) -> None:
    incident = world.project / INCIDENT
    text = incident.read_text()
    for at, state, message in updates:
        text += f"- at: '{at}'\n  state: {state}\n  message: {message}\n"
    if any(state == "resolved" for _, state, _ in updates):
        text = text.replace("summary:", f"end: '{updates[-1][0]}'\nsummary:")
    incident.write_text(text)
