"""Notify once per update: against fake Teams and Slack webhooks and an SMTP server, all on 127.0.0.1.

Each run is what the publishing workflow does: build, ``notify check``, deploy
(nothing to do here: notify never reads the live site), ``notify send``, with
the record of what was told in a folder of its own, as it is kept outside
every release.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from fakes import webhook_server
from itcomms.publish import slack, teams
from itcomms.publish.delivery import DeliveryFailed, Retry, post_json
from itcomms.publish.notices import Notice
from notify_world import INCIDENT, World, add_updates


def test_first_publish_posts_nothing_old_then_two_updates_are_two_posts_per_channel_and_a_rerun_none(
    world: World,
) -> None:
    world.build("2026-11-24T09:30:00")
    assert world.notify("check") == 2  # no record, and nobody said this is the first publish
    assert world.notify("send") == 2 and not world.record.exists()
    assert world.publish("2026-11-24T09:30:00", "--first-publish") == 0
    assert world.counts() == (0, 0, 0)
    assert world.notify("check", "--first-publish") == 2  # a first publish happens once

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
    world.publish("2026-11-24T09:30:00", "--first-publish")
    add_updates(world, ("2026-11-24 10:00", "identified", "A full disk, 98% > 95% & rising."))
    world.publish("2026-11-24T10:05:00")
    link = "https://intranet.example/it/status/incidents/outage/#update-2"

    (teams_post,) = world.hooks.posts["/teams"]
    card = teams_post["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    words = [" ".join(run["text"] for run in block["inlines"]) for block in card["content"]["body"]]
    assert words == [
        "Cause found: Outage",
        "Service:  Email",
        "Status:  Cause found",
        "Impact:  Major impact",
        "A full disk, 98% > 95% & rising.",
    ]
    assert card["content"]["actions"][0]["url"] == link

    (slack_post,) = world.hooks.posts["/slack"]
    assert slack_post["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Cause found: Outage", "emoji": False},
    }
    assert "*Service:* Email" in slack_post["blocks"][1]["text"]["text"]
    assert slack_post["blocks"][2]["text"]["text"] == "A full disk, 98% &gt; 95% &amp; rising."
    assert slack_post["blocks"][3]["elements"][0]["url"] == link

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


def test_a_failing_channel_stops_loudly_and_the_next_run_posts_what_it_missed_once(world: World) -> None:
    world.publish("2026-11-24T09:30:00", "--first-publish")
    add_updates(
        world,
        ("2026-11-24 10:00", "identified", "A full disk."),
        ("2026-11-24 10:30", "monitoring", "Mail is flowing again."),
    )
    world.hooks.fail["/slack"] = [503, 500]  # two passing failures: retried, then posted
    world.hooks.fail["/teams"] = [202, 404]  # the first post goes through, then the address stops working
    assert world.publish("2026-11-24T10:35:00") == 1  # loud: Teams missed one
    assert world.hooks.attempts["/slack"] == 4
    assert world.titles() == ["Cause found: Outage", "Monitoring the fix: Outage"]
    assert len(world.hooks.posts["/teams"]) == 1 and len(world.mails) == 2

    assert world.publish("2026-11-24T10:50:00") == 0  # the address works again: Teams gets what it missed
    assert world.counts() == (2, 2, 2)
    assert world.titles("/teams") == ["Cause found: Outage", "Monitoring the fix: Outage"]
    assert world.publish("2026-11-24T11:05:00") == 0
    assert world.counts() == (2, 2, 2)


def test_a_failed_deploy_posts_nothing_and_its_rerun_posts_once(world: World) -> None:
    world.publish("2026-11-24T09:30:00", "--first-publish")
    add_updates(world, ("2026-11-24 10:00", "identified", "A full disk."))
    world.build("2026-11-24T10:05:00")
    assert world.notify("check") == 0
    # the deploy fails: the workflow stops before send
    assert world.counts() == (0, 0, 0)
    assert world.publish("2026-11-24T10:05:00") == 0
    assert world.counts() == (1, 1, 1)


def test_a_mistake_in_the_settings_stops_the_check_before_the_deploy(world: World) -> None:
    world.publish("2026-11-24T09:30:00", "--first-publish")
    world.build("2026-11-24T09:45:00")
    for name, wrong in (
        ("ITCOMMS_SMTP_URL", "smtp//relay.intranet"),
        ("ITCOMMS_SMTP_URL", "http://relay.intranet:25"),
        ("ITCOMMS_NOTIFY_TO", "everyone at example.com"),
        ("ITCOMMS_SLACK_WEBHOOK", "hooks.slack.com/services/T0/B0/x"),
        ("ITCOMMS_TEAMS_WEBHOOK", "https://"),
    ):
        assert world.notify("check", environ=world.environ | {name: wrong}) == 2, (name, wrong)
    world.record.write_text(world.record.read_text() + "{not json\n")
    assert world.notify("check") == 2  # a damaged record is never taken for an empty one
    assert world.counts() == (0, 0, 0)


def test_a_dry_run_names_the_channels_and_posts_and_records_nothing(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world.publish("2026-11-24T09:30:00", "--first-publish")
    add_updates(world, ("2026-11-24 10:00", "identified", "A full disk."))
    world.build("2026-11-24T10:05:00")
    before = world.record.read_text()
    capsys.readouterr()
    assert world.notify("send", "--dry-run") == 0
    said = capsys.readouterr().err
    assert "Teams, Slack, Email" in said and "would post 1" in said and "incident/outage/update/2" in said
    assert world.counts() == (0, 0, 0) and world.record.read_text() == before
    assert world.publish("2026-11-24T10:05:00") == 0
    assert world.counts() == (1, 1, 1)


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


def test_a_channel_asking_to_wait_is_waited_for_and_its_own_reason_is_in_the_failure() -> None:
    waits: list[float] = []
    with webhook_server() as hooks:
        hooks.fail["/busy"] = [429]
        hooks.answer["/busy"] = ({"Retry-After": "17"}, b"")
        post_json(hooks.url + "/busy", {"text": "hello"}, Retry(sleep=waits.append), "Slack, test")
        assert waits == [17.0] and hooks.attempts["/busy"] == 2
        hooks.fail["/refused"] = [400]
        hooks.answer["/refused"] = ({}, b"invalid_blocks\r\nBcc: x")
        with pytest.raises(DeliveryFailed, match=r"HTTP 400 Bad Request: invalid_blocks Bcc: x$"):
            post_json(hooks.url + "/refused", {"text": "hello"}, Retry(sleep=waits.append), "Slack, test")
        hooks.fail["/later"] = [503]
        hooks.answer["/later"] = ({"Retry-After": "86400"}, b"")
        with pytest.raises(DeliveryFailed, match="asks to wait 86400 s"):
            post_json(hooks.url + "/later", {"text": "hello"}, Retry(sleep=waits.append), "Slack, test")
        assert waits == [17.0]  # a day is not waited for: the run fails loudly instead of stalling


HOSTILE = (
    "<!here> <!channel> <https://evil.example/login|Reset your password> [click](https://evil.example/) "
    "**bold** & see https://intranet.example/it/guide/?a=1&b=2 for more. "
)


def _notice(title: str, text: str) -> Notice:
    return Notice(
        id="tag:intranet.example,2025-01-01:incident/x/update/1",
        title=title,
        state="Investigating",
        impact="",
        services=("Email",),
        text=text,
        link="https://intranet.example/it/status/",
        published=datetime(2026, 1, 1, tzinfo=UTC),
        site_name="IT",
    )


def test_slack_text_is_inert_and_within_its_limits() -> None:
    notice = _notice("<!channel> down [click](https://evil.example/)", HOSTILE + "x" * 10_000)
    posted = slack.message(notice)
    for text in (posted["text"], posted["blocks"][2]["text"]["text"]):
        assert "<!" not in text and "|" not in "".join(re.findall(r"<[^>]*>", text))  # no ping, no disguised link
        assert re.findall(r"<([^>]*)>", text)[-3:] == [  # a written address stays a link to itself
            "https://evil.example/login",
            "https://evil.example/",
            "https://intranet.example/it/guide/?a=1&amp;b=2",
        ]
        assert len(text) <= slack.SECTION_LIMIT + len(notice.link) + 1
    assert posted["blocks"][2]["text"]["text"].endswith("(read the rest: https://intranet.example/it/status/)")


def test_teams_text_is_never_markdown_and_within_its_limits() -> None:
    notice = _notice("[click](https://evil.example/) **down**", HOSTILE + "x" * 10_000)
    body = teams.card(notice)["attachments"][0]["content"]["body"]
    assert {block["type"] for block in body} == {"RichTextBlock"}  # TextRuns are shown as written
    runs = [run for block in body for run in block["inlines"]]
    assert {run["type"] for run in runs} == {"TextRun"}
    assert runs[0]["text"] == "[click](https://evil.example/) **down**"
    links = [run for run in runs if "selectAction" in run]
    assert [run["selectAction"]["url"] for run in links] == [run["text"] for run in links]  # each shows its address
    assert links[-1]["text"] == "https://intranet.example/it/status/" and len(links) == 4  # the last: read the rest
    shown = "".join(run["text"] for run in body[-1]["inlines"])
    assert len(shown) <= teams.TEXT_LIMIT and shown.endswith("(read the rest: https://intranet.example/it/status/)")
