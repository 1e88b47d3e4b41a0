"""Told exactly once, through what operators and authors do the second time, on real builds of the site.

Each test is a sequence of publishing runs (build, check, deploy, send) with
fake Teams, Slack and email; after each sequence every channel has received
every new item exactly once.
"""

from __future__ import annotations

import re
import shutil

from notify_world import INCIDENT, World, add_updates
from status_content import incident_file, window_file
from support import write_content


def test_a_rollback_and_a_revert_post_nothing_again(world: World) -> None:
    world.publish("2026-11-24T09:30:00", "--first-publish")
    before = (world.project / INCIDENT).read_text()
    add_updates(world, ("2026-11-24 10:00", "identified", "A full disk."))
    assert world.publish("2026-11-24T10:05:00") == 0
    assert world.counts() == (1, 1, 1)

    released = world.site.with_name("release-1")
    shutil.copytree(world.site, released)
    (world.project / INCIDENT).write_text(before)  # a revert commit (or a rolled-back release) drops the update
    assert world.publish("2026-11-24T10:20:00") == 0
    add_updates(world, ("2026-11-24 10:00", "identified", "A full disk."))  # and it comes back
    assert world.publish("2026-11-24T10:35:00") == 0
    shutil.rmtree(world.site)
    shutil.copytree(released, world.site)  # the send step run again over an old release's feed
    assert world.notify("send") == 0
    assert world.counts() == (1, 1, 1)


def test_deleting_a_mistaken_incident_brings_back_no_old_item(world: World) -> None:
    site_yaml = world.project / "content/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "status:\n  feed_items: 2\n")
    write_content(
        world.project,
        incident_file("printers", "2026-10-02 08:00", "2026-10-02 12:00", services=("chat",)),
    )
    world.publish("2026-11-24T09:30:00", "--first-publish")
    add_updates(world, ("2026-11-24 10:00", "identified", "A full disk."))
    mistaken = incident_file("wrong", "2026-11-24 10:10", services=("chat",))
    write_content(world.project, mistaken)
    assert world.publish("2026-11-24T10:15:00") == 0
    assert world.counts() == (2, 2, 2)
    (world.project / "content" / next(iter(mistaken))).unlink()  # the October items are back in the window
    assert world.publish("2026-11-24T10:30:00") == 0
    assert world.counts() == (2, 2, 2)


def test_an_update_inserted_in_its_place_is_told_once_and_nothing_else_again(world: World) -> None:
    world.publish("2026-11-24T09:30:00", "--first-publish")
    add_updates(world, ("2026-11-24 10:30", "monitoring", "Mail is flowing again."))
    world.publish("2026-11-24T10:35:00")
    incident = world.project / INCIDENT
    text = incident.read_text()
    forgotten = "- at: '2026-11-24 10:00'\n  state: identified\n  message: A full disk.\n"
    incident.write_text(text.replace("- at: '2026-11-24 10:30'", forgotten + "- at: '2026-11-24 10:30'"))
    assert world.publish("2026-11-24T10:50:00") == 0
    assert world.titles() == ["Monitoring the fix: Outage", "Cause found: Outage"]
    assert world.counts() == (2, 2, 2)


def test_corrections_made_one_after_another_tell_nobody_again(world: World) -> None:
    world.publish("2026-11-24T09:30:00", "--first-publish")
    add_updates(world, ("2026-11-24 10:00", "identified", "A full disk."))
    world.publish("2026-11-24T10:05:00")
    incident = world.project / INCIDENT
    for old, new in (
        ("'2026-11-24 10:00'", "'2026-11-24 09:55'"),  # the time corrected
        ("A full disk.", "A full disk on the mail server."),  # then the words
        ("state: identified", "state: monitoring"),  # then the state
        ("2026-11-24 09:55", "2026-11-24 09:50"),  # then the time again
    ):
        incident.write_text(incident.read_text().replace(old, new))
        assert world.publish("2026-11-24T10:20:00") == 0
    assert world.counts() == (1, 1, 1)


def test_a_renamed_incident_and_two_incidents_merged_tell_nobody_again(world: World) -> None:
    world.publish("2026-11-24T09:30:00", "--first-publish")
    add_updates(world, ("2026-11-24 10:00", "identified", "A full disk."))
    second = incident_file(
        "mail-queue", "2026-11-24 10:02", updates=[("2026-11-24 10:10", "investigating", "Mail is queued.")]
    )
    write_content(world.project, second)
    world.publish("2026-11-24T10:15:00")
    assert world.counts() == (2, 2, 2)

    incident = world.project / INCIDENT
    renamed = incident.with_name("2026-11-24-email-outage.yaml")
    incident.rename(renamed)
    assert world.publish("2026-11-24T10:30:00") == 0
    # The queue was the same outage: its update moves into the first incident, its file goes.
    (world.project / "content" / next(iter(second))).unlink()
    moved = "- at: '2026-11-24 10:10'\n  state: investigating\n  message: Mail is queued.\n"
    renamed.write_text(renamed.read_text() + moved)
    assert world.publish("2026-11-24T10:45:00") == 0
    assert world.counts() == (2, 2, 2)


def test_a_window_moved_to_another_day_is_announced_once(world: World) -> None:
    world.publish("2026-11-24T09:30:00", "--first-publish")
    planned = window_file("mail-upgrade", "2026-12-08 20:00", "2026-12-08 23:00")
    write_content(world.project, planned)
    assert world.publish("2026-11-24T21:00:00") == 0  # announced 14 days ahead
    (title,) = world.titles()
    assert title.startswith("Planned maintenance: Mail upgrade")

    (world.project / "content" / next(iter(planned))).unlink()  # moved ten days on, by renaming the file
    moved = window_file("mail-upgrade", "2026-12-18 20:00", "2026-12-18 23:00")
    write_content(world.project, moved)
    assert world.publish("2026-11-24T21:30:00") == 0  # its announcement is not due yet
    assert world.publish("2026-12-04T21:00:00") == 0  # due again
    assert world.counts() == (1, 1, 1)

    anchored = window_file("mail-upgrade", "2026-12-19 20:00", "2026-12-19 23:00", announce_from="2026-11-24 20:00")
    (world.project / "content" / next(iter(moved))).unlink()
    write_content(world.project, anchored)  # moved once more, this time with announce_from
    assert world.publish("2026-12-04T21:15:00") == 0
    assert world.counts() == (1, 1, 1)


def test_still_investigating_said_twice_is_told_twice(world: World) -> None:
    world.publish("2026-11-24T09:30:00", "--first-publish")
    add_updates(
        world,
        ("2026-11-24 10:00", "investigating", "Still investigating."),
        ("2026-11-24 11:00", "investigating", "Still investigating."),
    )
    assert world.publish("2026-11-24T11:05:00") == 0
    assert world.counts() == (2, 2, 2)


def test_hostile_titles_and_updates_arrive_inert_and_within_limits_in_every_channel(world: World) -> None:
    world.publish("2026-11-24T09:30:00", "--first-publish")
    incident = world.project / INCIDENT
    incident.write_text(
        incident.read_text().replace("title: Outage", "title: '<!channel> Reset [here](https://evil.example/)'")
    )
    long_words = " ".join(["Everything is slow."] * 600)  # about 12,000 characters: past every channel's limit
    add_updates(
        world,
        ("2026-11-24 10:00", "identified", "'<!here> see [the guide](https://intranet.example/it/guide/) **now**'"),
        ("2026-11-24 10:30", "monitoring", long_words[:9_900]),
    )
    assert world.publish("2026-11-24T10:35:00") == 0
    assert world.counts() == (2, 2, 2)
    for post in world.hooks.posts["/slack"]:
        for text in (post["text"], post["blocks"][2]["text"]["text"]):
            assert "<!" not in text and "|" not in "".join(re.findall(r"<[^>]*>", text))
            assert len(post["blocks"][2]["text"]["text"]) <= 3000
    assert "<https://intranet.example/it/guide/>" in world.hooks.posts["/slack"][0]["blocks"][2]["text"]["text"]
    for post in world.hooks.posts["/teams"]:
        body = post["attachments"][0]["content"]["body"]
        assert {block["type"] for block in body} == {"RichTextBlock"}
        for run in (run for block in body for run in block["inlines"]):
            assert run["type"] == "TextRun" and run.get("selectAction", {"url": run["text"]})["url"] == run["text"]
    for mail in world.mails:
        assert sorted(mail.keys()) == sorted(
            ["Subject", "From", "To", "Date", "Message-ID", "Content-Type", "MIME-Version"]
        )
        assert "\n" not in str(mail["Subject"])
    html_part = world.mails[0].get_body(("html",))
    assert html_part is not None
    assert (
        '<a href="https://intranet.example/it/guide/">https://intranet.example/it/guide/</a>' in html_part.get_content()
    )
