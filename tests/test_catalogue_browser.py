"""The catalogue in headless Chromium: filters work in the page, search finds synonyms, the video has captions."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from browser import search, visit
from itcomms import addresses
from itcomms.content.models import Lifecycle
from itcomms.site import Site
from support import REPO, load_site

pytestmark = pytest.mark.browser

CATALOGUE = addresses.url(addresses.SERVICES)


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(REPO)


def expect_cards(page: Page, names: list[str]) -> None:
    """The cards shown are exactly these, in this order (waiting for the filter script to catch up)."""
    cards = page.locator(".catalogue-card:visible h3")
    if names:
        expect(cards).to_have_text(names)
    else:
        expect(cards).to_have_count(0)


def offered(site: Site, audience: str | None = None, category: str | None = None) -> list[str]:
    """The cards a reader should see, worked out from the content: everyone's services show for every group."""
    everyone = {group.id for group in site.settings.audiences if group.everyone}
    names = []
    for group in site.settings.service_categories:
        for service in site.services.values():
            if service.category != group.id or service.lifecycle is Lifecycle.RETIRED:
                continue
            if audience and audience not in service.audience and not everyone & set(service.audience):
                continue
            if category and service.category != category:
                continue
            names.append(service.name)
    return names


def test_filter_by_audience_shows_the_right_cards(browser: Browser, base_url: str, site: Site) -> None:
    catalogue = visit(browser, base_url + CATALOGUE)
    page = catalogue.page
    expect_cards(page, offered(site))
    page.select_option("#catalogue-audience", "drivers")
    drivers = offered(site, audience="drivers")
    expect_cards(page, drivers)
    assert "Driver handheld app" in drivers and "Email and calendar" in drivers and "Finance system" not in drivers
    expect(page.locator(".catalogue-filter__count")).to_have_text(f"Showing {len(drivers)} of 17 services.")
    assert "audience=drivers" in page.url
    page.select_option("#catalogue-category", "running-the-business")
    expect_cards(page, offered(site, audience="drivers", category="running-the-business"))
    expect(page.locator("h2#getting-connected")).to_be_hidden()  # an empty category hides its heading
    page.get_by_role("button", name="Show all").click()
    expect_cards(page, offered(site))
    assert catalogue.console_errors == []
    assert catalogue.foreign_hosts == set()


def test_text_filter_matches_keywords_and_says_when_nothing_matches(browser: Browser, base_url: str) -> None:
    page = visit(browser, base_url + CATALOGUE).page
    page.fill("#catalogue-text", "payslip")
    expect_cards(page, ["HR and payroll system"])
    page.fill("#catalogue-text", "voicemail")  # a keyword, not on the card itself
    expect_cards(page, ["Desk phones"])
    page.fill("#catalogue-text", "no such thing anywhere")
    expect_cards(page, [])
    expect(page.locator(".catalogue-none")).to_be_visible()


@pytest.mark.parametrize(
    ("words", "first"),
    [
        ("printer broken", "Printers and label printers"),
        ("new phone", "Desk phones"),
        ("my laptop is broken", "Laptops and new computers"),
        ("wifi", "Wi-Fi and warehouse network"),
        ("wi fi", "Wi-Fi and warehouse network"),
    ],
)
def test_text_filter_matches_any_word_and_ranks_by_how_many(
    browser: Browser, base_url: str, words: str, first: str
) -> None:
    page = visit(browser, base_url + CATALOGUE).page
    page.fill("#catalogue-text", words)
    expect(page.locator(".catalogue-card:visible h3").first).to_have_text(first)


def test_filters_come_from_the_address(browser: Browser, base_url: str, site: Site) -> None:
    page = visit(browser, base_url + CATALOGUE + "?audience=warehouse-staff&category=nonsense").page
    assert page.locator("#catalogue-audience").input_value() == "warehouse-staff"
    assert page.locator("#catalogue-category").input_value() == ""
    expect_cards(page, offered(site, audience="warehouse-staff"))


def test_without_javascript_every_card_shows_and_no_filter(browser: Browser, base_url: str, site: Site) -> None:
    page = visit(browser, base_url + CATALOGUE, java_script_enabled=False).page
    assert page.locator("form.catalogue-filter").is_hidden()
    expect_cards(page, offered(site))


def test_search_finds_a_service_by_a_synonym(browser: Browser, base_url: str) -> None:
    page = visit(browser, base_url).page
    assert "Desk phones" in search(page, "voicemail")
    page = visit(browser, base_url).page
    assert "Teams chat and meetings" in search(page, "webcam")


def test_video_plays_with_its_captions_track(browser: Browser, base_url: str) -> None:
    service = visit(browser, base_url + addresses.url(addresses.service("phishing-reporting")))
    page = service.page
    page.wait_for_function("document.querySelector('video').textTracks[0].cues?.length > 0", timeout=10_000)
    track = page.evaluate(
        """() => {
            const video = document.querySelector("video");
            const track = video.textTracks[0];
            return {kind: track.kind, first: track.cues[0].text, ready: video.readyState, error: video.error};
        }"""
    )
    assert track["kind"] == "captions"
    assert track["first"].startswith("Got a suspicious email?")
    assert track["ready"] >= 1 and track["error"] is None  # the file is a video Chromium can play
    assert service.console_errors == []


def test_every_catalogue_page_loads_without_errors_or_outside_requests(
    browser: Browser, base_url: str, site: Site
) -> None:
    pages = [addresses.SERVICES, addresses.BROCHURE, *(addresses.service(service) for service in site.services)]
    tour = visit(browser, base_url + addresses.url(pages[0]))  # one tab, page after page, as a reader would
    for source in pages[1:]:
        tour.page.goto(base_url + addresses.url(source), wait_until="networkidle")
    assert tour.console_errors == []
    assert tour.foreign_hosts == set()
