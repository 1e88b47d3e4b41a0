"""The newsletter: its pages, feed and email export, built from the demo content and from small variants of it."""

from __future__ import annotations

import email
import email.policy
import itertools
import re
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.html
import pytest
import yaml

from browser import chromium, serve, visit
from itcomms.cli.validate import main as validate
from itcomms.content.markdown_html import MarkdownRenderer
from itcomms.figures.newsletter_contents import Issue, gather
from itcomms.outputs.newsletter.newsletter_email import words_before_read_more
from itcomms.words import month_key_words as month_label
from support import MINIMAL_CONTENT, REPO, build_site, load_site, make_project, write_content

SITE_URL = "https://intranet.larkspur.example/it/"
PUBLISHED = [f"2026-{month:02d}" for month in range(10, 0, -1)]
"""The demo's published issues, latest first; 2026-11 is a draft."""
DRAFT = "2026-11"


def issue_dirs(site_dir: Path) -> list[Path]:
    return sorted(path for path in (site_dir / "newsletter").iterdir() if re.fullmatch(r"\d{4}-\d{2}", path.name))


def read_eml(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def site_file(site_dir: Path, url: str) -> Path:
    """The built file an absolute address of the site points at."""
    path = urlsplit(url).path.removeprefix(urlsplit(SITE_URL).path)
    return site_dir / (path + "index.html" if path.endswith("/") or not path else path)


# --- the email export -----------------------------------------------------------------------------------------


def test_every_published_issue_has_its_three_email_files(demo_site: Path) -> None:
    assert [path.name for path in reversed(issue_dirs(demo_site))] == PUBLISHED
    for folder in issue_dirs(demo_site):
        assert sorted(path.name for path in folder.iterdir()) == [
            "email.html",
            "email.txt",
            "index.html",
            f"newsletter-{folder.name}.eml",
        ]


@pytest.mark.parametrize("month", PUBLISHED)
def test_eml_is_a_draft_with_a_text_and_an_html_part(demo_site: Path, month: str) -> None:
    folder = demo_site / "newsletter" / month
    message = read_eml(folder / f"newsletter-{month}.eml")
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [part.get_content_type() for part in parts] == ["text/plain", "text/html"]
    text, html = (part.get_content() for part in parts)
    assert text.replace("\r\n", "\n") == (folder / "email.txt").read_text(encoding="utf-8")
    assert html.replace("\r\n", "\n") == (folder / "email.html").read_text(encoding="utf-8")
    assert str(message["From"]) == "Larkspur IT <it-news@larkspur.example>"
    assert str(message["Subject"]).startswith(f"Larkspur IT news, {month_label(month)}: ")
    assert message["X-Unsent"] == "1"
    for header in ("To", "Cc", "Bcc"):
        assert header not in message
    assert message["Date"].datetime.tzinfo is not None
    assert re.fullmatch(rf"<newsletter-{month}\.[0-9a-f]+@larkspur\.example>", message["Message-ID"])


@pytest.mark.parametrize("month", PUBLISHED)
def test_email_html_is_inlined_and_every_link_absolute(demo_site: Path, month: str) -> None:
    html = (demo_site / "newsletter" / month / "email.html").read_text(encoding="utf-8")
    document = lxml.html.document_fromstring(html)
    assert document.xpath("//style | //script | //link | //iframe | //form") == []
    assert not re.search(r"@import|@font-face|url\(", html)
    assert all(not name.startswith("on") for element in document.iter() for name in getattr(element, "attrib", {}))
    assert document.xpath("//table[@width='600']"), "the frame is 600 px wide for Outlook"
    assert document.xpath("//*[@style]"), "styles were inlined"
    assert document.xpath("//meta[@name='color-scheme']/@content") == ["light dark"]
    links = document.xpath("//a/@href")
    assert len(links) > 5
    assert [link for link in links if not link.startswith(("https://", "mailto:", "tel:"))] == []
    assert [src for src in document.xpath("//img/@src") if not re.match(r"https://.+\.png$", src)] == []


def test_read_more_links_lead_to_pages_and_anchors_that_exist(demo_site: Path) -> None:
    checked = 0
    for folder in issue_dirs(demo_site):
        document = lxml.html.document_fromstring((folder / "email.html").read_text(encoding="utf-8"))
        for link in document.xpath("//a[.='Read more']/@href"):
            assert link.startswith(SITE_URL), link
            target = site_file(demo_site, link.split("#")[0])
            assert target.is_file(), link
            if "#" in link:
                page = lxml.html.document_fromstring(target.read_text(encoding="utf-8"))
                assert page.get_element_by_id(link.split("#")[1], None) is not None, link
            checked += 1
    assert checked > 30


def restore_hours(month: str) -> float:
    """The mean hours to restore the month's resolved incidents that had an impact, from the raw YAML."""
    spans = []
    for path in sorted((REPO / "content" / "incidents").glob(f"*/{month}-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("end") and data["impact"] != "none":
            spans.append(datetime.fromisoformat(str(data["end"])) - datetime.fromisoformat(str(data["start"])))
    return round(sum(span.total_seconds() for span in spans) / 3600 / len(spans), 1)


def test_plain_text_email_reads_as_text(demo_site: Path) -> None:
    text = (demo_site / "newsletter/2026-06/email.txt").read_text(encoding="utf-8")
    assert text.startswith("Larkspur IT news, June 2026\n\nA hard morning, and what we learned\n=====")
    assert "Read more: https://intranet.larkspur.example/it/status/incidents/route-planning-failed/" in text
    assert "<" not in text and "&amp;" not in text
    # the KPI of the month is derived from the incidents: May 2026 had none with an impact, so April is the one before
    june, april = restore_hours("2026-06"), restore_hours("2026-04")
    assert f"{june:.1f} hours in June 2026, up from {april:.1f} hours in April 2026 (worse)." in text
    prose = [line for line in text.splitlines() if "https://" not in line]
    assert max(len(line) for line in prose) <= 80


def test_links_to_pages_of_the_site_are_made_right_on_the_page_in_the_feed_and_in_the_email(tmp_path: Path) -> None:
    """A page of the site is linked by its address from the site's root or by an item reference: relative on the
    page, absolute in the email (HTML and text) and the feed."""
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    write_content(
        project,
        {
            "newsletters/2026-03.yaml": "editorial: See [the status page](/status/), [email](service:email#support) "
            "or [our help pages](https://help.example.com/).\n"
        },
    )
    build_site(project, tmp_path / "site")
    folder = tmp_path / "site/newsletter/2026-03"
    page = lxml.html.document_fromstring((folder / "index.html").read_text(encoding="utf-8"))
    links = page.xpath("//article//a/@href")
    assert "../../status/" in links and "../../services/email/#support" in links
    email_links = lxml.html.document_fromstring((folder / "email.html").read_text(encoding="utf-8")).xpath("//a/@href")
    assert f"{SITE_URL}status/" in email_links and f"{SITE_URL}services/email/#support" in email_links
    text = " ".join((folder / "email.txt").read_text(encoding="utf-8").split())
    assert (
        f"See the status page ({SITE_URL}status/), email ({SITE_URL}services/email/#support) "
        "or our help pages (https://help.example.com/)." in text
    )
    feed = feedparser.parse((tmp_path / "site/newsletter/feed.atom").read_bytes())
    assert f'href="{SITE_URL}status/"' in feed.entries[0].content[0].value
    assert f'href="{SITE_URL}services/email/#support"' in feed.entries[0].content[0].value


@pytest.mark.browser
def test_email_fits_600_pixels_without_scrolling(demo_site: Path, tmp_path: Path) -> None:
    with serve(demo_site) as base_url, chromium() as browser:
        for month in ("2026-06", "2026-10"):
            for scheme in ("light", "dark"):
                shown = visit(
                    browser,
                    f"{base_url}newsletter/{month}/email.html",
                    viewport={"width": 600, "height": 900},
                    color_scheme=scheme,
                )
                widths = shown.page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                assert widths == [600, 600]
                frame = shown.page.locator("table.frame").bounding_box()
                assert frame is not None and frame["width"] == 600
                shown.page.screenshot(path=tmp_path / f"email-{month}-{scheme}.png", full_page=True)
                assert shown.hosts <= {"127.0.0.1"}, "the email asks no host at all but the test server (favicon)"
    assert (tmp_path / "email-2026-06-light.png").stat().st_size > 10_000


# --- the length guard -----------------------------------------------------------------------------------------

LONG_EDITORIAL = " ".join(["This sentence is far too long for an email that should fit one screen."] * 24)


def long_issue(tmp_path: Path) -> Path:
    """The minimal project with an issue whose editor's note alone runs past 250 words."""
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    newsletter = project / "content/newsletters/2026-03.yaml"
    newsletter.write_text(newsletter.read_text().replace("Hello from IT.", LONG_EDITORIAL), encoding="utf-8")
    return project


def test_length_guard_is_advice_from_validate_and_never_stops_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A long editor's note is the author's call: validate warns (failing only with --strict), a strict build
    publishes the issue all the same."""
    project = long_issue(tmp_path)
    assert build_site(project, tmp_path / "site") == []
    assert (tmp_path / "site/newsletter/2026-03/email.txt").is_file()

    assert validate(["--project", str(project)]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if "words before its first" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith("content/newsletters/2026-03.yaml:1:12: warning: editorial: the email has ")
    assert "more than the 250 that fit on one screen" in warnings[0]
    assert validate(["--project", str(project), "--strict"]) == 1


def test_length_guard_covers_drafts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A draft is where an author shortens the note, so validate judges it too."""
    project = long_issue(tmp_path)
    newsletter = project / "content/newsletters/2026-03.yaml"
    newsletter.write_text(newsletter.read_text() + "draft: true\n", encoding="utf-8")
    validate(["--project", str(project)])
    assert "words before its first" in capsys.readouterr().out


def test_word_budget_is_a_setting(tmp_path: Path) -> None:
    project = long_issue(tmp_path)
    settings = project / "content/site.yaml"
    settings.write_text(
        settings.read_text().replace(
            "from_address: news@example.com", "from_address: news@example.com\n  word_budget: 400"
        )
    )
    assert build_site(project, tmp_path / "site") == []
    text = (tmp_path / "site/newsletter/2026-03/email.txt").read_text(encoding="utf-8")
    assert 250 < words_before_read_more(text) <= 400


def test_demo_issues_fit_the_budget(demo_site: Path) -> None:
    counts = {
        folder.name: words_before_read_more((folder / "email.txt").read_text(encoding="utf-8"))
        for folder in issue_dirs(demo_site)
    }
    assert all(40 < count <= 250 for count in counts.values()), counts


# --- the feed -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "version"), [("feed.xml", "rss20"), ("feed.atom", "atom10")])
def test_feed_has_one_entry_per_published_issue(demo_site: Path, name: str, version: str) -> None:
    parsed = feedparser.parse((demo_site / "newsletter" / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == version
    assert [entry.link for entry in parsed.entries] == [f"{SITE_URL}newsletter/{month}/" for month in PUBLISHED]
    assert [entry.id for entry in parsed.entries] == [
        f"tag:intranet.larkspur.example,{month}-01:newsletter/{month}" for month in PUBLISHED
    ]
    assert parsed.entries[0].title == "October 2026: Goodbye, desk phones"
    assert parsed.entries[0].published_parsed[:3] == (2026, 10, 31)
    content = lxml.html.fragment_fromstring(parsed.entries[0].content[0].value, create_parent="div")
    assert [link for link in content.xpath("//a/@href") if not link.startswith("https://")] == []


def test_pages_announce_the_feed(demo_site: Path) -> None:
    for page in ("newsletter/index.html", "newsletter/2026-03/index.html"):
        document = lxml.html.document_fromstring((demo_site / page).read_text(encoding="utf-8"))
        # As a feed reader looks for them: rel holds the word "alternate" (see docs/overrides/main.html).
        found = [link.get("href") for link in document.xpath("//head/link") if "alternate" in link.get("rel").split()]
        # the newsletter's own feed first, then the site-wide status feed every page names
        assert found == [f"{SITE_URL}{feed}" for feed in ("newsletter/feed.xml", "newsletter/feed.atom")] + [
            f"{SITE_URL}status/feed.xml",
            f"{SITE_URL}status/feed.atom",
        ]


# --- the pages ------------------------------------------------------------------------------------------------


def test_archive_lists_published_issues_newest_first(demo_site: Path) -> None:
    document = lxml.html.document_fromstring((demo_site / "newsletter/index.html").read_text(encoding="utf-8"))
    assert document.xpath("//article//li//a/@href") == [f"{month}/" for month in PUBLISHED]
    assert document.xpath("//article//li//a")[0].text_content() == "October 2026: Goodbye, desk phones"


def test_issue_page_tells_each_item_under_its_heading(demo_site: Path) -> None:
    document = lxml.html.document_fromstring((demo_site / "newsletter/2026-06/index.html").read_text(encoding="utf-8"))
    article = document.xpath("//article")[0]
    levels = [int(heading.tag[1]) for heading in article.iter("h1", "h2", "h3", "h4")]
    assert levels[0] == 1 and all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))
    sections = [heading.text_content().strip("¶ ") for heading in article.iter("h2")]
    assert sections == ["This month's highlights", "From the team", "KPI of the month: Time to restore service"]
    assert article.get_element_by_id("incident-route-planning-failed") is not None
    assert "What we are doing about it" in article.text_content()
    table = article.xpath(".//table")[0]
    assert [cell.text_content() for cell in table.xpath(".//th")] == ["Month", "Value", "Target met?"]
    assert article.xpath(".//a[@href='newsletter-2026-06.eml']")


def test_a_story_links_back_to_the_issue_it_follows_up(demo_site: Path) -> None:
    document = lxml.html.document_fromstring((demo_site / "newsletter/2026-07/index.html").read_text(encoding="utf-8"))
    assert "the June 2026 issue" in document.xpath("//article//a[@href='../2026-06/']/text()")


@pytest.mark.browser
def test_issue_page_renders_in_chromium(demo_site: Path) -> None:
    with serve(demo_site) as base_url, chromium() as browser:
        for scheme in ("light", "dark"):
            shown = visit(browser, f"{base_url}newsletter/2026-06/", color_scheme=scheme)
            assert shown.page.locator("h1").first.inner_text().startswith("A hard morning, and what we learned")
            # The theme fetches a sitemap beside every link whose rel is exactly "alternate"; the feed links must not
            # set it off (see docs/overrides/main.html).
            assert shown.foreign_hosts == set()
            assert shown.console_errors == []


# --- drafts ---------------------------------------------------------------------------------------------------


def test_draft_issue_is_left_out(demo_site: Path) -> None:
    assert not (demo_site / "newsletter" / DRAFT).exists()
    assert f"{DRAFT}/" not in (demo_site / "newsletter/index.html").read_text(encoding="utf-8")
    assert DRAFT not in (demo_site / "newsletter/feed.xml").read_text(encoding="utf-8")
    assert 'href="../2026-11/"' not in (demo_site / "newsletter/2026-10/index.html").read_text(encoding="utf-8")


def test_preview_build_shows_drafts(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    write_content(project, {"newsletters/2026-04.yaml": "title: Coming soon\neditorial: Not ready yet.\ndraft: true\n"})
    build_site(project, tmp_path / "site")
    assert not (tmp_path / "site/newsletter/2026-04").exists()
    build_site(project, tmp_path / "preview", ITCOMMS_DRAFTS="1")
    folder = tmp_path / "preview/newsletter/2026-04"
    assert "Draft" in (folder / "index.html").read_text(encoding="utf-8")
    assert (
        str(read_eml(folder / "newsletter-2026-04.eml")["Subject"])
        == "[Draft] Example IT news, April 2026: Coming soon"
    )
    parsed = feedparser.parse((tmp_path / "preview/newsletter/feed.xml").read_bytes())
    assert [entry.title for entry in parsed.entries] == ["April 2026: Coming soon", "Example IT news, March 2026"]


# --- what an issue gathers -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def issues() -> dict[str, Issue]:
    return {issue.month: issue for issue in gather(load_site(REPO), MarkdownRenderer())}


def test_issue_gathers_the_months_news(issues: dict[str, Issue]) -> None:
    february = issues["2026-02"]
    assert [entry.id for entry in february.featured] == [
        "fewer-better-printers",
        "photos-of-damaged-goods",
        "our-black-friday-outage",
    ]
    assert [entry.id for entry in february.incidents] == ["finance-system-slow"]
    assert [entry.id for entry in february.maintenance] == ["finance-system-update"]
    (window,) = february.maintenance
    assert window.read_more == "https://intranet.example/it/status/"


def test_featured_items_are_not_told_twice(issues: dict[str, Issue]) -> None:
    june = issues["2026-06"]
    assert "route-planning-failed" in [entry.id for entry in june.featured]
    assert len({entry.anchor for entry in june.entries}) == len(june.entries)
    assert june.incidents == ()


def test_kpi_trend_is_judged_against_better_and_target(issues: dict[str, Issue]) -> None:
    june = issues["2026-06"].kpi
    assert june.metric.derived is not None  # time to restore, worked out from the incidents
    # the six latest months that had an incident to restore from (none in March or May 2026)
    assert [reading.period for reading in june.readings] == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
        "2026-04",
        "2026-06",
    ]
    assert (june.direction, june.meets_target(june.latest)) == ("worse", True)  # lower is better: 1.8 → 3.7, target 4
    april = issues["2026-04"].kpi
    assert (april.direction, april.meets_target(april.latest)) == ("better", True)  # days to get a laptop: 3.6 → 3.2
