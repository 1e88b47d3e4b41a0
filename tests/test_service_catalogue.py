"""The service catalogue as built from the demo content: the index, a page per service, its links and video."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import lxml.html
import pytest
import yaml

from itcomms import addresses
from itcomms.content.models import Lifecycle
from itcomms.site import Site
from support import REPO, load_site

SITE_URL = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(REPO)


def page(site_dir: Path, source_path: str) -> lxml.html.HtmlElement:
    built = site_dir / addresses.url(source_path) / "index.html"
    return lxml.html.document_fromstring(built.read_text(encoding="utf-8"))


def content(document: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    (article,) = document.xpath("//article[contains(@class, 'md-content__inner')]")
    return article


def text(element: lxml.html.HtmlElement) -> str:
    """The words of an element, without the permalink marks of headings."""
    return " ".join(element.text_content().replace("¶", "").split())


def resolve(source_path: str, href: str) -> str:
    """Where a relative link on a built page leads, as a path of the site."""
    return posixpath.normpath(posixpath.join(addresses.url(source_path), href))


def test_every_service_has_its_page(demo_site: Path, site: Site) -> None:
    for service in site.services.values():
        document = page(demo_site, addresses.service(service.id))
        assert text(document.xpath("//h1")[0]).startswith(service.name)
        assert service.summary.split()[0] in text(content(document))


def test_catalogue_groups_offered_services_by_category_and_lists_retired_apart(demo_site: Path, site: Site) -> None:
    document = content(page(demo_site, addresses.SERVICES))
    shown = {
        group.get("data-catalogue-group"): [text(name) for name in group.xpath(".//h3")]
        for group in document.xpath("//ul[@class='catalogue-cards']")
    }
    offered = [service for service in site.services.values() if service.lifecycle is not Lifecycle.RETIRED]
    expected = {
        category.id: [service.name for service in offered if service.category == category.id]
        for category in site.settings.service_categories
    }
    assert shown == {category: names for category, names in expected.items() if names}
    (retired_heading,) = document.xpath("//h2[@id='no-longer-offered']")
    retired_list = retired_heading.getnext().getnext()
    assert [text(link) for link in retired_list.xpath(".//a")] == ["Fax to email"]
    card = document.xpath("//li[@class='catalogue-card'][.//a[text()='Van charging bookings']]")[0]
    assert "Drivers, Managers" in text(card)
    assert "Running the business" in text(card)
    assert "Working normally" in text(card) and "Pilot" in text(card)


def test_links_in_the_cards_and_the_brochure_lead_to_built_pages(demo_site: Path, site: Site) -> None:
    """Raw HTML links are not rewritten by MkDocs: they must name published addresses, not .md sources."""
    cards = content(page(demo_site, addresses.SERVICES)).xpath("//li[@class='catalogue-card']//h3/a")
    assert len(cards) == 17
    for card in cards:
        target = resolve(addresses.SERVICES, card.get("href"))
        assert (demo_site / target / "index.html").is_file(), card.get("href")
    back = page(demo_site, addresses.BROCHURE).xpath("//p[@class='brochure-screen-only']/a")[0].get("href")
    assert resolve(addresses.BROCHURE, back) == "services"


def test_cards_for_everyone_show_under_every_audience(demo_site: Path, site: Site) -> None:
    document = content(page(demo_site, addresses.SERVICES))
    audiences = {
        text(card.xpath(".//h3")[0]): card.get("data-catalogue-audience").split()
        for card in document.xpath("//li[@class='catalogue-card']")
    }
    assert audiences["Email and calendar"] == list(site.audiences)
    assert audiences["Route planning"] == ["managers", "drivers"]


def test_filters_start_hidden_so_the_page_works_without_javascript(demo_site: Path) -> None:
    document = content(page(demo_site, addresses.SERVICES))
    (form,) = document.xpath("//form[contains(@class, 'catalogue-filter')]")
    assert form.get("hidden") is not None
    assert not document.xpath("//li[@class='catalogue-card'][@hidden]")
    labels = {label.get("for") for label in form.xpath(".//label")}
    assert labels == {"catalogue-text", "catalogue-audience", "catalogue-category"}


def test_service_page_says_how_to_get_it_and_what_is_promised(demo_site: Path) -> None:
    document = content(page(demo_site, addresses.service("laptops")))
    headings = [text(heading) for heading in document.xpath(".//h2")]
    assert headings[:4] == ["How to get it", "What it is", "Who it is for", "Hours and help"]
    (button,) = document.xpath(".//a[contains(@class, 'md-button--primary')]")
    assert button.get("href") == "https://help.larkspur.example/request/laptop"
    body = text(document)
    assert "We aim to keep this service working 99% of the time." in body
    assert "We answer urgent requests within 1 hour and aim to fix them within 8 hours." in body
    assert "We answer low requests within 8 hours and aim to fix them within 5 days." in body
    assert "Charged to your team's budget: £28 a month per laptop" in body
    assert "The Devices team (devices@larkspur.example)" in body
    assert "Also known as: laptop, new computer, computer, PC" in body
    (table,) = document.xpath(".//table")
    assert [text(cell) for cell in table.xpath(".//th")] == ["Period", "Available", "Target met?"]
    assert [text(row.xpath("td")[0]) for row in table.xpath(".//tbody/tr")] == [
        "Last 30 days",
        "Last 90 days",
        "Last 12 months",
    ]
    phishing = text(content(page(demo_site, addresses.service("phishing-reporting"))))
    assert "We answer urgent requests within 15 minutes and aim to fix them within 4 hours." in phishing


def test_lifecycle_badges(demo_site: Path) -> None:
    def badge(service_id: str) -> str:
        document = content(page(demo_site, addresses.service(service_id)))
        return text(document.xpath(".//span[contains(@class, 'catalogue-badge')]")[0])

    assert badge("email") == "Live"
    assert badge("van-charging") == "Pilot (a trial)"
    assert badge("desk-phones") == "Retiring on 31 March 2027"
    assert badge("fax") == "Retired"


def test_service_page_links_incidents_related_services_and_feeds_by_address(demo_site: Path, site: Site) -> None:
    source = addresses.service("driver-handheld-app")
    document = page(demo_site, source)
    targets = {resolve(source, link.get("href")) for link in content(document).xpath(".//a[@href]")}
    ongoing = site.incidents_by_service["driver-handheld-app"][0]
    assert ongoing.end is None
    assert addresses.url(addresses.incident(ongoing.id)).rstrip("/") in targets
    assert "Right now: Some problems" in text(content(document))
    for related in site.services["driver-handheld-app"].related:
        assert addresses.url(addresses.service(related)).rstrip("/") in targets
    feeds = [SITE_URL + addresses.service_feed_rss("driver-handheld-app")]
    feeds.append(SITE_URL + addresses.service_feed_atom("driver-handheld-app"))
    assert set(feeds) <= {link.get("href") for link in content(document).xpath(".//a[@href]")}
    discovered = {
        (link.get("type"), link.get("href"))
        for link in document.xpath("//head/link[@rel]")
        if "alternate" in link.get("rel").split()
    }
    assert discovered == {  # its own feeds, and the site-wide one every page names
        ("application/rss+xml", SITE_URL + addresses.service_feed_rss("driver-handheld-app")),
        ("application/atom+xml", SITE_URL + addresses.service_feed_atom("driver-handheld-app")),
        ("application/rss+xml", SITE_URL + addresses.STATUS_FEED_RSS),
        ("application/atom+xml", SITE_URL + addresses.STATUS_FEED_ATOM),
    }


def test_recent_incidents_are_bounded_and_newest_first(demo_site: Path, site: Site) -> None:
    busiest = max(site.services, key=lambda service_id: len(site.incidents_by_service.get(service_id, ())))
    document = content(page(demo_site, addresses.service(busiest)))
    (heading,) = document.xpath(".//h2[@id='recent-incidents']")
    listed = [text(link) for link in heading.getnext().xpath(".//a")]
    started = [incident for incident in site.incidents_by_service[busiest] if incident.start <= site.now]
    assert listed == [incident.title for incident in started][:5]


def test_local_video_plays_with_captions_and_a_transcript(demo_site: Path) -> None:
    source = addresses.service("phishing-reporting")
    document = content(page(demo_site, source))
    (video,) = document.xpath(".//video")
    assert video.get("controls") is not None
    (video_source,) = video.xpath(".//source")
    assert video_source.get("type") == "video/webm"
    assert (demo_site / resolve(source, video_source.get("src"))).stat().st_size < 20_000
    (track,) = video.xpath(".//track")  # the HTML parser here does not know <source> is empty
    assert track.get("kind") == "captions" and track.get("srclang") == "en"
    captions = (demo_site / resolve(source, track.get("src"))).read_text(encoding="utf-8")
    assert captions.startswith("WEBVTT")
    (transcript,) = document.xpath(".//h3[text()='Transcript']")
    assert "Report phishing" in text(transcript.getnext().getnext())
    assert not document.xpath(".//iframe")


def test_hosted_video_is_a_link_never_an_embed(demo_site: Path) -> None:
    document = content(page(demo_site, addresses.service("remote-access")))
    assert not document.xpath(".//video | .//iframe | .//embed | .//object")
    links = [link.get("href") for link in document.xpath(".//a[starts-with(text(), 'Watch')]")]
    assert links == ["https://video.larkspur.example/watch/vpn-in-two-minutes"]


def test_synonyms_are_on_the_page_for_search(demo_site: Path) -> None:
    desk_phones = text(content(page(demo_site, addresses.service("desk-phones"))))
    assert re.search(r"Also known as: .*voicemail", desk_phones)
