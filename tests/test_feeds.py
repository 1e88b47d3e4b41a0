"""The shared feed writer: valid RSS and Atom, order kept, stable ids, dated from content."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser

from itcomms.rendering.feeds import Feed, FeedEntry, render_feed, tag_uri
from itcomms.rendering.kept import KeptFiles
from itcomms.site import Site
from support import load_site, minimal_project


def entries(site: Site, count: int) -> list[FeedEntry]:
    start = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    made = []
    for number in range(count):
        moment = start + timedelta(hours=number)
        made.append(
            FeedEntry(
                id=tag_uri(site, moment.date(), f"test/{number}"),
                title=f"Update {number}",
                link=f"https://intranet.example/it/status/#u{number}",
                published=moment,
                updated=moment,
                summary=f"Summary {number} & more",
                content_html=f"<p>Update <strong>{number}</strong></p>",
                categories=("email", "minor"),
            )
        )
    return list(reversed(made))


def test_both_formats_parse_cleanly_newest_first(tmp_path: Path) -> None:
    site = load_site(minimal_project(tmp_path))
    feed = Feed(
        "Status", "Every status update", "status/index.md", "status/feed.xml", "status/feed.atom", entries(site, 5)
    )
    rss, atom = render_feed(site, feed, KeptFiles(None))
    assert (rss.path, atom.path) == ("status/feed.xml", "status/feed.atom")
    for artefact, version in ((rss, "rss20"), (atom, "atom10")):
        parsed = feedparser.parse(artefact.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == version
        assert [entry.title for entry in parsed.entries] == [f"Update {n}" for n in range(4, -1, -1)]
        assert parsed.entries[0].id == "tag:intranet.example,2026-03-01:test/4"
        assert {tag.term for tag in parsed.entries[0].tags} == {"email", "minor"}
        self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
        assert self_links == [f"https://intranet.example/it/{artefact.path}"]
    assert b"<lastBuildDate>Sun, 01 Mar 2026 13:00:00 +0000</lastBuildDate>" in rss.content


def test_limit_keeps_the_newest(tmp_path: Path) -> None:
    site = load_site(minimal_project(tmp_path))
    feed = Feed("S", "D", "status/index.md", "a.xml", "a.atom", entries(site, 10), limit=3)
    parsed = feedparser.parse(render_feed(site, feed, KeptFiles(None))[0].content)
    assert [entry.title for entry in parsed.entries] == ["Update 9", "Update 8", "Update 7"]


def test_same_content_gives_the_same_bytes(tmp_path: Path) -> None:
    site = load_site(minimal_project(tmp_path))
    feed = Feed("S", "D", "status/index.md", "a.xml", "a.atom", entries(site, 3))
    assert render_feed(site, feed, KeptFiles(None)) == render_feed(site, feed, KeptFiles(None))


def test_a_feed_written_before_is_read_back_and_a_changed_one_written_anew(tmp_path: Path) -> None:
    site = load_site(minimal_project(tmp_path))
    feed = Feed("S", "D", "status/index.md", "a.xml", "a.atom", entries(site, 3))
    written = render_feed(site, feed, KeptFiles(tmp_path / "kept"))
    assert render_feed(site, feed, KeptFiles(None)) == written
    for kept in (tmp_path / "kept").iterdir():
        kept.write_bytes(kept.read_bytes().replace(b"Update 2", b"Kept 2"))
    assert b"Kept 2" in render_feed(site, feed, KeptFiles(tmp_path / "kept"))[0].content
    retitled = replace(feed, entries=[replace(feed.entries[0], title="Update two"), *feed.entries[1:]])
    changed = render_feed(site, retitled, KeptFiles(tmp_path / "kept"))
    assert b"Update two" in changed[0].content and b"Update two" in changed[1].content


def test_a_kept_feed_cut_short_is_written_again(tmp_path: Path) -> None:
    site = load_site(minimal_project(tmp_path))
    feed = Feed("S", "D", "status/index.md", "a.xml", "a.atom", entries(site, 3))
    written = render_feed(site, feed, KeptFiles(tmp_path / "kept"))
    for kept in (tmp_path / "kept").iterdir():
        kept.write_bytes(kept.read_bytes()[:200])
    assert render_feed(site, feed, KeptFiles(tmp_path / "kept")) == written
