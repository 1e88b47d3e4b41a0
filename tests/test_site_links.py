"""Links from an author's text to pages of the site: one documented way, made right on every page and in feeds."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.html

from support import MINIMAL_CONTENT, build_site, make_project

SITE_URL = "https://intranet.larkspur.example/it/"
MESSAGE = "Fixed. See [the email service](service:email) and [status](/status/#upcoming)."


def links(page: Path) -> list[str]:
    return list(lxml.html.document_fromstring(page.read_text(encoding="utf-8")).xpath("//article//a/@href"))


def test_an_update_links_from_every_page_it_shows_on_and_from_the_feeds(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    incident = project / "content/incidents/2026/2026-03-14-email-delays.yaml"
    incident.write_text(incident.read_text(encoding="utf-8").replace("message: Fixed.", f"message: {MESSAGE}"))
    build_site(project, tmp_path / "site")
    site = tmp_path / "site"

    on_incident = links(site / "status/incidents/email-delays/index.html")
    assert "../../../services/email/" in on_incident and "../../#upcoming" in on_incident

    for feed in ("status/feed.atom", "services/email/feed.xml"):
        parsed = feedparser.parse((site / feed).read_bytes())
        html = next(entry for entry in parsed.entries if "email service" in entry.content[0].value).content[0].value
        assert f'href="{SITE_URL}services/email/"' in html
        assert f'href="{SITE_URL}status/#upcoming"' in html
